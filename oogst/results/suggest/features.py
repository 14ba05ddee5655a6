"""A text as features: its lemmas, the parts of its compounds and the concepts it names,
each with a weight before IDF."""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass

from oogst.results.suggest.compounds import parts
from oogst.results.suggest.concepts import CONCEPT_OF, concept_weight
from oogst.results.suggest.weights import PART_WEIGHT, WEAK_FACTOR, WORD_WEIGHT
from oogst.results.suggest.words import STOP, WEAK
from oogst.text import LANGS, language, lemmas, tokens


@dataclass(frozen=True)
class Features:
    """What a text is about: feature -> weight before IDF, and why (for `matched`)."""

    weights: dict[str, float]
    words: frozenset[str]  # the plain lemmas, for fuzzy matching


def _units(text: str, langs: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Per word of the text: its lemmas (stopwords and numbers dropped as None-like ())."""
    units: list[tuple[str, ...]] = []
    for token in tokens(text):
        if not token[:1].isalpha() or token in STOP:
            units.append(())
            continue
        found = tuple(lemma for lemma in lemmas(token, langs) if lemma not in STOP)
        units.append(found)
    return units


def _languages(text: str, lang: str | None) -> tuple[str, ...]:
    """The detected (or given) language first, the other one after: texts mix them."""
    first = language(text, lang)
    return (first, *(other for other in LANGS if other != first))


def features(text: str, lang: str | None) -> Features:
    langs = _languages(text, lang)
    weights: dict[str, float] = {}

    def add(feature: str, weight: float) -> None:
        weights[feature] = max(weights.get(feature, 0.0), weight)

    words: set[str] = set()
    for found in _units(text, langs):
        for lemma in found:
            words.add(lemma)
            add(lemma, WORD_WEIGHT * (WEAK_FACTOR if lemma in WEAK else 1.0))
            for concept in CONCEPT_OF.get(lemma, ()):
                add("#" + concept, concept_weight(concept))
            for part in parts(lemma) if lemma == found[0] else ():
                add(part, PART_WEIGHT * (WEAK_FACTOR if part in WEAK else 1.0))
                for concept in CONCEPT_OF.get(part, ()):
                    add("#" + concept, concept_weight(concept) * PART_WEIGHT / WORD_WEIGHT)
    for phrase in _phrases(text, langs):
        for concept in CONCEPT_OF.get(phrase, ()):
            add("#" + concept, concept_weight(concept))
    return Features(weights, frozenset(words))


def _phrases(text: str, langs: tuple[str, ...]) -> Iterable[str]:
    """Neighbouring word pairs as lemmas, stopwords kept: "hand over", "vrije tijd"."""
    found = [lemmas(token, langs)[0] for token in tokens(text) if token[:1].isalpha()]
    for first, second in itertools.pairwise(found):
        yield f"{first}_{second}"
