"""The five letters, each a `Criterion` read from a goal's lemmas.

Measurable and Time-bound look for patterns (a number, a frequency, a date, a period);
Specific, Acceptable and Result-oriented are heuristics that a coach overrules.
"""

from dataclasses import dataclass

from oogst.contracting.smart.evidence import Span, mask, quotes, spans, word_spans
from oogst.contracting.smart.lexicon import Lexicon, rx
from oogst.contracting.smart.reading import Text, Token

MIN_CONTENT_WORDS = 5  # fewer than this and a goal cannot say what, who and where
# Matched on lemmas ("is" -> "zijn"/"be"), both languages at once.
FRAMING = rx(r"\bdoel (?:zijn|worden)\b", r"\bgoal be\b")


@dataclass(frozen=True)
class Criterion:
    ok: bool
    reason: str
    suggestion: str

    def to_dict(self) -> dict[str, bool | str]:
        return {"ok": self.ok, "reason": self.reason, "suggestion": self.suggestion}


def time_spans(text: Text, lexicon: Lexicon) -> list[Span]:
    return spans(lexicon.time, text.norm)


def _measure_spans(text: Text, lexicon: Lexicon, time: list[Span]) -> list[Span]:
    # Numbers inside a date or period ("1 oktober 2026", "binnen drie maanden") say when,
    # not how much, so they are masked first.
    found = spans(lexicon.measure, mask(text.norm, time))
    found += word_spans(text, lexicon.indicators, lexicon.indicator_endings)
    # A deliverable counts when the goal also says it is finished: "a written plan".
    products = word_spans(text, lexicon.products, lexicon.product_endings)
    if products and word_spans(text, lexicon.completions):
        found += products
    if "promote" in text.norm.split():
        found += word_spans(text, frozenset({"promote"}))
    return found


def measurable(text: Text, lexicon: Lexicon, time: list[Span], say: dict[str, str]) -> Criterion:
    found = _measure_spans(text, lexicon, time)
    if found:
        return Criterion(True, say["M_ok"].format(found=quotes(text, found)), "")
    return Criterion(False, say["M_no"], say["M_fix"])


def time_bound(text: Text, time: list[Span], say: dict[str, str]) -> Criterion:
    if time:
        return Criterion(True, say["T_ok"].format(found=quotes(text, time)), "")
    return Criterion(False, say["T_no"], say["T_fix"])


def specific(text: Text, lexicon: Lexicon, time: list[Span], say: dict[str, str]) -> Criterion:
    content = [
        t
        for t in text.tokens
        if any(c.isalnum() for c in t.word)
        and t.word not in lexicon.stop
        and t.word not in lexicon.generic
    ]
    concrete = [t for t in content if t.word not in lexicon.vague]
    listed = ", ".join(f"'{t.surface}'" for t in _subjects(text, concrete, time)) or "-"
    if len(content) < MIN_CONTENT_WORDS:
        reason = say["S_few"].format(count=len(content), found=listed)
        return Criterion(False, reason, say["S_fix"])
    if len(concrete) < len(content) / 2:
        vague = ", ".join(f"'{t.surface}'" for t in content if t.word in lexicon.vague)
        return Criterion(False, say["S_vague"].format(found=vague), say["S_fix"])
    return Criterion(True, say["S_ok"].format(found=listed), "")


def _subjects(text: Text, concrete: list[Token], time: list[Span]) -> list[Token]:
    """The words that say what the goal is about: no dates, periods or numbers."""
    in_time = {
        token
        for token, offset in zip(text.tokens, text.offsets, strict=True)
        if any(start <= offset < end for start, end in time)
    }
    words = [t for t in concrete if t.word.isalpha() and t not in in_time]
    return (words or concrete)[:3]


def acceptable(text: Text, lexicon: Lexicon, say: dict[str, str]) -> Criterion:
    burden = spans(lexicon.burden, text.norm)
    if burden:
        reason = say["A_burden"].format(found=quotes(text, burden))
        return Criterion(False, reason, say["A_fix_burden"] + say["A_fix"])
    own = [t for t in text.tokens if t.word in lexicon.first_person]
    if own:
        return Criterion(True, say["A_own"].format(found=f"'{own[0].surface}'"), say["A_fix"])
    return Criterion(True, say["A_neutral"], say["A_fix"])


def result_oriented(text: Text, lexicon: Lexicon, say: dict[str, str]) -> Criterion:
    activity = spans(lexicon.activity, text.norm)
    # "bezig zijn met" holds a "zijn" that is no result, nor does "my goal is"; look
    # outside the activities and the framing.
    outside = mask(text.norm, activity + spans(FRAMING, text.norm))
    results = [(s, e) for s, e in word_spans(text, lexicon.results) if outside[s] != "#"]
    if results:
        return Criterion(True, say["R_result"].format(found=quotes(text, results)), "")
    if activity:
        reason = say["R_activity"].format(found=quotes(text, activity))
        return Criterion(False, reason, say["R_fix"])
    return Criterion(True, say["R_state"], "")
