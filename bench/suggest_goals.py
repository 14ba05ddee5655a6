"""Figures and timing of `oogst.results.suggest` over the hand-labelled results.

Run from the project root: `.venv/bin/python bench/suggest_goals.py [SET]`. Prints top-1
and top-2 accuracy and the precision and recall of "probably unexpected" per set (all,
nl, en, tuning, held-out, documents), the misses of SET (default: none listed), and how
long ranking takes. No Django and no database needed.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_started = time.perf_counter()
from oogst.results import suggest  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _started
from tests.results import suggest_accuracy as accuracy  # noqa: E402
from tests.results.suggest_cases import ENGAGEMENTS  # noqa: E402

ROUNDS = 5


def timings() -> str:
    cases = [(case.text, e.goals, e.lang) for e in ENGAGEMENTS for case in e.cases]
    started = time.perf_counter()
    suggest.rank(*cases[0])
    first = time.perf_counter() - started
    per_call = []
    for _ in range(ROUNDS):
        for text, goals, lang in cases:
            started = time.perf_counter()
            suggest.rank(text, goals, lang)
            per_call.append(time.perf_counter() - started)
    ms = sorted(t * 1000 for t in per_call)
    median, p95 = statistics.median(ms), ms[int(len(ms) * 0.95)]
    return (
        f"import (simplemma's nl and en dictionaries, the concept index): "
        f"{IMPORT_SECONDS * 1000:.0f} ms; first rank(): {first * 1000:.0f} ms\n"
        f"rank() over {len(cases)} results x {ROUNDS} rounds: "
        f"median {median:.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms"
    )


if __name__ == "__main__":
    misses = sys.argv[1] if len(sys.argv) > 1 else None
    print(accuracy.report(verbose=misses is not None, misses_of=misses or "all"))
    print()
    print(timings())
