"""Labels and numbers on the engagement page, in the active language."""

from decimal import Decimal

import pytest
from django.utils import translation

from oogst.harvest.templatetags import harvest
from oogst.measures.model import Value


@pytest.mark.parametrize(("language", "expected"), [("en", "€3,600"), ("nl", "€ 3.600")])
def test_money_in_the_active_locale(language: str, expected: str) -> None:
    with translation.override(language):
        assert harvest.money(3600, "EUR") == expected


def test_money_keeps_cents_only_when_there_are_some() -> None:
    with translation.override("nl"):
        assert harvest.money(Decimal("12.5"), "EUR") == "€ 12,50"
        assert harvest.money(7200.0, "EUR") == "€ 7.200"
        assert harvest.money(-40, "USD") == "$ \u221240"


def test_quantity_with_a_unit_that_is_no_currency() -> None:
    with translation.override("en"):
        assert harvest.quantity(Value(amount=Decimal("12"), unit="hours")) == "12 hours"
        assert harvest.quantity(Value(amount=Decimal("4500"), unit="EUR")) == "€4,500"


def test_numbers_round_half_up() -> None:
    with translation.override("nl"):
        assert harvest.number(54.56, 1) == "54,6"
        assert harvest.number(59.13, 1) == "59,1"


def test_percentages() -> None:
    with translation.override("en"):
        assert harvest.percent(100.0) == "100%"
        assert harvest.fraction(Decimal("0.35")) == "35%"
        assert harvest.fraction(None) == ""


def test_signed_levels() -> None:
    assert [harvest.signed(x) for x in (-2, -1, 0, 1, 2)] == ["\u22122", "\u22121", "0", "+1", "+2"]


def test_labels_of_vocabulary_values() -> None:
    with translation.override("nl"):
        assert harvest.label("sponsor", "party") == "opdrachtgever"
        assert harvest.label("financial", "meaning") == "financieel"
    with translation.override("en"):
        assert harvest.label("organisation", "beneficiary") == "for the organisation"
        assert harvest.label("unknown", "meaning") == "unknown"
