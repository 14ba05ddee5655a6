"""The English word tables and patterns of the SMART check: what counts as a date, a
measure, a burden on others, an activity, a result."""

from oogst.contracting.smart.lexicon import NUM, NUMERIC_DATE, YEAR, Lexicon, alt, rx
from oogst.text import EN_STOP, word_set

EN_NUMBERS = word_set(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty hundred thousand half twice double triple halve"
)
# In a period ("within a few weeks") these count as a number too; elsewhere "a" is an
# article and "one of my" is not a quantity.
EN_COUNTS = EN_NUMBERS | word_set("a an one few couple of several")
EN_PERIODS = word_set("day week month year quarter session")
# The article/"one" is a number only right before one of these.
EN_UNITS = EN_PERIODS | word_set("time hour minute evening morning percent")
# "May" and "March" are also a verb; they count only next to a number or a preposition.
EN_MONTHS = word_set("january february april june july august september october november december")
EN_MONTH_AMBIGUOUS = word_set("may march")
EN_MONTH_ABBR = word_set("jan feb mar apr jun jul aug sep sept oct nov dec")
EN_SEASONS = word_set("summer winter autumn fall spring christmas holidays year-end")
EN_ORDINALS = word_set("first second third fourth 1st 2nd 3rd 4th last next this coming")
EN_INDICATORS = word_set(
    "percentage score rating appraisal revenue turnover nps kpi budget cost profit margin "
    "sales absenteeism grade"
)
EN_PRODUCTS = word_set("job position promotion diploma certificate degree plan report thesis")
EN_COMPLETIONS = word_set("complete finish deliver present write submit obtain get pass land")

EN_VAGUE = word_set(
    "good better best more less improve optimise optimize develop grow nice effective "
    "efficient strong stronger often well"
)
EN_GENERIC = word_set("want become be have can will would should must get make do goal")
EN_FIRST_PERSON = word_set("i my me we our us myself mine")
EN_OTHERS = word_set(
    "team staff manager boss director colleagues colleague organisation organization "
    "department employees people reports sponsor"
)
EN_RESULTS = word_set(
    "achieve reach have be can able become complete finish drop rise promote win feel know"
)


EN_COUNT = rf"(?:{alt(EN_COUNTS)}|\d+)"
MUST = r"(?:must|should|needs? to|has to|have to|ought to)"
EN_MONTH = rf"(?:{alt(EN_MONTHS)}|(?:may|march)(?= \d))"

LEXICON = Lexicon(
    time=rx(
        NUMERIC_DATE,
        YEAR,
        rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)? (?:of )?)?{EN_MONTH}\b(?: \d{{1,2}}(?:st|nd|rd|th)?)?",
        r"\b(?:in|by|of|from|until|since|before|after|early|mid|late|starting) (?:may|march)\b",
        rf"\b\d{{1,2}} {alt(EN_MONTH_ABBR)}\b|\b{alt(EN_MONTH_ABBR)} (?:\d{{1,2}}|20\d\d)\b",
        rf"\bq[1-4]\b|\b{alt(EN_ORDINALS)} (?:quarter|half of)\b",
        rf"\b(?:end|close|start|beginning|middle) of (?:the |this |next )?"
        rf"(?:fiscal |financial |school )?"
        rf"{alt(EN_PERIODS | EN_MONTHS | EN_MONTH_AMBIGUOUS | EN_SEASONS | {'coaching'})}\b",
        rf"\b(?:within|in|over|after|for|during)(?: the)?(?: next| coming| following| first)?"
        rf"(?: {EN_COUNT})+ {alt(EN_PERIODS)}\b",
        rf"\b(?:next|coming|following|this|upcoming)(?: {EN_COUNT})*"
        rf"(?: fiscal| financial)? {alt(EN_PERIODS | EN_SEASONS)}\b",
        rf"\b(?:by|before|until|till|from|since|starting|after) (?:the )?{alt(EN_SEASONS)}\b",
        r"\bdeadline\b",
    ),
    measure=rx(
        rf"\b(?:at least|at most|no more than|no less than|not more than|fewer than|less than|"
        rf"more than|up to|maximum|minimum|above|below|under) (?:an? )?(?:{NUM}|{alt(EN_COUNTS)})",
        r"%|[€$£]|\b(?:percent|per cent|euro|eur|dollars?|pounds?)\b",
        rf"\bper {alt(EN_UNITS | {'person', 'employee', 'client', 'customer'})}\b",
        rf"\b(?:every|each) (?:other )?{alt(EN_UNITS - {'time'})}\b",
        r"\b(?:daily|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|once|twice)\b",
        rf"\b(?:one|1) {alt(EN_UNITS)}\b|\ban? (?:hour|minute|percent)\b",
        r"\bnumber of\b|\b(?:employee|customer|client) satisfaction\b",
        rf"\b{alt(EN_NUMBERS)}\b",
        rf"\b{NUM}",
    ),
    numbers=EN_NUMBERS | EN_COUNTS,
    units=EN_UNITS,
    indicators=EN_INDICATORS,
    indicator_endings=(),
    products=EN_PRODUCTS,
    product_endings=(),
    completions=EN_COMPLETIONS,
    burden=rx(
        rf"\b(?:{alt(EN_OTHERS)}) (?:{MUST}|will have to)\b",
        rf"\b(?:they|he|she|you) {MUST}\b",
        rf"\bi (?:want|need|expect|would like) (?:my |our |the )?"
        rf"(?:{alt(EN_OTHERS)}|them|him|her) to\b",
    ),
    first_person=EN_FIRST_PERSON,
    activity=rx(
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
