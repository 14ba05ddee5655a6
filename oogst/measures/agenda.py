"""The agenda of the closing three-way conversation, built from the register.

Each item points at a goal or result worth talking through; the kinds come in a fixed
order so that the conversation starts with what was intended and ends with the question
the essay ends on: can this be attributed to coaching at all?
"""

from collections.abc import Callable, Container

from oogst.measures.model import Engagement, Result
from oogst.measures.pairs import is_disagreement, is_linked, results_by_goal
from oogst.measures.roi import FOR_ORGANISATION
from oogst.measures.shapes import AgendaItem

KINDS: tuple[str, ...] = (
    "open_goal",
    "unexpected",
    "disagreement",
    "organisation",
    "explicable",
    "attribution",
)

ResultTest = Callable[[Result, Container[str]], bool]

# Per result kind: does this result belong on the agenda under it? The second argument
# is the set of goal keys in the view, needed because hidden goals link nothing.
RESULT_KINDS: dict[str, ResultTest] = {
    "unexpected": lambda r, _goals: not r.expected,
    "disagreement": lambda r, _goals: is_disagreement(r),
    "organisation": lambda r, _goals: r.beneficiary in FOR_ORGANISATION,
    "explicable": lambda r, goals: r.evidence == "explicable" and is_linked(r, goals),
    "attribution": lambda r, _goals: not r.attribution,
}


def build(view: Engagement) -> list[AgendaItem]:
    """`[{kind, ref}]` in kind order, and within a kind in engagement order."""
    items: list[AgendaItem] = [
        {"kind": "open_goal", "ref": goal}
        for goal, results in results_by_goal(view).items()
        if not results
    ]
    goal_keys = {g.key for g in view.goals}
    for kind, belongs in RESULT_KINDS.items():
        items += [{"kind": kind, "ref": r.key} for r in view.results if belongs(r, goal_keys)]
    return items
