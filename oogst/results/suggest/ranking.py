"""Ranking the goals of a contract for a result: shared features, discounted by how many
goals have them, saturating into a score in [0, 1]."""

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from oogst.measures import model as m
from oogst.results.suggest.concepts import CONCEPT_OF
from oogst.results.suggest.features import Features, features
from oogst.results.suggest.weights import (
    EVIDENCE_SCALE,
    FUZZY_CUTOFF,
    FUZZY_WEIGHT,
    MIN_FUZZY,
    OVERLAP_FACTOR,
    SCALE_FACTOR,
    UNEXPECTED_BELOW,
)


@dataclass(frozen=True)
class GoalText:
    key: str
    text: str
    scale: Sequence[str] = ()  # the five GAS level descriptions, -2 to +2; optional


@dataclass(frozen=True)
class Suggestion:
    goal: str
    score: float  # in [0, 1], 3 decimals
    matched: tuple[str, ...] = ()  # shared concepts and words, strongest first

    def to_dict(self) -> dict[str, object]:
        return {"goal": self.goal, "score": self.score, "matched": list(self.matched)}


@lru_cache(maxsize=1024)
def _goal_features(text: str, scale: tuple[str, ...]) -> dict[str, float]:
    """Feature -> 1 when the goal's text names it, `SCALE_FACTOR` when only its levels do.

    Cached: while a result is typed, the same goals are ranked on every keystroke. Callers
    must not change the dict."""
    levels = features(" . ".join(scale), None).weights if scale else {}
    factors = dict.fromkeys(levels, SCALE_FACTOR)
    factors.update(dict.fromkeys(_goal_read(text).weights, 1.0))
    return factors


@lru_cache(maxsize=1024)
def _goal_read(text: str) -> Features:
    return features(text, None)


def _idf(feature: str, goals: list[dict[str, float]]) -> float:
    """1 for a feature of one goal, falling towards 0.3 when every goal has it."""
    n = len(goals)
    df = sum(feature in goal for goal in goals)
    if n <= 1 or df <= 1:
        return 1.0
    return 0.3 + 0.7 * (n - df) / (n - 1)


def _fuzzy(result: Features, goal_words: frozenset[str], shared: set[str]) -> dict[str, float]:
    """Words written almost alike ("coachend"/"coaching"), not already shared exactly."""
    found: dict[str, float] = {}
    candidates = [w for w in goal_words if len(w) >= MIN_FUZZY and w not in shared]
    if not candidates:
        return found
    for word in result.words:
        if len(word) < MIN_FUZZY or word in goal_words:
            continue
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is not None:
            found["≈" + best[0]] = FUZZY_WEIGHT * best[1] / 100
    return found


def _as_goal(goal: GoalText | Sequence[object]) -> GoalText:
    if isinstance(goal, GoalText):
        return goal
    key, text, *rest = goal
    scale = tuple(str(level) for level in rest[0]) if rest else ()  # type: ignore[attr-defined]
    return GoalText(str(key), str(text), scale)


def rank(
    result_text: str,
    goals: Sequence[GoalText]
    | Sequence[tuple[str, str]]
    | Sequence[tuple[str, str, Sequence[str]]],
    lang: str | None = None,
) -> list[Suggestion]:
    """Every goal with how likely the result achieves it, best first; ties keep goal order.

    `goals` are `GoalText`s or tuples (key, text) or (key, text, scale). `lang` is the
    result's language, 'nl' or 'en'; None detects it. Goals are read in their own language.
    """
    plain_goals = [_as_goal(goal) for goal in goals]
    if not plain_goals:
        return []
    result = features(result_text, lang)
    every = [_goal_features(goal.text, tuple(goal.scale)) for goal in plain_goals]
    scored: list[tuple[float, int, Suggestion]] = []
    for position, (goal, factors) in enumerate(zip(plain_goals, every, strict=True)):
        suggestion = _suggestion(goal.key, _evidence(result, goal, factors, every))
        scored.append((-suggestion.score, position, suggestion))
    return [suggestion for *_, suggestion in sorted(scored, key=lambda s: s[:2])]


def _evidence(
    result: Features, goal: GoalText, factors: dict[str, float], every: list[dict[str, float]]
) -> dict[str, float]:
    """Feature -> what it adds to the score of `goal`; `every` holds all goals, for IDF."""
    evidence: dict[str, float] = {}
    for feature, weight in result.weights.items():
        if feature in factors:
            evidence[feature] = weight * factors[feature] * _idf(feature, every)
    for feature in list(evidence):
        if CONCEPT_OF.get(feature) and any("#" + c in evidence for c in CONCEPT_OF[feature]):
            evidence[feature] *= OVERLAP_FACTOR
    for feature, weight in _fuzzy(result, _goal_read(goal.text).words, set(evidence)).items():
        evidence[feature] = weight
    return evidence


def _suggestion(key: str, evidence: dict[str, float]) -> Suggestion:
    score = round(1 - math.exp(-sum(evidence.values()) / EVIDENCE_SCALE), 3)
    matched = tuple(_label(f) for f, _ in sorted(evidence.items(), key=lambda kv: -kv[1]))
    return Suggestion(key, score, tuple(dict.fromkeys(matched)))


def _label(feature: str) -> str:
    return re.sub(r"^[#~≈]", "", feature)


def goal_texts(goals: Iterable[m.Goal]) -> list[GoalText]:
    """The goals of a snapshot as `rank` reads them, their GAS levels from -2 to +2."""
    return [
        GoalText(goal.key, goal.text, tuple(goal.scale[level] for level in sorted(goal.scale)))
        for goal in goals
    ]


def likely_unexpected(suggestions: Sequence[Suggestion]) -> bool:
    """True when no goal matches well: the result is probably one no goal foresaw."""
    return not suggestions or suggestions[0].score < UNEXPECTED_BELOW
