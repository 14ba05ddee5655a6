"""A goal read as lemmas, with the way back to its original wording.

Patterns search `Text.norm`, the words joined by single spaces; `Text.quote` gives the
words as the client wrote them behind a stretch of it.
"""

from dataclasses import dataclass

from oogst.contracting.smart import en, nl
from oogst.contracting.smart.lexicon import Lexicon
from oogst.text import TOKEN, lemma, strip_accents

LEXICONS: dict[str, Lexicon] = {"nl": nl.LEXICON, "en": en.LEXICON}
KEEP = {lang: lexicon.keep for lang, lexicon in LEXICONS.items()}


@dataclass(frozen=True)
class Token:
    surface: str  # as written
    start: int  # in the original text
    end: int
    word: str  # lowercased, accents off, lemmatized unless kept


@dataclass(frozen=True)
class Text:
    original: str
    tokens: tuple[Token, ...]
    norm: str  # the words joined by single spaces: the string patterns search
    offsets: tuple[int, ...]  # where each word starts in norm

    def quote(self, start: int, end: int) -> str:
        """The original wording behind a stretch of `norm`."""
        inside = [
            token
            for token, offset in zip(self.tokens, self.offsets, strict=True)
            if offset < end and offset + len(token.word) > start
        ]
        return self.original[inside[0].start : inside[-1].end]


def _normal(surface: str, lang: str) -> str:
    low = surface.lower()
    plain = strip_accents(low)
    if plain == "een" and low != "een":
        return "1"  # "één" with accents is always the number, never the article
    if plain in KEEP[lang] or not plain.isalpha():
        return plain
    return strip_accents(lemma(plain, lang).lower())


def read(text: str, lang: str) -> Text:
    tokens = tuple(
        Token(m.group(), m.start(), m.end(), _normal(m.group(), lang)) for m in TOKEN.finditer(text)
    )
    offsets, position = [], 0
    for token in tokens:
        offsets.append(position)
        position += len(token.word) + 1
    return Text(text, tokens, " ".join(t.word for t in tokens), tuple(offsets))
