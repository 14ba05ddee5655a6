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

Pure: stdlib, simplemma, rapidfuzz, the tokenizer and stopwords of
`oogst.contracting.smart` and the plain goals of `oogst.measures.model`; no Django.
"""

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from rapidfuzz import fuzz, process

from oogst.contracting.smart import EN_STOP, LANGS, NL_STOP, TOKEN, detect_language
from oogst.measures import model as m

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


# ---------------------------------------------------------------- word lists


# Beyond smart's lists: auxiliaries, adverbs and fillers of end reports.
def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


EXTRA_STOP = _set(
    """
    zijn worden hebben kunnen zullen moeten willen gaan komen doen maken laten zitten staan
    liggen krijgen geven houden zien vinden nu weer meer veel minder heel erg echt even
    alleen steeds vaak altijd nooit soms toch eens gewoon zelf elkaar iets niets alles
    ander andere paar zo'n daardoor daarmee daarbij hierdoor waardoor erbij eruit erom
    ieder sinds inmiddels nadat toen terwijl beide allemaal mezelf zichzelf jezelf hen
    wordt werd waren was ben bent is heeft had hadden kan kon kunnen zal zou mag
    be have do can will would could should may might must shall get make go come
    now again more much many less lot really even only still often always never sometimes
    other another some any all both each every such there here too well back
    since when while after then today yesterday last next new make made
    has had was were is are been does did am
    i'm i've it's don't didn't doesn't
    """
)
STOP = NL_STOP | EN_STOP | EXTRA_STOP

# Endings that look like words but make adjectives, nouns and verb forms: no part of a
# compound ("duide-lijk", "prest-eren", "rich-ting").
SUFFIXES = _set(
    "lijk lijke heid heden baar bare zaam zame achtig achtige eren eerde ering ting ling "
    "ming sing ring ding king deren"
)
# Prefixes of separable and derived verbs: a word starting with one is not split.
PARTICLES = ("mede", "mee", "onder", "over", "voor", "door", "terug", "binnen", "samen", "tegen")

# Common in almost any coaching text: they count for little.
WEAK = _set(
    """
    werk werken tijd dag jaar maand keer week goed beter groot klein eerste
    work time day year month week good better big small first people mens mensen own
    """
)

# Concept groups of the coaching domain, Dutch and English, written as people write them;
# they are lemmatized like any text before use. A phrase of two words matches two
# neighbouring words.
CONCEPTS: dict[str, str] = {
    "hours": "uur uren werkweek werktijd overwerk overuren voltijd fulltime deeltijd "
    "parttime werkdag werkdagen hour hours overtime workweek full-time part-time "
    "working_hours",
    "weekend": "weekend weekenden zaterdag zondag weekenddag saturday sunday weekends",
    "private life": "privé privéleven privétijd gezin familie thuis kinderen kind partner "
    "vrije_tijd balans evenwicht home family kids children child partner wife husband "
    "balance work-life private_life free_time",
    "evening": "avond avonds savonds evening evenings night late",
    "email": "mail e-mail email mailbox inbox werkmail telefoon phone emails",
    "meetings": "vergadering vergaderen overleg overleggen meeting meetings bespreking werkoverleg",
    "planning": "planning weekplanning agenda rooster deadline deadlines termijn "
    "takenlijst prioriteit prioriteiten indelen calendar schedule rota priorities "
    "to-do time_management",
    "delegation": "delegeren overdragen overdracht afstaan uitbesteden loslaten delegate "
    "delegation hand_over handed_over hand_off",
    "leadership": "leidinggeven leiding leidinggevende leider teamleider aansturen "
    "sturen coachend coachen chef lead leader leadership manage managing manager management "
    "boss ownership",
    "staff": "medewerker medewerkers team teamlid teamleden personeel ploeg collega "
    "staff employee employees team colleague colleagues crew",
    "feedback": "feedback aanspreken terugkoppeling beoordeling evaluatie functioneren "
    "functioneringsgesprek commentaar kritiek compliment appraisal evaluation review "
    "comment criticism praise",
    "conflict": "conflict conflicten ruzie spanning meningsverschil onenigheid escaleren "
    "escalatie uitpraten bemiddeling confrontatie conflict dispute tension disagreement "
    "argument clash mediate mediation mediated quarrel",
    "career": "loopbaan carrière functie baan rol vacature solliciteren sollicitatie "
    "promotie bevorderen overstap overstappen vertrekken blijven ontslag loopbaanstap "
    "career job role position vacancy apply promotion promote stay quit switch",
    "pay": "salaris loon inschaling inschalen schaal bonus emolumenten arbeidsvoorwaarden "
    "vergoeding periodiek salarisverhoging loonsverhoging salary pay raise wage "
    "compensation remuneration",
    "negotiation": "onderhandelen onderhandeling onderhandelingsresultaat bod bieden "
    "negotiate negotiation bargain deal offer",
    "confidence": "zelfvertrouwen zelfverzekerd onzeker onzekerheid durven twijfel "
    "twijfelen zekerheid confidence confident insecure insecurity unsure doubt dare "
    "assertive self-assured",
    "stress": "stress rust ontspanning ontspannen burn-out burnout overspannen "
    "overspannenheid spanning druk werkdruk piekeren zorgen gespannen kalm relax "
    "relaxed calm rest pressure worry worries burn-out burnt-out",
    "energy": "energie moe vermoeid uitgerust fit vitaal energy tired exhausted rested",
    "sleep": "slaap slapen doorslapen wakker sleep asleep awake",
    "health": "gezondheid gezond huisarts dokter arts ziek ziekte ziekmelding bloeddruk "
    "klachten herstel health healthy doctor gp physician sick illness blood_pressure "
    "recovery relapse",
    "exercise": "sport sporten fitness hardlopen zwemmen fietsen exercise sport running gym",
    "presenting": "presentatie presenteren lezing voordracht spreken podium toespraak "
    "congres dia dia's publiek toelichting toelichten presentation present talk speech "
    "slides stage audience conference pitch",
    "boundaries": "grens grenzen nee weigeren afwijzen afslaan boundary boundaries "
    "decline refuse turn_down say_no",
    "decision": "besluit besluiten beslissen beslissing keuze kiezen afweging decide "
    "decision choice choose",
    "funding": "financiering investeerder investering kapitaal geld funding investor "
    "investment financing capital valuation term_sheet series",
    "writing": "schrijven artikel publicatie manuscript boek writing write article paper "
    "manuscript publication publish",
    "absence": "verzuim ziekteverzuim ziekmelding absence absenteeism sick_leave",
    "network": "netwerk netwerken netwerkgesprek contacten linkedin network networking contacts",
    "cv": "cv curriculum profiel resume résumé profile",
    "return to work": "re-integratie reintegratie terugkeer terugkomen hervatten "
    "werkhervatting reintegration return phased_return",
    "labour relations": "vakbond ondernemingsraad medezeggenschap union "
    "works_council representative rep",
    "own judgement": "oordeel inschatting beoordelen judgement judgment assessment instinct",
    "deciding under pressure": "crisis storing noodgeval outage emergency crisis incident",
    "customers": "klant klanten klantenservice support customer customers service "
    "complaint complaints ticket tickets",
    "budget": "budget begroting kosten budget cost costs",
    "clarity": "duidelijk duidelijkheid helder direct expliciet clear clarity directly "
    "explicit straight",
    "assignments": "project klus opdracht assignment engagement",
    "board": "directie directeur bestuur raad_van_bestuur board director ceo cfo chair",
}

# Concepts that many goals and results touch without being about them.
BROAD = frozenset({"staff", "customers", "board", "clarity", "assignments", "meetings"})
BROAD_FACTOR = 0.6


# ---------------------------------------------------------------- reading a text


@dataclass(frozen=True)
class _Features:
    """What a text is about: feature -> weight before IDF, and why (for `matched`)."""

    weights: dict[str, float]
    words: frozenset[str]  # the plain lemmas, for fuzzy matching


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("\u2019", "'")


@lru_cache(maxsize=16384)
def _lemmas(word: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    """The word's lemma in the first language, and in the others only when the first does
    not know the word: a Dutch text may say "feedback" or "one-to-one", but its "taken" are
    tasks, not "take". Separable verbs are glued ("over_dragen" -> "overdragen")."""
    found: list[str] = []
    for lang in langs:
        if found and simplemma.is_known(word, lang=langs[0]):
            break
        lemma = _plain(simplemma.lemmatize(word, lang=lang)).replace("_", "")
        if lemma not in found:
            found.append(lemma)
    return tuple(found)


@lru_cache(maxsize=16384)
def _known(word: str) -> bool:
    return len(word) >= MIN_PART and simplemma.is_known(word, lang="nl")


@lru_cache(maxsize=16384)
def _split(word: str, depth: int = 2) -> tuple[str, ...]:
    """The parts of a Dutch compound, longest known head first: "werkmail" -> werk, mail.

    A part must be a known word of at least four letters and no suffix ("duide-lijk"); a
    linking s or e between the parts is dropped ("ondernemingsraad", "klantescalatie").
    () when no split is found.
    """
    if depth == 0 or len(word) < 2 * MIN_PART:
        return ()
    if word.startswith(PARTICLES) or simplemma.is_known(word, lang="en"):
        return ()  # "voorbereiden", "medewerker", "management": one word, not two
    if word.endswith("en") and _known(word):
        return ()  # a verb: "vertellen" is not "vert" + "ellen"
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, tail = word[:cut], word[cut:]
        for linker in ("", "s", "e", "en"):
            if linker and not head.endswith(linker):
                continue
            stem = head[: len(head) - len(linker)] if linker else head
            if not (_known(stem) or stem in _CONCEPT_WORDS):
                continue
            if tail in SUFFIXES:
                continue
            if _known(tail) or tail in _CONCEPT_WORDS:
                return (stem, tail)
            rest = _split(tail, depth - 1)
            if rest:
                return (stem, *rest)
    return ()


def _tokens(text: str) -> list[str]:
    return [_plain(m.group()) for m in TOKEN.finditer(text)]


def _units(text: str, langs: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Per word of the text: its lemmas (stopwords and numbers dropped as None-like ())."""
    units: list[tuple[str, ...]] = []
    for token in _tokens(text):
        if not token[:1].isalpha() or token in STOP:
            units.append(())
            continue
        lemmas = tuple(lemma for lemma in _lemmas(token, langs) if lemma not in STOP)
        units.append(lemmas)
    return units


def _language(text: str, lang: str | None) -> tuple[str, ...]:
    """The detected (or given) language first, the other one after: texts mix them."""
    first = lang or detect_language(text)
    if first not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {first!r}")
    return (first, *(other for other in LANGS if other != first))


def _features(text: str, lang: str | None) -> _Features:
    langs = _language(text, lang)
    units = _units(text, langs)
    weights: dict[str, float] = {}

    def add(feature: str, weight: float) -> None:
        weights[feature] = max(weights.get(feature, 0.0), weight)

    words: set[str] = set()
    for lemmas in units:
        for lemma in lemmas:
            words.add(lemma)
            add(lemma, WORD_WEIGHT * (WEAK_FACTOR if lemma in WEAK else 1.0))
            for concept in _CONCEPT_OF.get(lemma, ()):
                add("#" + concept, _concept_weight(concept))
            for part in _parts(lemma) if lemma == lemmas[0] else ():
                add(part, PART_WEIGHT * (WEAK_FACTOR if part in WEAK else 1.0))
                for concept in _CONCEPT_OF.get(part, ()):
                    add("#" + concept, _concept_weight(concept) * PART_WEIGHT / WORD_WEIGHT)
    for phrase in _phrases(text, langs):
        for concept in _CONCEPT_OF.get(phrase, ()):
            add("#" + concept, _concept_weight(concept))
    return _Features(weights, frozenset(words))


def _concept_weight(concept: str) -> float:
    return CONCEPT_WEIGHT * (BROAD_FACTOR if concept in BROAD else 1.0)


def _parts(lemma: str) -> tuple[str, ...]:
    """The parts of a hyphenated word ("work-life") or of a Dutch compound, as lemmas."""
    pieces = lemma.split("-") if "-" in lemma else [lemma]
    parts: list[str] = []
    for piece in pieces:
        split = _split(piece) if len(pieces) == 1 else (_split(piece) or (piece,))
        parts.extend(_lemmas(part, ("nl",))[0] for part in split)
    return tuple(
        p for p in dict.fromkeys(parts) if p != lemma and len(p) >= MIN_PART and p not in STOP
    )


def _phrases(text: str, langs: tuple[str, ...]) -> Iterable[str]:
    """Neighbouring word pairs as lemmas, stopwords kept: "hand over", "vrije tijd"."""
    lemmas = [_lemmas(token, langs)[0] for token in _tokens(text) if token[:1].isalpha()]
    for first, second in itertools.pairwise(lemmas):
        yield f"{first}_{second}"


def _concept_index() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    index: dict[str, list[str]] = {}
    for concept, words in CONCEPTS.items():
        for entry in words.split():
            for form in _entry_forms(entry):
                if concept not in index.setdefault(form, []):
                    index[form].append(concept)
    return {form: tuple(concepts) for form, concepts in index.items()}, frozenset(index)


def _entry_forms(entry: str) -> set[str]:
    plain = _plain(entry)
    if "_" in plain:
        first, second = plain.split("_", 1)
        return {f"{a}_{b}" for a in _lemmas(first, LANGS) for b in _lemmas(second, LANGS)} | {plain}
    return {plain, *_lemmas(plain, LANGS)}


_CONCEPT_OF, _CONCEPT_WORDS = _concept_index()


# ---------------------------------------------------------------- ranking


@lru_cache(maxsize=1024)
def _goal_features(text: str, scale: tuple[str, ...]) -> dict[str, float]:
    """Feature -> 1 when the goal's text names it, `SCALE_FACTOR` when only its levels do.

    Cached: while a result is typed, the same goals are ranked on every keystroke. Callers
    must not change the dict."""
    levels = _features(" . ".join(scale), None).weights if scale else {}
    factors = dict.fromkeys(levels, SCALE_FACTOR)
    factors.update(dict.fromkeys(_goal_read(text).weights, 1.0))
    return factors


@lru_cache(maxsize=1024)
def _goal_read(text: str) -> _Features:
    return _features(text, None)


def _idf(feature: str, goals: list[dict[str, float]]) -> float:
    """1 for a feature of one goal, falling towards 0.3 when every goal has it."""
    n = len(goals)
    df = sum(feature in goal for goal in goals)
    if n <= 1 or df <= 1:
        return 1.0
    return 0.3 + 0.7 * (n - df) / (n - 1)


def _fuzzy(result: _Features, goal_words: frozenset[str], shared: set[str]) -> dict[str, float]:
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
    result = _features(result_text, lang)
    goal_features = [_goal_features(goal.text, tuple(goal.scale)) for goal in plain_goals]
    scored: list[tuple[float, int, Suggestion]] = []
    for position, (goal, features) in enumerate(zip(plain_goals, goal_features, strict=True)):
        evidence: dict[str, float] = {}
        for feature, weight in result.weights.items():
            if feature in features:
                idf = _idf(feature, goal_features)
                evidence[feature] = weight * features[feature] * idf
        for feature in list(evidence):
            if _CONCEPT_OF.get(feature) and any("#" + c in evidence for c in _CONCEPT_OF[feature]):
                evidence[feature] *= OVERLAP_FACTOR
        for feature, weight in _fuzzy(result, _goal_read(goal.text).words, set(evidence)).items():
            evidence[feature] = weight
        total = sum(evidence.values())
        score = round(1 - math.exp(-total / EVIDENCE_SCALE), 3)
        matched = tuple(_label(f) for f, _ in sorted(evidence.items(), key=lambda kv: -kv[1]))
        scored.append(
            (-score, position, Suggestion(goal.key, score, tuple(dict.fromkeys(matched))))
        )
    return [suggestion for *_, suggestion in sorted(scored, key=lambda s: s[:2])]


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
