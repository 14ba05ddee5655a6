"""The measures counted from the raw tables: GAS, attribution, ROI, meanings of "result".

The definitions, as `raw_register` is for the register: a fixed number of queries each,
whatever the number of engagements.
"""

from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Avg, Count, QuerySet

from oogst.contracting.models import Expectation
from oogst.engagements.models import Engagement
from oogst.measures.model import MEANINGS, PARTIES
from oogst.research.figures.cells import ATTRIBUTION_EDGES, Cell, engagements_of
from oogst.research.figures.conditions import attributed, attribution_bin, counted_judgements
from oogst.research.figures.histograms import (
    attribution_cells,
    gas_figures,
    roi_figures,
)
from oogst.research.figures.scores import gas_scores, roi_percents
from oogst.research.figures.shapes import Attributed, Attribution, Gas, Meaning, Meanings, Roi


def gas(eng: QuerySet[Engagement]) -> Gas[Cell]:
    """Per rater a histogram of the engagements' T-scores (one score per engagement)."""
    scores: dict[str, list[Decimal]] = {p: [] for p in PARTIES}
    for _engagement, rater, t in gas_scores(eng):
        scores.setdefault(rater, []).append(t)
    return gas_figures(scores)


def attribution(eng: QuerySet[Engagement], k: int | None) -> Attribution[Cell]:
    """Per party a histogram of share x confidence over its judgements with an attribution."""
    base = attributed(counted_judgements().filter(result__engagement__in=eng))
    per_engagement = {"e": Count("result__engagement", distinct=True)} if k is not None else {}
    rows = (
        base.annotate(bin=attribution_bin())
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
    cells = {(r["party"], r["bin"]): Cell(r["n"], engagements_of(r)) for r in rows}
    parties: dict[str, Attributed[Cell]] = {}
    for party in PARTIES:
        total = totals.get(party, {})
        engagements = engagements_of(total) if total else 0
        mean = total.get("mean")
        parties[party] = {
            "judgements": Cell(total.get("n", 0), engagements),
            "mean": Cell(None if mean is None else round(float(mean), 3), engagements),
            "counts": [
                cells.get((party, i), Cell(0, 0)) for i in range(len(ATTRIBUTION_EDGES) + 1)
            ],
        }
    return attribution_cells(parties)


def roi(eng: QuerySet[Engagement]) -> Roi[Cell]:
    """The ROI histogram and median over the engagements with agreed costs."""
    return roi_figures(list(roi_percents(eng).values()))


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


def _meanings_rows(eng: QuerySet[Engagement]) -> tuple[list[Any], list[Any], int]:
    """The rows of the three queries of `_meanings_sql`."""
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
    return meaning_rows, party_rows, divergent


def meanings(eng: QuerySet[Engagement]) -> Meanings[Cell]:
    """How often each meaning of "result" is named, by whom, and where parties diverge.

    As `measures.alignment`: the stating parties are those with an expectation; a meaning
    diverges in an engagement when some but not all stating parties name it, and an
    engagement diverges when any of its meanings does.
    """
    meaning_rows, party_rows, divergent = _meanings_rows(eng)
    stated = Expectation.objects.filter(engagement__in=eng).aggregate(
        n=Count("engagement", distinct=True)
    )["n"]
    named = {str(m): (int(n), int(d or 0)) for m, n, d in meaning_rows}
    by_party = {(str(m), p): int(n) for m, p, n in party_rows}
    out: dict[str, Meaning[Cell]] = {}
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
