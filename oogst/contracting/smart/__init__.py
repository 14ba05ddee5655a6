"""An advisory SMART check for coaching goals, in Dutch and English.

`check(text, lang)` reads a goal and says per letter what it found or missed. Measurable
and Time-bound are read from word patterns over lemmas (so "maanden", "kwartalen",
"wekelijkse" match "maand", "kwartaal", "wekelijks"); Specific, Acceptable and
Result-oriented are heuristics that a coach overrules. Pure: stdlib, simplemma and
`oogst.text` only, so it runs without Django settings.

- `nl`, `en`: the word tables and patterns of each language (`lexicon`: their shape).
- `reading`: the goal as lemmas; `evidence`: what the patterns find, quoted back.
- `letters`: the five criteria; `texts`: what the check says about them.
"""

from dataclasses import dataclass

from oogst.contracting.smart.letters import (
    Criterion,
    acceptable,
    measurable,
    result_oriented,
    specific,
    time_bound,
    time_spans,
)
from oogst.contracting.smart.reading import LEXICONS, read
from oogst.contracting.smart.texts import NAMES, TEXTS
from oogst.text import DEFAULT_LANG, LANGS, detect_language, language

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "LETTERS",
    "NAMES",
    "TEXTS",
    "Criterion",
    "SmartCheck",
    "check",
    "detect_language",
]

LETTERS = "SMART"


@dataclass(frozen=True)
class SmartCheck:
    lang: str
    S: Criterion
    M: Criterion
    A: Criterion
    R: Criterion
    T: Criterion

    def to_dict(self) -> dict[str, dict[str, bool | str]]:
        return {letter: getattr(self, letter).to_dict() for letter in LETTERS}


def check(text: str, lang: str | None = None) -> SmartCheck:
    """Check a goal against the five SMART letters; `lang` is 'nl' or 'en' (None: detect)."""
    lang = language(text, lang)
    lexicon, say = LEXICONS[lang], TEXTS[lang]
    goal = read(text, lang)
    time = time_spans(goal, lexicon)
    return SmartCheck(
        lang=lang,
        S=specific(goal, lexicon, time, say),
        M=measurable(goal, lexicon, time, say),
        A=acceptable(goal, lexicon, say),
        R=result_oriented(goal, lexicon, say),
        T=time_bound(goal, time, say),
    )
