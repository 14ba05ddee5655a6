from decimal import Decimal

import pytest

from oogst.measures import roi
from oogst.measures.model import Attribution, Money, Value

from .build import attribution, result

EUR_3600 = Money(Decimal(3600), "EUR")


def monetary(key: str, amount: int | str, **overrides):
    fields = {
        "evidence": "observable",
        "value": Value(Decimal(amount), "EUR"),
        "beneficiary": "organisation",
        "attribution": {"client": attribution("0.5", "0.8")},
    }
    fields.update(overrides)
    return result(key, **fields)


def test_gain_uses_the_lowest_share_times_confidence():
    # sponsor 0.3 * 0.6 = 0.18 < coach 0.5 * 0.5 = 0.25; 40000 * 0.18 = 7200
    r = monetary(
        "R6",
        40000,
        attribution={"sponsor": attribution("0.3", "0.6"), "coach": attribution("0.5", "0.5")},
    )
    outcome = roi.compute([r], EUR_3600)
    assert outcome.benefits == Decimal(7200)
    assert outcome.costs == Decimal(3600)
    assert outcome.roi_percent == Decimal(100)
    assert outcome.bcr == Decimal(2)
    assert outcome.counted == ("R6",)
    assert outcome.excluded == ()


def test_cost_uses_the_highest_share_times_confidence():
    # A cost caused by coaching: the least favourable estimate is the highest one.
    gain = monetary("R1", 10000, attribution={"client": attribution("0.5", "0.8")})
    cost = monetary(
        "R2",
        -2000,
        attribution={"client": attribution("0.5", "0.5"), "coach": attribution("0.9", "1")},
    )
    outcome = roi.compute([gain, cost], Money(Decimal(1000), "EUR"))
    # 10000 * 0.4 - 2000 * 0.9 = 4000 - 1800 = 2200
    assert outcome.benefits == Decimal(2200)
    assert outcome.roi_percent == Decimal(120)
    assert outcome.bcr == Decimal("2.2")
    assert outcome.counted == ("R1", "R2")


def test_negative_roi_when_benefits_fall_short():
    outcome = roi.compute([monetary("R1", 1000)], Money(Decimal(2000), "EUR"))
    # 1000 * 0.4 = 400; (400 - 2000) / 2000 * 100 = -80
    assert outcome.benefits == Decimal(400)
    assert outcome.roi_percent == Decimal(-80)
    assert outcome.bcr == Decimal("0.2")


def test_float_inputs_are_taken_at_their_decimal_face_value():
    r = monetary("R1", 1000, attribution={"client": Attribution(0.3, 0.6)})  # type: ignore[arg-type]
    outcome = roi.compute([r], Money(1000, "EUR"))  # type: ignore[arg-type]
    assert outcome.benefits == Decimal("180.00")


def test_each_reason_for_not_counting():
    results = [
        result("R1"),  # explicable, no value
        monetary("R2", 500, evidence="explicable", value=None),
        monetary("R3", 500, value=Value(Decimal(500), "USD")),
        monetary("R4", 500, value=Value(Decimal(3), "hours")),
        monetary("R5", 500, beneficiary="client"),
        monetary("R6", 500, attribution={}),
        monetary("R7", 500, beneficiary="both"),
    ]
    outcome = roi.compute(results, EUR_3600)
    assert outcome.counted == ("R7",)
    assert outcome.excluded == (
        ("R1", "no_value"),
        ("R2", "no_value"),
        ("R3", "other_currency"),
        ("R4", "other_currency"),
        ("R5", "not_for_organisation"),
        ("R6", "no_attribution"),
    )
    assert outcome.benefits == Decimal(200)


def test_observable_without_value_does_not_count():
    outcome = roi.compute([monetary("R1", 1, value=None)], EUR_3600)
    assert outcome.excluded == (("R1", "no_value"),)


@pytest.mark.parametrize("costs", [None, Money(Decimal(0), "EUR")])
def test_without_costs_nothing_counts(costs):
    outcome = roi.compute([monetary("R1", 40000), result("R2")], costs)
    assert outcome == roi.RoiOutcome(
        costs=None,
        benefits=Decimal(0),
        roi_percent=None,
        bcr=None,
        counted=(),
        excluded=(("R1", "no_costs"), ("R2", "no_costs")),
    )


def test_no_results_gives_minus_100_percent():
    outcome = roi.compute([], EUR_3600)
    assert outcome.benefits == Decimal(0)
    assert outcome.roi_percent == Decimal(-100)
    assert outcome.bcr == Decimal(0)
    assert outcome.counted == ()


def test_negative_costs_are_rejected():
    with pytest.raises(ValueError, match="negative"):
        roi.compute([], Money(Decimal(-1), "EUR"))
