"""The engagement of spec/example.json, built by hand as plain dataclasses.

Typed out rather than parsed, so these tests depend on nothing but `oogst.measures`.
"""

from datetime import date
from decimal import Decimal as D

from oogst.measures.model import (
    Attribution,
    Closing,
    Contract,
    Engagement,
    Expectation,
    Goal,
    Intake,
    Money,
    Person,
    Rating,
    Result,
    Session,
    Value,
)

G1_SCALE = {
    -2: "Werkweken worden langer",
    -1: "Geen verandering: structureel meer dan 55 uur per week",
    0: "Gemiddeld hooguit 45 uur per week en vrije weekenden",
    1: "Hooguit 40 uur en vaste tijd voor privé",
    2: "Hooguit 40 uur, en taken structureel overgedragen",
}

ALL_DESIRED = {"client": "desired", "coach": "desired", "sponsor": "desired"}


def example_engagement() -> Engagement:
    return Engagement(
        title="Coaching van een ICT-manager",
        language="nl",
        organisation="Noordlicht ICT",
        sector="ICT",
        parties={
            "client": Person("Sanne Verbeek", "sanne@noordlicht.example"),
            "coach": Person("Pieter Dekker", "pieter@dekkercoaching.example"),
            "sponsor": Person("Marieke Bos (directie)", "marieke@noordlicht.example"),
        },
        intake=Intake(
            date=date(2026, 1, 12),
            question=(
                "Mijn betrokkenheid bij het bedrijf neemt af en ik loop tegen mijn grenzen "
                "aan. Ik werk lange weken, eis veel van mezelf en van anderen, en twijfel of "
                "ik moet blijven."
            ),
        ),
        expectations=(
            Expectation(
                "client", ("effect", "success"), "Weer plezier in mijn werk en rust in mijn hoofd."
            ),
            Expectation(
                "coach",
                ("effect", "product"),
                "Helderheid over wat haar drijft, en een eigen manier van leidinggeven.",
            ),
            Expectation(
                "sponsor",
                ("performance", "financial"),
                "Een manager die blijft en haar team beter laat presteren.",
            ),
        ),
        contract=Contract(
            sessions_planned=12,
            costs=Money(D(3600), "EUR"),
            sponsor_may_see=("goals", "sessions_held"),
            accepted={
                "client": date(2026, 1, 19),
                "coach": date(2026, 1, 19),
                "sponsor": date(2026, 1, 23),
            },
            rho=D("0.3"),
        ),
        goals=(
            Goal(
                "G1",
                "Werk en privé weer in evenwicht brengen",
                weight=D(1),
                scale=G1_SCALE,
                baseline=-1,
                due=date(2026, 9, 30),
            ),
            Goal(
                "G2",
                "Als leidinggevende meer coachend werken",
                weight=D(1),
                baseline=-1,
                due=date(2026, 9, 30),
            ),
            Goal(
                "G3",
                "Een heldere volgende stap in mijn loopbaan zetten",
                weight=D(1),
                baseline=-1,
                due=date(2026, 9, 30),
            ),
        ),
        sessions=(
            Session(1, date(2026, 2, 2), ("werk-privé",), ("G1",)),
            Session(2, date(2026, 2, 16), ("leiderschap",), ("G2",)),
            Session(3, date(2026, 3, 2), ("onderhandelen",), ()),
            Session(4, date(2026, 3, 16), ("onderhandelen", "loopbaan"), ("G3",)),
        ),
        results=RESULTS,
        attainment=(
            Rating("G1", "client", 1),
            Rating("G2", "client", 1),
            Rating("G3", "client", 0),
            Rating("G1", "coach", 1),
            Rating("G2", "coach", 0),
            Rating("G3", "coach", 0),
        ),
        closing=Closing(
            status="declined",
            by="sponsor",
            date=None,
            notes=(
                "De coach stelde een afsluitend driegesprek voor; de directie ging daar niet op in."
            ),
        ),
        research_consent={"client": date(2026, 10, 5), "sponsor": date(2026, 10, 9)},
    )


RESULTS: tuple[Result, ...] = (
    Result(
        key="R1",
        text=(
            "Ik neem weer tijd voor privézaken en heb opnieuw afgebakend welke taken bij mij horen."
        ),
        reported_by="client",
        source="end_report",
        goals=("G1",),
        meaning="effect",
        expected=True,
        desirability=dict(ALL_DESIRED),
        beneficiary="client",
        evidence="explicable",
        value=None,
        attribution={"client": Attribution(D("0.6"), D("0.8"))},
        shared_with_sponsor=True,
    ),
    Result(
        key="R2",
        text=(
            "Ik maak wederzijdse verwachtingen duidelijker en kijk meer naar wat mijn "
            "medewerkers willen leren."
        ),
        reported_by="client",
        source="end_report",
        goals=("G2",),
        meaning="effect",
        expected=True,
        desirability=dict(ALL_DESIRED),
        beneficiary="both",
        evidence="explicable",
        value=None,
        attribution={"client": Attribution(D("0.7"), D("0.7"))},
        shared_with_sponsor=True,
    ),
    Result(
        key="R3",
        text=(
            "Ik kan mijn ontwikkeling binnen mijn huidige functie zelf uitstippelen; "
            "vertrekken is niet nodig."
        ),
        reported_by="client",
        source="end_report",
        goals=("G3",),
        meaning="product",
        expected=True,
        desirability=dict(ALL_DESIRED),
        beneficiary="both",
        evidence="explicable",
        value=None,
        attribution={},
        shared_with_sponsor=True,
    ),
    Result(
        key="R4",
        text=(
            "Ik leg mezelf geen vertrekdatum meer op; de druk is weg en ik maak weer mijn "
            "eigen keuzes."
        ),
        reported_by="client",
        source="end_report",
        goals=(),
        meaning="consequence",
        expected=False,
        desirability={"client": "desired", "coach": "desired"},
        beneficiary="client",
        evidence="explicable",
        value=None,
        attribution={"client": Attribution(D("0.5"), D("0.6"))},
        shared_with_sponsor=False,
    ),
    Result(
        key="R5",
        text="Na gericht onderhandelen zijn de mondeling toegezegde emolumenten alsnog toegekend.",
        reported_by="client",
        source="session",
        goals=(),
        meaning="outcome",
        expected=False,
        desirability={"client": "desired", "coach": "neutral", "sponsor": "undesired"},
        beneficiary="client",
        evidence="observable",
        value=Value(D(4500), "EUR"),
        attribution={"client": Attribution(D("0.5"), D("0.7"))},
        shared_with_sponsor=True,
    ),
    Result(
        key="R6",
        text="Een gewaardeerde medewerker is voor de organisatie behouden.",
        reported_by="sponsor",
        source="other",
        goals=(),
        meaning="outcome",
        expected=False,
        desirability={"client": "desired", "sponsor": "desired"},
        beneficiary="organisation",
        evidence="observable",
        value=Value(D(40000), "EUR"),
        attribution={
            "sponsor": Attribution(D("0.3"), D("0.6")),
            "coach": Attribution(D("0.5"), D("0.5")),
        },
        shared_with_sponsor=True,
    ),
)
