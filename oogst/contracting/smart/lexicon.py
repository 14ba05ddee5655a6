"""What a language's word tables and patterns must provide, and the pieces they share."""

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Lexicon:
    time: tuple[re.Pattern[str], ...]
    measure: tuple[re.Pattern[str], ...]
    numbers: frozenset[str]
    units: frozenset[str]
    indicators: frozenset[str]
    indicator_endings: tuple[str, ...]
    products: frozenset[str]
    product_endings: tuple[str, ...]
    completions: frozenset[str]
    burden: tuple[re.Pattern[str], ...]
    first_person: frozenset[str]
    activity: tuple[re.Pattern[str], ...]
    results: frozenset[str]
    vague: frozenset[str]
    generic: frozenset[str]
    stop: frozenset[str]

    @property
    def keep(self) -> frozenset[str]:
        """Words matched as written, because the lemmatizer would bend them out of reach
        ("komende" -> "komen", "eerste" -> "één", "ten minste" -> "te weinig")."""
        patterns = self.time + self.measure + self.burden + self.activity
        literal = {w for p in patterns for w in re.findall(r"[a-z_']+", _unescape(p.pattern))}
        tables = self.numbers | self.units | self.indicators | self.vague | self.first_person
        return frozenset(literal | tables | self.products)


def _unescape(source: str) -> str:
    return re.sub(r"\\[a-zA-Z]|\?[:!<=]+", " ", source)


def alt(words: Iterable[str]) -> str:
    # Longest first, so "halfjaar" wins over "half".
    return "(?:" + "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)) + ")"


def rx(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


NUM = r"\d[\w.,:/-]*"
NUMERIC_DATE = r"\b\d{1,4}[-/]\d{1,2}[-/]\d{1,4}\b"
# A year, not an amount: "2026" but not "€ 2000" or "2000 euro".
YEAR = r"(?<![€$£] )\b20\d\d\b(?! (?:euro|eur|dollar|procent|percent|%|uur|hour))"
