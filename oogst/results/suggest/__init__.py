"""Which goal does this result belong to? A ranked, explainable suggestion.

`rank(result_text, goals)` scores every goal of the contract for a result as it is being
written, best first; `likely_unexpected(suggestions)` says when no goal matches well, so
the result is probably unexpected (DOMAIN.md, distinction 2). Advisory only: the party
that records the result decides.

How a score comes about, so the interface can say why:
1. Both texts become features: lemmas (simplemma, Dutch and English, so a Dutch result can
   match an English goal), the parts of Dutch compounds ("werkmail" -> werk, mail), and the
   coaching concepts of `CONCEPTS` they name ("overuren", "weekend", "hours" -> #hours).
2. A feature shared by the result and a goal adds its weight: concepts weigh most, plain
   words less, compound parts and near-identical words (rapidfuzz) less still; a feature
   that every goal has says little about which goal is meant and is discounted (IDF over
   the goals); words that only the goal's GAS levels carry count for part.
3. The evidence becomes a score in [0, 1] that saturates: one solid shared concept gives
   about 0.5, two give about 0.75.

Pure: stdlib, rapidfuzz, the shared text tools of `oogst.text` (simplemma) and the plain
goals of `oogst.measures.model`; no Django.

- `words`, `concepts`: the word lists and the coaching concepts; `weights`: the knobs.
- `compounds`: the parts of Dutch compounds; `features`: a text as weighted features.
- `ranking`: the goals scored for a result.
"""

from oogst.results.suggest.concepts import CONCEPTS
from oogst.results.suggest.ranking import (
    GoalText,
    Suggestion,
    goal_texts,
    likely_unexpected,
    rank,
)
from oogst.results.suggest.weights import UNEXPECTED_BELOW

__all__ = [
    "CONCEPTS",
    "UNEXPECTED_BELOW",
    "GoalText",
    "Suggestion",
    "goal_texts",
    "likely_unexpected",
    "rank",
]
