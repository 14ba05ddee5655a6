"""Agreement of the SMART check with the hand labels in `smart_goals`, for M and T.

Run `python -m tests.contracting.smart_accuracy` to print the figures (no Django needed).
"""

from collections.abc import Sequence

from oogst.contracting import smart
from tests.contracting.smart_goals import FRESH, GOALS, Goal

LABELLED = ("M", "T")


def agreement(goals: Sequence[Goal], letter: str) -> float:
    """The share of goals on which the detector's verdict for `letter` equals the label."""
    hits = sum(_verdict(goal, letter) == _label(goal, letter) for goal in goals)
    return hits / len(goals)


def disagreements(goals: Sequence[Goal], letter: str) -> list[Goal]:
    return [goal for goal in goals if _verdict(goal, letter) != _label(goal, letter)]


def _verdict(goal: Goal, letter: str) -> bool:
    return getattr(smart.check(goal.text, goal.lang), letter).ok


def _label(goal: Goal, letter: str) -> bool:
    return goal.m if letter == "M" else goal.t


def subsets() -> dict[str, list[Goal]]:
    return {
        "all": GOALS,
        "nl": [g for g in GOALS if g.lang == "nl"],
        "en": [g for g in GOALS if g.lang == "en"],
        "fresh": FRESH,
    }


def report() -> str:
    lines = [f"{'set':<6} {'goals':>5} {'M':>7} {'T':>7}"]
    for name, goals in subsets().items():
        m, t = (agreement(goals, letter) for letter in LABELLED)
        lines.append(f"{name:<6} {len(goals):>5} {m:>7.1%} {t:>7.1%}")
    for letter in LABELLED:
        for goal in disagreements(GOALS, letter):
            lines.append(f"differs on {letter} ({goal.lang}): {goal.text}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report())
