"""The computed report and the harvest overview, each for one viewer."""

from collections.abc import Sequence
from dataclasses import dataclass

from oogst.engagements.models import Engagement
from oogst.harvest.cut import visible_to
from oogst.harvest.snapshot import engagement_with_everything, prefetch_everything, snapshot
from oogst.measures import model as m
from oogst.measures import report
from oogst.measures.shapes import Report
from oogst.policy import Party


@dataclass(frozen=True)
class Harvest:
    """What one viewer may read of one engagement, and what is computed over it."""

    engagement: Engagement
    viewer: Party | None
    view: m.Engagement  # already cut down by the policy
    hidden: int  # results that exist but this viewer may not read
    report: Report


def harvest_for(
    *, engagement_id: int, viewer: Party | None, engagement: Engagement | None = None
) -> Harvest:
    """What `viewer` may read of the engagement. A page passes `engagement` as its frame
    read it, so what the frame read (the parties, the contract) is not read again."""
    return harvests_for(engagement_id=engagement_id, viewers=(viewer,), engagement=engagement)[0]


def harvests_for(
    *,
    engagement_id: int,
    viewers: Sequence[Party | None],
    engagement: Engagement | None = None,
) -> list[Harvest]:
    """One harvest per viewer from a single read of the engagement (a page that shows what
    the sponsor sees beside what the viewer sees reads the database once)."""
    if engagement is None:
        engagement = engagement_with_everything(engagement_id)
    else:
        prefetch_everything(engagement)
    whole = snapshot(engagement)
    return [_cut(engagement, whole, viewer) for viewer in viewers]


def _cut(engagement: Engagement, whole: m.Engagement, viewer: Party | None) -> Harvest:
    view, hidden = visible_to(whole, viewer)
    return Harvest(
        engagement=engagement,
        viewer=viewer,
        view=view,
        hidden=hidden,
        report=report.compute(view, hidden=hidden),
    )


def report_for(*, engagement_id: int, viewer: Party | None) -> Report:
    """The computed report of spec/engagement-format.md for one viewer (None: operator)."""
    return harvest_for(engagement_id=engagement_id, viewer=viewer).report
