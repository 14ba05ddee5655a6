"""Text tools that the SMART check and the goal suggestions share, in Dutch and English.

The tokeniser, the stop words, accent stripping and lemmatisation (simplemma). Pure:
stdlib and simplemma only, so it runs without Django settings.
"""

import re
import unicodedata
from functools import lru_cache

import simplemma

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"

# Numbers with their separators and short suffixes ("1-10-2026", "7,5", "1st", "2.1m"),
# Q1-Q4, currency and percent signs, words with inner hyphens or apostrophes.
TOKEN = re.compile(
    r"\b[qQ][1-4]\b|\d+(?:[.,:/-]\d+)*[^\W\d_]{0,3}|[€$£%]|[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"
)


def word_set(words: str) -> frozenset[str]:
    """A word table written as one string: "de het een" -> {"de", "het", "een"}."""
    return frozenset(words.split())


NL_STOP = word_set(
    "de het een en of maar dat die dit deze in op aan van voor met naar bij om te tot uit "
    "over als dan ook nog niet geen wel er hier daar zo al ik mijn me mij wij we ons onze "
    "jij je jouw u uw hij zij ze haar hem zijn hun men wat wie waar hoe wanneer welke welk "
    "dus want omdat zodat door tijdens na sinds tegen zonder binnen per elke iedere ieder elk "
    "vanaf uiterlijk minstens hooguit hoogstens maximaal minimaal ten minste tenminste"
)
EN_STOP = word_set(
    "the a an and or but that this these those in on at of for to with by from as than "
    "then also not no so i my me we our us you your he she they them his her their it its "
    "what who where how when which because during after before within without about into "
    "over up out very just per every each starting least most"
)


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(word: str) -> str:
    """Lowercased, accents off, a typographic apostrophe made straight: "Privé" -> "prive"."""
    return strip_accents(word.lower()).replace("\u2019", "'")


def tokens(text: str) -> list[str]:
    """The words (and numbers and signs) of a text, plain."""
    return [plain(m.group()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=8192)
def lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang)


def is_known(word: str, lang: str) -> bool:
    """Whether simplemma's dictionary of `lang` has the word."""
    return simplemma.is_known(word, lang=lang)


@lru_cache(maxsize=16384)
def lemmas(word: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    """The word's lemma in the first language, and in the others only when the first does
    not know the word: a Dutch text may say "feedback" or "one-to-one", but its "taken" are
    tasks, not "take". Separable verbs are glued ("over_dragen" -> "overdragen")."""
    found: list[str] = []
    for lang in langs:
        if found and is_known(word, langs[0]):
            break
        glued = plain(lemma(word, lang)).replace("_", "")
        if glued not in found:
            found.append(glued)
    return tuple(found)


def detect_language(text: str) -> str:
    """'nl' or 'en' by simplemma's word coverage; a tie goes to Dutch."""
    scores = dict(simplemma.langdetect(text, lang=LANGS))
    return "en" if scores.get("en", 0.0) > scores.get("nl", 0.0) else DEFAULT_LANG


def language(text: str, lang: str | None) -> str:
    """`lang` when given, else the detected language; an unknown one is refused."""
    found = lang or detect_language(text)
    if found not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {found!r}")
    return found
