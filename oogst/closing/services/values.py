"""Money values of observable results, and the return on investment they make up.

`result_value_set` is the write: the coach, the sponsor on a result it may read and the
client on her own results put an amount on an observable result (the policy's
`RESULT_VALUE`). `roi_breakdown` is pure: over the viewer's policy-filtered view it says
exactly which results entered the benefits, with the figures, and why every other did not.
The pages read it through `harvest.values`, which hands it the viewer's harvest.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oogst import policy
from oogst.contracting.selectors import facts_for
from oogst.measures import model as m
from oogst.measures import roi
from oogst.measures.numbers import to_decimal
from oogst.policy import Content, Facts, Party
from oogst.results.models import Result
from oogst.results.selectors import may_read_result
from oogst.results.services.register import refuse_if_withdrawn
from oogst.vocabulary import Evidence
from oogst.vocabulary import Party as PartyLabel


def value_facts(facts: Facts, *, reported_by: str, shared_with_sponsor: bool) -> Facts:
    """The facts about one result's value: whose result it is, and the client's consent."""
    return replace(facts, author=Party(reported_by), shared_with_sponsor=shared_with_sponsor)


def _currency(result: Result) -> str:
    contract = getattr(result.engagement, "contract", None)
    return contract.currency if contract is not None else ""


@transaction.atomic
def result_value_set(*, result: Result, actor: Party, amount: Decimal | None, unit: str) -> Result:
    """Put a value (amount and unit) on an observable result; `amount` None clears it.

    An empty unit is the contract's currency. A negative amount is a cost the coaching
    caused. A result the actor may not read raises `Result.DoesNotExist` (a view answers
    404, exactly as for a missing key); a party that may not value it, PermissionDenied.
    """
    if not may_read_result(result=result, party=actor):
        raise Result.DoesNotExist
    facts = facts_for(engagement_id=result.engagement_id, party=actor)
    allowed = value_facts(
        facts, reported_by=result.reported_by, shared_with_sponsor=result.shared_with_sponsor
    )
    if not policy.may_write(Content.RESULT_VALUE, allowed):
        raise PermissionDenied
    refuse_if_withdrawn(result)  # it counts in no return; its value stays as it was
    unit = unit.strip()
    if amount is None:
        result.value_amount, result.value_unit = None, ""
    else:
        if result.evidence != Evidence.OBSERVABLE:
            raise ValidationError(
                {
                    "amount": [
                        _(
                            "Only an observable result can carry a value, and %(key)s is "
                            "explicable: it shows only in conversation."
                        )
                        % {"key": result.key}
                    ]
                }
            )
        unit = unit or _currency(result)
        if not unit:
            raise ValidationError(
                {"unit": [_("Give the unit of the value, such as EUR or hours a week.")]}
            )
        result.value_amount, result.value_unit = amount, unit
    result.full_clean()
    result.save(update_fields=["value_amount", "value_unit", "updated_at"])
    return result


# ---------------------------------------------------------------- the ROI, line by line


@dataclass(frozen=True)
class CountedLine:
    """A result that entered the benefits: amount x share x confidence = contribution."""

    key: str
    text: str
    amount: Decimal
    unit: str
    share: Decimal
    confidence: Decimal
    contribution: Decimal
    parties: tuple[str, ...]  # whose estimate was used (more than one when they agree)
    is_cost: bool
    may_value: bool

    @property
    def estimate_by(self) -> str:
        """The parties whose estimate was used, by their translated names."""
        return ", ".join(str(PartyLabel(p).label) for p in self.parties)


@dataclass(frozen=True)
class ExcludedLine:
    """A result that did not enter the benefits, and why (a reason of `measures.roi`)."""

    key: str
    text: str
    reason: str
    evidence: str
    value: m.Value | None
    may_value: bool


@dataclass(frozen=True)
class RoiBreakdown:
    engagement_id: int
    viewer: str
    currency: str
    costs: Decimal | None
    benefits: Decimal
    roi_percent: Decimal | None
    bcr: Decimal | None
    counted: tuple[CountedLine, ...]
    excluded: tuple[ExcludedLine, ...]


def _estimate_used(r: m.Result) -> tuple[Decimal, Decimal, tuple[str, ...]]:
    """The conservative estimate used for `r`: its share, confidence and whose it was."""
    assert r.value is not None
    factor = roi.conservative_factor(r.attribution, to_decimal(r.value.amount))
    used = tuple(
        p
        for p in m.PARTIES
        if p in r.attribution
        and to_decimal(r.attribution[p].share) * to_decimal(r.attribution[p].confidence) == factor
    )
    first = r.attribution[used[0]]
    return to_decimal(first.share), to_decimal(first.confidence), used


def roi_breakdown(
    view: m.Engagement, *, engagement_id: int, viewer: Party, facts: Facts
) -> RoiBreakdown:
    """The ROI over `view` (already cut down to what `viewer` may read), result by result.

    `facts` are the viewer's (`contracting.selectors.facts_for`): they say, per observable
    result, whether the viewer may enter its value (a closed engagement: nobody).
    """
    costs = view.contract.costs if view.contract is not None else None
    outcome = roi.compute(view.results, costs)
    by_key = {r.key: r for r in view.results}

    def may_value(r: m.Result) -> bool:
        return r.evidence == Evidence.OBSERVABLE and policy.may_write(
            Content.RESULT_VALUE,
            value_facts(
                facts, reported_by=r.reported_by, shared_with_sponsor=r.shared_with_sponsor
            ),
        )

    counted = []
    for key in outcome.counted:
        r = by_key[key]
        assert r.value is not None
        share, confidence, used = _estimate_used(r)
        amount = to_decimal(r.value.amount)
        counted.append(
            CountedLine(
                key=key,
                text=r.text,
                amount=amount,
                unit=r.value.unit,
                share=share,
                confidence=confidence,
                contribution=roi.benefit(r.value, r.attribution),
                parties=used,
                is_cost=amount < 0,
                may_value=may_value(r),
            )
        )
    excluded = tuple(
        ExcludedLine(
            key=key,
            text=by_key[key].text,
            reason=reason,
            evidence=by_key[key].evidence,
            value=by_key[key].value,
            may_value=may_value(by_key[key]),
        )
        for key, reason in outcome.excluded
    )
    return RoiBreakdown(
        engagement_id=engagement_id,
        viewer=viewer,
        currency=costs.currency if costs is not None else "",
        costs=outcome.costs,
        benefits=outcome.benefits,
        roi_percent=outcome.roi_percent,
        bcr=outcome.bcr,
        counted=tuple(counted),
        excluded=excluded,
    )


def result_to_value(*, engagement_id: int, key: str) -> Result:
    """The row to write, once `value_page` said the viewer may read it."""
    return Result.objects.select_related("engagement__contract").get(
        engagement_id=engagement_id, key=key
    )
