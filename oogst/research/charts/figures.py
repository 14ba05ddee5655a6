"""Research figures in words: a number, or the words that say it was suppressed; and the
headline figures of the overview."""

from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from oogst.harvest.templatetags.harvest import label, number
from oogst.measures.model import PARTIES

Value = int | float | None


def suppressed_words(k: int | None) -> str:
    # A no-break space keeps "< 5" together when a narrow table cell wraps.
    return (_("suppressed (< %(k)s)") % {"k": k}).replace("< ", "<\u00a0")


def shown(value: Value, k: int | None, places: int = 0) -> str:
    """A figure for the table: the number, or "suppressed (< k)"."""
    return suppressed_words(k) if value is None else number(value, places)


def percent(value: float | None) -> str:
    return "" if value is None else f"{number(value * 100, 1)} %"


def shown_percent(value: Value, k: int | None) -> str:
    """A figure that already is a percentage, or "suppressed (< k)"."""
    return suppressed_words(k) if value is None else f"{number(value, 1)} %"


def share_of(value: float | None, k: int | None, *parts: Value) -> str:
    """A share for reading: suppressed when a figure it derives from is, a dash when
    there is nothing to divide by."""
    if any(part is None for part in parts):
        return suppressed_words(k)
    return "\u2013" if value is None else f"{number(value * 100, 1)} %"


def party_name(party: str) -> str:
    return capfirst(label(party, "party"))


# ---------------------------------------------------------------- the headline figures


def key_figures(stats: dict[str, Any], k: int | None) -> list[tuple[str, str]]:
    """The headline figures: (label, shown value), suppression spelled out."""
    rates, results, total = stats["rates"], stats["results"], stats["engagements"]
    pairs, meanings = stats["pairs"], stats["meanings"]
    disagreements = pairs["desirability"]["disagreements"]
    return [
        (_("Engagements included"), shown(total, k)),
        (_("Results"), shown(results, k)),
        (
            _("Unexpected results"),
            share_of(rates["unexpected"], k, pairs["expected"]["unexpected"], results),
        ),
        (
            _("Results the parties disagree on"),
            share_of(rates["disagreement"], k, disagreements, results),
        ),
        (
            _("Engagements with at least one disagreement"),
            share_of(
                rates["engagements_with_disagreement"],
                k,
                stats["engagements_with_disagreement"],
                total,
            ),
        ),
        (
            _("Engagements whose parties mean different things by “result”"),
            share_of(
                rates["meanings_divergent"], k, meanings["divergent"], meanings["engagements"]
            ),
        ),
    ]


def party_rates(stats: dict[str, Any], k: int | None) -> list[tuple[str, str, str]]:
    """Per party: the share of its reported results that were unexpected, and the share of
    the results it judged that it found undesired."""
    rates, reported = stats["rates"], stats["reported"]
    sides = stats["pairs"]["desirability"]
    return [
        (
            party_name(p),
            share_of(
                rates["unexpected_by_reporter"][p],
                k,
                reported[p]["unexpected"],
                reported[p]["results"],
            ),
            share_of(
                rates["undesired_by_party"][p],
                k,
                sides[p]["desired"],
                sides[p]["undesired"],
                sides[p]["neutral"],
            ),
        )
        for p in PARTIES
    ]
