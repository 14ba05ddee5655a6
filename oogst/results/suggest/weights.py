"""The weights and thresholds of the suggestions, in one place to tune them."""

# Below this top score the result is probably unexpected; calibrated on the tuning
# engagements of tests/results/suggest_cases.py (see bench/README.md).
UNEXPECTED_BELOW = 0.4
# One unit of evidence gives 1 - e^-1 = 0.63; this scale puts one concept at about 0.5.
EVIDENCE_SCALE = 1.4

CONCEPT_WEIGHT = 1.0
WORD_WEIGHT = 0.8  # a shared lemma
OVERLAP_FACTOR = 0.4  # ... that also names a shared concept: mostly counted there already
PART_WEIGHT = 0.5  # a shared part of a compound
FUZZY_WEIGHT = 0.5  # a near-identical word, times its similarity
WEAK_FACTOR = 0.35  # words so common in coaching texts that they say little
SCALE_FACTOR = 0.6  # a feature only the GAS level texts carry
FUZZY_CUTOFF = 86
MIN_PART = 4  # shortest part of a compound: "moe" + "stuin" is no split of "moestuin"
MIN_FUZZY = 5  # shortest word compared fuzzily
# Concepts that many goals and results touch without being about them (`concepts.BROAD`).
BROAD_FACTOR = 0.6
