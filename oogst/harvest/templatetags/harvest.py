"""Filters for the engagement page: vocabulary labels, and numbers in the active locale."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst import vocabulary

register = template.Library()

VOCABULARIES = {
    "party": vocabulary.Party,
    "meaning": vocabulary.Meaning,
    "desirability": vocabulary.Desirability,
    "beneficiary": vocabulary.Beneficiary,
    "evidence": vocabulary.Evidence,
    "source": vocabulary.Source,
    "closing_status": vocabulary.ClosingStatus,
    "sponsor_view": vocabulary.SponsorView,
    "stage": vocabulary.Stage,
}
CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}
MINUS = "\u2212"

Number = int | float | Decimal


@register.filter
def label(value: str, vocabulary_name: str) -> str:
    """The translated label of a vocabulary value: `{{ r.meaning|label:"meaning" }}`."""
    choices = VOCABULARIES[vocabulary_name]
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _number(value: Number, places: int) -> str:
    # number_format cuts digits off; round half up first, as a person would.
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    text = number_format(rounded, places, use_l10n=True, force_grouping=True)
    return text.replace("-", MINUS, 1)


@register.filter
def number(value: Number | None, places: int = 0) -> str:
    """A number in the active locale: `{{ 1234.5|number:1 }}` is "1.234,5" in Dutch."""
    if value is None:
        return ""
    return _number(value, int(places))


@register.filter
def money(value: Number | None, currency: str = "") -> str:
    """An amount of money: whole amounts without cents ("€ 3.600"), others with ("€ 12,50")."""
    if value is None:
        return ""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else 2
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    if not symbol:
        return _number(amount, places)
    # Translators: how an amount of money is written, e.g. "€ 3.600" in Dutch, "€3,600" in English.
    return _("%(symbol)s%(amount)s") % {"symbol": symbol, "amount": _number(amount, places)}


@register.filter
def quantity(value: object) -> str:
    """A result's value with its unit; a currency code in the unit makes it money."""
    amount = getattr(value, "amount", None)
    unit = getattr(value, "unit", "")
    if amount is None:
        return ""
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        return money(amount, unit)
    return f"{number(amount, 0 if amount == int(amount) else 2)} {unit}".strip()


@register.filter
def percent(value: Number | None, places: int = 0) -> str:
    """A number that already is a percentage: 100.0 -> "100%"."""
    if value is None:
        return ""
    # Translators: a percentage; Dutch usually writes it without a space too ("35%").
    return _("%(number)s%%") % {"number": _number(value, int(places))}


@register.filter
def fraction(value: Number | None) -> str:
    """A fraction between 0 and 1 as a percentage: 0.35 -> "35%"."""
    if value is None:
        return ""
    return percent(Decimal(str(value)) * 100)


@register.filter
def signed(level: int | None) -> str:
    """A level on a goal attainment scale with its sign (a true minus sign below zero)."""
    if level is None:
        return ""
    if level > 0:
        return f"+{level}"
    return f"{MINUS}{-level}" if level < 0 else "0"


@register.filter
def get(mapping: dict, key: str) -> object:  # type: ignore[type-arg]
    return mapping.get(key) if mapping else None


LEVEL_NAMES = {
    -2: gettext_lazy("much less than expected"),
    -1: gettext_lazy("less than expected"),
    0: gettext_lazy("the expected level"),
    1: gettext_lazy("more than expected"),
    2: gettext_lazy("much more than expected"),
}


@register.filter
def level_name(level: int) -> str:
    """What a level on a goal attainment scale means: 0 is "the expected level"."""
    return str(LEVEL_NAMES.get(level, ""))
