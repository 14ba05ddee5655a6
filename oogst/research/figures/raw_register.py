"""The register figures counted from the raw tables: results, judgements, goals, closing.

These are the definitions: the summary rows (`rows`) count the same per engagement, and
the tests compare the sums with these counts. Each function is a fixed number of
aggregate queries, whatever the number of engagements.
"""

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from oogst.closing.models import ClosingConversation
from oogst.contracting.models import Goal
from oogst.engagements.models import Engagement
from oogst.measures.model import PARTIES
from oogst.measures.pairs import DESIRABILITIES
from oogst.research.figures.cells import CLOSING_STATUSES, Cell, engagements_of
from oogst.research.figures.conditions import (
    achieved_goal,
    counted_judgements,
    counted_links,
    counted_results,
    disagreeing,
    linked_result,
    register_conditions,
)
from oogst.results.models import Judgement


def _counted(
    qs: QuerySet[Any], cells: dict[str, Q | None], *, per: str, k: int | None
) -> dict[str, Cell]:
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
    """Results one party judged desired and another undesired, and their engagements."""
    per_result = disagreeing(counted_judgements().filter(result__engagement__in=eng))
    row = per_result.aggregate(n=Count("result"), e=Count("result__engagement", distinct=True))
    return int(row["n"]), int(row["e"])


def _looked_up_per_result() -> dict[str, Q | None]:
    """The result cells whose engagements are known only by a lookup per result."""
    linked = linked_result()
    cells: dict[str, Q | None] = {"linked": Q(linked), "unlinked": ~Q(linked)}
    for p in PARTIES:
        judged = Exists(
            Judgement.objects.filter(
                result=OuterRef("pk"), party=p, desirability__in=DESIRABILITIES
            )
        )
        cells[f"unjudged_{p}"] = ~Q(judged)
    return cells


def results(eng: QuerySet[Engagement], k: int | None) -> dict[str, Cell]:
    """The register counts: one pass over the results, plus the links and the disagreements.

    Without k only plain counts are needed, and each comes from a single grouped scan.
    With k every cell also needs the engagements it is based on, which for "linked",
    "unlinked" and "unjudged" means a lookup per result (the research pages, not the
    operator's command line, pay for that).
    """
    rows = counted_results().filter(engagement__in=eng)
    cells = {**register_conditions(), "unexpected": Q(expected=False)}
    if k is not None:
        cells.update(_looked_up_per_result())
    out = _counted(rows, cells, per="engagement", k=k)
    if k is None:
        links = counted_links().filter(result__engagement__in=eng)
        n_linked = _linked_count(links, "result")
        out["linked"] = Cell(n_linked, None)
        out["unlinked"] = Cell(int(out["results"].value or 0) - n_linked, None)
    n, e = _disagreements(eng)
    out["disagreements"] = Cell(n, e)
    # The disagreement rate per engagement is a figure of its own.
    out["engagements_with_disagreement"] = Cell(e, e)
    return out


def desirability(
    eng: QuerySet[Engagement], results: Cell, unjudged: dict[str, Cell | None], k: int | None
) -> dict[str, dict[str, Cell]]:
    """Per judging party: how many results it judged desired, undesired, neutral, or not."""
    rows = (
        counted_judgements()
        .filter(result__engagement__in=eng, desirability__in=DESIRABILITIES)
        .values("party", "desirability")
        .annotate(
            n=Count("pk"),
            **({"e": Count("result__engagement", distinct=True)} if k is not None else {}),
        )
        .order_by()
    )
    found = {(r["party"], r["desirability"]): Cell(r["n"], engagements_of(r)) for r in rows}
    out: dict[str, dict[str, Cell]] = {}
    for party in PARTIES:
        sides = {s: found.get((party, s), Cell(0, 0)) for s in DESIRABILITIES}
        judged = sum(int(c.value or 0) for c in sides.values())
        rest = unjudged.get(party)
        sides["unjudged"] = Cell(
            int(results.value or 0) - judged, rest.engagements if rest is not None else None
        )
        out[party] = sides
    return out


def goals(eng: QuerySet[Engagement], k: int | None) -> dict[str, Cell]:
    """Goals, and how many are achieved (linked to a result) or open; see `results`."""
    rows = Goal.objects.filter(engagement__in=eng)
    if k is not None:
        achieved = achieved_goal()
        cells: dict[str, Q | None] = {
            "goals": None,
            "goals_achieved": Q(achieved),
            "goals_open": ~Q(achieved),
        }
        return _counted(rows, cells, per="engagement", k=k)
    total = rows.count()
    links = counted_links().filter(goal__engagement__in=eng)
    n_achieved = _linked_count(links, "goal")
    return {
        "goals": Cell(total, None),
        "goals_achieved": Cell(n_achieved, None),
        "goals_open": Cell(total - n_achieved, None),
    }


def closing(eng: QuerySet[Engagement], total: int) -> dict[str, Cell]:
    """Engagements per status of their closing conversation ("none": not recorded)."""
    rows = (
        ClosingConversation.objects.filter(engagement__in=eng)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {r["status"]: r["n"] for r in rows}
    counts["none"] = total - sum(counts.values())
    return {s: Cell(counts.get(s, 0), counts.get(s, 0)) for s in CLOSING_STATUSES}
