"""One engagement's summary row (`EngagementFigures`), computed from the raw tables.

The same definitions as the raw-table figures (`raw_register`, `raw_measures`: the same
conditions and scores, run grouped by engagement), so that adding the rows up gives those
figures. `figures_from_scratch` runs each step below over a chunk of engagements at once:
a fixed number of queries per chunk, whatever its size.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum

from oogst.closing.models import ClosingConversation
from oogst.contracting.models import Expectation, Goal
from oogst.measures.model import MEANINGS, PARTIES
from oogst.measures.pairs import DESIRABILITIES
from oogst.research.figures.cells import as_decimal
from oogst.research.figures.conditions import (
    achieved_goal,
    attributed,
    attribution_bin,
    counted_judgements,
    counted_results,
    disagreeing,
    linked_result,
    register_conditions,
)
from oogst.research.figures.scores import gas_scores, roi_percents
from oogst.research.models import COUNT_COLUMNS

#: One summary row's columns and values (as `EngagementFigures` takes them).
type Row = dict[str, Any]
#: Per engagement id its row, which each step fills in part of.
type Rows = dict[int, Row]

_MICRO = Decimal("0.000001")


def figures_from_scratch(ids: list[int]) -> Rows:
    """The summary rows of these engagements, computed from the raw tables."""
    rows = {e: _blank() for e in ids}
    for step in _STEPS:
        step(ids, rows)
    return rows


def _blank() -> Row:
    return {
        **dict.fromkeys(COUNT_COLUMNS, 0),
        **{f"f_{p}_sum": Decimal(0) for p in PARTIES},
        **{f"gas_{p}": None for p in PARTIES},
        "closing": "",
        "roi": None,
    }


def _register(ids: list[int], rows: Rows) -> None:
    """The result counts, and how many results are linked to a goal."""
    cells = {**register_conditions(), "linked": Q(linked_result())}
    spec = {f"n_{name}": Count("pk", filter=q) for name, q in cells.items()}
    per_engagement = (
        counted_results().filter(engagement_id__in=ids).values("engagement").annotate(**spec)
    )
    for counted in per_engagement:
        rows[int(counted["engagement"])].update(
            {k[2:]: v for k, v in dict(counted).items() if k.startswith("n_")}
        )


def _disagreements(ids: list[int], rows: Rows) -> None:
    """Results one party judged desired and another undesired."""
    for found in disagreeing(counted_judgements().filter(result__engagement_id__in=ids)):
        rows[found["result__engagement"]]["disagreements"] += 1


def _desirability(ids: list[int], rows: Rows) -> None:
    """Per judging party, its results judged desired, undesired and neutral."""
    judged = (
        counted_judgements()
        .filter(result__engagement_id__in=ids, desirability__in=DESIRABILITIES)
        .values("result__engagement", "party", "desirability")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for side in judged:
        if side["party"] in PARTIES:
            column = f"d_{side['party']}_{side['desirability']}"
            rows[side["result__engagement"]][column] = side["n"]


def _goals(ids: list[int], rows: Rows) -> None:
    """Goals, and how many of them have a result linked."""
    goals = (
        Goal.objects.filter(engagement_id__in=ids)
        .values("engagement")
        .annotate(goals=Count("pk"), goals_achieved=Count("pk", filter=Q(achieved_goal())))
        .order_by()
    )
    for goal in goals:
        rows[int(goal["engagement"])].update(
            goals=goal["goals"], goals_achieved=goal["goals_achieved"]
        )


def _closing(ids: list[int], rows: Rows) -> None:
    """The status of the closing conversation ("": none recorded)."""
    conversations = ClosingConversation.objects.filter(engagement_id__in=ids)
    for e, status in conversations.values_list("engagement_id", "status"):
        rows[e]["closing"] = status


def _gas(ids: list[int], rows: Rows) -> None:
    """Each rater's GAS T-score."""
    for e, rater, t in gas_scores(ids):
        if rater in PARTIES:
            rows[e][f"gas_{rater}"] = t


def _attribution(ids: list[int], rows: Rows) -> None:
    """Per party: its judgements with an attribution, per bin, and the sum of the factors."""
    binned = (
        attributed(counted_judgements().filter(result__engagement_id__in=ids))
        .annotate(bin=attribution_bin())
        .values("result__engagement", "party", "bin")
        .annotate(n=Count("pk"), s=Sum("f"))
        .order_by()
    )
    for r in binned:
        p = r["party"]
        if p not in PARTIES:
            continue
        row = rows[r["result__engagement"]]
        row[f"f_{p}_bin_{r['bin']}"] += r["n"]
        row[f"f_{p}_n"] += r["n"]
        row[f"f_{p}_sum"] = (row[f"f_{p}_sum"] + as_decimal(r["s"])).quantize(_MICRO)


def _roi(ids: list[int], rows: Rows) -> None:
    """The ROI %, where costs were agreed."""
    for e, roi in roi_percents(ids).items():
        rows[e]["roi"] = roi


def _named(ids: list[int]) -> tuple[dict[int, int], dict[int, dict[str, set[str]]]]:
    """Per engagement: how many parties state an expectation; per meaning, who names it."""
    stating: dict[int, int] = {}
    named: dict[int, dict[str, set[str]]] = {}
    for e, party, meanings in Expectation.objects.filter(engagement_id__in=ids).values_list(
        "engagement_id", "party", "meanings"
    ):
        stating[e] = stating.get(e, 0) + 1
        for meaning in meanings if isinstance(meanings, list) else []:
            named.setdefault(e, {}).setdefault(str(meaning), set()).add(party)
    return stating, named


def _meanings(ids: list[int], rows: Rows) -> None:
    """As `raw_measures.meanings`, per engagement: the stating parties are those with an
    expectation (one row each); a meaning diverges when fewer parties name it than state;
    the engagement diverges when any meaning named in it does."""
    stating, named = _named(ids)
    for e, p in stating.items():
        row = rows[e]
        row["stated"] = 1
        per = named.get(e, {})
        row["divergent"] = int(any(len(parties) < p for parties in per.values()))
        for meaning in MEANINGS:
            parties = per.get(meaning)
            if parties is None:
                continue
            row[f"m_{meaning}_named"] = 1
            row[f"m_{meaning}_diverging"] = int(len(parties) < p)
            for party in PARTIES:
                row[f"m_{meaning}_{party}"] = int(party in parties)


#: The steps, in the order they run (each fills its own columns).
_STEPS: tuple[Callable[[list[int], Rows], None], ...] = (
    _register,
    _disagreements,
    _desirability,
    _goals,
    _closing,
    _gas,
    _attribution,
    _roi,
    _meanings,
)
