"""Register counts: how the visible results fall on each side of the five pairs.

Everything here counts what is in the view it is given; the view is already cut down to
what one viewer may read, so a goal can be open to the sponsor and achieved to the client.
"""

from collections.abc import Container, Iterable

from oogst.measures.model import Engagement, Result
from oogst.measures.shapes import Desirability, IntendedAchieved, Pairs

DESIRABILITIES: tuple[str, ...] = ("desired", "undesired", "neutral")
BENEFICIARIES: tuple[str, ...] = ("client", "organisation", "both")
EVIDENCE: tuple[str, ...] = ("observable", "explicable")


def is_linked(result: Result, goal_keys: Container[str]) -> bool:
    """Whether the result links to a goal in the view (hidden goals link nothing)."""
    return any(k in goal_keys for k in result.goals)


def results_by_goal(view: Engagement) -> dict[str, list[str]]:
    """goal key -> keys of the visible results linked to it, both in engagement order."""
    linked: dict[str, list[str]] = {g.key: [] for g in view.goals}
    for result in view.results:
        for key in dict.fromkeys(result.goals):  # a repeated link counts once
            if key in linked:
                linked[key].append(result.key)
    return linked


def is_disagreement(result: Result) -> bool:
    """One party judged the result desired and another undesired."""
    judged = set(result.desirability.values())
    return "desired" in judged and "undesired" in judged


def disagreements(results: Iterable[Result]) -> list[str]:
    return [r.key for r in results if is_disagreement(r)]


def _tally(values: Iterable[str], sides: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(sides, 0)
    for value in values:
        counts[value] += 1  # an unknown value is a bug upstream: let it raise
    return counts


def intended_achieved(view: Engagement) -> IntendedAchieved:
    by_goal = results_by_goal(view)
    goal_keys = {g.key for g in view.goals}
    linked = sum(1 for r in view.results if is_linked(r, goal_keys))
    return {
        "goals": len(view.goals),
        "goals_achieved": sum(1 for keys in by_goal.values() if keys),
        "results_linked": linked,
        "results_unlinked": len(view.results) - linked,
    }


def desirability(results: Iterable[Result]) -> Desirability:
    results = list(results)

    # Always all three parties: an absent sponsor is itself worth showing as unjudged.
    def of(party: str) -> dict[str, int]:
        return _tally(
            (r.desirability.get(party, "unjudged") for r in results),
            (*DESIRABILITIES, "unjudged"),
        )

    return {
        "client": of("client"),
        "coach": of("coach"),
        "sponsor": of("sponsor"),
        "disagreements": disagreements(results),
    }


def count(view: Engagement) -> Pairs:
    """The `pairs` object of the computed report."""
    results = view.results
    return {
        "intended_achieved": intended_achieved(view),
        "expected": {
            "expected": sum(1 for r in results if r.expected),
            "unexpected": sum(1 for r in results if not r.expected),
        },
        "desirability": desirability(results),
        "beneficiary": _tally((r.beneficiary for r in results), BENEFICIARIES),
        "evidence": _tally((r.evidence for r in results), EVIDENCE),
    }
