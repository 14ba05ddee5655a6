"""An advisory SMART check for coaching goals, in Dutch and English.

`check(text, lang)` reads a goal and says per letter what it found or missed. Measurable
and Time-bound are read from word patterns over lemmas (so "maanden", "kwartalen",
"wekelijkse" match "maand", "kwartaal", "wekelijks"); Specific, Acceptable and
Result-oriented are heuristics that a coach overrules. Pure: stdlib and simplemma only,
so it runs without Django settings.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import simplemma

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
LETTERS = "SMART"
MIN_CONTENT_WORDS = 5  # fewer than this and a goal cannot say what, who and where
MAX_QUOTES = 2


@dataclass(frozen=True)
class Criterion:
    ok: bool
    reason: str
    suggestion: str

    def to_dict(self) -> dict[str, bool | str]:
        return {"ok": self.ok, "reason": self.reason, "suggestion": self.suggestion}


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


# ---------------------------------------------------------------- word tables


def _alt(words: Iterable[str]) -> str:
    # Longest first, so "halfjaar" wins over "half".
    return "(?:" + "|".join(sorted(map(re.escape, set(words)), key=len, reverse=True)) + ")"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


NL_NUMBERS = _words(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien twintig dertig veertig vijftig zestig honderd duizend anderhalf half halve "
    "helft dubbel verdubbelen halveren"
)
EN_NUMBERS = _words(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty hundred thousand half twice double triple halve"
)
# In a period ("binnen een maand", "within a few weeks") these count as a number too;
# elsewhere "een"/"a" is an article and "one of my" is not a quantity.
NL_COUNTS = NL_NUMBERS | _words("een 1 paar enkele")
EN_COUNTS = EN_NUMBERS | _words("a an one few couple of several")
NL_PERIODS = _words("dag week maand jaar kwartaal halfjaar bijeenkomst sessie")
EN_PERIODS = _words("day week month year quarter session")
# The article/"one" is a number only right before one of these.
NL_UNITS = NL_PERIODS | _words("keer maal uur kwartier minuut avond ochtend middag procent")
EN_UNITS = EN_PERIODS | _words("time hour minute evening morning percent")
NL_MONTHS = _words(
    "januari februari maart april mei juni juli augustus september oktober november december"
)
NL_MONTH_ABBR = _words("jan feb mrt apr jun jul aug sep sept okt nov dec")
# "May" and "March" are also a verb; they count only next to a number or a preposition.
EN_MONTHS = _words("january february april june july august september october november december")
EN_MONTH_AMBIGUOUS = _words("may march")
EN_MONTH_ABBR = _words("jan feb mar apr jun jul aug sep sept oct nov dec")
NL_SEASONS = _words(
    "zomer winter herfst lente voorjaar najaar kerst zomervakantie kerstvakantie jaarwisseling"
)
EN_SEASONS = _words("summer winter autumn fall spring christmas holidays year-end")
NL_ORDINALS = _words("eerste tweede derde vierde 1e 2e 3e 4e laatste")
EN_ORDINALS = _words("first second third fourth 1st 2nd 3rd 4th last next this coming")
NL_INDICATORS = _words(
    "aantal percentage score cijfer beoordeling omzet verzuim nps kpi budget kosten winst "
    "marge doorlooptijd klanttevredenheid medewerkerstevredenheid"
)
# Dutch glues indicators into compounds: "feedbackscore", "kwaliteitscijfer".
NL_INDICATOR_ENDINGS = ("score", "cijfer", "percentage", "omzet", "verzuim", "tevredenheid")
EN_INDICATORS = _words(
    "percentage score rating appraisal revenue turnover nps kpi budget cost profit margin "
    "sales absenteeism grade"
)
NL_PRODUCTS = _words("baan functie promotie diploma certificaat plan rapport verslag scriptie")
NL_PRODUCT_ENDINGS = ("plan", "rapport", "verslag")
NL_COMPLETIONS = _words(
    "vinden behalen halen afronden af_ronden opleveren op_leveren presenteren schrijven "
    "indienen krijgen leveren"
)
EN_PRODUCTS = _words("job position promotion diploma certificate degree plan report thesis")
EN_COMPLETIONS = _words("complete finish deliver present write submit obtain get pass land")

NL_VAGUE = _words(
    "goed beter veel meer weinig minder verbeteren optimaliseren ontwikkelen groeien lekker "
    "lekkerder leuk prettig fijn effectief efficient sterk sterker vaak"
)
EN_VAGUE = _words(
    "good better best more less improve optimise optimize develop grow nice effective "
    "efficient strong stronger often well"
)
NL_GENERIC = _words("willen worden zijn hebben kunnen gaan zullen moeten maken doen wil doel")
EN_GENERIC = _words("want become be have can will would should must get make do goal")
NL_STOP = _words(
    "de het een en of maar dat die dit deze in op aan van voor met naar bij om te tot uit "
    "over als dan ook nog niet geen wel er hier daar zo al ik mijn me mij wij we ons onze "
    "jij je jouw u uw hij zij ze haar hem zijn hun men wat wie waar hoe wanneer welke welk "
    "dus want omdat zodat door tijdens na sinds tegen zonder binnen per elke iedere ieder elk "
    "vanaf uiterlijk minstens hooguit hoogstens maximaal minimaal ten minste tenminste"
)
EN_STOP = _words(
    "the a an and or but that this these those in on at of for to with by from as than "
    "then also not no so i my me we our us you your he she they them his her their it its "
    "what who where how when which because during after before within without about into "
    "over up out very just per every each starting least most"
)
NL_FIRST_PERSON = _words("ik mijn me mij wij we ons onze mezelf")
EN_FIRST_PERSON = _words("i my me we our us myself mine")
NL_OTHERS = _words(
    "team teamleden teamlid medewerkers medewerker manager leidinggevende directeur "
    "collega's collega organisatie afdeling baas opdrachtgever mensen"
)
EN_OTHERS = _words(
    "team staff manager boss director colleagues colleague organisation organization "
    "department employees people reports sponsor"
)
NL_RESULTS = _words(
    "bereiken behalen halen hebben zijn kunnen worden stijgen dalen vinden afronden af_ronden "
    "slagen lukken weten beheersen"
)
EN_RESULTS = _words(
    "achieve reach have be can able become complete finish drop rise promote win feel know"
)


# ---------------------------------------------------------------- patterns per language


@dataclass(frozen=True)
class _Lexicon:
    time: tuple[re.Pattern[str], ...]
    measure: tuple[re.Pattern[str], ...]
    numbers: frozenset[str]
    units: frozenset[str]
    indicators: frozenset[str]
    indicator_endings: tuple[str, ...]
    products: frozenset[str]
    product_endings: tuple[str, ...]
    completions: frozenset[str]
    burden: tuple[re.Pattern[str], ...]
    first_person: frozenset[str]
    activity: tuple[re.Pattern[str], ...]
    results: frozenset[str]
    vague: frozenset[str]
    generic: frozenset[str]
    stop: frozenset[str]

    @property
    def keep(self) -> frozenset[str]:
        """Words matched as written, because the lemmatizer would bend them out of reach
        ("komende" -> "komen", "eerste" -> "één", "ten minste" -> "te weinig")."""
        patterns = self.time + self.measure + self.burden + self.activity
        literal = {w for p in patterns for w in re.findall(r"[a-z_']+", _unescape(p.pattern))}
        tables = self.numbers | self.units | self.indicators | self.vague | self.first_person
        return frozenset(literal | tables | self.products)


def _unescape(source: str) -> str:
    return re.sub(r"\\[a-zA-Z]|\?[:!<=]+", " ", source)


def _rx(*sources: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(source) for source in sources)


NUM = r"\d[\w.,:/-]*"
NUMERIC_DATE = r"\b\d{1,4}[-/]\d{1,2}[-/]\d{1,4}\b"
# A year, not an amount: "2026" but not "€ 2000" or "2000 euro".
YEAR = r"(?<![€$£] )\b20\d\d\b(?! (?:euro|eur|dollar|procent|percent|%|uur|hour))"

NL_COUNT = rf"(?:{_alt(NL_COUNTS)}|\d+)"
EN_COUNT = rf"(?:{_alt(EN_COUNTS)}|\d+)"
MUST = r"(?:must|should|needs? to|has to|have to|ought to)"

NL = _Lexicon(
    time=_rx(
        NUMERIC_DATE,
        YEAR,
        rf"\b(?:\d{{1,2}} )?{_alt(NL_MONTHS)}\b(?: \d{{4}})?",
        rf"\b\d{{1,2}} {_alt(NL_MONTH_ABBR)}\b|\b{_alt(NL_MONTH_ABBR)} 20\d\d\b",
        rf"\bq[1-4]\b|\b{_alt(NL_ORDINALS)} (?:kwartaal|halfjaar|helft)\b|\bkwartaal [1-4]\b",
        rf"\b(?:eind|einde|afloop|begin|medio|halverwege) (?:van )?(?:het |de |dit |deze )?"
        rf"{_alt(NL_PERIODS | NL_MONTHS | NL_SEASONS | {'coachingstraject', 'traject'})}\b",
        rf"\b(?:binnen|in|over|na|gedurende|tijdens)(?: de| het)?"
        rf"(?: komende| volgende| aankomende| eerste)?(?: {NL_COUNT})+ {_alt(NL_PERIODS)}\b",
        rf"\b(?:komende|volgende|aankomende|eerstvolgende|dit|deze|volgend|komend)"
        rf"(?: {NL_COUNT})* {_alt(NL_PERIODS | NL_SEASONS)}\b",
        rf"\b(?:voor|na|tegen|uiterlijk|rond|vanaf|sinds) (?:de |het )?{_alt(NL_SEASONS)}\b",
        r"\bdeadline\b",
    ),
    measure=_rx(
        rf"\b(?:minstens|ten minste|tenminste|minimaal|maximaal|hooguit|hoogstens|"
        rf"niet meer dan|minder dan|meer dan|korter dan|langer dan|onder|boven) "
        rf"(?:(?:een|de) )?(?:{NUM}|{_alt(NL_COUNTS)})",
        r"%|[€$£]|\b(?:procent|euro|eur)\b",
        rf"\bper {_alt(NL_UNITS | {'persoon', 'medewerker', 'klant', 'werkdag'})}\b",
        rf"\b(?:elke|iedere|ieder|elk) {_alt(NL_UNITS | {'werkdag', 'overleg', 'teamoverleg'})}\b",
        r"\b\w*(?:dagelijks|wekelijks|maandelijks|jaarlijks)\b",
        rf"\b(?:een|1) {_alt(NL_UNITS)}\b",
        rf"\b{_alt(NL_NUMBERS)}\b",
        rf"\b{NUM}",
    ),
    numbers=NL_NUMBERS | NL_COUNTS,
    units=NL_UNITS,
    indicators=NL_INDICATORS,
    indicator_endings=NL_INDICATOR_ENDINGS,
    products=NL_PRODUCTS,
    product_endings=NL_PRODUCT_ENDINGS,
    completions=NL_COMPLETIONS,
    burden=_rx(
        rf"\b(?:{_alt(NL_OTHERS)}) (?:moet|moeten|dient|dienen|zal|zullen|gaat|gaan)\b",
        r"\b(?:zij|ze|hij|men|jullie) (?:moet|moeten|dient|dienen)\b",
        rf"\bik wil dat (?:mijn |de |het |ons |onze )?(?:{_alt(NL_OTHERS)}|zij|ze|hij)\b",
        rf"\b(?:moet|moeten) (?:mijn|de|het|ons|onze) {_alt(NL_OTHERS)}\b",
    ),
    first_person=NL_FIRST_PERSON,
    activity=_rx(
        r"\b(?:cursus|training|opleiding|workshop|leergang)\w* (?:\w+ ){0,3}?volgen\b",
        r"\bvolgen (?:\w+ ){0,2}?(?:cursus|training|opleiding|workshop|leergang)",
        r"\bgesprek\w* (?:\S+ ){0,6}?voeren\b|\bvoeren (?:\S+ ){0,4}?gesprek",
        r"\b(?:praten|spreken|nadenken|denken|lezen) over\b",
        r"\bwerken aan\b|\baan (?:\w+ ){1,3}?werken\b|\b(?:zijn )?bezig (?:zijn |gaan )?met\b",
        r"\b(?:oefenen|deelnemen|deel_nemen|meedoen|mee_doen) (?:met|aan)\b",
        r"\b(?:onderzoeken|verkennen|proberen|verbeteren|ontwikkelen|groeien|optimaliseren)\b",
    ),
    results=NL_RESULTS,
    vague=NL_VAGUE,
    generic=NL_GENERIC,
    stop=NL_STOP,
)

EN_MONTH = rf"(?:{_alt(EN_MONTHS)}|(?:may|march)(?= \d))"
EN = _Lexicon(
    time=_rx(
        NUMERIC_DATE,
        YEAR,
        rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)? (?:of )?)?{EN_MONTH}\b(?: \d{{1,2}}(?:st|nd|rd|th)?)?",
        r"\b(?:in|by|of|from|until|since|before|after|early|mid|late|starting) (?:may|march)\b",
        rf"\b\d{{1,2}} {_alt(EN_MONTH_ABBR)}\b|\b{_alt(EN_MONTH_ABBR)} (?:\d{{1,2}}|20\d\d)\b",
        rf"\bq[1-4]\b|\b{_alt(EN_ORDINALS)} (?:quarter|half of)\b",
        rf"\b(?:end|close|start|beginning|middle) of (?:the |this |next )?"
        rf"(?:fiscal |financial |school )?"
        rf"{_alt(EN_PERIODS | EN_MONTHS | EN_MONTH_AMBIGUOUS | EN_SEASONS | {'coaching'})}\b",
        rf"\b(?:within|in|over|after|for|during)(?: the)?(?: next| coming| following| first)?"
        rf"(?: {EN_COUNT})+ {_alt(EN_PERIODS)}\b",
        rf"\b(?:next|coming|following|this|upcoming)(?: {EN_COUNT})*"
        rf"(?: fiscal| financial)? {_alt(EN_PERIODS | EN_SEASONS)}\b",
        rf"\b(?:by|before|until|till|from|since|starting|after) (?:the )?{_alt(EN_SEASONS)}\b",
        r"\bdeadline\b",
    ),
    measure=_rx(
        rf"\b(?:at least|at most|no more than|no less than|not more than|fewer than|less than|"
        rf"more than|up to|maximum|minimum|above|below|under) (?:an? )?(?:{NUM}|{_alt(EN_COUNTS)})",
        r"%|[€$£]|\b(?:percent|per cent|euro|eur|dollars?|pounds?)\b",
        rf"\bper {_alt(EN_UNITS | {'person', 'employee', 'client', 'customer'})}\b",
        rf"\b(?:every|each) (?:other )?{_alt(EN_UNITS - {'time'})}\b",
        r"\b(?:daily|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|once|twice)\b",
        rf"\b(?:one|1) {_alt(EN_UNITS)}\b|\ban? (?:hour|minute|percent)\b",
        r"\bnumber of\b|\b(?:employee|customer|client) satisfaction\b",
        rf"\b{_alt(EN_NUMBERS)}\b",
        rf"\b{NUM}",
    ),
    numbers=EN_NUMBERS | EN_COUNTS,
    units=EN_UNITS,
    indicators=EN_INDICATORS,
    indicator_endings=(),
    products=EN_PRODUCTS,
    product_endings=(),
    completions=EN_COMPLETIONS,
    burden=_rx(
        rf"\b(?:{_alt(EN_OTHERS)}) (?:{MUST}|will have to)\b",
        rf"\b(?:they|he|she|you) {MUST}\b",
        rf"\bi (?:want|need|expect|would like) (?:my |our |the )?"
        rf"(?:{_alt(EN_OTHERS)}|them|him|her) to\b",
    ),
    first_person=EN_FIRST_PERSON,
    activity=_rx(
        r"\b(?:attend|take|follow|do|join|enrol in|enroll in|sign up for) (?:\w+ ){0,3}?"
        r"(?:course|training|workshop|programme|program|class|seminar)\b",
        r"\b(?:talk|think|read|learn)(?: more)? about\b|\bdiscuss\b",
        r"\bwork on\b|\bbe busy with\b|\bparticipate in\b|\blook into\b|\bexplore\b",
        r"\bpractise\b|\bpractice (?:with|on)\b",
        r"\b(?:improve|develop|grow|optimise|optimize|enhance)\b",
    ),
    results=EN_RESULTS,
    vague=EN_VAGUE,
    generic=EN_GENERIC,
    stop=EN_STOP,
)
LEXICONS = {"nl": NL, "en": EN}
# Matched on lemmas ("is" -> "zijn"/"be"), both languages at once.
FRAMING = _rx(r"\bdoel (?:zijn|worden)\b", r"\bgoal be\b")
KEEP = {lang: lexicon.keep for lang, lexicon in LEXICONS.items()}

# ---------------------------------------------------------------- what the check says

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "S_ok": "Concreet genoeg: noemt {found}",
        "S_few": "Te weinig om op te sturen: {count} inhoudswoorden ({found})",
        "S_vague": "Vooral algemene woorden ({found}), geen concreet onderwerp",
        "S_fix": "Noem wat er precies verandert, bij wie en waar, bijvoorbeeld 'in het "
        "maandagoverleg laat ik mijn teamleden eerst aan het woord'",
        "M_ok": "Maat gevonden: {found}",
        "M_no": "Geen getal, bedrag, percentage, frequentie of indicator gevonden",
        "M_fix": "Noem hoe je het meet, bijvoorbeeld 'het verzuim daalt van 8% naar 5%' of "
        "'minstens twee keer per week'",
        "A_burden": "Legt de inspanning bij anderen: {found}",
        "A_own": "Eigen doel van de klant: {found}",
        "A_neutral": "Neutraal geformuleerd; het legt niets bij anderen",
        "A_fix_burden": "Formuleer wat de klant zelf doet of bereikt. ",
        "A_fix": "Klant, coach en opdrachtgever accepteren dit doel in het contract.",
        "R_activity": "Noemt een activiteit of richting ({found}), geen resultaat",
        "R_result": "Resultaat of eindtoestand genoemd: {found}",
        "R_state": "Beschrijft gedrag of een toestand, geen losse activiteit",
        "R_fix": "Beschrijf wat er na afloop anders is: wat kan, heeft of is de klant dan? "
        "Bijvoorbeeld 'na de cursus plan ik mijn week in één uur'",
        "T_ok": "Termijn gevonden: {found}",
        "T_no": "Geen datum, termijn of periode gevonden",
        "T_fix": "Noem een datum of termijn, bijvoorbeeld 'vóór 1 oktober 2026' of "
        "'binnen drie maanden'",
    },
    "en": {
        "S_ok": "Concrete enough: names {found}",
        "S_few": "Too little to go on: {count} content words ({found})",
        "S_vague": "Mostly general words ({found}), no concrete object",
        "S_fix": "Say what exactly changes, for whom and where, e.g. 'in the Monday meeting "
        "I let my team members speak first'",
        "M_ok": "Measure found: {found}",
        "M_no": "No number, amount, percentage, frequency or indicator found",
        "M_fix": "Say how it is measured, e.g. 'absence drops from 8% to 5%' or "
        "'at least twice a week'",
        "A_burden": "Puts the effort on others: {found}",
        "A_own": "The client's own goal: {found}",
        "A_neutral": "Neutrally phrased; it puts nothing on others",
        "A_fix_burden": "Phrase what the client does or achieves. ",
        "A_fix": "Client, coach and sponsor accept this goal in the contract.",
        "R_activity": "Names an activity or direction ({found}), not a result",
        "R_result": "Result or end state named: {found}",
        "R_state": "Describes behaviour or a state, not a mere activity",
        "R_fix": "Describe what is different afterwards: what can the client do, have or be? "
        "E.g. 'after the course I plan my week in one hour'",
        "T_ok": "Time frame found: {found}",
        "T_no": "No date, deadline or period found",
        "T_fix": "Name a date or period, e.g. 'by 1 October 2026' or 'within three months'",
    },
}
NAMES = {
    "nl": {
        "S": "Specifiek",
        "M": "Meetbaar",
        "A": "Acceptabel",
        "R": "Resultaatgericht",
        "T": "Tijdsgebonden",
    },
    "en": {
        "S": "Specific",
        "M": "Measurable",
        "A": "Acceptable",
        "R": "Result-oriented",
        "T": "Time-bound",
    },
}


# ---------------------------------------------------------------- the text as lemmas

# Numbers with their separators and short suffixes ("1-10-2026", "7,5", "1st", "2.1m"),
# Q1-Q4, currency and percent signs, words with inner hyphens or apostrophes.
TOKEN = re.compile(
    r"\b[qQ][1-4]\b|\d+(?:[.,:/-]\d+)*[^\W\d_]{0,3}|[€$£%]|[^\W\d_]+(?:['\u2019-][^\W\d_]+)*"
)


@dataclass(frozen=True)
class _Token:
    surface: str  # as written
    start: int  # in the original text
    end: int
    word: str  # lowercased, accents off, lemmatized unless kept


@dataclass(frozen=True)
class _Text:
    original: str
    tokens: tuple[_Token, ...]
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


@lru_cache(maxsize=8192)
def _lemma(word: str, lang: str) -> str:
    return simplemma.lemmatize(word, lang=lang)


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _normal(surface: str, lang: str) -> str:
    low = surface.lower()
    plain = _strip_accents(low)
    if plain == "een" and low != "een":
        return "1"  # "één" with accents is always the number, never the article
    if plain in KEEP[lang] or not plain.isalpha():
        return plain
    return _strip_accents(_lemma(plain, lang).lower())


def _read(text: str, lang: str) -> _Text:
    tokens = tuple(
        _Token(m.group(), m.start(), m.end(), _normal(m.group(), lang))
        for m in TOKEN.finditer(text)
    )
    offsets, position = [], 0
    for token in tokens:
        offsets.append(position)
        position += len(token.word) + 1
    return _Text(text, tokens, " ".join(t.word for t in tokens), tuple(offsets))


def detect_language(text: str) -> str:
    """'nl' or 'en' by simplemma's word coverage; a tie goes to Dutch."""
    scores = dict(simplemma.langdetect(text, lang=LANGS))
    return "en" if scores.get("en", 0.0) > scores.get("nl", 0.0) else DEFAULT_LANG


# ---------------------------------------------------------------- finding evidence

Span = tuple[int, int]


def _spans(patterns: Iterable[re.Pattern[str]], norm: str) -> list[Span]:
    return sorted(m.span() for p in patterns for m in p.finditer(norm) if m.end() > m.start())


def _mask(norm: str, spans: Iterable[Span]) -> str:
    # Same length, so offsets still point at the same words.
    chars = list(norm)
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


def _word_spans(text: _Text, match: frozenset[str], endings: tuple[str, ...] = ()) -> list[Span]:
    return [
        (offset, offset + len(token.word))
        for token, offset in zip(text.tokens, text.offsets, strict=True)
        if token.word in match or (endings and token.word.endswith(endings))
    ]


def _quotes(text: _Text, spans: list[Span]) -> str:
    """The first few distinct findings, quoted as written: "'binnen drie maanden'"."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:  # overlapping or next word: "8" + "%"
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return ", ".join(f"'{text.quote(start, end)}'" for start, end in merged[:MAX_QUOTES])


# ---------------------------------------------------------------- the five letters


def _time_spans(text: _Text, lexicon: _Lexicon) -> list[Span]:
    return _spans(lexicon.time, text.norm)


def _measure_spans(text: _Text, lexicon: _Lexicon, time: list[Span]) -> list[Span]:
    # Numbers inside a date or period ("1 oktober 2026", "binnen drie maanden") say when,
    # not how much, so they are masked first.
    found = _spans(lexicon.measure, _mask(text.norm, time))
    found += _word_spans(text, lexicon.indicators, lexicon.indicator_endings)
    # A deliverable counts when the goal also says it is finished: "a written plan".
    products = _word_spans(text, lexicon.products, lexicon.product_endings)
    if products and _word_spans(text, lexicon.completions):
        found += products
    if "promote" in text.norm.split():
        found += _word_spans(text, frozenset({"promote"}))
    return found


def _measurable(text: _Text, lexicon: _Lexicon, time: list[Span], say: dict[str, str]) -> Criterion:
    found = _measure_spans(text, lexicon, time)
    if found:
        return Criterion(True, say["M_ok"].format(found=_quotes(text, found)), "")
    return Criterion(False, say["M_no"], say["M_fix"])


def _time_bound(text: _Text, time: list[Span], say: dict[str, str]) -> Criterion:
    if time:
        return Criterion(True, say["T_ok"].format(found=_quotes(text, time)), "")
    return Criterion(False, say["T_no"], say["T_fix"])


def _specific(text: _Text, lexicon: _Lexicon, time: list[Span], say: dict[str, str]) -> Criterion:
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


def _subjects(text: _Text, concrete: list[_Token], time: list[Span]) -> list[_Token]:
    """The words that say what the goal is about: no dates, periods or numbers."""
    in_time = {
        token
        for token, offset in zip(text.tokens, text.offsets, strict=True)
        if any(start <= offset < end for start, end in time)
    }
    words = [t for t in concrete if t.word.isalpha() and t not in in_time]
    return (words or concrete)[:3]


def _acceptable(text: _Text, lexicon: _Lexicon, say: dict[str, str]) -> Criterion:
    burden = _spans(lexicon.burden, text.norm)
    if burden:
        reason = say["A_burden"].format(found=_quotes(text, burden))
        return Criterion(False, reason, say["A_fix_burden"] + say["A_fix"])
    own = [t for t in text.tokens if t.word in lexicon.first_person]
    if own:
        return Criterion(True, say["A_own"].format(found=f"'{own[0].surface}'"), say["A_fix"])
    return Criterion(True, say["A_neutral"], say["A_fix"])


def _result_oriented(text: _Text, lexicon: _Lexicon, say: dict[str, str]) -> Criterion:
    activity = _spans(lexicon.activity, text.norm)
    # "bezig zijn met" holds a "zijn" that is no result, nor does "my goal is"; look
    # outside the activities and the framing.
    outside = _mask(text.norm, activity + _spans(FRAMING, text.norm))
    results = [(s, e) for s, e in _word_spans(text, lexicon.results) if outside[s] != "#"]
    if results:
        return Criterion(True, say["R_result"].format(found=_quotes(text, results)), "")
    if activity:
        reason = say["R_activity"].format(found=_quotes(text, activity))
        return Criterion(False, reason, say["R_fix"])
    return Criterion(True, say["R_state"], "")


# ---------------------------------------------------------------- the check


def check(text: str, lang: str | None = None) -> SmartCheck:
    """Check a goal against the five SMART letters; `lang` is 'nl' or 'en' (None: detect)."""
    lang = lang or detect_language(text)
    if lang not in LEXICONS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    lexicon, say = LEXICONS[lang], TEXTS[lang]
    read = _read(text, lang)
    time = _time_spans(read, lexicon)
    return SmartCheck(
        lang=lang,
        S=_specific(read, lexicon, time, say),
        M=_measurable(read, lexicon, time, say),
        A=_acceptable(read, lexicon, say),
        R=_result_oriented(read, lexicon, say),
        T=_time_bound(read, time, say),
    )
