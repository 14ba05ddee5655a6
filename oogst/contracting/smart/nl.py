"""The Dutch word tables and patterns of the SMART check: what counts as a date, a
measure, a burden on others, an activity, a result."""

from oogst.contracting.smart.lexicon import NUM, NUMERIC_DATE, YEAR, Lexicon, alt, rx
from oogst.text import NL_STOP, word_set

NL_NUMBERS = word_set(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien "
    "zestien twintig dertig veertig vijftig zestig honderd duizend anderhalf half halve "
    "helft dubbel verdubbelen halveren"
)
# In a period ("binnen een maand") these count as a number too; elsewhere "een" is an
# article.
NL_COUNTS = NL_NUMBERS | word_set("een 1 paar enkele")
NL_PERIODS = word_set("dag week maand jaar kwartaal halfjaar bijeenkomst sessie")
# The article is a number only right before one of these.
NL_UNITS = NL_PERIODS | word_set("keer maal uur kwartier minuut avond ochtend middag procent")
NL_MONTHS = word_set(
    "januari februari maart april mei juni juli augustus september oktober november december"
)
NL_MONTH_ABBR = word_set("jan feb mrt apr jun jul aug sep sept okt nov dec")
NL_SEASONS = word_set(
    "zomer winter herfst lente voorjaar najaar kerst zomervakantie kerstvakantie jaarwisseling"
)
NL_ORDINALS = word_set("eerste tweede derde vierde 1e 2e 3e 4e laatste")
NL_INDICATORS = word_set(
    "aantal percentage score cijfer beoordeling omzet verzuim nps kpi budget kosten winst "
    "marge doorlooptijd klanttevredenheid medewerkerstevredenheid"
)
# Dutch glues indicators into compounds: "feedbackscore", "kwaliteitscijfer".
NL_INDICATOR_ENDINGS = ("score", "cijfer", "percentage", "omzet", "verzuim", "tevredenheid")
NL_PRODUCTS = word_set("baan functie promotie diploma certificaat plan rapport verslag scriptie")
NL_PRODUCT_ENDINGS = ("plan", "rapport", "verslag")
NL_COMPLETIONS = word_set(
    "vinden behalen halen afronden af_ronden opleveren op_leveren presenteren schrijven "
    "indienen krijgen leveren"
)

NL_VAGUE = word_set(
    "goed beter veel meer weinig minder verbeteren optimaliseren ontwikkelen groeien lekker "
    "lekkerder leuk prettig fijn effectief efficient sterk sterker vaak"
)
NL_GENERIC = word_set("willen worden zijn hebben kunnen gaan zullen moeten maken doen wil doel")
NL_FIRST_PERSON = word_set("ik mijn me mij wij we ons onze mezelf")
NL_OTHERS = word_set(
    "team teamleden teamlid medewerkers medewerker manager leidinggevende directeur "
    "collega's collega organisatie afdeling baas opdrachtgever mensen"
)
NL_RESULTS = word_set(
    "bereiken behalen halen hebben zijn kunnen worden stijgen dalen vinden afronden af_ronden "
    "slagen lukken weten beheersen"
)


NL_COUNT = rf"(?:{alt(NL_COUNTS)}|\d+)"

LEXICON = Lexicon(
    time=rx(
        NUMERIC_DATE,
        YEAR,
        rf"\b(?:\d{{1,2}} )?{alt(NL_MONTHS)}\b(?: \d{{4}})?",
        rf"\b\d{{1,2}} {alt(NL_MONTH_ABBR)}\b|\b{alt(NL_MONTH_ABBR)} 20\d\d\b",
        rf"\bq[1-4]\b|\b{alt(NL_ORDINALS)} (?:kwartaal|halfjaar|helft)\b|\bkwartaal [1-4]\b",
        rf"\b(?:eind|einde|afloop|begin|medio|halverwege) (?:van )?(?:het |de |dit |deze )?"
        rf"{alt(NL_PERIODS | NL_MONTHS | NL_SEASONS | {'coachingstraject', 'traject'})}\b",
        rf"\b(?:binnen|in|over|na|gedurende|tijdens)(?: de| het)?"
        rf"(?: komende| volgende| aankomende| eerste)?(?: {NL_COUNT})+ {alt(NL_PERIODS)}\b",
        rf"\b(?:komende|volgende|aankomende|eerstvolgende|dit|deze|volgend|komend)"
        rf"(?: {NL_COUNT})* {alt(NL_PERIODS | NL_SEASONS)}\b",
        rf"\b(?:voor|na|tegen|uiterlijk|rond|vanaf|sinds) (?:de |het )?{alt(NL_SEASONS)}\b",
        r"\bdeadline\b",
    ),
    measure=rx(
        rf"\b(?:minstens|ten minste|tenminste|minimaal|maximaal|hooguit|hoogstens|"
        rf"niet meer dan|minder dan|meer dan|korter dan|langer dan|onder|boven) "
        rf"(?:(?:een|de) )?(?:{NUM}|{alt(NL_COUNTS)})",
        r"%|[€$£]|\b(?:procent|euro|eur)\b",
        rf"\bper {alt(NL_UNITS | {'persoon', 'medewerker', 'klant', 'werkdag'})}\b",
        rf"\b(?:elke|iedere|ieder|elk) {alt(NL_UNITS | {'werkdag', 'overleg', 'teamoverleg'})}\b",
        r"\b\w*(?:dagelijks|wekelijks|maandelijks|jaarlijks)\b",
        rf"\b(?:een|1) {alt(NL_UNITS)}\b",
        rf"\b{alt(NL_NUMBERS)}\b",
        rf"\b{NUM}",
    ),
    numbers=NL_NUMBERS | NL_COUNTS,
    units=NL_UNITS,
    indicators=NL_INDICATORS,
    indicator_endings=NL_INDICATOR_ENDINGS,
    products=NL_PRODUCTS,
    product_endings=NL_PRODUCT_ENDINGS,
    completions=NL_COMPLETIONS,
    burden=rx(
        rf"\b(?:{alt(NL_OTHERS)}) (?:moet|moeten|dient|dienen|zal|zullen|gaat|gaan)\b",
        r"\b(?:zij|ze|hij|men|jullie) (?:moet|moeten|dient|dienen)\b",
        rf"\bik wil dat (?:mijn |de |het |ons |onze )?(?:{alt(NL_OTHERS)}|zij|ze|hij)\b",
        rf"\b(?:moet|moeten) (?:mijn|de|het|ons|onze) {alt(NL_OTHERS)}\b",
    ),
    first_person=NL_FIRST_PERSON,
    activity=rx(
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
