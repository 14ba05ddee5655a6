"""The ROI and the value page as one viewer reads them, from that viewer's harvest.

The computation is `closing.services.values.roi_breakdown` (pure, over the view); here it
gets the viewer's cut of the engagement, so it covers exactly what the viewer may read.
"""

from dataclasses import dataclass, replace

from oogst import policy
from oogst.closing.services.values import RoiBreakdown, roi_breakdown, value_facts
from oogst.contracting.selectors import facts_for
from oogst.engagements.frame import Frame
from oogst.engagements.models import Engagement
from oogst.harvest.selectors import harvest_for
from oogst.measures import model as m
from oogst.policy import Content, Facts, Party


def roi_for(*, engagement_id: int, viewer: Party, links: bool = True) -> RoiBreakdown:
    """The ROI breakdown for one party, from its own harvest (so over what it may read).

    `links` False: a preview of another party's view, where nobody acts, so no line
    offers to enter a value.
    """
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer)
    facts = facts_for(engagement_id=engagement_id, party=viewer)
    if not links:
        facts = replace(facts, closed=True)  # may_write is False for every line
    return roi_breakdown(harvest.view, engagement_id=engagement_id, viewer=viewer, facts=facts)


@dataclass(frozen=True)
class ValuePage:
    engagement: Engagement  # title and organisation, for the page's frame
    result: m.Result  # as the viewer may read it
    currency: str
    may_edit_result: bool  # the reporter may mark it observable on the result's own page
    facts: Facts  # the viewer's facts about this result's value
    roi: RoiBreakdown


def value_page(frame: Frame, key: str) -> ValuePage | None:
    """The value page of one result for the frame's viewer; None when it may not read the
    result (or there is none), so the view answers 404 for both alike. The ROI beside it
    covers the whole register, so this reads the viewer's whole harvest."""
    engagement_id, viewer, facts = frame.engagement.pk, frame.party, frame.facts
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer, engagement=frame.engagement)
    found = next((r for r in harvest.view.results if r.key == key), None)
    if found is None:
        return None
    costs = harvest.view.contract.costs if harvest.view.contract is not None else None
    contract = getattr(harvest.engagement, "contract", None)
    currency = costs.currency if costs else (contract.currency if contract else "")
    return ValuePage(
        engagement=harvest.engagement,
        result=found,
        currency=currency,
        may_edit_result=policy.may_write(
            Content.RESULT, replace(facts, author=Party(found.reported_by))
        ),
        facts=value_facts(
            facts, reported_by=found.reported_by, shared_with_sponsor=found.shared_with_sponsor
        ),
        roi=roi_breakdown(harvest.view, engagement_id=engagement_id, viewer=viewer, facts=facts),
    )
