"""Practice research in figures: aggregates over the included engagements.

Everything is counted by the database (a dozen aggregate queries, whatever the number of
engagements); Python only turns per-group rows into T-scores and ROI percentages and
sorts them into bins. The counts follow the per-engagement report's semantics
(`oogst.measures.pairs`, the operator's view), summed: `stats(k=None)["pairs"]` equals
the sum of `report_for(engagement_id=e, viewer=None)["pairs"]` over the included
engagements, with `disagreements` as a count instead of a list of result keys.

Small groups: every figure is a `Cell` carrying how many engagements it is based on.
`stats(k=...)` replaces a cell based on at least one but fewer than k engagements by
None and lists its path under "suppressed"; when the whole selection is smaller than k,
every figure is suppressed. With `k=None` (the operator's command line) nothing is.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)

from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, Expectation, Goal
from oogst.engagements.models import Engagement
from oogst.measures.model import DEFAULT_RHO, MEANINGS, PARTIES
from oogst.measures.pairs import BENEFICIARIES, DESIRABILITIES, EVIDENCE
from oogst.research.selectors import included_engagements
from oogst.results.models import Judgement, Result

CLOSING_STATUSES: tuple[str, ...] = ("held", "declined", "not_held", "planned", "none")
# T-score bins of width 10 centred on 50 ("as expected"); the ends are open.
GAS_EDGES: tuple[float, ...] = (25, 35, 45, 55, 65, 75)
# share x confidence, 0..1 in fifths; 1.0 falls in the last bin.
ATTRIBUTION_EDGES: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8)
# ROI %: -100 exactly means nothing counted as benefit.
ROI_EDGES: tuple[float, ...] = (-100, 0, 100, 300)
_CENT = Decimal("0.01")
_DEC = DecimalField(max_digits=20, decimal_places=6)


@dataclass(frozen=True)
class Filters:
    """The research filters, as `included_engagements` takes them."""

    since: dt.date | None = None
    until: dt.date | None = None
    sector: str | None = None
    sessions_min: int | None = None
    sessions_max: int | None = None
    topic: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in asdict(self).items()
            if v not in (None, "")
        }


@dataclass(frozen=True)
class Cell:
    """One figure and the number of engagements it is based on (None: not counted)."""

    value: int | float | None
    engagements: int | None


# ---------------------------------------------------------------- bins


def bin_index(x: float, edges: tuple[float, ...]) -> int:
    """Which of len(edges)+1 bins x falls in: bin i is [edges[i-1], edges[i])."""
    for i, edge in enumerate(edges):
        if x < edge:
            return i
    return len(edges)


def roi_bin(x: float) -> int:
    """ROI bins: exactly -100 (no counted benefit), below 0, 0..100, 100..300, 300 and up."""
    if x <= ROI_EDGES[0]:
        return 0
    return bin_index(x, ROI_EDGES)


def bins_of(edges: tuple[float, ...]) -> list[dict[str, float | None]]:
    """[{"low", "high"}] for the bins between and around `edges` (None: open end)."""
    lows: list[float | None] = [None, *edges]
    highs: list[float | None] = [*edges, None]
    return [{"low": lo, "high": hi} for lo, hi in zip(lows, highs, strict=True)]


# ---------------------------------------------------------------- the queries


def _engagements_of(row: Mapping[str, object]) -> int | None:
    """The distinct engagement count of a grouped row, when it was asked for (key "e")."""
    e = row.get("e")
    return None if e is None else int(str(e))


def _exists_judgement(**kw: Any) -> Exists:
    return Exists(Judgement.objects.filter(result=OuterRef("pk"), **kw))


def _counted(qs: QuerySet[Any], cells: dict[str, Q | None], *, per: str, k: int | None) -> dict:
    """One aggregate query: per cell the row count and, when k is given, the engagements."""
    spec: dict[str, Any] = {}
    for name, q in cells.items():
        spec[f"{name}__n"] = Count("pk", filter=q)
        if k is not None:
            spec[f"{name}__e"] = Count(per, distinct=True, filter=q)
    row = qs.aggregate(**spec)
    return {name: Cell(row[f"{name}__n"], row.get(f"{name}__e")) for name in cells}


def _linked_count(links: QuerySet[Any], field: str) -> int:
    """How many distinct `field` values a many-to-many link table holds."""
    return int(links.aggregate(n=Count(field, distinct=True))["n"])


def _disagreements(eng: QuerySet[Engagement]) -> tuple[int, int]:
    """Results one party judged desired and another undesired, and their engagements.

    One grouped pass over the judgements (a party judges a result once, so two distinct
    sides among desired/undesired means both occur) instead of two lookups per result.
    """
    per_result = (
        Judgement.objects.filter(
            result__engagement__in=eng, desirability__in=("desired", "undesired")
        )
        .values("result", "result__engagement")
        .annotate(sides=Count("desirability", distinct=True))
        .filter(sides=2)
        .order_by()
    )
    row = per_result.aggregate(n=Count("result"), e=Count("result__engagement", distinct=True))
    return int(row["n"]), int(row["e"])


def _results(eng: QuerySet[Engagement], k: int | None) -> dict[str, Cell]:
    """The register counts: one pass over the results, plus the links and the disagreements.

    Without k only plain counts are needed, and each comes from a single grouped scan.
    With k every cell also needs the engagements it is based on, which for "linked",
    "unlinked" and "unjudged" means a lookup per result (the research pages, not the
    operator's command line, pay for that).
    """
    results = Result.objects.filter(engagement__in=eng)
    cells: dict[str, Q | None] = {
        "results": None,
        "expected": Q(expected=True),
        "unexpected": Q(expected=False),
        **{f"beneficiary_{b}": Q(beneficiary=b) for b in BENEFICIARIES},
        **{f"evidence_{e}": Q(evidence=e) for e in EVIDENCE},
        **{f"reported_{p}": Q(reported_by=p) for p in PARTIES},
        **{f"unexpected_{p}": Q(reported_by=p, expected=False) for p in PARTIES},
    }
    if k is not None:
        linked = Exists(Result.goals.through.objects.filter(result_id=OuterRef("pk")))
        cells.update(linked=Q(linked), unlinked=~Q(linked))
        for p in PARTIES:
            judged = _exists_judgement(party=p, desirability__in=DESIRABILITIES)
            cells[f"unjudged_{p}"] = ~Q(judged)
    out = _counted(results, cells, per="engagement", k=k)
    if k is None:
        links = Result.goals.through.objects.filter(result__engagement__in=eng)
        n_linked = _linked_count(links, "result")
        out["linked"] = Cell(n_linked, None)
        out["unlinked"] = Cell(int(out["results"].value or 0) - n_linked, None)
    n, e = _disagreements(eng)
    out["disagreements"] = Cell(n, e)
    # The disagreement rate per engagement is a figure of its own.
    out["engagements_with_disagreement"] = Cell(e, e)
    return out


def _desirability(
    eng: QuerySet[Engagement], results: Cell, unjudged: dict[str, Cell | None], k: int | None
) -> dict[str, Any]:
    rows = (
        Judgement.objects.filter(result__engagement__in=eng, desirability__in=DESIRABILITIES)
        .values("party", "desirability")
        .annotate(
            n=Count("pk"),
            **({"e": Count("result__engagement", distinct=True)} if k is not None else {}),
        )
        .order_by()
    )
    found = {(r["party"], r["desirability"]): Cell(r["n"], _engagements_of(r)) for r in rows}
    out: dict[str, Any] = {}
    for party in PARTIES:
        sides = {s: found.get((party, s), Cell(0, 0)) for s in DESIRABILITIES}
        judged = sum(int(c.value or 0) for c in sides.values())
        rest = unjudged.get(party)
        sides["unjudged"] = Cell(
            int(results.value or 0) - judged, rest.engagements if rest is not None else None
        )
        out[party] = sides
    return out


def _goals(eng: QuerySet[Engagement], k: int | None) -> dict[str, Cell]:
    """Goals, and how many are achieved (linked to a result) or open; see `_results`."""
    goals = Goal.objects.filter(engagement__in=eng)
    if k is not None:
        achieved = Exists(Result.goals.through.objects.filter(goal_id=OuterRef("pk")))
        cells: dict[str, Q | None] = {
            "goals": None,
            "goals_achieved": Q(achieved),
            "goals_open": ~Q(achieved),
        }
        return _counted(goals, cells, per="engagement", k=k)
    total = goals.count()
    links = Result.goals.through.objects.filter(goal__engagement__in=eng)
    n_achieved = _linked_count(links, "goal")
    return {
        "goals": Cell(total, None),
        "goals_achieved": Cell(n_achieved, None),
        "goals_open": Cell(total - n_achieved, None),
    }


def _closing(eng: QuerySet[Engagement], total: int) -> dict[str, Cell]:
    rows = (
        ClosingConversation.objects.filter(engagement__in=eng)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {r["status"]: r["n"] for r in rows}
    counts["none"] = total - sum(counts.values())
    return {s: Cell(counts.get(s, 0), counts.get(s, 0)) for s in CLOSING_STATUSES}


def t_score(sx: Decimal, sw2: Decimal, sw: Decimal, rho: Decimal) -> Decimal:
    """The GAS T-score from the sums over one rater's goals, rounded as the report rounds."""
    denominator = ((1 - rho) * sw2 + rho * sw * sw).sqrt()
    return (50 + 10 * sx / denominator).quantize(_CENT, ROUND_HALF_UP)


def _dec(x: object) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def _gas(eng: QuerySet[Engagement]) -> dict[str, Any]:
    """Per rater a histogram of the engagements' T-scores (one score per engagement)."""
    w = F("goal__weight")
    rows = (
        AttainmentRating.objects.filter(goal__engagement__in=eng)
        .values("goal__engagement", "rater")
        .annotate(
            sx=Sum(w * F("level"), output_field=_DEC),
            sw2=Sum(w * w, output_field=_DEC),
            sw=Sum(w, output_field=_DEC),
            rho=Max("goal__engagement__contract__rho"),
        )
        .order_by()
    )
    scores: dict[str, list[Decimal]] = {p: [] for p in PARTIES}
    for r in rows:
        rho = DEFAULT_RHO if r["rho"] is None else _dec(r["rho"])
        scores.setdefault(r["rater"], []).append(
            t_score(_dec(r["sx"]), _dec(r["sw2"]), _dec(r["sw"]), rho)
        )
    raters: dict[str, Any] = {}
    for party in PARTIES:
        ts = scores[party]
        counts = [0] * (len(GAS_EDGES) + 1)
        for t in ts:
            counts[bin_index(float(t), GAS_EDGES)] += 1
        mean = float((sum(ts, Decimal(0)) / len(ts)).quantize(_CENT, ROUND_HALF_UP)) if ts else None
        raters[party] = {
            "engagements": Cell(len(ts), len(ts)),
            "mean": Cell(mean, len(ts)),
            "counts": [Cell(n, n) for n in counts],
        }
    return {"bins": bins_of(GAS_EDGES), "raters": raters}


def _attribution(eng: QuerySet[Engagement], k: int | None) -> dict[str, Any]:
    """Per party a histogram of share x confidence over its judgements with an attribution."""
    factor = F("share") * F("confidence")
    # Decimal edges: a float 0.2 reaches the database as 0.2000000000000000111, and then a
    # share x confidence of exactly 0.2 (0.5 x 0.4) would land one bin too low.
    whens = [
        When(f__lt=Decimal(str(edge)), then=Value(i)) for i, edge in enumerate(ATTRIBUTION_EDGES)
    ]
    base = Judgement.objects.filter(
        result__engagement__in=eng, share__isnull=False, confidence__isnull=False
    ).annotate(f=factor)
    per_engagement = {"e": Count("result__engagement", distinct=True)} if k is not None else {}
    rows = (
        base.annotate(
            bin=Case(*whens, default=Value(len(ATTRIBUTION_EDGES)), output_field=IntegerField())
        )
        .values("party", "bin")
        .annotate(n=Count("pk"), **per_engagement)
        .order_by()
    )
    totals: dict[str, dict[str, Any]] = {
        r["party"]: dict(r)
        for r in base.values("party")
        .annotate(n=Count("pk"), mean=Avg("f"), **per_engagement)
        .order_by()
    }
    cells = {(r["party"], r["bin"]): Cell(r["n"], _engagements_of(r)) for r in rows}
    parties: dict[str, Any] = {}
    for party in PARTIES:
        total = totals.get(party, {})
        engagements = _engagements_of(total) if total else 0
        mean = total.get("mean")
        parties[party] = {
            "judgements": Cell(total.get("n", 0), engagements),
            "mean": Cell(None if mean is None else round(float(mean), 3), engagements),
            "counts": [
                cells.get((party, i), Cell(0, 0)) for i in range(len(ATTRIBUTION_EDGES) + 1)
            ],
        }
    return {"bins": bins_of(ATTRIBUTION_EDGES), "parties": parties}


def _roi(eng: QuerySet[Engagement]) -> dict[str, Any]:
    """ROI % per engagement with agreed costs, counted as `measures.roi` counts it."""
    costs = dict(
        Contract.objects.filter(engagement__in=eng, costs_amount__gt=0).values_list(
            "engagement_id", "costs_amount"
        )
    )
    factors = Judgement.objects.filter(
        result=OuterRef("pk"), share__isnull=False, confidence__isnull=False
    ).values("result")
    product = F("share") * F("confidence")
    lowest = Subquery(factors.annotate(x=Min(product)).values("x")[:1], output_field=_DEC)
    highest = Subquery(factors.annotate(x=Max(product)).values("x")[:1], output_field=_DEC)
    amount = F("value_amount")
    benefits = dict(
        Result.objects.filter(
            engagement__in=eng,
            engagement__contract__costs_amount__gt=0,
            evidence="observable",
            value_amount__isnull=False,
            value_unit=F("engagement__contract__currency"),
            beneficiary__in=("organisation", "both"),
        )
        .annotate(lowest=lowest, highest=highest)
        .values("engagement")
        .annotate(
            b=Sum(
                Case(
                    When(value_amount__lt=0, then=amount * F("highest")),
                    default=amount * F("lowest"),
                    output_field=_DEC,
                )
            )
        )
        .order_by()
        .values_list("engagement", "b")
    )
    rois: list[Decimal] = []
    for engagement_id, cost in costs.items():
        gained = benefits.get(engagement_id)
        b = Decimal(0) if gained is None else _dec(gained)
        c = _dec(cost)
        rois.append(((b - c) / c * 100).quantize(_CENT, ROUND_HALF_UP))
    counts = [0] * (len(ROI_EDGES) + 1)
    for roi in rois:
        counts[roi_bin(float(roi))] += 1
    n = len(rois)
    median = float(sorted(rois)[n // 2]) if n % 2 else None
    if n and not n % 2:
        ordered = sorted(rois)
        median = float(((ordered[n // 2 - 1] + ordered[n // 2]) / 2).quantize(_CENT))
    return {
        "engagements": Cell(n, n),
        "median_percent": Cell(median, n),
        "bins": [
            {"low": None, "high": -100.0, "only": -100.0},
            *bins_of(ROI_EDGES)[1:],
        ],
        "counts": [Cell(c, c) for c in counts],
    }


def _meanings_sql(ids_sql: str) -> dict[str, str]:
    """Three queries over the expectations of the engagements `ids_sql` selects.

    `per_meaning` and `divergent` take the ids' parameters twice, `per_party` once.
    """
    table = Expectation._meta.db_table
    if connection.vendor == "postgresql":
        source = f"{table} x CROSS JOIN LATERAL jsonb_array_elements_text(x.meanings) t(value)"
    else:
        source = f"{table} x, json_each(x.meanings) t"
    # Per engagement and meaning: how many parties name it; per engagement: how many state.
    named = (
        f"SELECT x.engagement_id AS engagement_id, t.value AS meaning,"
        f" COUNT(DISTINCT x.party) AS n FROM {source}"
        f" WHERE x.engagement_id IN ({ids_sql}) GROUP BY x.engagement_id, t.value"
    )
    stating = (
        f"SELECT engagement_id, COUNT(*) AS p FROM {table}"
        f" WHERE engagement_id IN ({ids_sql}) GROUP BY engagement_id"
    )
    joined = f"({named}) m JOIN ({stating}) s ON s.engagement_id = m.engagement_id"
    return {
        "per_meaning": (
            f"SELECT m.meaning, COUNT(*), SUM(CASE WHEN m.n < s.p THEN 1 ELSE 0 END)"
            f" FROM {joined} GROUP BY m.meaning"
        ),
        "divergent": f"SELECT COUNT(DISTINCT m.engagement_id) FROM {joined} WHERE m.n < s.p",
        "per_party": (
            f"SELECT t.value, x.party, COUNT(DISTINCT x.engagement_id) FROM {source}"
            f" WHERE x.engagement_id IN ({ids_sql}) GROUP BY t.value, x.party"
        ),
    }


def _meanings(eng: QuerySet[Engagement]) -> dict[str, Any]:
    """How often each meaning of "result" is named, by whom, and where parties diverge.

    As `measures.alignment`: the stating parties are those with an expectation; a meaning
    diverges in an engagement when some but not all stating parties name it, and an
    engagement diverges when any of its meanings does.
    """
    ids_sql, ids_params = eng.values("pk").query.sql_with_params()
    sql = _meanings_sql(ids_sql)
    twice = [*ids_params, *ids_params]
    with connection.cursor() as cursor:
        cursor.execute(sql["per_meaning"], twice)
        meaning_rows = cursor.fetchall()
        cursor.execute(sql["per_party"], list(ids_params))
        party_rows = cursor.fetchall()
        cursor.execute(sql["divergent"], twice)
        divergent = int(cursor.fetchone()[0])
    stated = Expectation.objects.filter(engagement__in=eng).aggregate(
        n=Count("engagement", distinct=True)
    )["n"]
    named = {str(m): (int(n), int(d or 0)) for m, n, d in meaning_rows}
    by_party = {(str(m), p): int(n) for m, p, n in party_rows}
    out: dict[str, Any] = {}
    for meaning in MEANINGS:
        n, d = named.get(meaning, (0, 0))
        parties = {p: by_party.get((meaning, p), 0) for p in PARTIES}
        out[meaning] = {
            "named_in": Cell(n, n),
            # Its own cell: the difference of two large figures can be a small group.
            "shared": Cell(n - d, n - d),
            "diverging": Cell(d, d),
            "by_party": {p: Cell(c, c) for p, c in parties.items()},
        }
    return {
        "engagements": Cell(stated, stated),
        "divergent": Cell(divergent, divergent),
        "by_meaning": out,
    }


# ---------------------------------------------------------------- putting it together


def compute(filters: Filters, *, k: int | None) -> dict[str, Any]:
    """Every aggregate as `Cell`s, before suppression (see `stats`)."""
    eng = included_engagements(**asdict(filters))
    total = eng.count()
    res = _results(eng, k)
    goals = _goals(eng, k)
    unjudged = {p: res.get(f"unjudged_{p}") for p in PARTIES}
    desirability = _desirability(eng, res["results"], unjudged, k)
    pairs = {
        "intended_achieved": {
            "goals": goals["goals"],
            "goals_achieved": goals["goals_achieved"],
            "results_linked": res["linked"],
            "results_unlinked": res["unlinked"],
        },
        "expected": {"expected": res["expected"], "unexpected": res["unexpected"]},
        "desirability": {**desirability, "disagreements": res["disagreements"]},
        "beneficiary": {b: res[f"beneficiary_{b}"] for b in BENEFICIARIES},
        "evidence": {e: res[f"evidence_{e}"] for e in EVIDENCE},
    }
    return {
        "engagements": Cell(total, total),
        "results": res["results"],
        # Not in the report's `pairs`; a figure of its own for the same reason as "shared".
        "goals_open": goals["goals_open"],
        "pairs": pairs,
        "reported": {
            p: {"results": res[f"reported_{p}"], "unexpected": res[f"unexpected_{p}"]}
            for p in PARTIES
        },
        "engagements_with_disagreement": res["engagements_with_disagreement"],
        "closing": _closing(eng, total),
        "gas": _gas(eng),
        "attribution": _attribution(eng, k),
        "roi": _roi(eng),
        "meanings": _meanings(eng),
    }


def _share(part: object, whole: object) -> float | None:
    if not isinstance(part, int | float) or not isinstance(whole, int | float) or not whole:
        return None
    return round(part / whole, 4)


def finish(tree: Any, *, k: int | None, total: int) -> tuple[Any, list[str]]:
    """Cells to plain values; with k, cells of fewer than k engagements become None.

    When the whole selection has fewer than k engagements (but some), every figure is
    suppressed, zeros included: a zero about three engagements says something about them.
    """
    hidden: list[str] = []
    everything = k is not None and 0 < total < k

    def walk(node: Any, path: str) -> Any:
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

    return walk(tree, ""), hidden


def _rates(plain: dict[str, Any]) -> dict[str, Any]:
    """Shares derived from the (already suppressed) counts: None where either part is."""
    pairs, total = plain["pairs"], plain["engagements"]
    desirability = pairs["desirability"]
    unexpected = {
        p: _share(plain["reported"][p]["unexpected"], plain["reported"][p]["results"])
        for p in PARTIES
    }
    undesired: dict[str, float | None] = {}
    for p in PARTIES:
        sides = desirability[p]
        parts = [sides[s] for s in DESIRABILITIES]
        judged = sum(parts) if all(isinstance(x, int) for x in parts) else None
        undesired[p] = _share(sides["undesired"], judged)
    return {
        "unexpected_by_reporter": unexpected,
        "unexpected": _share(pairs["expected"]["unexpected"], plain["results"]),
        "undesired_by_party": undesired,
        "disagreement": _share(desirability["disagreements"], plain["results"]),
        "engagements_with_disagreement": _share(plain["engagements_with_disagreement"], total),
        "closing": {s: _share(plain["closing"][s], total) for s in CLOSING_STATUSES},
        "meanings_divergent": _share(
            plain["meanings"]["divergent"], plain["meanings"]["engagements"]
        ),
    }


def stats(filters: Filters | None = None, *, k: int | None) -> dict[str, Any]:
    """The research figures as JSON-ready data (see the module docstring)."""
    filters = filters or Filters()
    raw = compute(filters, k=k)
    total = int(raw["engagements"].value or 0)
    plain, hidden = finish(raw, k=k, total=total)
    return {
        "k": k,
        "filters": filters.as_json(),
        **plain,
        "rates": _rates(plain),
        "suppressed": hidden,
    }
