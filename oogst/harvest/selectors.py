"""The computed report and the harvest overview, each for one viewer."""

from collections.abc import Sequence
from dataclasses import dataclass

from oogst.engagements.models import Engagement
from oogst.harvest.cut import visible_to
from oogst.harvest.snapshot import (
    Withdrawn,
    engagement_with_everything,
    prefetch_everything,
    snapshot_with_withdrawn,
)
from oogst.harvest.withdrawn import withdrawn_visible_to
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
    hidden: int  # results that exist but this viewer may not read (withdrawn ones too)
    report: Report
    # The withdrawn results this viewer may read: not in `view`, counted in nothing.
    withdrawn: tuple[Withdrawn, ...] = ()


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
    whole, withdrawn = snapshot_with_withdrawn(engagement)
    return [_cut(engagement, whole, withdrawn, viewer) for viewer in viewers]


def _cut(
    engagement: Engagement,
    whole: m.Engagement,
    withdrawn: tuple[Withdrawn, ...],
    viewer: Party | None,
) -> Harvest:
    view, hidden = visible_to(whole, viewer)
    # A withdrawn result the viewer may not read stays among the hidden ones, so that a
    # withdrawal changes nothing for whoever never read the result.
    readable, hidden_withdrawn = withdrawn_visible_to(withdrawn, whole, viewer)
    hidden += hidden_withdrawn
    return Harvest(
        engagement=engagement,
        viewer=viewer,
        view=view,
        hidden=hidden,
        report=report.compute(view, hidden=hidden),
        withdrawn=readable,
    )


def report_for(*, engagement_id: int, viewer: Party | None) -> Report:
    """The computed report of spec/engagement-format.md for one viewer (None: operator)."""
    return harvest_for(engagement_id=engagement_id, viewer=viewer).report
