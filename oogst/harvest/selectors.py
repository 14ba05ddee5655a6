"""The computed report and the harvest overview, each for one viewer."""

from dataclasses import dataclass
from typing import Any

from oogst.engagements.models import Engagement
from oogst.harvest.cut import visible_to
from oogst.harvest.snapshot import engagement_with_everything, snapshot
from oogst.measures import model as m
from oogst.measures import report
from oogst.policy import Party


@dataclass(frozen=True)
class Harvest:
    """What one viewer may read of one engagement, and what is computed over it."""

    engagement: Engagement
    viewer: Party | None
    view: m.Engagement  # already cut down by the policy
    hidden: int  # results that exist but this viewer may not read
    report: dict[str, Any]


def harvest_for(*, engagement_id: int, viewer: Party | None) -> Harvest:
    engagement = engagement_with_everything(engagement_id)
    view, hidden = visible_to(snapshot(engagement), viewer)
    return Harvest(
        engagement=engagement,
        viewer=viewer,
        view=view,
        hidden=hidden,
        report=report.compute(view, hidden=hidden),
    )


def report_for(*, engagement_id: int, viewer: Party | None) -> dict[str, Any]:
    """The computed report of spec/engagement-format.md for one viewer (None: operator)."""
    return harvest_for(engagement_id=engagement_id, viewer=viewer).report
