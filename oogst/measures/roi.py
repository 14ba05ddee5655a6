"""Return on investment after Phillips, conservative by design.

Only monetary values count (a unit equal to the contract's currency), only for the
organisation, and each at the least favourable share * confidence any party gave: the
lowest for a gain, the highest for a cost the coaching caused. Whatever does not count is
listed with a reason, so the interface can say why instead of leaving a silent gap.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from oogst.measures.model import Attribution, Money, Result, Value
from oogst.measures.numbers import to_decimal

NO_COSTS = "no_costs"
NO_VALUE = "no_value"
OTHER_CURRENCY = "other_currency"
NOT_FOR_ORGANISATION = "not_for_organisation"
NO_ATTRIBUTION = "no_attribution"
REASONS: tuple[str, ...] = (
    NO_COSTS,
    NO_VALUE,
    OTHER_CURRENCY,
    NOT_FOR_ORGANISATION,
    NO_ATTRIBUTION,
)
FOR_ORGANISATION = frozenset({"organisation", "both"})


@dataclass(frozen=True)
class RoiOutcome:
    costs: Decimal | None  # None: no costs agreed (or 0), so nothing can be compared
    benefits: Decimal
    roi_percent: Decimal | None
    bcr: Decimal | None
    counted: tuple[str, ...]  # result keys that entered the benefits
    excluded: tuple[tuple[str, str], ...]  # (result key, reason) for every other result


def exclusion_reason(result: Result, currency: str) -> str | None:
    """Why `result` does not count towards the benefits, or None when it does."""
    if result.value is None or result.evidence != "observable":
        return NO_VALUE
    if result.value.unit != currency:
        return OTHER_CURRENCY
    if result.beneficiary not in FOR_ORGANISATION:
        return NOT_FOR_ORGANISATION
    if not result.attribution:
        return NO_ATTRIBUTION
    return None


def conservative_factor(attribution: Mapping[str, Attribution], amount: Decimal) -> Decimal:
    """The share * confidence among the parties that makes the contribution smallest."""
    factors = [to_decimal(a.share) * to_decimal(a.confidence) for a in attribution.values()]
    # For a cost (negative amount) the highest factor is the least favourable one.
    return max(factors) if amount < 0 else min(factors)


def benefit(value: Value, attribution: Mapping[str, Attribution]) -> Decimal:
    amount = to_decimal(value.amount)
    return amount * conservative_factor(attribution, amount)


def _without_costs(results: Sequence[Result]) -> RoiOutcome:
    # Without agreed costs there is no currency either, so nothing can be counted.
    return RoiOutcome(
        costs=None,
        benefits=Decimal(0),
        roi_percent=None,
        bcr=None,
        counted=(),
        excluded=tuple((r.key, NO_COSTS) for r in results),
    )


def compute(results: Sequence[Result], costs: Money | None) -> RoiOutcome:
    """ROI over `results` (those the viewer may read) against the contract's costs."""
    if costs is None or to_decimal(costs.amount) == 0:
        return _without_costs(results)
    amount = to_decimal(costs.amount)
    if amount < 0:
        raise ValueError(f"costs cannot be negative, got {amount}")
    counted: list[str] = []
    excluded: list[tuple[str, str]] = []
    benefits = Decimal(0)
    for result in results:
        reason = exclusion_reason(result, costs.currency)
        if reason is None and result.value is not None:
            counted.append(result.key)
            benefits += benefit(result.value, result.attribution)
        else:
            # reason is only None when the value is present, so `or` never fires.
            excluded.append((result.key, reason or NO_VALUE))
    return RoiOutcome(
        costs=amount,
        benefits=benefits,
        roi_percent=(benefits - amount) / amount * 100,
        bcr=benefits / amount,
        counted=tuple(counted),
        excluded=tuple(excluded),
    )
