"""Coaching goals labelled by hand for Measurable (M) and Time-bound (T).

Labelled before the detector in `oogst.contracting.smart` was written, by what a careful
coach would say, and never relabelled to fit it. The rules applied:

- M: the goal says how anyone can tell it is reached: a number, amount, percentage,
  frequency, score or named indicator (even without a target value, "het aantal
  klachten"), or a deliverable or position that is plainly there or not (a job found, a
  plan presented, a promotion). A number that only counts something else ("the coming
  twelve sessions") is not a measure; "better", "more", "less" without a measure are not.
- T: the goal has a date, deadline or bounded period ("binnen drie maanden", "voor de
  zomer", "by next year", "at the end of the coaching"). A frequency ("per week", "every
  quarter") or a response time ("within 24 hours") is not a deadline; an open start
  ("after the reorganisation") is not one either.
"""

from typing import NamedTuple


class Goal(NamedTuple):
    lang: str
    m: bool
    t: bool
    text: str


def _goals(lang: str, rows: list[tuple[int, int, str]]) -> list[Goal]:
    return [Goal(lang, bool(m), bool(t), text) for m, t, text in rows]


DUTCH = _goals(
    "nl",
    [
        (1, 1, "Ik wil binnen drie maanden het verzuim in mijn team terugbrengen van 8% naar 5%."),
        (0, 0, "Ik wil een betere leider worden."),
        (1, 0, "Ik voer elke week een gesprek van een uur met ieder teamlid."),
        (1, 1, "Vóór 1 oktober 2026 heb ik een nieuwe baan buiten de zorg gevonden."),
        (0, 0, "Ik wil beter leren onderhandelen over mijn arbeidsvoorwaarden."),
        (1, 1, "Uiterlijk eind van het jaar werk ik hooguit 45 uur per week."),
        (1, 0, "Ik werk maximaal 45 uur per week."),
        (0, 0, "Ik wil de communicatie met het managementteam verbeteren."),
        (1, 1, "Binnen zes weken heb ik met alle vijf teamleiders een ontwikkelgesprek gevoerd."),
        (0, 1, "Na de zomer stel ik duidelijker grenzen aan mijn werk."),
        (1, 1, "Bij de beoordeling van december 2026 scoor ik minstens een 4 op leiderschap."),
        (1, 0, "Ik voer wekelijkse teamoverleggen in die korter dan een uur duren."),
        (0, 1, "Ik wil het komende halfjaar leren delegeren."),
        (1, 1, "In het tweede kwartaal van 2027 presenteer ik mijn loopbaanplan aan de directeur."),
        (0, 0, "Ik wil meer rust ervaren in mijn werk."),
        (1, 0, "Ik wil de klanttevredenheid van mijn afdeling verhogen naar een 8."),
        (0, 0, "Ik ga een cursus timemanagement volgen."),
        (1, 0, "Iedere maand bespreek ik de kwaliteitscijfers met mijn team."),
        (0, 0, "Ik wil dat mijn team meer verantwoordelijkheid neemt."),
        (1, 0, "Halfjaarlijks houd ik een evaluatiegesprek met elke medewerker."),
        (1, 1, "Binnen twee kwartalen is de omzet van mijn unit met 10% gestegen."),
        (1, 1, "Over een jaar geef ik leiding aan een eigen afdeling."),
        (1, 1, "Per 1 januari 2027 werk ik vier dagen per week."),
        (0, 0, "Ik wil groeien als professional."),
        (1, 1, "Vanaf maart 2026 sluit ik mijn laptop uiterlijk om 18.00 uur."),
        (0, 0, "Ik wil mijn team coachend leiden in plaats van sturend."),
        (0, 1, "Ik wil voor de zomer meer zelfvertrouwen hebben in vergaderingen."),
        (1, 0, "Ik wil wekelijks minstens twee uur ongestoord aan strategie werken."),
        (
            1,
            1,
            "In de medewerkerspeiling van najaar 2026 geven mijn teamleden mij gemiddeld "
            "een 7,5 voor leiderschap.",
        ),
        (0, 1, "Ik wil tijdens de komende twaalf bijeenkomsten leren nee te zeggen."),
        (1, 0, "Ik wil dat mijn medewerkers dagelijks een korte stand-up houden."),
        (0, 0, "Ik wil een duidelijke rol in het nieuwe managementteam."),
        (
            1,
            1,
            "Binnen 4 weken heb ik een gesprek met mijn leidinggevende over mijn ambities gevoerd.",
        ),
        (1, 0, "Ik wil mijn declarabele uren verhogen naar 1400 per jaar."),
        (0, 0, "Ik wil mijn uren beter verdelen over de week."),
        (0, 1, "Tegen september heb ik een opvolger voor mijn functie ingewerkt."),
        (0, 0, "Ik wil leren om tegen mijn directeur nee te zeggen."),
        (0, 0, "Ik wil voor mijn team een goed voorbeeld zijn."),
        (1, 0, "Ik wil een keer per week thuiswerken om ongestoord te schrijven."),
        (1, 0, "Ik wil het aantal klachten over mijn afdeling verminderen."),
        (0, 1, "Aan het einde van het coachingstraject kan ik een lastig gesprek rustig voeren."),
        (0, 1, "Ik wil binnen een maand weten welke functie ik ambieer."),
    ],
)

ENGLISH = _goals(
    "en",
    [
        (1, 1, "I want to reduce my overtime to at most 5 hours a week by the end of the year."),
        (0, 0, "I want to become a more confident speaker."),
        (0, 0, "One of my goals is to be a better listener."),
        (1, 1, "Within six months I will have been promoted to team lead."),
        (1, 0, "I meet each direct report for thirty minutes every week."),
        (1, 1, "By October 1, 2026 our team's NPS is above 40."),
        (0, 0, "I want to improve my relationship with my manager."),
        (0, 1, "Before the summer I want to feel less stressed on Mondays."),
        (1, 1, "I will delegate at least three recurring tasks to my team by Q3 2026."),
        (0, 0, "I want to develop my leadership skills."),
        (
            1,
            1,
            "In the 2026 review my appraisal rating goes from 'meets' to 'exceeds expectations'.",
        ),
        (0, 0, "I will take a course on negotiation."),
        (0, 1, "I will work on my presentation skills over the next six months."),
        (1, 0, "I want to cut the number of meetings I attend in half."),
        (1, 0, "Daily, I spend 15 minutes planning my priorities."),
        (0, 0, "I want my team to take more ownership."),
        (1, 1, "Within two quarters, customer complaints in my unit drop by 20%."),
        (0, 0, "I want to grow as a leader."),
        (1, 1, "By the end of March I have a written career plan that I discussed with HR."),
        (0, 0, "I want to handle conflicts in my team more calmly."),
        (1, 1, "Starting January 2027 I will work four days a week."),
        (0, 0, "I want to be able to say no to extra requests without feeling guilty."),
        (1, 1, "I want to raise the revenue of my region from €2.1M to €2.5M this fiscal year."),
        (1, 0, "I want to have a weekly one-to-one with each of my seven team members."),
        (0, 0, "I want to be seen as a strategic partner by the board."),
        (
            1,
            1,
            "In three weeks I will have asked five colleagues for feedback on how I chair "
            "meetings.",
        ),
        (0, 0, "I want to spend less time on email."),
        (0, 0, "After the reorganisation I want to lead the new department with confidence."),
        (1, 0, "I want a feedback score of at least 4 out of 5 from participants in my workshops."),
        (1, 0, "Every quarter I present a progress report to the sponsor."),
        (0, 0, "I want to think about what I want from my career."),
        (1, 1, "By December 2026 I want to have completed my MBA thesis."),
        (0, 0, "I want to learn when I may say no to my director."),
        (
            0,
            0,
            "I want to stay calm when my manager criticises my work in front of others.",
        ),
        (1, 1, "For the next three months I will keep a daily journal of my energy levels."),
        (0, 0, "I want to win back the trust of my team after the merger."),
        (1, 0, "My goal is to answer customer emails within 24 hours."),
        (1, 1, "I want to be promoted to senior manager by next year."),
        (1, 0, "I want to increase employee satisfaction in my department."),
        (0, 1, "At the end of the coaching I can give critical feedback without apologising."),
        (1, 0, "I want to work no more than two evenings a week."),
    ],
)

# A second batch, written and labelled after the detector existed but added without
# running it on them first: a check on how well the patterns carry over to new wording.
FRESH = _goals(
    "nl",
    [
        (1, 1, "Ik wil dat mijn afdeling in 2027 een verzuim van onder de 4 procent heeft."),
        (1, 0, "Twee keer per maand plan ik een uur reflectie in mijn agenda."),
        (0, 1, "Voor de kerst wil ik weten of ik de overstap naar het onderwijs maak."),
        (0, 0, "Ik wil zelfverzekerder overkomen in presentaties voor de raad van bestuur."),
        (1, 1, "Uiterlijk 15 mei lever ik het verbeterplan voor de klantenservice op."),
        (
            1,
            0,
            "Mijn teamleden beoordelen mijn feedback in de 360-gradenmeting gemiddeld met "
            "minimaal een 7.",
        ),
        (0, 1, "Ik wil de komende weken rustiger reageren op kritiek."),
        (0, 0, "Ik wil minder vaak overwerken."),
        (1, 0, "Ik bel elke maandag met mijn drie accountmanagers."),
        (0, 1, "Binnen een half jaar heb ik mijn coachingsvaardigheden in de praktijk gebracht."),
        (1, 0, "Ik wil de doorlooptijd van offertes halveren."),
        (1, 1, "Eind 2026 heb ik mijn eigen bedrijf ingeschreven bij de Kamer van Koophandel."),
    ],
) + _goals(
    "en",
    [
        (1, 1, "By mid-2027 I lead a team of at least eight people."),
        (0, 0, "I want to feel more at ease at networking events."),
        (1, 0, "Twice a month I block an afternoon for strategic thinking."),
        (0, 0, "I want my director to give me more responsibility."),
        (
            0,
            1,
            "Before my annual review in November, I want to have a clear story about my "
            "contribution.",
        ),
        (1, 0, "I will reduce sick days in my team from 12 to 8 per year."),
        (0, 1, "Over the coming weeks I want to notice when I take over tasks from my team."),
        (1, 0, "I want to lower staff turnover below 10%."),
        (1, 0, "Every Friday afternoon I review my week for half an hour."),
        (1, 1, "I aim to land a board position within two years."),
        (1, 0, "I want to stop checking email after 8 pm."),
        (0, 0, "I want to be a more visible leader in the company."),
    ],
)

GOALS: list[Goal] = DUTCH + ENGLISH + FRESH
