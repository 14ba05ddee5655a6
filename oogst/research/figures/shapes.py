"""The shape of the research figures, as typed dicts.

`compute` returns `Figures[Cell]`: every figure a `Cell` with the engagements it is based
on. `finish` turns that into `Figures[Value]`, the same tree with plain values (None where
suppressed), and `stats` adds the request, the shares and the suppressed paths around it:
`ResearchStats`, which `oogst research stats --format json` prints. Maps keyed by a
vocabulary (parties, meanings, closing statuses, beneficiaries, evidence) stay `dict[str,
...]`; the keys are those of `oogst.measures`.
"""

from typing import Literal, NotRequired, TypedDict

#: A finished figure: a count, a mean or a median; None where it is suppressed.
type Value = int | float | None

#: The parties, as keys of `Desirability` (`PARTY_KEYS` equals `measures.model.PARTIES`).
type PartyKey = Literal["client", "coach", "sponsor"]
PARTY_KEYS: tuple[PartyKey, ...] = ("client", "coach", "sponsor")


class Bin(TypedDict):
    """A histogram bin: from `low` (inclusive) to `high` (exclusive); None is open."""

    low: float | None
    high: float | None
    only: NotRequired[float]  # the bin holds exactly this value (ROI: -100 %)


class IntendedAchieved[V](TypedDict):
    goals: V
    goals_achieved: V
    results_linked: V
    results_unlinked: V


class Expected[V](TypedDict):
    expected: V
    unexpected: V


class Desirability[V](TypedDict):
    """Per judging party its sides (desired, undesired, neutral, unjudged); the results
    one party judged desired and another undesired."""

    client: dict[str, V]
    coach: dict[str, V]
    sponsor: dict[str, V]
    disagreements: V


class Pairs[V](TypedDict):
    """The five pairs, as the per-engagement report's `pairs`, summed."""

    intended_achieved: IntendedAchieved[V]
    expected: Expected[V]
    desirability: Desirability[V]
    beneficiary: dict[str, V]
    evidence: dict[str, V]


class Reported[V](TypedDict):
    results: V
    unexpected: V


class Rater[V](TypedDict):
    engagements: V
    mean: V
    counts: list[V]


class Gas[V](TypedDict):
    bins: list[Bin]
    raters: dict[str, Rater[V]]


class Attributed[V](TypedDict):
    judgements: V
    mean: V
    counts: list[V]


class Attribution[V](TypedDict):
    bins: list[Bin]
    parties: dict[str, Attributed[V]]


class Roi[V](TypedDict):
    engagements: V
    median_percent: V
    bins: list[Bin]
    counts: list[V]


class Meaning[V](TypedDict):
    named_in: V
    shared: V
    diverging: V
    by_party: dict[str, V]


class Meanings[V](TypedDict):
    engagements: V
    divergent: V
    by_meaning: dict[str, Meaning[V]]


class Figures[V](TypedDict):
    """Every research figure, as `compute` gives it (V = Cell) or `finish` (V = Value)."""

    engagements: V
    results: V
    goals_open: V
    pairs: Pairs[V]
    reported: dict[str, Reported[V]]
    engagements_with_disagreement: V
    closing: dict[str, V]
    gas: Gas[V]
    attribution: Attribution[V]
    roi: Roi[V]
    meanings: Meanings[V]


class Rates(TypedDict):
    """Shares derived from the finished counts: None where a part is suppressed or zero."""

    unexpected_by_reporter: dict[str, float | None]
    unexpected: float | None
    undesired_by_party: dict[str, float | None]
    disagreement: float | None
    engagements_with_disagreement: float | None
    closing: dict[str, float | None]
    meanings_divergent: float | None


class ResearchStats(Figures[Value]):
    """What `aggregates.stats` returns and `oogst research stats --format json` prints."""

    k: int | None
    filters: dict[str, str | int]
    rates: Rates
    suppressed: list[str]
