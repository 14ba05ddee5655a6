"""The computed report of spec/engagement-format.md, as a JSON-ready dict.

The view passed in is already cut down to what one viewer may read (harvest.cut),
so nothing here decides access: it only computes over what it is given.
"""

from decimal import ROUND_HALF_UP, Decimal

from oogst.measures import agenda, alignment, gas, pairs, roi
from oogst.measures.model import DEFAULT_RHO, PARTIES, Closing, Engagement, Money
from oogst.measures.shapes import (
    Alignment,
    ClosingLine,
    Difference,
    Gas,
    GoalLine,
    Report,
    Roi,
)


def rounded(x: Decimal | None, places: int = 2) -> float | None:
    # Half up in Decimal, so 0.125 becomes 0.13 as a person would round it.
    if x is None:
        return None
    return float(x.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def plain_amount(x: Decimal | None) -> int | float | None:
    """An amount as the document gave it: 3600 stays 3600, not 3600.0."""
    if x is None:
        return None
    return int(x) if x == x.to_integral_value() else rounded(x)


def goals(view: Engagement) -> list[GoalLine]:
    by_goal = pairs.results_by_goal(view)
    levels = gas.levels_by_rater(view.attainment, known_goals=by_goal.keys())

    def attainment(goal: str) -> dict[str, int]:
        return {p: levels[p][goal] for p in PARTIES if goal in levels.get(p, {})}

    return [
        {
            "key": goal.key,
            "status": "achieved" if by_goal[goal.key] else "open",
            "results": by_goal[goal.key],
            "attainment": attainment(goal.key),
        }
        for goal in view.goals
    ]


def alignment_of(view: Engagement) -> Alignment:
    a = alignment.compute(view.expectations)
    return {
        "meanings": {p: list(m) for p, m in a.meanings.items()},
        "shared": list(a.shared),
        "divergent": a.divergent,
    }


def gas_of(view: Engagement) -> Gas:
    rho = view.contract.rho if view.contract is not None else DEFAULT_RHO
    scores = gas.t_scores_by_rater(view.goals, view.attainment, rho)
    return {
        "rho": float(rho),
        "client": scores["client"],
        "coach": scores["coach"],
        "sponsor": scores["sponsor"],
    }


def attainment_differences(view: Engagement) -> list[Difference]:
    """Goals on which two raters the viewer may see lie two levels or more apart, each with
    the levels of every rater of that goal the viewer may see (the whole picture for the
    closing conversation, not only the pair that differs most)."""
    known = {g.key for g in view.goals}
    ratings = [r for r in view.attainment if r.goal in known]
    differing = {d[0] for d in gas.level_differences(ratings, min_gap=2)}
    levels = gas.levels_by_rater(ratings, known_goals=known)
    return [
        {
            "goal": goal.key,
            "raters": {p: levels[p][goal.key] for p in PARTIES if goal.key in levels.get(p, {})},
        }
        for goal in view.goals
        if goal.key in differing
    ]


def roi_of(view: Engagement) -> Roi:
    costs: Money | None = view.contract.costs if view.contract is not None else None
    outcome = roi.compute(view.results, costs)
    return {
        "costs": plain_amount(outcome.costs),
        "benefits": rounded(outcome.benefits),
        "roi_percent": rounded(outcome.roi_percent),
        "bcr": rounded(outcome.bcr, 4),
        "counted": list(outcome.counted),
    }


def closing_of(closing: Closing | None) -> ClosingLine | None:
    if closing is None:
        return None
    return {
        "status": closing.status,
        "by": closing.by,
        "date": closing.date.isoformat() if closing.date is not None else None,
        "notes": closing.notes,
    }


def compute(view: Engagement, *, hidden: int) -> Report:
    """The report for whoever `view` was cut for; `hidden` counts the results cut away."""
    return {
        "goals": goals(view),
        "pairs": pairs.count(view),
        "alignment": alignment_of(view),
        "gas": gas_of(view),
        "roi": roi_of(view),
        "closing": closing_of(view.closing),
        "hidden": hidden,
        "agenda": agenda.build(view),
        "attainment_differences": attainment_differences(view),
    }
