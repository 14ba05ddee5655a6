"""The shape of the computed report (spec/engagement-format.md), for the type checker.

Fixed keys are `TypedDict`s; what is keyed by a party, a goal or a side of a distinction
stays a `dict[str, ...]`, as the report itself leaves open which of those appear.
"""

from collections.abc import Mapping
from typing import TypedDict, cast


class GoalLine(TypedDict):
    key: str
    status: str  # "achieved" (a result is linked) or "open"
    results: list[str]
    attainment: dict[str, int]  # level by rater


class IntendedAchieved(TypedDict):
    goals: int
    goals_achieved: int
    results_linked: int
    results_unlinked: int


class Expectedness(TypedDict):
    expected: int
    unexpected: int


class Desirability(TypedDict):
    """Per party, the count of results by its judgement (with "unjudged")."""

    client: dict[str, int]
    coach: dict[str, int]
    sponsor: dict[str, int]
    disagreements: list[str]  # the keys of results one party desired and another not


class Pairs(TypedDict):
    intended_achieved: IntendedAchieved
    expected: Expectedness
    desirability: Desirability
    beneficiary: dict[str, int]
    evidence: dict[str, int]


class Alignment(TypedDict):
    meanings: dict[str, list[str]]  # by party
    shared: list[str]
    divergent: bool


class Roi(TypedDict):
    costs: int | float | None
    benefits: float | None
    roi_percent: float | None
    bcr: float | None
    counted: list[str]


class ClosingLine(TypedDict):
    status: str
    by: str | None
    date: str | None
    notes: str


class AgendaItem(TypedDict):
    kind: str
    ref: str


class Difference(TypedDict):
    goal: str
    raters: dict[str, int]  # level by rater


class Gas(TypedDict):
    rho: float
    client: float | None  # the T-score over what the rater rated; None: nothing rated
    coach: float | None
    sponsor: float | None


def t_score(gas: Gas, party: str) -> float | None:
    """The T-score of `party` (a party's name held in a variable)."""
    return cast(Mapping[str, float | None], gas).get(party)


def tally(desirability: Desirability, party: str) -> dict[str, int]:
    """The desirability counts of `party` (a party's name held in a variable)."""
    return cast(Mapping[str, dict[str, int]], desirability)[party]


class Report(TypedDict):
    goals: list[GoalLine]
    pairs: Pairs
    alignment: Alignment
    gas: Gas
    roi: Roi
    closing: ClosingLine | None
    hidden: int
    agenda: list[AgendaItem]
    attainment_differences: list[Difference]
