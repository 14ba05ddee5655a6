"""Practice research in figures: aggregates over the included engagements.

`stats` adds up the per-engagement summary of `oogst.research.summary` (one row per
engagement with its own counts; rows that are missing or marked stale are rewritten
first, in the same call), in one aggregate query over the included engagements, which
are derived once per call (a temporary table on PostgreSQL, JIT off). `compute_raw`
counts the same figures from the raw tables (a dozen aggregate queries, whatever the
number of engagements): those are the definitions, and the summary's rows are computed
with the same expressions, grouped per engagement; the tests compare the two.

The counts follow the per-engagement report's semantics
(`oogst.measures.pairs`, the operator's view), summed: `stats(k=None)["pairs"]` equals
the sum of `report_for(engagement_id=e, viewer=None)["pairs"]` over the included
engagements, with `disagreements` as a count instead of a list of result keys.

Small groups: every figure is a `Cell` carrying how many engagements it is based on.
`stats(k=...)` replaces a cell based on at least one but fewer than k engagements by
None and lists its path under "suppressed"; when the whole selection is smaller than k,
every figure is suppressed. With `k=None` (the operator's command line) nothing is.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection, transaction
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
from django.db.models.expressions import RawSQL

from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, Expectation, Goal
from oogst.engagements.models import Engagement
from oogst.measures.model import DEFAULT_RHO, MEANINGS, PARTIES
from oogst.measures.pairs import BENEFICIARIES, DESIRABILITIES, EVIDENCE
from oogst.research import summary
from oogst.research.models import COUNT_COLUMNS, SUM_COLUMNS, EngagementFigures
from oogst.research.selectors import consented_ids_sql, included_engagements
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


def gas_scores(eng: Any) -> Iterator[tuple[int, str, Decimal]]:
    """(engagement id, rater, T-score) for every engagement of `eng` and rater who rated."""
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
    for r in rows:
        rho = DEFAULT_RHO if r["rho"] is None else _dec(r["rho"])
        t = t_score(_dec(r["sx"]), _dec(r["sw2"]), _dec(r["sw"]), rho)
        yield int(r["goal__engagement"]), str(r["rater"]), t


def _gas(eng: QuerySet[Engagement]) -> dict[str, Any]:
    """Per rater a histogram of the engagements' T-scores (one score per engagement)."""
    scores: dict[str, list[Decimal]] = {p: [] for p in PARTIES}
    for _engagement, rater, t in gas_scores(eng):
        scores.setdefault(rater, []).append(t)
    return gas_figures(scores)


def gas_figures(scores: dict[str, list[Decimal]]) -> dict[str, Any]:
    """The GAS histograms from each rater's T-scores."""
    summed: dict[str, tuple[int, Decimal, list[int]]] = {}
    for party in PARTIES:
        ts = scores[party]
        counts = [0] * (len(GAS_EDGES) + 1)
        for t in ts:
            counts[bin_index(float(t), GAS_EDGES)] += 1
        summed[party] = (len(ts), sum(ts, Decimal(0)), counts)
    return gas_cells(summed)


def gas_cells(summed: dict[str, tuple[int, Decimal, list[int]]]) -> dict[str, Any]:
    """The GAS cells from each rater's number of T-scores, their sum and bin counts."""
    raters: dict[str, Any] = {}
    for party in PARTIES:
        n, total, counts = summed[party]
        mean = float((_dec(total) / n).quantize(_CENT, ROUND_HALF_UP)) if n else None
        raters[party] = {
            "engagements": Cell(n, n),
            "mean": Cell(mean, n),
            "counts": [Cell(c, c) for c in counts],
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


def roi_percents(eng: Any) -> dict[int, Decimal]:
    """ROI % per engagement of `eng` with agreed costs, counted as `measures.roi` counts it."""
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
    rois: dict[int, Decimal] = {}
    for engagement_id, cost in costs.items():
        gained = benefits.get(engagement_id)
        b = Decimal(0) if gained is None else _dec(gained)
        c = _dec(cost)
        rois[int(engagement_id)] = ((b - c) / c * 100).quantize(_CENT, ROUND_HALF_UP)
    return rois


def _roi(eng: QuerySet[Engagement]) -> dict[str, Any]:
    """The ROI histogram and median over the engagements with agreed costs."""
    return roi_figures(list(roi_percents(eng).values()))


def roi_median(ordered: list[Decimal]) -> float | None:
    """The median of sorted ROI percentages, as `roi_figures` gives it."""
    n = len(ordered)
    if not n:
        return None
    if n % 2:
        return float(ordered[n // 2])
    return float(((ordered[n // 2 - 1] + ordered[n // 2]) / 2).quantize(_CENT))


def roi_figures(
    rois: list[Decimal], *, counts: list[int] | None = None, median: float | None = None
) -> dict[str, Any]:
    """The ROI cells: from the percentages, or from counts and a median found elsewhere."""
    if counts is not None:
        return _roi_cells(sum(counts), median, counts)
    counts = [0] * (len(ROI_EDGES) + 1)
    for roi in rois:
        counts[roi_bin(float(roi))] += 1
    return _roi_cells(len(rois), roi_median(sorted(rois)), counts)


def _roi_cells(n: int, median: float | None, counts: list[int]) -> dict[str, Any]:
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


#: The included engagements of one `compute` call, on PostgreSQL (a temporary table).
INCLUDED_TABLE = "research_included_now"


@contextlib.contextmanager
def _included(filters: Filters) -> Iterator[QuerySet[Engagement]]:
    """The included engagements, derived once for all the queries of one call.

    On PostgreSQL they are written to a temporary table (with its statistics) in one
    transaction, and every query reads that instead of deriving the set again; JIT is
    off for the transaction (it cost 50-100 ms a query and saved nothing here). SQLite
    gets the plain queryset.
    """
    eng = included_engagements(**asdict(filters))
    if connection.vendor != "postgresql":
        yield eng
        return
    table = INCLUDED_TABLE
    if filters == Filters():
        # Unfiltered: the consented ids as they are (no join back to the engagements).
        sql, params = consented_ids_sql(), ()
    else:
        sql, params = eng.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        # Enough memory for the grouping over the consents to stay in memory.
        cursor.execute("SET LOCAL work_mem = '32MB'")
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        cursor.execute(f"CREATE TEMPORARY TABLE {table} (id bigint) ON COMMIT DROP")
        cursor.execute(f"INSERT INTO {table} (id) {sql}", params)
        cursor.execute(f"ANALYZE {table}")
        yield Engagement.objects.filter(pk__in=RawSQL(f"SELECT id FROM {table}", []))
        # Dropped here as well: inside an outer transaction ON COMMIT comes later.
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def compute(filters: Filters, *, k: int | None) -> dict[str, Any]:
    """Every aggregate as `Cell`s, before suppression (see `stats`).

    Adds up the per-engagement summary (`oogst.research.summary`), after rewriting the
    rows of the included engagements that are out of date, in the same transaction.
    """
    with _included(filters) as eng, transaction.atomic():
        summary.refresh_stale(eng)
        return _from_summary(eng, k=k)


def compute_raw(filters: Filters, *, k: int | None) -> dict[str, Any]:
    """`compute` counted from the raw tables, without the summary (the definitions)."""
    with _included(filters) as eng:
        return _compute(eng, k=k)


def _from_summary(eng: QuerySet[Engagement], *, k: int | None) -> dict[str, Any]:
    """`_compute` from the summary rows: one aggregate query, plus one for the ROI median."""
    rows = EngagementFigures.objects.filter(engagement_id__in=eng.values("pk"))
    spec: dict[str, Any] = {"total": Count("pk")}
    spec.update({f"sum__{c}": Sum(c) for c in (*COUNT_COLUMNS, *SUM_COLUMNS)})
    if k is not None:
        spec.update({f"{c}__e": Count("pk", filter=Q(**{f"{c}__gt": 0})) for c in COUNT_COLUMNS})
        spec["unlinked__e"] = Count("pk", filter=Q(results__gt=F("linked")))
        spec["goals_open__e"] = Count("pk", filter=Q(goals__gt=F("goals_achieved")))
        for p in PARTIES:
            judged = sum(
                (F(f"d_{p}_{d}") for d in DESIRABILITIES[1:]), F(f"d_{p}_{DESIRABILITIES[0]}")
            )
            spec[f"unjudged_{p}__e"] = Count("pk", filter=Q(results__gt=judged))
        spec["unexpected__e"] = Count("pk", filter=Q(results__gt=F("expected")))
    spec["disagreeing"] = Count("pk", filter=Q(disagreements__gt=0))
    for status in CLOSING_STATUSES[:-1]:
        spec[f"closing_{status}"] = Count("pk", filter=Q(closing=status))
    spec["closing_any"] = Count("pk", filter=~Q(closing=""))
    for p in PARTIES:
        score = f"gas_{p}"
        spec[f"{score}__n"] = Count(score)
        spec[f"{score}__s"] = Sum(score)
        spec.update(_binned(score, GAS_EDGES))
    spec["roi__n"] = Count("roi")
    spec["roi__bin_0"] = Count("pk", filter=Q(roi__lte=ROI_EDGES[0]))
    spec.update(_binned("roi", ROI_EDGES, first=2))
    low, high = Decimal(str(ROI_EDGES[0])), Decimal(str(ROI_EDGES[1]))
    spec["roi__bin_1"] = Count("pk", filter=Q(roi__gt=low, roi__lt=high))
    a = {
        key.removeprefix("sum__"): (0 if value is None else value)
        for key, value in rows.aggregate(**spec).items()
    }

    def cell(name: str) -> Cell:
        return Cell(int(a[name]), a.get(f"{name}__e"))

    total = int(a["total"])
    n_results = int(a["results"])
    res = {c: cell(c) for c in COUNT_COLUMNS}
    res["unexpected"] = Cell(n_results - int(a["expected"]), a.get("unexpected__e"))
    res["unlinked"] = Cell(n_results - int(a["linked"]), a.get("unlinked__e"))
    goals_open = Cell(int(a["goals"]) - int(a["goals_achieved"]), a.get("goals_open__e"))
    n_dis = int(a["disagreements"])
    e_dis = int(a["disagreeing"])
    desirability: dict[str, Any] = {}
    for p in PARTIES:
        sides = {d: cell(f"d_{p}_{d}") for d in DESIRABILITIES}
        if k is None:
            sides = {d: Cell(c.value, None) for d, c in sides.items()}
        judged_n = sum(int(c.value or 0) for c in sides.values())
        sides["unjudged"] = Cell(n_results - judged_n, a.get(f"unjudged_{p}__e"))
        desirability[p] = sides
    closing_counts = {s: int(a[f"closing_{s}"]) for s in CLOSING_STATUSES[:-1]}
    closing_counts["none"] = total - int(a["closing_any"])
    gas = gas_cells(
        {
            p: (
                int(a[f"gas_{p}__n"]),
                _dec(a[f"gas_{p}__s"]),
                [int(a[f"gas_{p}__bin_{i}"]) for i in range(len(GAS_EDGES) + 1)],
            )
            for p in PARTIES
        }
    )
    attribution: dict[str, Any] = {}
    for p in PARTIES:
        n = int(a[f"f_{p}_n"])
        e = a.get(f"f_{p}_n__e")
        mean = None if not n else round(float(_dec(a[f"f_{p}_sum"]) / n), 3)
        attribution[p] = {
            "judgements": Cell(n, e),
            "mean": Cell(mean, e),
            "counts": [cell(f"f_{p}_bin_{i}") for i in range(len(ATTRIBUTION_EDGES) + 1)],
        }
    n_roi = int(a["roi__n"])
    middle: list[Decimal] = []
    if n_roi:
        ordered = rows.filter(roi__isnull=False).order_by("roi").values_list("roi", flat=True)
        start = (n_roi - 1) // 2
        middle = [_dec(x) for x in ordered[start : n_roi // 2 + 1]]
    roi_counts = [int(a[f"roi__bin_{i}"]) for i in range(len(ROI_EDGES) + 1)]
    median = None
    if middle:
        median = float(middle[0]) if n_roi % 2 else roi_median(middle)
    meanings: dict[str, Any] = {}
    for m in MEANINGS:
        named_n, diverging = int(a[f"m_{m}_named"]), int(a[f"m_{m}_diverging"])
        meanings[m] = {
            "named_in": Cell(named_n, named_n),
            "shared": Cell(named_n - diverging, named_n - diverging),
            "diverging": Cell(diverging, diverging),
            "by_party": {p: Cell(int(a[f"m_{m}_{p}"]), int(a[f"m_{m}_{p}"])) for p in PARTIES},
        }
    stated, divergent = int(a["stated"]), int(a["divergent"])
    parts = {
        "res": {
            **res,
            "disagreements": Cell(n_dis, e_dis),
            "engagements_with_disagreement": Cell(e_dis, e_dis),
        },
        "goals": {
            "goals": cell("goals"),
            "goals_achieved": cell("goals_achieved"),
            "goals_open": goals_open,
        },
        "desirability": desirability,
        "closing": {s: Cell(c, c) for s, c in closing_counts.items()},
        "gas": gas,
        "attribution": {"bins": bins_of(ATTRIBUTION_EDGES), "parties": attribution},
        "roi": roi_figures([], counts=roi_counts, median=median),
        "meanings": {
            "engagements": Cell(stated, stated),
            "divergent": Cell(divergent, divergent),
            "by_meaning": meanings,
        },
    }
    return _tree(total, **parts)


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


def _compute(eng: QuerySet[Engagement], *, k: int | None) -> dict[str, Any]:
    total = eng.count()
    res = _results(eng, k)
    goals = _goals(eng, k)
    unjudged = {p: res.get(f"unjudged_{p}") for p in PARTIES}
    desirability = _desirability(eng, res["results"], unjudged, k)
    return _tree(
        total,
        res=res,
        goals=goals,
        desirability=desirability,
        closing=_closing(eng, total),
        gas=_gas(eng),
        attribution=_attribution(eng, k),
        roi=_roi(eng),
        meanings=_meanings(eng),
    )


def _tree(
    total: int,
    *,
    res: dict[str, Cell],
    goals: dict[str, Cell],
    desirability: dict[str, Any],
    closing: dict[str, Cell],
    gas: dict[str, Any],
    attribution: dict[str, Any],
    roi: dict[str, Any],
    meanings: dict[str, Any],
) -> dict[str, Any]:
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
        "closing": closing,
        "gas": gas,
        "attribution": attribution,
        "roi": roi,
        "meanings": meanings,
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
