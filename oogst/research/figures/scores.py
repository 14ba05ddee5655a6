"""Per engagement, from the raw tables: GAS T-scores and ROI percentages.

Both the figures counted from the raw tables and the summary rows take these: the
database returns small rows of sums per engagement (and rater), and Python applies the
formula to them, rounding as the per-engagement report rounds.
"""

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, F, Max, Min, OuterRef, QuerySet, Subquery, Sum, When

from oogst.closing.models import AttainmentRating
from oogst.contracting.models import Contract
from oogst.engagements.models import Engagement
from oogst.measures.model import DEFAULT_RHO
from oogst.research.figures.cells import CENT, DECIMAL, as_decimal
from oogst.research.figures.conditions import counted_results
from oogst.results.models import Judgement

#: The engagements to score: a queryset, or their ids.
type Engagements = QuerySet[Engagement] | Sequence[int]


def t_score(sx: Decimal, sw2: Decimal, sw: Decimal, rho: Decimal) -> Decimal:
    """The GAS T-score from the sums over one rater's goals, rounded as the report rounds."""
    denominator = ((1 - rho) * sw2 + rho * sw * sw).sqrt()
    return (50 + 10 * sx / denominator).quantize(CENT, ROUND_HALF_UP)


def gas_scores(eng: Engagements) -> Iterator[tuple[int, str, Decimal]]:
    """(engagement id, rater, T-score) for every engagement of `eng` and rater who rated."""
    w = F("goal__weight")
    rows = (
        AttainmentRating.objects.filter(goal__engagement__in=eng)
        .values("goal__engagement", "rater")
        .annotate(
            sx=Sum(w * F("level"), output_field=DECIMAL),
            sw2=Sum(w * w, output_field=DECIMAL),
            sw=Sum(w, output_field=DECIMAL),
            rho=Max("goal__engagement__contract__rho"),
        )
        .order_by()
    )
    for r in rows:
        rho = DEFAULT_RHO if r["rho"] is None else as_decimal(r["rho"])
        t = t_score(as_decimal(r["sx"]), as_decimal(r["sw2"]), as_decimal(r["sw"]), rho)
        yield int(r["goal__engagement"]), str(r["rater"]), t


def roi_percents(eng: Engagements) -> dict[int, Decimal]:
    """ROI % per engagement of `eng` with agreed costs, counted as `measures.roi` counts it."""
    costs = dict(
        Contract.objects.filter(engagement__in=eng, costs_amount__gt=0).values_list(
            "engagement_id", "costs_amount"
        )
    )
    benefits = _benefits(eng)
    rois: dict[int, Decimal] = {}
    for engagement_id, cost in costs.items():
        gained = benefits.get(engagement_id)
        b = Decimal(0) if gained is None else as_decimal(gained)
        c = as_decimal(cost)
        rois[int(engagement_id)] = ((b - c) / c * 100).quantize(CENT, ROUND_HALF_UP)
    return rois


def _benefits(eng: Engagements) -> dict[int, object]:
    """Per engagement with agreed costs, the benefit counted: observable money in the
    contract's currency for the organisation, at the least favourable share x confidence
    (the highest for a loss, the lowest for a gain)."""
    factors = Judgement.objects.filter(
        result=OuterRef("pk"), share__isnull=False, confidence__isnull=False
    ).values("result")
    product = F("share") * F("confidence")
    lowest = Subquery(factors.annotate(x=Min(product)).values("x")[:1], output_field=DECIMAL)
    highest = Subquery(factors.annotate(x=Max(product)).values("x")[:1], output_field=DECIMAL)
    amount = F("value_amount")
    counted = Case(
        When(value_amount__lt=0, then=amount * F("highest")),
        default=amount * F("lowest"),
        output_field=DECIMAL,
    )
    return dict(
        counted_results()
        .filter(
            engagement__in=eng,
            engagement__contract__costs_amount__gt=0,
            evidence="observable",
            value_amount__isnull=False,
            value_unit=F("engagement__contract__currency"),
            beneficiary__in=("organisation", "both"),
        )
        .annotate(lowest=lowest, highest=highest)
        .values("engagement")
        .annotate(b=Sum(counted))
        .order_by()
        .values_list("engagement", "b")
    )
