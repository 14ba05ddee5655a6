"""End reports (eindverslagen): each party writes its own, as a draft, then submits it.

A draft lives in `EndReport.draft` and is saved as the person types; nobody else reads
it (the policy reads a report of another party only once it is submitted). Submitting
makes the report final and turns every result line into a row of the register, in one
transaction.

The draft's shape (the model documents it too):

    {"goals": {goal key: {"text": str, "results": [str, ...]}},
     "other": {"text": str, "results": [str, ...]},
     "summary": str}

Result lines are kept as typed, empty rows included, so a reloaded page shows the rows
the person had open. On submission the lines are trimmed, empty ones dropped, and each
section gains `"keys"`: the register key of each line's result, in the same order.
"""

import re
from dataclasses import dataclass, replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Goal
from oogst.contracting.selectors import facts_for
from oogst.engagements.models import Engagement
from oogst.engagements.selectors import party_in
from oogst.policy import Content, Facts, Party
from oogst.results.models import EndReport, Judgement, Result
from oogst.results.wording import ReportWords, report_words
from oogst.vocabulary import Beneficiary, Desirability, Evidence, Meaning, Source

TEXT_MAX_LENGTH = 10_000
LINE_MAX_LENGTH = 500
LINES_MAX = 40
OTHER = "other"
KEY_PATTERN = re.compile(r"^R(\d+)$")


# ---------------------------------------------------------------- the draft's shape


def goals_for(*, engagement_id: int, party: Party, facts: Facts | None = None) -> list[Goal]:
    """The goals a party reports on: all of them, or none where it may not read goals.
    `facts`: the party's, when the caller has them already."""
    if facts is None:
        facts = facts_for(engagement_id=engagement_id, party=party)
    if not policy.may_read(Content.GOALS, facts):
        return []
    return list(Goal.objects.filter(engagement_id=engagement_id).order_by("position", "id"))


def _text(value: Any, field: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError({field: _("This should be text.")}, code="invalid")
    if len(value) > TEXT_MAX_LENGTH:
        raise ValidationError(
            {
                field: _("Keep this under %(limit)s characters (it has %(n)s).")
                % {"limit": TEXT_MAX_LENGTH, "n": len(value)}
            },
            code="max_length",
        )
    return value


def _lines(value: Any, field: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise ValidationError({field: _("Results should be a list of lines.")}, code="invalid")
    if len(value) > LINES_MAX:
        raise ValidationError(
            {field: _("At most %(limit)s results per part of the report.") % {"limit": LINES_MAX}},
            code="max_lines",
        )
    for number, line in enumerate(value, start=1):
        if len(line) > LINE_MAX_LENGTH:
            raise ValidationError(
                {
                    field: _(
                        "Result %(number)s is too long: keep a result under %(limit)s "
                        "characters and say more in the text above."
                    )
                    % {"number": number, "limit": LINE_MAX_LENGTH}
                },
                code="line_too_long",
            )
    return list(value)


def _section(value: Any, field: str) -> dict[str, Any]:
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise ValidationError({field: _("This part of the report is malformed.")}, code="invalid")
    return {
        "text": _text(value.get("text"), f"{field}-text"),
        "results": _lines(value.get("results"), f"{field}-result"),
    }


def draft_clean(draft: Any, *, goal_keys: list[str]) -> dict[str, Any]:
    """A draft in the documented shape, or a ValidationError keyed by the form's names.

    Goal keys the party does not report on are dropped; so is anything else unknown.
    """
    if not isinstance(draft, dict):
        raise ValidationError(_("The report could not be read."), code="invalid")
    goals = draft.get("goals") or {}
    if not isinstance(goals, dict):
        raise ValidationError(_("The report could not be read."), code="invalid")
    return {
        "goals": {key: _section(goals[key], f"goal-{key}") for key in goal_keys if key in goals},
        OTHER: _section(draft.get(OTHER), OTHER),
        "summary": _text(draft.get("summary"), "summary"),
    }


def _filled(section: dict[str, Any]) -> list[str]:
    return [line.strip() for line in section.get("results", []) if line.strip()]


def draft_is_empty(draft: dict[str, Any]) -> bool:
    sections = [*draft.get("goals", {}).values(), draft.get(OTHER, {})]
    return not (draft.get("summary") or "").strip() and not any(
        (s.get("text") or "").strip() or _filled(s) for s in sections
    )


# ---------------------------------------------------------------- writes


def _require_own(party: Party, *, engagement_id: int) -> None:
    facts = facts_for(engagement_id=engagement_id, party=party)
    if not policy.may_write(Content.END_REPORT, replace(facts, author=party)):
        raise PermissionDenied


def _already_submitted(report: EndReport) -> ValidationError:
    when = timezone.localtime(report.submitted_at)
    return ValidationError(
        _("This end report was already submitted on %(date)s; it can no longer change.")
        % {"date": date_format(when, "DATETIME_FORMAT")},
        code="submitted",
    )


def end_report_save_draft(
    *, engagement: Engagement, party: Party, draft: dict[str, Any]
) -> EndReport:
    """Save what `party` has typed so far in its own end report (never another's)."""
    _require_own(party, engagement_id=engagement.pk)
    keys = [g.key for g in goals_for(engagement_id=engagement.pk, party=party)]
    cleaned = draft_clean(draft, goal_keys=keys)
    with transaction.atomic():
        # Write first, read after: autosaves overlap, and on SQLite a transaction that
        # reads and then writes fails at once when another one writes, while one that
        # starts with a write waits its turn. `draft_clean` did the draft's validation.
        updated = EndReport.objects.filter(
            engagement=engagement, party=party, submitted_at__isnull=True
        ).update(draft=cleaned, updated_at=timezone.now())
        report = EndReport.objects.filter(engagement=engagement, party=party).first()
        if report is None:
            report = EndReport(engagement=engagement, party=party, draft=cleaned)
            report.full_clean()
            report.save()
        elif not updated:
            raise _already_submitted(report)
        else:  # `update` sends no signal; whoever keeps figures of end reports listens
            post_save.send(sender=EndReport, instance=report, created=False, update_fields=None)
    return report


def _next_key_and_position(engagement: Engagement) -> tuple[int, int]:
    rows = Result.objects.filter(engagement=engagement).values_list("key", "position")
    numbers = [int(m.group(1)) for key, _p in rows if (m := KEY_PATTERN.match(key))]
    position = Result.objects.filter(engagement=engagement).aggregate(p=Max("position"))["p"]
    return max(numbers, default=0) + 1, (position or 0) + 1


def _record(
    *, report: EndReport, party: Party, text: str, goal: Goal | None, key: str, position: int
) -> Result:
    result = Result(
        engagement=report.engagement,
        key=key,
        position=position,
        text=text,
        reported_by=party,
        source=Source.END_REPORT,
        meaning=Meaning.EFFECT,
        expected=goal is not None,
        beneficiary=Beneficiary.ORGANISATION if party == Party.SPONSOR else Beneficiary.CLIENT,
        evidence=Evidence.EXPLICABLE,
        shared_with_sponsor=False,
        sharing_undecided=policy.consent_applies(party),
        end_report=report,
    )
    result.full_clean()
    result.save()
    if goal is not None:
        result.goals.set([goal])
    judgement = Judgement(result=result, party=party, desirability=Desirability.DESIRED)
    judgement.full_clean()
    judgement.save()
    return result


@transaction.atomic
def end_report_submit(*, engagement: Engagement, party: Party, person: User) -> EndReport:
    """Make `party`'s end report final and put each of its result lines in the register.

    Per-goal lines achieve that goal and are expected; the others are unexpected. Every
    result starts as the reporting party's view: meaning effect, explicable, for the
    client (the organisation, when the sponsor reports it), desired by the reporter, and
    not shared with the sponsor until the client decides so ("not decided yet").
    """
    _require_own(party, engagement_id=engagement.pk)
    if party_in(person=person, engagement_id=engagement.pk) != party:
        raise PermissionDenied
    report = (
        EndReport.objects.select_for_update()
        .select_related("engagement")
        .filter(engagement=engagement, party=party)
        .first()
    )
    if report is not None and report.submitted:
        raise _already_submitted(report)
    goals = goals_for(engagement_id=engagement.pk, party=party)
    draft = draft_clean(report.draft if report else {}, goal_keys=[g.key for g in goals])
    if report is None or draft_is_empty(draft):
        raise ValidationError(
            _("Your end report is empty. Write what the engagement yielded before submitting."),
            code="empty",
        )
    # Lock the engagement's register while keys are handed out.
    Engagement.objects.select_for_update().filter(pk=engagement.pk).first()
    number, position = _next_key_and_position(engagement)
    final: dict[str, Any] = {"goals": {}, "summary": draft["summary"].strip()}
    sections: list[tuple[str, Goal | None]] = [(g.key, g) for g in goals if g.key in draft["goals"]]
    for name, goal in [*sections, (OTHER, None)]:
        section = draft["goals"][name] if goal else draft[OTHER]
        lines, keys = _filled(section), []
        for line in lines:
            key = f"R{number}"
            _record(report=report, party=party, text=line, goal=goal, key=key, position=position)
            keys.append(key)
            number, position = number + 1, position + 1
        kept = {"text": section["text"].strip(), "results": lines, "keys": keys}
        if goal:
            final["goals"][name] = kept
        else:
            final[OTHER] = kept
    report.draft = final
    report.summary = final["summary"]
    report.submitted_at = timezone.now()
    report.full_clean()
    report.save(update_fields=["draft", "summary", "submitted_at", "updated_at"])
    return report


# ---------------------------------------------------------------- reads


@dataclass(frozen=True)
class Line:
    text: str
    key: str = ""  # the register key, once submitted and readable by the viewer


@dataclass(frozen=True)
class Section:
    key: str  # a goal key, or "other"
    goal_text: str
    text: str
    lines: tuple[Line, ...]

    @property
    def is_goal(self) -> bool:
        return self.key != OTHER


@dataclass(frozen=True)
class ReportView:
    """One party's end report, as the viewer may read it."""

    party: str
    name: str
    report: EndReport | None
    sections: tuple[Section, ...]
    summary: str

    @property
    def submitted(self) -> bool:
        return self.report is not None and self.report.submitted

    @property
    def words(self) -> ReportWords:
        return report_words(self.party)

    @property
    def heading(self) -> str:
        return str(self.words.by) % {"name": self.name}


@dataclass(frozen=True)
class EndReportPage:
    viewer: Party
    parties: tuple[str, ...]  # the parties this engagement has
    own: ReportView
    goals: tuple[Goal, ...]  # the goals the viewer reports on
    others: tuple[ReportView, ...]  # submitted reports of others the viewer may read
    waiting: tuple[str, ...]  # other parties whose submitted report the viewer would read
    others_confidential: bool  # the viewer reads no other party's report at all

    @property
    def words(self) -> ReportWords:
        return report_words(self.viewer)

    @property
    def has_sponsor(self) -> bool:
        return Party.SPONSOR in self.parties

    @property
    def own_is_empty(self) -> bool:
        return not self.own.sections and not self.own.summary.strip()

    @property
    def own_result_count(self) -> int:
        return sum(len(s.lines) for s in self.own.sections)


def _sections(
    draft: dict[str, Any], goals: list[Goal], readable_keys: set[str]
) -> tuple[Section, ...]:
    by_key = draft.get("goals", {})
    result = []
    for key, goal_text, section in [
        *[(g.key, g.text, by_key.get(g.key, {})) for g in goals],
        (OTHER, "", draft.get(OTHER, {})),
    ]:
        texts = list(section.get("results", []))
        keys = [*section.get("keys", []), *[""] * len(texts)]
        lines = tuple(
            Line(text=text, key=k if k in readable_keys else "")
            for text, k in zip(texts, keys, strict=False)
            if text.strip()
        )
        text = section.get("text", "")
        if text.strip() or lines:
            result.append(Section(key=key, goal_text=goal_text, text=text, lines=lines))
    return tuple(result)


def _readable_result_keys(engagement_id: int, facts: Facts) -> set[str]:
    rows = Result.objects.filter(engagement_id=engagement_id).values_list(
        "key", "reported_by", "shared_with_sponsor"
    )
    return {
        key
        for key, reported_by, shared in rows
        if policy.may_read(
            Content.RESULT, replace(facts, author=Party(reported_by), shared_with_sponsor=shared)
        )
    }


def end_report_page(frame: StageFrame) -> EndReportPage:
    """The viewer's own report (draft or final) and the others' it may read, by the policy."""
    engagement_id, viewer, facts = frame.engagement.pk, frame.party, frame.facts
    reports = {r.party: r for r in EndReport.objects.filter(engagement_id=engagement_id)}
    names = frame.names
    goals = goals_for(engagement_id=engagement_id, party=viewer, facts=facts)
    readable = _readable_result_keys(engagement_id, facts)
    own_report = reports.get(viewer)
    own = ReportView(
        party=viewer,
        name=names.get(viewer, ""),
        report=own_report,
        sections=_sections(own_report.draft, goals, readable) if own_report else (),
        summary=own_report.draft.get("summary", "") if own_report else "",
    )
    others, waiting = [], []
    present = frame.present
    for party in present:
        about = replace(facts, author=Party(party))
        if party == viewer or not policy.may_read(
            Content.END_REPORT, replace(about, submitted=True)
        ):
            continue  # the viewer's own, or a party whose reports the viewer never reads
        report = reports.get(party)
        # A draft is nobody else's business: the policy reads others' reports once submitted.
        if report is None or not policy.may_read(
            Content.END_REPORT, replace(about, submitted=report.submitted)
        ):
            waiting.append(party)
            continue
        others.append(
            ReportView(
                party=party,
                name=names.get(party, ""),
                report=report,
                sections=_sections(report.draft, goals, readable),
                summary=report.summary,
            )
        )
    confidential = not any(
        policy.may_read(Content.END_REPORT, replace(facts, author=Party(p), submitted=True))
        for p in Party
        if p != viewer
    )
    return EndReportPage(
        viewer=viewer,
        parties=tuple(present),
        own=own,
        goals=tuple(goals),
        others=tuple(others),
        waiting=tuple(waiting),
        others_confidential=confidential,
    )
