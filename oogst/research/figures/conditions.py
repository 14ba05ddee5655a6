"""Query expressions that the raw-table figures and the summary rows both count with.

The summary rows must hold the engagement's own share of each raw-table figure, so both
take their conditions from here rather than each writing its own. Neither counts a result
its reporter withdrew, nor the judgements on it or its links to goals: both start from
`counted_results`, `counted_judgements` and `counted_links`.
"""

from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from oogst.measures.model import PARTIES
from oogst.measures.pairs import BENEFICIARIES, EVIDENCE
from oogst.research.figures.cells import ATTRIBUTION_EDGES
from oogst.results.models import Judgement, Result


def counted_results() -> QuerySet[Result]:
    """The results research counts: every one but those their reporter withdrew."""
    return Result.objects.filter(withdrawn_at__isnull=True)


def counted_judgements() -> QuerySet[Judgement]:
    """The judgements research counts: those on a result it counts."""
    return Judgement.objects.filter(result__withdrawn_at__isnull=True)


def counted_links() -> QuerySet[Any]:
    """The links from a result to a goal that research counts: from a result it counts."""
    return Result.goals.through.objects.filter(result__withdrawn_at__isnull=True)


def register_conditions() -> dict[str, Q | None]:
    """The register counts, as conditions on `Result` (None: every result)."""
    return {
        "results": None,
        "expected": Q(expected=True),
        **{f"beneficiary_{b}": Q(beneficiary=b) for b in BENEFICIARIES},
        **{f"evidence_{e}": Q(evidence=e) for e in EVIDENCE},
        **{f"reported_{p}": Q(reported_by=p) for p in PARTIES},
        **{f"unexpected_{p}": Q(reported_by=p, expected=False) for p in PARTIES},
    }


def linked_result() -> Exists:
    """The result is linked to some goal (it serves an intended goal)."""
    return Exists(Result.goals.through.objects.filter(result_id=OuterRef("pk")))


def achieved_goal() -> Exists:
    """The goal has a result linked to it (one that is not withdrawn)."""
    return Exists(counted_links().filter(goal_id=OuterRef("pk")))


def disagreeing(judgements: QuerySet[Judgement]) -> QuerySet[Any, Any]:
    """Rows {"result", "result__engagement"}: the results one party judged desired and
    another undesired.

    One grouped pass over the judgements (a party judges a result once, so two distinct
    sides among desired/undesired means both occur) instead of two lookups per result.
    """
    return (
        judgements.filter(desirability__in=("desired", "undesired"))
        .values("result", "result__engagement")
        .annotate(sides=Count("desirability", distinct=True))
        .filter(sides=2)
        .order_by()
    )


def attributed(judgements: QuerySet[Judgement]) -> QuerySet[Judgement]:
    """The judgements with an attribution, annotated with f = share x confidence."""
    return judgements.filter(share__isnull=False, confidence__isnull=False).annotate(
        f=F("share") * F("confidence")
    )


def attribution_bin() -> Case:
    """The bin of ATTRIBUTION_EDGES that f (see `attributed`) falls in."""
    # Decimal edges: a float 0.2 reaches the database as 0.2000000000000000111, and then a
    # share x confidence of exactly 0.2 (0.5 x 0.4) would land one bin too low.
    whens = [
        When(f__lt=Decimal(str(edge)), then=Value(i)) for i, edge in enumerate(ATTRIBUTION_EDGES)
    ]
    return Case(*whens, default=Value(len(ATTRIBUTION_EDGES)), output_field=IntegerField())
