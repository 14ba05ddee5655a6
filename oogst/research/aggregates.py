"""Practice research in figures: aggregates over the included engagements.

`stats` adds up the per-engagement summary of `oogst.research.summary` (one row per
engagement with its own counts; rows that are missing or marked stale are rewritten
first, in the same call), in one aggregate query over the included engagements, which
are derived once per call (a temporary table on PostgreSQL, JIT off). `compute_raw`
counts the same figures from the raw tables (a dozen aggregate queries, whatever the
number of engagements): those are the definitions, and the summary's rows are computed
with the same expressions, grouped per engagement; the tests compare the two. The parts
live in `oogst.research.figures`; this module puts them together.

The counts follow the per-engagement report's semantics
(`oogst.measures.pairs`, the operator's view), summed: `stats(k=None)["pairs"]` equals
the sum of `report_for(engagement_id=e, viewer=None)["pairs"]` over the included
engagements, with `disagreements` as a count instead of a list of result keys.

Small groups: every figure is a `Cell` carrying how many engagements it is based on.
`stats(k=...)` replaces a cell based on at least one but fewer than k engagements by
None and lists its path under "suppressed"; when the whole selection is smaller than k,
every figure is suppressed. With `k=None` (the operator's command line) nothing is.
"""

from django.db import transaction
from django.db.models import QuerySet

from oogst.engagements.models import Engagement
from oogst.measures.model import PARTIES
from oogst.research import summary
from oogst.research.figures import raw_measures, raw_register
from oogst.research.figures.cells import CLOSING_STATUSES, Cell
from oogst.research.figures.included import Filters, included
from oogst.research.figures.shapes import Figures, ResearchStats
from oogst.research.figures.summed import from_summary
from oogst.research.figures.tree import finish, rates, tree

# Callers name these here: the figures' entry point, whatever module defines them.
__all__ = [
    "CLOSING_STATUSES",
    "Cell",
    "Filters",
    "compute",
    "compute_raw",
    "finish",
    "stats",
]


def compute(filters: Filters, *, k: int | None) -> Figures[Cell]:
    """Every aggregate as `Cell`s, before suppression (see `stats`).

    Adds up the per-engagement summary (`oogst.research.summary`), after rewriting the
    rows of the included engagements that are out of date, in the same transaction.
    """
    with included(filters) as eng, transaction.atomic():
        summary.refresh_stale(eng)
        return from_summary(eng, k=k)


def compute_raw(filters: Filters, *, k: int | None) -> Figures[Cell]:
    """`compute` counted from the raw tables, without the summary (the definitions)."""
    with included(filters) as eng:
        return _from_raw_tables(eng, k=k)


def _from_raw_tables(eng: QuerySet[Engagement], *, k: int | None) -> Figures[Cell]:
    total = eng.count()
    res = raw_register.results(eng, k)
    unjudged = {p: res.get(f"unjudged_{p}") for p in PARTIES}
    return tree(
        total,
        res=res,
        goals=raw_register.goals(eng, k),
        desirability=raw_register.desirability(eng, res["results"], unjudged, k),
        closing=raw_register.closing(eng, total),
        gas=raw_measures.gas(eng),
        attribution=raw_measures.attribution(eng, k),
        roi=raw_measures.roi(eng),
        meanings=raw_measures.meanings(eng),
    )


def stats(filters: Filters | None = None, *, k: int | None) -> ResearchStats:
    """The research figures as JSON-ready data (see the module docstring)."""
    filters = filters or Filters()
    raw = compute(filters, k=k)
    total = int(raw["engagements"].value or 0)
    plain, hidden = finish(raw, k=k, total=total)
    return {
        "k": k,
        "filters": filters.as_json(),
        **plain,
        "rates": rates(plain),
        "suppressed": hidden,
    }
