"""The parts of Dutch compounds and hyphenated words: "werkmail" -> werk, mail.

A result about "werkmail" then shares evidence with a goal about "mail".
"""

from functools import lru_cache

from oogst.results.suggest.concepts import CONCEPT_WORDS
from oogst.results.suggest.weights import MIN_PART
from oogst.results.suggest.words import PARTICLES, STOP, SUFFIXES
from oogst.text import is_known, lemmas


@lru_cache(maxsize=16384)
def _known(word: str) -> bool:
    return len(word) >= MIN_PART and is_known(word, "nl")


@lru_cache(maxsize=16384)
def _split(word: str, depth: int = 2) -> tuple[str, ...]:
    """The parts of a Dutch compound, longest known head first: "werkmail" -> werk, mail.

    A part must be a known word of at least four letters and no suffix ("duide-lijk"); a
    linking s or e between the parts is dropped ("ondernemingsraad", "klantescalatie").
    () when no split is found.
    """
    if depth == 0 or len(word) < 2 * MIN_PART:
        return ()
    if word.startswith(PARTICLES) or is_known(word, "en"):
        return ()  # "voorbereiden", "medewerker", "management": one word, not two
    if word.endswith("en") and _known(word):
        return ()  # a verb: "vertellen" is not "vert" + "ellen"
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        for linker in ("", "s", "e", "en"):
            if linker and not head.endswith(linker):
                continue
            stem = head[: len(head) - len(linker)] if linker else head
            if not (_known(stem) or stem in CONCEPT_WORDS):
                continue
            if tail in SUFFIXES:
                continue
            if _known(tail) or tail in CONCEPT_WORDS:
                return (stem, tail)
            rest = _split(tail, depth - 1)
            if rest:
                return (stem, *rest)
    return ()


def parts(lemma: str) -> tuple[str, ...]:
    """The parts of a hyphenated word ("work-life") or of a Dutch compound, as lemmas."""
    pieces = lemma.split("-") if "-" in lemma else [lemma]
    found: list[str] = []
    for piece in pieces:
        split = _split(piece) if len(pieces) == 1 else (_split(piece) or (piece,))
        found.extend(lemmas(part, ("nl",))[0] for part in split)
    return tuple(
        p for p in dict.fromkeys(found) if p != lemma and len(p) >= MIN_PART and p not in STOP
    )
