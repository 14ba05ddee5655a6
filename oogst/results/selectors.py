"""Plain reads of the results register for one viewer, each asking the policy.

The pages a person sees are built from the viewer's harvest (`harvest.result_page`), one
layer up; these are the reads the write side needs: may this party read, edit or share
this result, which goals may it link to, what does the client still have to decide.
"""

from dataclasses import dataclass, replace
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oogst import policy
from oogst.contracting.models import Goal
from oogst.contracting.phrasing import PARTY_SUBJECT
from oogst.contracting.selectors import facts_for
from oogst.policy import Content, Facts, Party
from oogst.results import suggest
from oogst.results.models import EndReport, Judgement, Result


def may_read_result(*, result: Result, party: Party | None) -> bool:
    """Whether `party` may read this result (and so every judgement on it)."""
    if party is None:
        return True
    facts = Facts(
        viewer=party,
        author=Party(result.reported_by),
        shared_with_sponsor=result.shared_with_sponsor,
    )
    return policy.may_read(Content.RESULT, facts)


def may_edit_result(*, result: Result, party: Party) -> bool:
    facts = facts_for(engagement_id=result.engagement_id, party=party)
    return policy.may_write(Content.RESULT, replace(facts, author=Party(result.reported_by)))


def may_consent(*, result: Result, party: Party) -> bool:
    """Whether `party` decides if the sponsor reads this result (the sponsor's own: nobody)."""
    facts = facts_for(engagement_id=result.engagement_id, party=party)
    return policy.may_share_result(replace(facts, author=Party(result.reported_by)))


def sharing_to_decide(*, engagement_id: int, facts: Facts) -> list[Result]:
    """For the one who decides (the client): results whose sharing she has not decided
    yet (new ones, and those that went back to "not decided" when a sponsor joined an
    engagement that had none). Nothing while there is no sponsor to decide for, and
    nothing about a withdrawn result: it is kept from the sponsor until it is restored."""
    if not policy.may_share_result(facts):
        return []
    return list(
        Result.objects.filter(
            engagement_id=engagement_id, sharing_undecided=True, withdrawn_at__isnull=True
        ).only("key", "text")
    )


def nobody_to_share_with(facts: Facts) -> bool:
    """Whether the viewer would decide what the sponsor reads, but there is no sponsor."""
    return not facts.has_sponsor and policy.may_share_result(replace(facts, has_sponsor=True))


def readable_result(*, engagement_id: int, key: str, party: Party) -> Result | None:
    """The result with this key if `party` may read it; None whether missing or hidden."""
    result = (
        Result.objects.select_related("engagement")
        .prefetch_related("goals")
        .filter(engagement_id=engagement_id, key=key)
        .first()
    )
    if result is None or not may_read_result(result=result, party=party):
        return None
    return result


def goals_to_link(*, engagement_id: int, facts: Facts) -> list[Goal]:
    """The goals the viewer may link a result to: those it may read, in contract order."""
    if not policy.may_read(Content.GOALS, facts):
        return []
    return list(Goal.objects.filter(engagement_id=engagement_id).order_by("position", "id"))


def own_judgement(*, result: Result, party: Party) -> Judgement | None:
    return Judgement.objects.filter(result=result, party=party).first()


@dataclass(frozen=True)
class GoalSuggestion:
    goal: Goal
    score: float  # 0..1
    matched: tuple[str, ...]  # the words and concepts result and goal share


MAX_SUGGESTIONS = 3
MIN_WORDS_FOR_UNEXPECTED = 4  # while the first words are typed, nothing is "unexpected" yet


def goal_suggestions(
    *, engagement_id: int, facts: Facts, text: str
) -> tuple[list[GoalSuggestion], bool]:
    """The goals the viewer may link, best fit for the result's text first, and whether
    the result is probably unexpected (no goal fits). Advisory: the party decides."""
    text = text.strip()
    goals = goals_to_link(engagement_id=engagement_id, facts=facts)
    if not text or not goals:
        return [], False
    ranked = suggest.rank(
        text,
        [
            suggest.GoalText(g.key, g.text, tuple(g.scale[k] for k in sorted(g.scale)))
            for g in goals
        ],
    )
    if suggest.likely_unexpected(ranked):
        return [], len(text.split()) >= MIN_WORDS_FOR_UNEXPECTED
    by_key = {g.key: g for g in goals}
    return [
        GoalSuggestion(goal=by_key[s.goal], score=s.score, matched=s.matched)
        for s in ranked[:MAX_SUGGESTIONS]
        if s.score > 0
    ], False


# ---------------------------------------------------------------- before a goal is deleted


def goal_references(*, goal: Goal, facts: Facts) -> list[str]:
    """What of the register refers to `goal`, as reasons it stays (asked through
    `contracting.signals.goal_references`): the results linked to it, withdrawn ones too
    (they are kept as they were), and each end report that says something about it. Named
    only as far as the viewer may read them."""
    return [*_linked_results(goal, facts), *_end_reports_about(goal, facts)]


def _linked_results(goal: Goal, facts: Facts) -> list[str]:
    linked = Result.objects.filter(goals=goal).order_by("position", "id")
    readable = [r for r in linked if may_read_result(result=r, party=facts.viewer)]
    current = [r.key for r in readable if not r.withdrawn]
    withdrawn = [r.key for r in readable if r.withdrawn]
    hidden = len(linked) - len(readable)
    reasons = []
    if current:
        reasons.append(
            ngettext(
                "Result %(keys)s is linked to this goal.",
                "Results %(keys)s are linked to this goal.",
                len(current),
            )
            % {"keys": ", ".join(current)}
        )
    if withdrawn:
        reasons.append(
            ngettext(
                "Withdrawn result %(keys)s is still linked to this goal.",
                "Withdrawn results %(keys)s are still linked to this goal.",
                len(withdrawn),
            )
            % {"keys": ", ".join(withdrawn)}
        )
    if hidden:
        reasons.append(
            ngettext(
                "A result you cannot read is linked to this goal.",
                "%(count)s results you cannot read are linked to this goal.",
                hidden,
            )
            % {"count": hidden}
        )
    return reasons


def _speaks_of(section: Any) -> bool:
    """Whether a part of an end report has anything typed in it. An empty part is only
    the form's frame; saving the draft again drops the part of a goal that is gone."""
    if not isinstance(section, dict):
        return False
    lines = section.get("results") or []
    return bool(str(section.get("text") or "").strip()) or any(str(line).strip() for line in lines)


def _end_reports_about(goal: Goal, facts: Facts) -> list[str]:
    reasons = []
    reports = EndReport.objects.filter(engagement_id=goal.engagement_id).order_by("id")
    for report in reports:
        if not _speaks_of((report.draft.get("goals") or {}).get(goal.key)):
            continue
        party = Party(report.party)
        about = replace(facts, author=party, submitted=report.submitted)
        if party == facts.viewer:
            reasons.append(_("Your end report says something about this goal."))
        elif policy.may_read(Content.END_REPORT, about):
            reasons.append(
                _("The end report of %(party)s says something about this goal.")
                % {"party": str(PARTY_SUBJECT[party])}
            )
        else:
            # A draft is read by its writer alone: say no more than that there is something.
            reasons.append(
                _("%(party)s has written something about this goal that only they can read.")
                % {"party": capfirst(str(PARTY_SUBJECT[party]))}
            )
    return reasons
