"""Finding evidence in a read goal: the stretches of `Text.norm` that patterns or word
tables match, and how they are quoted back to the coach."""

import re
from collections.abc import Iterable

from oogst.contracting.smart.reading import Text

MAX_QUOTES = 2

Span = tuple[int, int]


def spans(patterns: Iterable[re.Pattern[str]], norm: str) -> list[Span]:
    return sorted(m.span() for p in patterns for m in p.finditer(norm) if m.end() > m.start())


def mask(norm: str, spans: Iterable[Span]) -> str:
    # Same length, so offsets still point at the same words.
    chars = list(norm)
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


def word_spans(text: Text, match: frozenset[str], endings: tuple[str, ...] = ()) -> list[Span]:
    return [
        (offset, offset + len(token.word))
        for token, offset in zip(text.tokens, text.offsets, strict=True)
        if token.word in match or (endings and token.word.endswith(endings))
    ]


def quotes(text: Text, spans: list[Span]) -> str:
    """The first few distinct findings, quoted as written: "'binnen drie maanden'"."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:  # overlapping or next word: "8" + "%"
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ", ".join(f"'{text.quote(start, end)}'" for start, end in merged[:MAX_QUOTES])
