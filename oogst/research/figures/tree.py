"""The figures put together, then finished: small groups suppressed, shares derived.

`tree` is the one place that says where each figure sits in the answer, for both ways of
counting (the raw tables and the summary rows).
"""

from typing import cast

from oogst.measures.model import PARTIES
from oogst.measures.pairs import BENEFICIARIES, DESIRABILITIES, EVIDENCE
from oogst.research.figures.cells import CLOSING_STATUSES, Cell
from oogst.research.figures.shapes import (
    PARTY_KEYS,
    Attribution,
    Figures,
    Gas,
    Meanings,
    Pairs,
    Rates,
    Roi,
    Value,
)


def _pairs(
    res: dict[str, Cell], goals: dict[str, Cell], desirability: dict[str, dict[str, Cell]]
) -> Pairs[Cell]:
    """The five pairs, as the per-engagement report's `pairs`."""
    return {
        "intended_achieved": {
            "goals": goals["goals"],
            "goals_achieved": goals["goals_achieved"],
            "results_linked": res["linked"],
            "results_unlinked": res["unlinked"],
        },
        "expected": {"expected": res["expected"], "unexpected": res["unexpected"]},
        "desirability": {
            "client": desirability["client"],
            "coach": desirability["coach"],
            "sponsor": desirability["sponsor"],
            "disagreements": res["disagreements"],
        },
        "beneficiary": {b: res[f"beneficiary_{b}"] for b in BENEFICIARIES},
        "evidence": {e: res[f"evidence_{e}"] for e in EVIDENCE},
    }


def tree(
    total: int,
    *,
    res: dict[str, Cell],
    goals: dict[str, Cell],
    desirability: dict[str, dict[str, Cell]],
    closing: dict[str, Cell],
    gas: Gas[Cell],
    attribution: Attribution[Cell],
    roi: Roi[Cell],
    meanings: Meanings[Cell],
) -> Figures[Cell]:
    """Every figure in its place, from the parts counted one way or the other."""
    return {
        "engagements": Cell(total, total),
        "results": res["results"],
        # Not in the report's `pairs`; a figure of its own for the same reason as "shared".
        "goals_open": goals["goals_open"],
        "pairs": _pairs(res, goals, desirability),
        "reported": {
            p: {"results": res[f"reported_{p}"], "unexpected": res[f"unexpected_{p}"]}
            for p in PARTIES
        },
        "engagements_with_disagreement": res["engagements_with_disagreement"],
        "closing": closing,
        "gas": gas,
        "attribution": attribution,
        "roi": roi,
        "meanings": meanings,
    }


def finish(tree: Figures[Cell], *, k: int | None, total: int) -> tuple[Figures[Value], list[str]]:
    """Cells to plain values; with k, cells of fewer than k engagements become None.

    When the whole selection has fewer than k engagements (but some), every figure is
    suppressed, zeros included: a zero about three engagements says something about them.
    """
    hidden: list[str] = []
    everything = k is not None and 0 < total < k

    def walk(node: object, path: str) -> object:
        if isinstance(node, Cell):
            e = node.engagements
            if k is not None and (everything or (e is not None and 0 < e < k)):
                hidden.append(path)
                return None
            return node.value
        if isinstance(node, dict):
            return {key: walk(v, f"{path}.{key}" if path else key) for key, v in node.items()}
        if isinstance(node, list):
            return [walk(v, f"{path}.{i}") for i, v in enumerate(node)]
        return node

    # The walk keeps the shape and puts each cell's value (or None) in its place.
    return cast("Figures[Value]", walk(tree, "")), hidden


def _share(part: object, whole: object) -> float | None:
    if not isinstance(part, int | float) or not isinstance(whole, int | float) or not whole:
        return None
    return round(part / whole, 4)


def _undesired(sides: dict[str, Value]) -> float | None:
    """The share of undesired among the results a party judged (None if a side is hidden)."""
    parts = [sides[s] for s in DESIRABILITIES]
    counted = [x for x in parts if isinstance(x, int)]
    judged = sum(counted) if len(counted) == len(parts) else None
    return _share(sides["undesired"], judged)


def rates(plain: Figures[Value]) -> Rates:
    """Shares derived from the (already suppressed) counts: None where either part is."""
    pairs, total = plain["pairs"], plain["engagements"]
    desirability = pairs["desirability"]
    reported = plain["reported"]
    return {
        "unexpected_by_reporter": {
            p: _share(reported[p]["unexpected"], reported[p]["results"]) for p in PARTIES
        },
        "unexpected": _share(pairs["expected"]["unexpected"], plain["results"]),
        "undesired_by_party": {p: _undesired(desirability[p]) for p in PARTY_KEYS},
        "disagreement": _share(desirability["disagreements"], plain["results"]),
        "engagements_with_disagreement": _share(plain["engagements_with_disagreement"], total),
        "closing": {s: _share(plain["closing"][s], total) for s in CLOSING_STATUSES},
        "meanings_divergent": _share(
            plain["meanings"]["divergent"], plain["meanings"]["engagements"]
        ),
    }
