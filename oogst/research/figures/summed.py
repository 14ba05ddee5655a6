"""The figures added up from the summary rows (`EngagementFigures`, see `rows`).

One aggregate query over the rows of the included engagements, plus one for the ROI
median. Each row holds its engagement's own counts, so the sums are the raw-table
figures; with k, a cell's engagements are the rows where its count is above zero.
"""

from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum

from oogst.engagements.models import Engagement
from oogst.measures.model import MEANINGS, PARTIES
from oogst.measures.pairs import DESIRABILITIES
from oogst.research.figures.cells import (
    ATTRIBUTION_EDGES,
    CLOSING_STATUSES,
    GAS_EDGES,
    ROI_EDGES,
    Cell,
    as_decimal,
)
from oogst.research.figures.histograms import attribution_cells, gas_cells, roi_figures, roi_median
from oogst.research.figures.shapes import (
    Attributed,
    Attribution,
    Figures,
    Gas,
    Meaning,
    Meanings,
    Roi,
)
from oogst.research.figures.tree import tree
from oogst.research.models import COUNT_COLUMNS, SUM_COLUMNS, EngagementFigures

#: The sums of one aggregate query, by name (see `_spec`); a missing sum is 0.
type Sums = dict[str, Any]


def from_summary(eng: QuerySet[Engagement], *, k: int | None) -> Figures[Cell]:
    """The raw-table figures of `eng`, added up from the summary rows."""
    rows = EngagementFigures.objects.filter(engagement_id__in=eng.values("pk"))
    a = {
        key.removeprefix("sum__"): (0 if value is None else value)
        for key, value in rows.aggregate(**_spec(k)).items()
    }
    return tree(
        int(a["total"]),
        res=_register(a),
        goals=_goals(a),
        desirability=_desirability(a),
        closing=_closing(a),
        gas=_gas(a),
        attribution=_attribution(a),
        roi=_roi(rows, a),
        meanings=_meanings(a),
    )


# ---------------------------------------------------------------- the one query


def _spec(k: int | None) -> dict[str, Any]:
    """The aggregates to ask for: sums, per cell its engagements (with k), the histograms."""
    spec: dict[str, Any] = {"total": Count("pk")}
    spec.update({f"sum__{c}": Sum(c) for c in (*COUNT_COLUMNS, *SUM_COLUMNS)})
    if k is not None:
        spec.update(_engagements_spec())
    spec["disagreeing"] = Count("pk", filter=Q(disagreements__gt=0))
    for status in CLOSING_STATUSES[:-1]:
        spec[f"closing_{status}"] = Count("pk", filter=Q(closing=status))
    spec["closing_any"] = Count("pk", filter=~Q(closing=""))
    for p in PARTIES:
        score = f"gas_{p}"
        spec[f"{score}__n"] = Count(score)
        spec[f"{score}__s"] = Sum(score)
        spec.update(_binned(score, GAS_EDGES))
    spec.update(_roi_spec())
    return spec


def _engagements_spec() -> dict[str, Count]:
    """Per cell, the rows (engagements) it is based on: those where its count is above 0."""
    spec = {f"{c}__e": Count("pk", filter=Q(**{f"{c}__gt": 0})) for c in COUNT_COLUMNS}
    spec["unlinked__e"] = Count("pk", filter=Q(results__gt=F("linked")))
    spec["goals_open__e"] = Count("pk", filter=Q(goals__gt=F("goals_achieved")))
    for p in PARTIES:
        judged = sum((F(f"d_{p}_{d}") for d in DESIRABILITIES[1:]), F(f"d_{p}_{DESIRABILITIES[0]}"))
        spec[f"unjudged_{p}__e"] = Count("pk", filter=Q(results__gt=judged))
    spec["unexpected__e"] = Count("pk", filter=Q(results__gt=F("expected")))
    return spec


def _roi_spec() -> dict[str, Count]:
    """The ROI bins: exactly -100 and below, then (-100, 0), then from the edges on."""
    spec = {"roi__n": Count("roi"), "roi__bin_0": Count("pk", filter=Q(roi__lte=ROI_EDGES[0]))}
    spec.update(_binned("roi", ROI_EDGES, first=2))
    low, high = Decimal(str(ROI_EDGES[0])), Decimal(str(ROI_EDGES[1]))
    spec["roi__bin_1"] = Count("pk", filter=Q(roi__gt=low, roi__lt=high))
    return spec


def _binned(column: str, edges: tuple[float, ...], *, first: int = 0) -> dict[str, Count]:
    """Counts per bin of `column` (bin i is [edges[i-1], edges[i])), from bin `first` on."""
    out: dict[str, Count] = {}
    for i in range(first, len(edges) + 1):
        q = Q()
        if i > 0:
            q &= Q(**{f"{column}__gte": Decimal(str(edges[i - 1]))})
        if i < len(edges):
            q &= Q(**{f"{column}__lt": Decimal(str(edges[i]))})
        if i == 0:
            q &= Q(**{f"{column}__isnull": False})
        out[f"{column}__bin_{i}"] = Count("pk", filter=q)
    return out


# ---------------------------------------------------------------- the cells from the sums


def _cell(a: Sums, name: str) -> Cell:
    return Cell(int(a[name]), a.get(f"{name}__e"))


def _register(a: Sums) -> dict[str, Cell]:
    n_results = int(a["results"])
    res = {c: _cell(a, c) for c in COUNT_COLUMNS}
    res["unexpected"] = Cell(n_results - int(a["expected"]), a.get("unexpected__e"))
    res["unlinked"] = Cell(n_results - int(a["linked"]), a.get("unlinked__e"))
    e_dis = int(a["disagreeing"])
    res["disagreements"] = Cell(int(a["disagreements"]), e_dis)
    res["engagements_with_disagreement"] = Cell(e_dis, e_dis)
    return res


def _goals(a: Sums) -> dict[str, Cell]:
    open_goals = int(a["goals"]) - int(a["goals_achieved"])
    return {
        "goals": _cell(a, "goals"),
        "goals_achieved": _cell(a, "goals_achieved"),
        "goals_open": Cell(open_goals, a.get("goals_open__e")),
    }


def _desirability(a: Sums) -> dict[str, dict[str, Cell]]:
    out: dict[str, dict[str, Cell]] = {}
    for p in PARTIES:
        sides = {d: _cell(a, f"d_{p}_{d}") for d in DESIRABILITIES}
        judged = sum(int(c.value or 0) for c in sides.values())
        sides["unjudged"] = Cell(int(a["results"]) - judged, a.get(f"unjudged_{p}__e"))
        out[p] = sides
    return out


def _closing(a: Sums) -> dict[str, Cell]:
    counts = {s: int(a[f"closing_{s}"]) for s in CLOSING_STATUSES[:-1]}
    counts["none"] = int(a["total"]) - int(a["closing_any"])
    return {s: Cell(c, c) for s, c in counts.items()}


def _gas(a: Sums) -> Gas[Cell]:
    bins = range(len(GAS_EDGES) + 1)
    return gas_cells(
        {
            p: (
                int(a[f"gas_{p}__n"]),
                as_decimal(a[f"gas_{p}__s"]),
                [int(a[f"gas_{p}__bin_{i}"]) for i in bins],
            )
            for p in PARTIES
        }
    )


def _attribution(a: Sums) -> Attribution[Cell]:
    parties: dict[str, Attributed[Cell]] = {}
    for p in PARTIES:
        n = int(a[f"f_{p}_n"])
        e = a.get(f"f_{p}_n__e")
        mean = None if not n else round(float(as_decimal(a[f"f_{p}_sum"]) / n), 3)
        parties[p] = {
            "judgements": Cell(n, e),
            "mean": Cell(mean, e),
            "counts": [_cell(a, f"f_{p}_bin_{i}") for i in range(len(ATTRIBUTION_EDGES) + 1)],
        }
    return attribution_cells(parties)


def _roi(rows: QuerySet[EngagementFigures], a: Sums) -> Roi[Cell]:
    """The ROI histogram from the sums; the median from the one or two middle rows."""
    n_roi = int(a["roi__n"])
    counts = [int(a[f"roi__bin_{i}"]) for i in range(len(ROI_EDGES) + 1)]
    median = None
    if n_roi:
        ordered = rows.filter(roi__isnull=False).order_by("roi").values_list("roi", flat=True)
        middle = [as_decimal(x) for x in ordered[(n_roi - 1) // 2 : n_roi // 2 + 1]]
        if middle:
            median = float(middle[0]) if n_roi % 2 else roi_median(middle)
    return roi_figures([], counts=counts, median=median)


def _meanings(a: Sums) -> Meanings[Cell]:
    by_meaning: dict[str, Meaning[Cell]] = {}
    for m in MEANINGS:
        named, diverging = int(a[f"m_{m}_named"]), int(a[f"m_{m}_diverging"])
        by_meaning[m] = {
            "named_in": Cell(named, named),
            "shared": Cell(named - diverging, named - diverging),
            "diverging": Cell(diverging, diverging),
            "by_party": {p: Cell(int(a[f"m_{m}_{p}"]), int(a[f"m_{m}_{p}"])) for p in PARTIES},
        }
    stated, divergent = int(a["stated"]), int(a["divergent"])
    return {
        "engagements": Cell(stated, stated),
        "divergent": Cell(divergent, divergent),
        "by_meaning": by_meaning,
    }
