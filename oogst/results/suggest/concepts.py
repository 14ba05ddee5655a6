"""The coaching concepts a text can name, and the index from word forms to concepts.

A result and a goal that name the same concept ("overuren", "weekend", "hours" -> #hours)
share the strongest kind of evidence.
"""

from oogst.results.suggest.weights import BROAD_FACTOR, CONCEPT_WEIGHT
from oogst.text import LANGS, lemmas, plain

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


def concept_weight(concept: str) -> float:
    return CONCEPT_WEIGHT * (BROAD_FACTOR if concept in BROAD else 1.0)


def _concept_index() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    index: dict[str, list[str]] = {}
    for concept, words in CONCEPTS.items():
        for entry in words.split():
            for form in _entry_forms(entry):
                if concept not in index.setdefault(form, []):
                    index[form].append(concept)
    return {form: tuple(concepts) for form, concepts in index.items()}, frozenset(index)


def _entry_forms(entry: str) -> set[str]:
    written = plain(entry)
    if "_" in written:
        first, second = written.split("_", 1)
        pairs = {f"{a}_{b}" for a in lemmas(first, LANGS) for b in lemmas(second, LANGS)}
        return pairs | {written}
    return {written, *lemmas(written, LANGS)}


# A word form -> its concepts; and every form, for splitting compounds into known parts.
CONCEPT_OF, CONCEPT_WORDS = _concept_index()
