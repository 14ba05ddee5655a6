"""Word lists and sentence templates for synthetic engagements, in Dutch and English.

Realistic enough to read like coaching files (goals, topics, results, sectors), never
about real people: every name is drawn from common first and last names, every address
ends in `.example` (RFC 2606), so no generated e-mail can reach anyone.
"""

FIRST_NAMES = (
    "Anna", "Bram", "Daan", "Emma", "Eva", "Fatima", "Femke", "Hamza", "Iris", "Jan",
    "Jesse", "Julia", "Kees", "Lars", "Lieke", "Lotte", "Luuk", "Maaike", "Mark", "Marloes",
    "Mohamed", "Noor", "Peter", "Priya", "Ruben", "Saskia", "Sem", "Sophie", "Thijs", "Tom",
    "Yara", "Zeynep", "Ahmed", "Bart", "Charlotte", "David", "Ellen", "Frank", "Hanna", "Ingrid",
    "Joost", "Karin", "Linda", "Martijn", "Nina", "Olaf", "Rianne", "Sander", "Wendy", "Willem",
)  # fmt: skip
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "Yilmaz", "El Amrani", "Kaya",
    "Verhoeven", "van Beek", "Hoekstra", "Koster", "Prins", "Sanders", "Willems",
)  # fmt: skip

SECTORS = (
    "zorg", "onderwijs", "overheid", "financiële dienstverlening", "ICT", "industrie",
    "retail", "logistiek", "energie", "non-profit", "bouw", "zakelijke dienstverlening",
)  # fmt: skip
ORGANISATION_KINDS = {
    "zorg": ("Zorggroep", "Ziekenhuis", "Thuiszorg", "GGZ"),
    "onderwijs": ("Hogeschool", "Scholengroep", "ROC", "Universiteit"),
    "overheid": ("Gemeente", "Provincie", "Waterschap", "Uitvoeringsdienst"),
    "financiële dienstverlening": ("Bank", "Verzekeraar", "Pensioenfonds"),
    "ICT": ("Software", "Data", "Cloud Services"),
    "industrie": ("Metaalwerken", "Machinefabriek", "Chemie"),
    "retail": ("Warenhuis", "Supermarkten", "Mode"),
    "logistiek": ("Transport", "Distributie", "Havenbedrijf"),
    "energie": ("Netbeheer", "Energie", "Windkracht"),
    "non-profit": ("Stichting", "Vereniging", "Fonds"),
    "bouw": ("Bouwgroep", "Infra", "Installatietechniek"),
    "zakelijke dienstverlening": ("Advies", "Accountants", "Advocaten"),
}
PLACES = (
    "Noord", "Zuid", "Oost", "West", "Amstel", "Rijnmond", "Utrecht", "Twente", "Brabant",
    "Limburg", "Friesland", "Zeeland", "Gelre", "Haaglanden", "Kennemerland", "Drenthe",
    "Veluwe", "IJssel", "Delta", "Maas",
)  # fmt: skip
PRIVATE_ORGANISATION = "particulier"

ROLES = {
    "nl": (
        "teamleider", "afdelingshoofd", "projectleider", "verpleegkundige", "docent",
        "beleidsmedewerker", "accountmanager", "ontwikkelaar", "directeur", "adviseur",
        "zelfstandig ondernemer", "HR-adviseur",
    ),
    "en": (
        "team lead", "department head", "project manager", "nurse", "teacher", "policy adviser",
        "account manager", "developer", "director", "consultant", "freelancer", "HR adviser",
    ),
}  # fmt: skip
TITLES = {
    "nl": (
        "Leiderschapscoaching voor een {role}",
        "Loopbaancoaching van een {role}",
        "Coaching bij de overstap naar een nieuwe rol als {role}",
        "Coaching van een {role} op werkdruk en grenzen",
        "Ontwikkeltraject voor een {role}",
    ),
    "en": (
        "Leadership coaching for a {role}",
        "Career coaching of a {role}",
        "Coaching a {role} into a new role",
        "Coaching a {role} on workload and boundaries",
        "Development programme for a {role}",
    ),
}
QUESTIONS = {
    "nl": (
        "Ik wil beter leren delegeren; ik doe nu te veel zelf.",
        "Na de reorganisatie weet ik niet meer goed waar ik sta.",
        "Ik wil uitzoeken welke volgende stap in mijn loopbaan bij me past.",
        "Ik loop tegen mijn grenzen aan en wil niet uitvallen.",
        "Mijn team functioneert niet als team; ik wil daar als leidinggevende iets aan doen.",
        "Ik vind het lastig om in het managementteam mijn punt te maken.",
        "Ik twijfel of ik in deze organisatie wil blijven.",
    ),
    "en": (
        "I want to learn to delegate; I do too much myself.",
        "Since the reorganisation I no longer know where I stand.",
        "I want to find out which next step in my career suits me.",
        "I am reaching my limits and do not want to burn out.",
        "My team does not work as a team; as its manager I want to change that.",
        "I find it hard to make my point in the management team.",
        "I doubt whether I want to stay in this organisation.",
    ),
}
EXPECTATIONS = {
    "nl": {
        "client": ("Meer rust en een duidelijke keuze.", "Dat ik weer plezier heb in mijn werk."),
        "coach": ("Dat de klant zelf weer richting geeft.", "Zichtbaar ander gedrag in het team."),
        "sponsor": ("Een leidinggevende die het team op koers houdt.", "Minder verzuim."),
    },
    "en": {
        "client": ("More calm and a clear choice.", "Enjoying my work again."),
        "coach": ("That the client sets the direction again.", "Visibly different behaviour."),
        "sponsor": ("A manager who keeps the team on course.", "Less absence."),
    },
}
# The meanings of "result" each party tends to hold (DOMAIN.md: the sponsor thinks in
# performance and money, the client in effect and success).
MEANING_WEIGHTS = {
    "client": (3, 5, 2, 2, 4, 1, 1),
    "coach": (2, 5, 3, 4, 2, 2, 1),
    "sponsor": (2, 2, 3, 2, 2, 5, 4),
}

# (goal, the expected level 0 of its attainment scale)
GOALS = {
    "nl": (
        ("Binnen drie maanden wekelijks werk delegeren aan het team",
         "Elke week minstens twee taken overgedragen"),
        ("Vóór de zomer een besluit nemen over de volgende loopbaanstap",
         "Een besluit met de argumenten op papier"),
        ("Het werk terugbrengen tot 40 uur per week", "Gemiddeld 40 uur per week"),
        ("In het MT-overleg zelf agendapunten inbrengen",
         "Elke maand een eigen agendapunt"),
        ("Een teamoverleg invoeren dat het team zelf voorzit", "Om de week een teamoverleg"),
        ("Een gesprek voeren met de leidinggevende over de eigen rol",
         "Het gesprek is gevoerd en vastgelegd"),
        ("Het verzuim in het team terugbrengen", "Verzuim onder de 5 procent"),
        ("Een netwerk opbouwen buiten de eigen afdeling", "Vijf nieuwe contacten gesproken"),
        ("Feedback geven aan teamleden binnen een week na een voorval",
         "Feedback binnen een week, in de meeste gevallen"),
        ("Een plan maken voor de eigen ontwikkeling met een opleiding",
         "Een plan met een gekozen opleiding"),
        ("Minder overwerken in de avond", "Hooguit één avond per week werken"),
        ("Een conflict met een collega uitpraten", "Een gesprek gevoerd en afspraken gemaakt"),
    ),
    "en": (
        ("Within three months, delegate work to the team every week",
         "At least two tasks handed over each week"),
        ("Decide on the next career step before the summer",
         "A decision with its reasons on paper"),
        ("Bring working hours back to 40 a week", "40 hours a week on average"),
        ("Bring own items to the management meeting", "An item of my own every month"),
        ("Start a team meeting that the team chairs itself", "A team meeting every other week"),
        ("Talk with the manager about the own role", "The talk happened and is written down"),
        ("Reduce absence in the team", "Absence below 5 percent"),
        ("Build a network outside the own department", "Five new contacts met"),
        ("Give feedback within a week of an incident", "Feedback within a week, mostly"),
        ("Make a development plan including a course", "A plan with a chosen course"),
        ("Work fewer evenings", "At most one evening of work a week"),
        ("Resolve a conflict with a colleague", "A talk held and agreements made"),
    ),
}  # fmt: skip
SCALE = {
    "nl": {
        -2: "Duidelijk slechter dan bij de start",
        -1: "Geen verandering ten opzichte van de start",
        1: "Meer dan afgesproken",
        2: "Veel meer dan afgesproken",
    },
    "en": {
        -2: "Clearly worse than at the start",
        -1: "No change since the start",
        1: "More than agreed",
        2: "Much more than agreed",
    },
}
TOPICS = {
    "nl": (
        "delegeren", "grenzen stellen", "werkdruk", "feedback geven", "loopbaankeuze",
        "samenwerking in het team", "conflicthantering", "rol in het MT", "zelfvertrouwen",
        "timemanagement", "verandering en reorganisatie", "energie en herstel", "netwerken",
        "besluitvorming", "waarden en drijfveren", "afronding",
    ),
    "en": (
        "delegation", "setting boundaries", "workload", "giving feedback", "career choice",
        "teamwork", "handling conflict", "role in the management team", "self-confidence",
        "time management", "change and reorganisation", "energy and recovery", "networking",
        "decision making", "values and drivers", "wrapping up",
    ),
}  # fmt: skip
RESULTS = {
    "nl": {
        "product": ("Er ligt een plan voor de komende twee jaar.",
                    "Een stappenplan voor het gesprek met de directie."),
        "effect": ("Ik zeg vaker nee tegen extra werk.",
                   "Ik geef nu zelf feedback in het overleg."),
        "consequence": ("Het team regelt het rooster nu zelf.",
                        "Een collega heeft taken overgenomen."),
        "outcome": ("De klant heeft een opleiding gekozen.", "Er is minder onrust in het team."),
        "success": ("Het lukt me om op tijd naar huis te gaan.",
                    "Ik heb de promotie gekregen."),
        "performance": ("De afdeling haalt de deadlines weer.",
                        "De klanttevredenheid van het team steeg."),
        "financial": ("Minder inhuur van externen nodig.", "Lagere verzuimkosten in het team."),
    },
    "en": {
        "product": ("There is a plan for the next two years.",
                    "A step-by-step plan for the talk with the board."),
        "effect": ("I say no to extra work more often.", "I give feedback in meetings myself."),
        "consequence": ("The team now makes its own schedule.",
                        "A colleague took over tasks."),
        "outcome": ("The client chose a course.", "There is less unrest in the team."),
        "success": ("I manage to go home on time.", "I got the promotion."),
        "performance": ("The department meets its deadlines again.",
                        "The team's customer satisfaction rose."),
        "financial": ("Less need for external hires.", "Lower absence costs in the team."),
    },
}  # fmt: skip
# Units of observable results that are not money.
OTHER_UNITS = ("uur/week", "%", "dagen", "avonden/week", "gesprekken")
CLOSING_NOTES = {
    "declined": {
        "nl": "De partij zag geen meerwaarde in een driegesprek.",
        "en": "The party saw no value in a three-way conversation.",
    },
    "not_held": {
        "nl": "Geen datum gevonden voor het driegesprek.",
        "en": "No date could be found for the closing conversation.",
    },
}
