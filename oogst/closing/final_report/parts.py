"""The parts of the final report, as built for one viewer (see `build`)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from oogst.closing.services.values import RoiBreakdown
from oogst.contracting.services.goals import SmartLetter
from oogst.engagements.models import Engagement
from oogst.harvest import presenters
from oogst.measures import model as m


@dataclass(frozen=True)
class GoalPart:
    card: presenters.GoalCard  # text, status, and the scale with each visible rater's level
    smart: tuple[SmartLetter, ...]

    @property
    def smart_ok(self) -> int:
        return sum(s.ok for s in self.smart)


@dataclass(frozen=True)
class Side:
    label: Any
    rows: tuple[presenters.ResultRow, ...]


@dataclass(frozen=True)
class PairTable:
    number: int
    title: Any
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Judgements:
    """Pair 3 is judged per party: one row per result with each party's judgement."""

    rows: tuple[presenters.ResultRow, ...]


@dataclass(frozen=True)
class MinuteLine:
    label: str  # the agenda kind's heading
    ref: str
    subject: str  # the goal's or result's text as the viewer reads it
    text: str


@dataclass(frozen=True)
class ClosingPart:
    closing: m.Closing
    present: tuple[str, ...]
    conclusions: str
    minutes: tuple[MinuteLine, ...]
    sponsor_missing: bool  # nothing about the organisation was discussed with the sponsor


@dataclass(frozen=True)
class RoiLine:
    key: str
    text: str
    value: m.Value
    factor: Decimal  # the least favourable share * confidence
    benefit: Decimal


@dataclass(frozen=True)
class Excluded:
    key: str
    reason: str


@dataclass(frozen=True)
class FinalReport:
    engagement: Engagement  # title and organisation for the site's frame; no content
    engagement_id: int
    slug: str
    viewer: str  # "" for the operator
    viewer_name: str
    lang: str
    made_on: dt.date
    page: presenters.Page
    contract: m.Contract | None
    goals: tuple[GoalPart, ...]
    goals_hidden: bool  # the contract keeps the goals from this sponsor
    pairs: tuple[PairTable, ...]
    judgements: Judgements
    disagreements: tuple[presenters.ResultRow, ...]
    closing: ClosingPart | None
    roi: RoiBreakdown | None  # result by result (closing/_roi.html); None: the operator
    roi_lines: tuple[RoiLine, ...]  # the operator's plainer table
    roi_excluded: tuple[Excluded, ...]

    @property
    def rows(self) -> tuple[presenters.ResultRow, ...]:
        return self.page.register.rows

    @property
    def filename(self) -> str:
        return f"oogst-{self.slug}-{self.viewer or 'operator'}.pdf"
