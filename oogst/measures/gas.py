"""Goal Attainment Scaling: the summary T-score of Kiresuk & Sherman (1968).

T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i^2) + rho * (sum w_i)^2)

Computed in Decimal so that worked examples with round numbers come out exact
(weights 3,5,1,4,2,6 at rho 0.3 give a denominator of exactly sqrt(196) = 14).
"""

from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from oogst.measures.model import DEFAULT_RHO, PARTIES, Goal, Rating
from oogst.measures.numbers import Number, to_decimal

LEVELS = range(-2, 3)
_CENT = Decimal("0.01")


def _validate(levels: Sequence[int], weights: Sequence[Decimal], rho: Decimal) -> None:
    for level in levels:
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            raise ValueError(f"GAS level must be an integer in -2..2, got {level!r}")
    if len(weights) != len(levels):
        raise ValueError(f"{len(levels)} levels but {len(weights)} weights")
    if any(w <= 0 for w in weights):
        raise ValueError("GAS weights must be greater than 0")
    if not Decimal(0) <= rho < Decimal(1):
        raise ValueError(f"rho must be in [0, 1), got {rho}")


def t_decimal(
    levels: Sequence[int], weights: Sequence[Number] | None = None, rho: Number = DEFAULT_RHO
) -> Decimal | None:
    """The unrounded T-score as a Decimal; None when there is nothing rated."""
    ws = [Decimal(1)] * len(levels) if weights is None else [to_decimal(w) for w in weights]
    r = to_decimal(rho)
    _validate(levels, ws, r)
    if not levels:
        return None
    weighted = sum((w * x for w, x in zip(ws, levels, strict=True)), Decimal(0))
    squares = sum((w * w for w in ws), Decimal(0))
    total = sum(ws, Decimal(0))
    denominator = ((1 - r) * squares + r * total * total).sqrt()
    return 50 + 10 * weighted / denominator


def t_score(
    levels: Sequence[int], weights: Sequence[Number] | None = None, rho: Number = DEFAULT_RHO
) -> float | None:
    """The T-score of one rater over its rated goals; 50 means "as expected"."""
    t = t_decimal(levels, weights, rho)
    return None if t is None else float(t)


def t_scores_by_rater(
    goals: Iterable[Goal], ratings: Iterable[Rating], rho: Number = DEFAULT_RHO
) -> dict[str, float | None]:
    """T per party (all three), each over the goals that party rated, rounded to 2 decimals.

    Ratings of goals not in `goals` are left out: a view without goals has no scale to
    weigh them by.
    """
    weight_of: Mapping[str, Decimal] = {g.key: to_decimal(g.weight) for g in goals}
    by_rater = levels_by_rater(ratings, known_goals=weight_of.keys())
    scores: dict[str, float | None] = {}
    for party in PARTIES:
        rated = by_rater.get(party, {})
        t = t_decimal(list(rated.values()), [weight_of[g] for g in rated], rho)
        scores[party] = None if t is None else float(t.quantize(_CENT, ROUND_HALF_UP))
    return scores


def levels_by_rater(
    ratings: Iterable[Rating], known_goals: Iterable[str]
) -> dict[str, dict[str, int]]:
    """rater -> {goal key: level}; a second rating of the same goal by the same rater is an
    error rather than a silent overwrite, since either choice would change the score."""
    known = set(known_goals)
    out: dict[str, dict[str, int]] = {}
    for rating in ratings:
        if rating.goal not in known:
            continue
        per_goal = out.setdefault(rating.rater, {})
        if rating.goal in per_goal:
            raise ValueError(f"{rating.rater} rated goal {rating.goal} twice")
        per_goal[rating.goal] = rating.level
    return out


Difference = tuple[str, str, int, str, int]


def level_differences(ratings: Iterable[Rating], min_gap: int = 2) -> list[Difference]:
    """Where two raters of the same goal lie `min_gap` levels or more apart.

    Each as (goal, rater_a, level_a, rater_b, level_b): goals in the order they first
    appear in `ratings`, and within a goal each pair of raters once, in the order client,
    coach, sponsor. A gap of two levels is where the closing conversation should ask why:
    one party saw "as expected" where another saw "much more" or "less".
    """
    if min_gap < 1:
        raise ValueError(f"min_gap must be at least 1, got {min_gap}")
    ratings = list(ratings)
    _validate([r.level for r in ratings], [Decimal(1)] * len(ratings), DEFAULT_RHO)
    goals = list(dict.fromkeys(r.goal for r in ratings))
    by_rater = levels_by_rater(ratings, known_goals=goals)
    raters = [p for p in PARTIES if p in by_rater] + sorted(set(by_rater) - set(PARTIES))
    found: list[Difference] = []
    for goal in goals:
        rated = [(p, by_rater[p][goal]) for p in raters if goal in by_rater[p]]
        for i, (a, level_a) in enumerate(rated):
            for b, level_b in rated[i + 1 :]:
                if abs(level_a - level_b) >= min_gap:
                    found.append((goal, a, level_a, b, level_b))
    return found
