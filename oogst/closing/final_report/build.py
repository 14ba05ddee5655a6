"""Building the final report for one viewer from the policy-filtered harvest.

Everything comes from `harvest_for(engagement_id=, viewer=)`, the policy-filtered view and
the report computed over it, so the sponsor's copy holds nothing the sponsor may not read;
of what it may not read it only learns how many results there are. The only extra reads
are the conclusions, the parties present and the minutes of the closing conversation, and
only when the policy lets the viewer read the closing conversation (the view has it).
Strings are translated here, in the active language.
"""

from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.closing.final_report.parts import (
    ClosingPart,
    Excluded,
    FinalReport,
    GoalPart,
    Judgements,
    MinuteLine,
    PairTable,
    RoiLine,
    Side,
)
from oogst.closing.models import Minute
from oogst.closing.services.values import RoiBreakdown, roi_breakdown
from oogst.contracting.services.goals import smart_for, smart_language
from oogst.engagements.models import Engagement
from oogst.harvest import presenters
from oogst.harvest.agenda import KIND_LABELS, sponsor_perspective_missing
from oogst.harvest.cut import goals_readable, sponsor_view_of
from oogst.harvest.selectors import Harvest, harvest_for
from oogst.harvest.snapshot import sharing_undecided
from oogst.measures import model as m
from oogst.measures import roi
from oogst.measures.model import PARTIES
from oogst.policy import Facts, Party

ROI_REASONS = {
    roi.NO_COSTS: gettext_lazy("no costs agreed"),
    roi.NO_VALUE: gettext_lazy("no money value"),
    roi.OTHER_CURRENCY: gettext_lazy("another unit than the contract's currency"),
    roi.NOT_FOR_ORGANISATION: gettext_lazy("not for the organisation"),
    roi.NO_ATTRIBUTION: gettext_lazy("nobody estimated the share owed to the coaching"),
}


def final_report(
    *, engagement_id: int, viewer: Party | None, engagement: Engagement | None = None
) -> FinalReport:
    """The report as `viewer` may read it (None: the operator), in the active language;
    `engagement` as a page's frame read it, so that is not read again."""
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer, engagement=engagement)
    return from_harvest(harvest)


def from_harvest(harvest: Harvest) -> FinalReport:
    view, report = harvest.view, harvest.report
    party = str(harvest.viewer or "")
    page = presenters.page(
        view, report, viewer=party, undecided=sharing_undecided(harvest.engagement)
    )
    rows = page.register.rows
    lang = smart_language(harvest.engagement)
    goals = tuple(GoalPart(card=card, smart=smart_for(card.text, lang=lang)) for card in page.goals)
    outcome = roi.compute(view.results, view.contract.costs if view.contract else None)
    texts = {r.key: r.text for r in view.results}
    return FinalReport(
        engagement=harvest.engagement,
        engagement_id=harvest.engagement.pk,
        slug=slugify(harvest.engagement.title)[:60] or str(harvest.engagement.pk),
        viewer=party,
        viewer_name=view.parties[party].name if party in view.parties else "",
        lang=translation.get_language() or settings.LANGUAGE_CODE,
        made_on=timezone.localdate(),
        page=page,
        contract=view.contract,
        goals=goals,
        goals_hidden=not goals_readable(view, party),
        pairs=_pairs(rows),
        judgements=Judgements(rows=rows),
        disagreements=tuple(r for r in rows if r.disagreement),
        closing=_closing(harvest, {**texts, **{g.key: g.text for g in view.goals}}),
        roi=_roi(harvest),
        roi_lines=_roi_lines(view, outcome.counted),
        roi_excluded=tuple(
            Excluded(key=key, reason=str(ROI_REASONS.get(reason, reason)))
            for key, reason in outcome.excluded
            if reason != roi.NO_COSTS
        ),
    )


def _roi(harvest: Harvest) -> RoiBreakdown | None:
    if harvest.viewer is None:
        return None
    # As on paper nobody acts: a closed engagement's facts offer no "enter a value" link.
    facts = Facts(
        viewer=harvest.viewer, sponsor_view=sponsor_view_of(harvest.view.contract), closed=True
    )
    return roi_breakdown(
        harvest.view, engagement_id=harvest.engagement.pk, viewer=harvest.viewer, facts=facts
    )


def _roi_lines(view: m.Engagement, counted: tuple[str, ...]) -> tuple[RoiLine, ...]:
    lines = []
    for r in view.results:
        if r.key in counted and r.value is not None:
            lines.append(
                RoiLine(
                    key=r.key,
                    text=r.text,
                    value=r.value,
                    factor=roi.conservative_factor(r.attribution, r.value.amount),
                    benefit=roi.benefit(r.value, r.attribution),
                )
            )
    return tuple(lines)


def _pairs(rows: tuple[presenters.ResultRow, ...]) -> tuple[PairTable, ...]:
    def side(label: Any, keep: Any) -> Side:
        return Side(label=label, rows=tuple(r for r in rows if keep(r)))

    return (
        PairTable(
            1,
            _("Intended goal and achieved product"),
            (
                side(_("Achieves a goal of the contract"), lambda r: r.goals),
                side(_("Achieves no goal"), lambda r: not r.goals),
            ),
        ),
        PairTable(
            2,
            _("Expected and unexpected"),
            (
                side(_("Expected"), lambda r: r.expected),
                side(_("Unexpected"), lambda r: not r.expected),
            ),
        ),
        PairTable(
            4,
            _("For the client and for the organisation"),
            (
                side(_("For the client"), lambda r: r.beneficiary == "client"),
                side(_("For the organisation"), lambda r: r.beneficiary == "organisation"),
                side(_("For both"), lambda r: r.beneficiary == "both"),
            ),
        ),
        PairTable(
            5,
            _("Explicable and observable"),
            (
                side(_("Observable"), lambda r: r.evidence == "observable"),
                side(_("Explicable"), lambda r: r.evidence == "explicable"),
            ),
        ),
    )


def _closing(harvest: Harvest, texts: dict[str, str]) -> ClosingPart | None:
    # The view holds the closing conversation only when the policy lets the viewer read
    # it; its conclusions and minutes are read under the same condition.
    if harvest.view.closing is None:
        return None
    row = harvest.engagement.closing
    minutes = Minute.objects.filter(conversation=row).order_by("id")
    return ClosingPart(
        closing=harvest.view.closing,
        present=tuple(p for p in PARTIES if p in (row.present or [])),
        conclusions=row.conclusions,
        minutes=tuple(
            MinuteLine(
                label=str(KIND_LABELS.get(minute.kind, minute.kind)),
                ref=minute.ref,
                subject=texts[minute.ref],
                text=minute.text,
            )
            for minute in minutes
            # Minutes are about the agenda held with the sponsor; a ref the viewer may
            # not read (should one ever slip in) stays out with its text.
            if minute.ref in texts
        ),
        sponsor_missing=sponsor_perspective_missing(harvest.report),
    )
