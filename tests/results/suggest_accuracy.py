"""How well `oogst.results.suggest` agrees with the hand labels of `suggest_cases`.

Run `python -m tests.results.suggest_accuracy [SET]` (or `bench/suggest_goals.py`, which
also times the ranking) to print the figures and the misses of SET (default all); no
Django needed. Besides the labelled cases, the set "documents" reads the project's own
demo engagements and the spec's example, whose results carry the goals their authors
linked: written by others, before this module, so the closest thing to fresh data.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from oogst.results import suggest
from tests.results.suggest_cases import ENGAGEMENTS, HELD_OUT, TUNING, Case, Engagement


@dataclass(frozen=True)
class Outcome:
    engagement: str
    lang: str
    case: Case
    ranking: tuple[suggest.Suggestion, ...]

    also: tuple[str, ...] = ()  # further goals the result achieves (documents only)

    @property
    def top1(self) -> bool:
        return self.case.goal is not None and self.ranking[0].goal in self.goals

    @property
    def top2(self) -> bool:
        return self.case.goal is not None and bool(self.goals & {s.goal for s in self.ranking[:2]})

    @property
    def goals(self) -> set[str | None]:
        return {self.case.goal, *self.also}

    @property
    def flagged(self) -> bool:
        return suggest.likely_unexpected(self.ranking)


@dataclass(frozen=True)
class Figures:
    cases: int  # labelled with a goal
    top1: float
    top2: float
    unexpected: int  # labelled None
    precision: float  # of the results flagged unexpected, the share labelled None
    recall: float  # of the results labelled None, the share flagged


def outcomes(engagements: Iterable[Engagement]) -> list[Outcome]:
    return [
        Outcome(e.name, e.lang, case, tuple(suggest.rank(case.text, e.goals, e.lang)))
        for e in engagements
        for case in e.cases
    ]


ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = (
    *sorted((ROOT / "oogst" / "interchange" / "demo").glob("*.json")),
    ROOT / "tests" / "spec_copies" / "example.json",
)


def document_outcomes() -> list[Outcome]:
    """The results of the demo engagements and the spec's example, ranked (language
    detected, as the command does)."""
    found = []
    for path in DOCUMENTS:
        document = json.loads(path.read_text(encoding="utf-8"))
        goals = [
            suggest.GoalText(
                g["key"],
                g["text"],
                tuple(
                    v for _, v in sorted((g.get("scale") or {}).items(), key=lambda kv: int(kv[0]))
                ),
            )
            for g in document["goals"]
        ]
        for result in document["results"]:
            linked = tuple(result["goals"])
            case = Case(result["text"], linked[0] if linked else None)
            ranking = tuple(suggest.rank(result["text"], goals))
            found.append(Outcome(path.stem, document["language"], case, ranking, linked[1:]))
    return found


def figures(found: Sequence[Outcome]) -> Figures:
    linked = [o for o in found if o.case.goal is not None]
    unlinked = [o for o in found if o.case.goal is None]
    flagged = [o for o in found if o.flagged]
    return Figures(
        cases=len(linked),
        top1=_share(o.top1 for o in linked),
        top2=_share(o.top2 for o in linked),
        unexpected=len(unlinked),
        precision=_share(o.case.goal is None for o in flagged),
        recall=_share(o.flagged for o in unlinked),
    )


def _share(hits: Iterable[bool]) -> float:
    values = list(hits)
    return sum(values) / len(values) if values else 0.0


def subsets() -> dict[str, list[Outcome]]:
    every = outcomes(ENGAGEMENTS)
    held = {e.name for e in HELD_OUT}
    return {
        "all": every,
        "nl": [o for o in every if o.lang == "nl"],
        "en": [o for o in every if o.lang == "en"],
        "tuning": [o for o in every if o.engagement in {e.name for e in TUNING}],
        "held-out": [o for o in every if o.engagement in held],
        "documents": document_outcomes(),
    }


def report(verbose: bool = True, misses_of: str = "all") -> str:
    lines = [
        f"{'set':<9} {'goal':>5} {'top-1':>7} {'top-2':>7} {'none':>5} {'prec':>7} {'recall':>7}"
    ]
    table = subsets()
    for name, found in table.items():
        f = figures(found)
        lines.append(
            f"{name:<9} {f.cases:>5} {f.top1:>7.1%} {f.top2:>7.1%} {f.unexpected:>5} "
            f"{f.precision:>7.1%} {f.recall:>7.1%}"
        )
    if verbose:
        for o in table[misses_of]:
            if (o.case.goal is not None and not o.top1) or (o.case.goal is None) != o.flagged:
                best = ", ".join(f"{s.goal} {s.score:.2f}" for s in o.ranking[:3])
                why = "/".join(o.ranking[0].matched[:4])
                lines.append(
                    f"miss [{o.engagement}] want {o.case.goal}: {best} ({why}) {o.case.text[:70]}"
                )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    print(report(misses_of=sys.argv[1] if len(sys.argv) > 1 else "all"))
