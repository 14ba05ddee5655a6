"""Results labelled by hand with the goal they achieve, for `oogst.results.suggest`.

Nine invented engagements, each with the goals of its contract and results as a client,
coach or sponsor would write them in an end report: paraphrases in their own words, not
copies of the goal. Labelled before the ranking was written, by what a careful coach would
link in the register, and never relabelled to fit it. The rules applied:

- A result is labelled with the one goal whose end state it shows or brings clearly
  closer; none of the cases here achieves two goals.
- `None`: no goal of the contract foresaw the result (DOMAIN.md, "unexpected"), even when
  it touches a goal's theme (lower absence after better leadership is still unexpected if
  no goal named absence).

The engagements alternate Dutch and English. Tuning uses only `TUNING` (the first six);
`HELD_OUT` (the last three) was written at the same time and is only ever measured.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    text: str
    goal: str | None  # the goal's key; None: achieves no goal (unexpected)


@dataclass(frozen=True)
class Engagement:
    name: str
    lang: str
    goals: tuple[tuple[str, str, tuple[str, ...]], ...]  # key, text, GAS levels -2..+2
    cases: tuple[Case, ...]


def _e(
    name: str,
    lang: str,
    goals: list[tuple[str, str] | tuple[str, str, tuple[str, ...]]],
    cases: list[tuple[str | None, str]],
) -> Engagement:
    full = tuple((g[0], g[1], g[2] if len(g) == 3 else ()) for g in goals)
    return Engagement(name, lang, full, tuple(Case(text, goal) for goal, text in cases))


E1_ZORG = _e(
    "afdelingshoofd zorg",
    "nl",
    [
        (
            "G1",
            "Mijn werkweek terugbrengen naar gemiddeld 40 uur en geen werkmail meer in het weekend",
            (
                "Meer dan 55 uur per week",
                "Onveranderd rond de 50 uur, regelmatig mail in het weekend",
                "Gemiddeld 40 uur, het weekend vrij van werkmail",
                "Hooguit 40 uur en een vaste vrije middag",
                "Hooguit 36 uur, vrije weekenden en geen mail na zes uur",
            ),
        ),
        ("G2", "Taken delegeren: het rooster en de inkoop overdragen aan de twee coördinatoren"),
        (
            "G3",
            "Moeilijke gesprekken met medewerkers over verzuim en functioneren zelf voeren in "
            "plaats van ze uit te stellen",
        ),
        (
            "G4",
            "Vóór de zomer bepalen of ik de overstap naar de functie van regiomanager wil maken",
        ),
    ],
    [
        (
            "G1",
            "Sinds maart kijk ik in het weekend niet meer in mijn mailbox; mijn telefoon ligt "
            "vrijdagavond in de la.",
        ),
        ("G1", "Ik ga nu meestal om half zes naar huis en werk gemiddeld zo'n 41 uur."),
        (
            "G2",
            "Het maken van de roosters ligt nu volledig bij Ingrid, ik kijk alleen nog mee als "
            "zij erom vraagt.",
        ),
        ("G2", "De bestellingen bij leveranciers worden sinds april door de coördinatoren gedaan."),
        (
            "G3",
            "Ik heb met twee medewerkers het gesprek gevoerd over hun ziekteverzuim, iets wat ik "
            "vorig jaar nog maanden voor me uit schoof.",
        ),
        (
            "G3",
            "Een verpleegkundige die al lang onder de maat presteerde heb ik direct en "
            "respectvol aangesproken; we hebben nu een verbeterplan.",
        ),
        (
            "G4",
            "Ik heb gesolliciteerd op de vacature regiomanager en ben aangenomen per 1 september.",
        ),
        (
            "G4",
            "Na gesprekken met de regiodirecteur en een dag meelopen heb ik besloten te blijven "
            "waar ik ben: de stap naar regiomanager past nu niet bij mij.",
        ),
        (
            None,
            "Mijn relatie met mijn zus is verbeterd doordat ik haar eindelijk heb verteld wat "
            "me dwarszat.",
        ),
        (None, "De afdeling heeft de accreditatie van het kwaliteitsinstituut behaald."),
    ],
)

E2_SALES = _e(
    "new sales director",
    "en",
    [
        (
            "G1",
            "Build a leadership team in which the four regional managers take ownership of "
            "their own targets",
        ),
        (
            "G2",
            "Present the quarterly figures to the board with confidence, without reading from "
            "slides",
        ),
        ("G3", "Reduce the time spent in meetings from about 25 to at most 15 hours per week"),
        ("G4", "Negotiate a clear remit and a matching budget for the new digital sales channel"),
    ],
    [
        (
            "G1",
            "Each regional manager now owns a forecast and presents it in our Monday call; I no "
            "longer chase them for numbers.",
        ),
        (
            "G1",
            "When the Northern region missed its target, Pieter came to me with his own recovery "
            "plan instead of waiting for instructions.",
        ),
        (
            "G1",
            "Two of my regional managers now run their own quarterly reviews with their teams "
            "without me in the room.",
        ),
        (
            "G2",
            "My last two board updates were delivered from a single page of notes, and the chair "
            "thanked me for the clarity.",
        ),
        (
            "G2",
            "I noticed I was calm before the Q3 board session; I slept well the night before, "
            "which never used to happen.",
        ),
        (
            "G3",
            "I cancelled three recurring meetings and cut the weekly staff meeting from 90 to 45 "
            "minutes.",
        ),
        (
            "G3",
            "My calendar now shows around 12 hours of meetings a week, leaving mornings free for "
            "thinking.",
        ),
        (
            "G4",
            "The CFO agreed to a separate budget of 400k for online sales, and the channel now "
            "reports to me.",
        ),
        (
            "G4",
            "After two rounds of talks we put in writing who decides on pricing for the web shop.",
        ),
        (None, "I started running again and completed a half marathon in October."),
        (None, "Our biggest customer renewed its contract for three years."),
    ],
)

E3_CONSULTANT = _e(
    "jonge consultant",
    "nl",
    [
        (
            "G1",
            "Met meer zelfvertrouwen mijn mening geven in klantoverleggen, ook als een senior "
            "collega het anders ziet",
        ),
        ("G2", "Een presentatie op het landelijke congres in november voorbereiden en geven"),
        ("G3", "Grenzen aangeven bij extra werk: hooguit één extra project tegelijk aannemen"),
        (
            "G4",
            "Een gesprek met mijn manager voeren over promotie naar senior consultant en een "
            "salarisverhoging",
        ),
    ],
    [
        (
            "G1",
            "In het overleg met de klant van vorige week durfde ik in te gaan tegen de partner, "
            "en mijn voorstel werd overgenomen.",
        ),
        (
            "G1",
            "Ik voel me minder onzeker als ik iets inbreng in een bespreking; ik bereid mijn "
            "punt voor en zeg het gewoon.",
        ),
        (
            "G2",
            "Mijn lezing in Utrecht trok zo'n tachtig bezoekers en ik kreeg na afloop veel vragen.",
        ),
        (
            "G2",
            "Ik heb mijn verhaal drie keer geoefend met een collega en ben er op het podium "
            "rustig doorheen gekomen.",
        ),
        (
            "G3",
            "Toen er een derde klus werd aangeboden heb ik vriendelijk maar duidelijk nee gezegd.",
        ),
        ("G3", "Ik werk nu aan één opdracht naast mijn vaste klant; meer neem ik er niet bij."),
        (
            "G4",
            "Per januari ben ik bevorderd tot senior, met een hoger salaris dan ik had verwacht.",
        ),
        (
            "G4",
            "Het loongesprek heb ik goed voorbereid: ik had argumenten en een bedrag, en kreeg "
            "6% erbij.",
        ),
        (None, "Ik ben verhuisd naar een appartement dichter bij kantoor."),
        (None, "Ons team heeft de interne innovatieprijs gewonnen."),
    ],
)

E4_LAB = _e(
    "research group leader",
    "en",
    [
        (
            "G1",
            "Resolve the conflict between the two senior researchers so that they can work on "
            "the joint grant again",
        ),
        (
            "G2",
            "Hold a monthly one-to-one with each PhD student and give them written feedback "
            "twice a year",
            (
                "No regular meetings with the students",
                "Meetings only when a student asks",
                "A monthly one-to-one with each student and written feedback twice a year",
                "As expected, and each student has a written development plan",
                "As expected, and students ask each other for feedback too",
            ),
        ),
        ("G3", "Protect two mornings a week for my own research and writing"),
        ("G4", "Look after my health: sleep at least seven hours and stop working late evenings"),
    ],
    [
        (
            "G1",
            "After a mediated conversation, Anna and Marc agreed on who leads which work package "
            "and submitted the proposal together.",
        ),
        (
            "G1",
            "The tension in the group has gone; the two seniors have lunch together again and "
            "co-author a paper.",
        ),
        (
            "G2",
            "Every doctoral candidate now has a fixed meeting with me once a month, and all six "
            "received a written evaluation in June.",
        ),
        (
            "G2",
            "Students tell me they finally know where they stand; the feedback forms are filed "
            "for each of them.",
        ),
        (
            "G3",
            "Tuesday and Thursday mornings are blocked in my agenda and I finished two "
            "manuscripts this spring.",
        ),
        ("G3", "I wrote the review article I had postponed for three years."),
        (
            "G4",
            "I now close my laptop at eight and sleep much better, usually seven to eight hours.",
        ),
        ("G4", "My GP says my blood pressure is back to normal."),
        ("G4", "I turned down evening talks for three months and go to bed before eleven."),
        (None, "The department decided to fund a new lab technician."),
        (None, "I learned to say what I think in faculty meetings."),
    ],
)

E5_OVERSTAP = _e(
    "leraar naar gemeente",
    "nl",
    [
        (
            "G1",
            "Vóór 1 juni een onderbouwde keuze maken: blijven in het onderwijs of overstappen "
            "naar een baan bij een gemeente",
        ),
        (
            "G2",
            "Mijn cv en LinkedIn-profiel herschrijven en minstens vijf netwerkgesprekken voeren",
        ),
        (
            "G3",
            "Weer energie krijgen: de klachten van overspannenheid verminderen en minder piekeren",
            (
                "Ziek thuis",
                "Onveranderd moe en gespannen",
                "Meestal uitgerust, piekeren een paar keer per week",
                "Uitgerust en zelden piekeren",
                "Vol energie en weer aan het sporten",
            ),
        ),
    ],
    [
        (
            "G1",
            "Ik heb besloten het onderwijs te verlaten; per augustus begin ik als "
            "beleidsmedewerker bij de gemeente Zwolle.",
        ),
        (
            "G1",
            "Ik heb de voor- en nadelen van beide richtingen op papier gezet en mijn keuze met "
            "mijn partner besproken.",
        ),
        (
            "G2",
            "Mijn curriculum vitae is volledig vernieuwd en ik heb een nieuwe profielfoto en "
            "samenvatting op LinkedIn.",
        ),
        (
            "G2",
            "Ik heb met zes mensen uit mijn netwerk koffie gedronken om te horen hoe het werken "
            "bij de overheid is.",
        ),
        (
            "G3",
            "Ik slaap weer door en word niet meer om vier uur wakker met een hoofd vol zorgen.",
        ),
        ("G3", "Mijn huisarts heeft de ziekmelding ingetrokken; ik voel me fitter dan in jaren."),
        ("G3", "Ik pieker veel minder; als ik ga malen schrijf ik het op en laat het dan los."),
        (None, "Mijn dochter en ik hebben samen een moestuin aangelegd."),
        (None, "Ik ben penningmeester geworden van de volleybalclub."),
    ],
)

E6_FOUNDER = _e(
    "founder scaling up",
    "en",
    [
        ("G1", "Delegate the day-to-day running of customer support to the support lead"),
        ("G2", "Negotiate a new financing round of at least €2 million on acceptable terms"),
        ("G3", "Spend at least one full weekend day with my family every week"),
        (
            "G4",
            "Give clear, timely feedback to the management team instead of fixing things myself",
        ),
    ],
    [
        (
            "G1",
            "Support tickets are now handled and escalated by Sanne; I only see the monthly "
            "summary.",
        ),
        (
            "G1",
            "I handed over the customer service rota and the complaint handling to our support "
            "lead in March.",
        ),
        ("G1", "The support lead now hires and trains her own people."),
        ("G2", "We closed a Series A of €2.4 million with a valuation we are comfortable with."),
        (
            "G2",
            "I walked away from the first term sheet and came back with a better deal from "
            "another investor.",
        ),
        (
            "G3",
            "Sundays are for my kids now; we go to the beach or the woods and my phone stays at "
            "home.",
        ),
        ("G3", "My partner says I am actually present at home on Saturdays."),
        (
            "G4",
            "When the marketing plan was weak I told Jeroen so directly the same day, with "
            "examples, and let him rewrite it.",
        ),
        (
            "G4",
            "My managers say they know where they stand with me; I comment on their work in our "
            "weekly one-to-ones instead of redoing it.",
        ),
        (None, "We won an industry award for our app's accessibility."),
        (None, "The office moved to a bigger building closer to the station."),
    ],
)

E7_BOUW = _e(
    "teamleider bouw",
    "nl",
    [
        (
            "G1",
            "Als nieuwe teamleider mijn rol pakken: leiding geven aan mijn oud-collega's zonder "
            "het werk zelf te doen",
        ),
        (
            "G2",
            "Conflicten op de bouwplaats bespreekbaar maken in plaats van ze te laten escaleren",
        ),
        ("G3", "Mijn planning op orde: elke maandag een weekplanning maken en deadlines halen"),
        (
            "G4",
            "Leren presenteren: voor de directie en opdrachtgevers de voortgang van projecten "
            "toelichten",
        ),
    ],
    [
        (
            "G1",
            "Ik sta niet meer zelf te metselen als het krap wordt, maar stuur de ploeg aan en "
            "verdeel het werk.",
        ),
        (
            "G1",
            "Mijn vroegere maten zien mij nu als hun chef; ze komen met vragen naar mij en ik "
            "neem de beslissingen.",
        ),
        (
            "G2",
            "Toen de uitvoerder en de onderaannemer ruzie kregen over de oplevering heb ik ze bij "
            "elkaar gezet en het uitgepraat.",
        ),
        (
            "G2",
            "Meningsverschillen in de keet komen nu in het ochtendoverleg op tafel voordat ze "
            "uit de hand lopen.",
        ),
        (
            "G3",
            "Op maandagochtend maak ik een overzicht van de week; de laatste drie projecten zijn "
            "op tijd opgeleverd.",
        ),
        ("G3", "Ik mis geen termijnen meer; mijn agenda is leidend en ik werk met een takenlijst."),
        (
            "G4",
            "In de bouwvergadering met de opdrachtgever heb ik zelf de stand van zaken "
            "gepresenteerd met een paar duidelijke dia's.",
        ),
        (
            "G4",
            "De directeur vond mijn toelichting op het project helder en vroeg me het ook in het "
            "kwartaaloverleg te doen.",
        ),
        (None, "Ik heb mijn VCA-diploma gehaald."),
        (None, "Het verzuim in de ploeg is gedaald van 7 naar 4 procent."),
    ],
)

E8_RETURN = _e(
    "operations manager after burn-out",
    "en",
    [
        ("G1", "Return to work full-time within six months after the burn-out, without relapse"),
        ("G2", "Set boundaries with my director about extra projects and weekend work"),
        ("G3", "Rebuild confidence in my own judgement when making decisions under pressure"),
        ("G4", "Improve how I handle disagreements with the union representatives"),
    ],
    [
        (
            "G1",
            "Since September I have been working my full contract hours again and I still have "
            "energy left in the evening.",
        ),
        ("G1", "The occupational physician has closed my reintegration file."),
        ("G1", "After my phased return I am back to five days a week."),
        (
            "G2",
            "I told my director I would not take on the warehouse project on top of my work, and "
            "he accepted that.",
        ),
        (
            "G2",
            "I no longer answer emails on Saturdays; my boss knows he can call only in a real "
            "emergency.",
        ),
        (
            "G3",
            "During the system outage I made the call to stop the line myself and stood by it, "
            "without asking three people first.",
        ),
        (
            "G3",
            "I trust my own assessment more; I decide faster and doubt myself less afterwards.",
        ),
        (
            "G4",
            "The last meeting with the works council reps was tough but respectful, and we "
            "reached an agreement on shift patterns.",
        ),
        (
            "G4",
            "When the union rep raised his voice I stayed calm and asked what he actually needed.",
        ),
        (None, "I took up painting again, something I had not done since art school."),
        (None, "Our warehouse passed the ISO audit without findings."),
    ],
)

E9_HR = _e(
    "hr-adviseur",
    "nl",
    [
        (
            "G1",
            "Mijn tijd beter indelen: e-mail twee keer per dag afhandelen en minder vergaderen",
        ),
        ("G2", "Een loopbaanstap zetten naar een leidinggevende functie binnen HR"),
        ("G3", "Onderhandelen over een hogere inschaling bij de nieuwe functie"),
        ("G4", "Rust en ontspanning: de werkdruk verlagen en weer tijd maken voor sport"),
    ],
    [
        ("G1", "Mijn mailbox open ik nu om negen en om drie uur; daartussen werk ik ongestoord."),
        ("G1", "Ik ben uit vier overleggen gestapt waar ik niets toevoegde."),
        ("G2", "Sinds oktober ben ik teamleider van de HR-adviseurs."),
        (
            "G2",
            "Ik heb gesolliciteerd op de interne vacature van manager P&O en ben door naar de "
            "tweede ronde.",
        ),
        (
            "G3",
            "Ik ben ingeschaald in schaal 11 in plaats van de aangeboden schaal 10, na een goed "
            "voorbereid gesprek.",
        ),
        (
            "G3",
            "Bij het arbeidsvoorwaardengesprek heb ik een extra periodiek en een "
            "thuiswerkvergoeding binnengehaald.",
        ),
        ("G4", "Ik sport weer drie keer per week en voel me veel ontspannener."),
        (
            "G4",
            "De druk is draaglijker geworden; ik ga 's avonds niet meer met buikpijn naar bed.",
        ),
        (None, "Ik ben gevraagd om in de ondernemingsraad plaats te nemen."),
        (None, "Mijn collega's vragen mij vaker om advies bij lastige dossiers."),
    ],
)

ENGAGEMENTS: tuple[Engagement, ...] = (
    E1_ZORG,
    E2_SALES,
    E3_CONSULTANT,
    E4_LAB,
    E5_OVERSTAP,
    E6_FOUNDER,
    E7_BOUW,
    E8_RETURN,
    E9_HR,
)
TUNING = ENGAGEMENTS[:6]
HELD_OUT = ENGAGEMENTS[6:]
