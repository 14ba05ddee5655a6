"""The closing conversation's agenda on the spec's example, for the operator and the sponsor,
and what each party sees of it: the shared agenda and the list to prepare."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from oogst.engagements.models import Engagement
from oogst.harvest.agenda import (
    KIND_LABELS,
    conversation_agenda,
    prompt,
    sponsor_perspective_missing,
)
from oogst.harvest.selectors import report_for
from oogst.interchange.services import engagement_import
from oogst.measures import model as m
from oogst.measures.agenda import KINDS
from oogst.policy import Party

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"

OPERATOR_AGENDA = [
    ("unexpected", "R4"),
    ("unexpected", "R5"),
    ("unexpected", "R6"),
    ("disagreement", "R5"),
    ("organisation", "R2"),
    ("organisation", "R3"),
    ("organisation", "R6"),
    ("explicable", "R1"),
    ("explicable", "R2"),
    ("explicable", "R3"),
    ("attribution", "R3"),
]
SPONSOR_AGENDA = [item for item in OPERATOR_AGENDA if item[1] != "R4"]
R4_TEXT = "Ik leg mezelf geen vertrekdatum meer op"


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def example(db: None) -> Engagement:
    return engagement_import(document=json.loads(EXAMPLE.read_text(encoding="utf-8")))


def pairs(agenda: list[dict[str, str]]) -> list[tuple[str, str]]:
    return [(i["kind"], i["ref"]) for i in agenda]


def test_the_operator_agenda_of_the_example(example: Engagement) -> None:
    agenda = report_for(engagement_id=example.pk, viewer=None)["agenda"]
    assert pairs(agenda) == OPERATOR_AGENDA
    assert not [i for i in agenda if i["kind"] == "open_goal"]


def test_the_sponsor_agenda_of_the_example_lacks_the_unshared_r4(example: Engagement) -> None:
    agenda = report_for(engagement_id=example.pk, viewer=Party.SPONSOR)["agenda"]
    assert pairs(agenda) == SPONSOR_AGENDA


@pytest.mark.parametrize("viewer", [Party.CLIENT, Party.COACH, Party.SPONSOR])
def test_everyone_shares_the_sponsor_agenda(example: Engagement, viewer: Party) -> None:
    _, agenda = conversation_agenda(engagement_id=example.pk, viewer=viewer)
    assert [(i.kind, i.ref) for i in agenda.shared] == SPONSOR_AGENDA


@pytest.mark.parametrize("viewer", [Party.CLIENT, Party.COACH])
def test_client_and_coach_prepare_the_unshared_r4(example: Engagement, viewer: Party) -> None:
    _, agenda = conversation_agenda(engagement_id=example.pk, viewer=viewer)
    assert [(i.kind, i.ref) for i in agenda.prepare] == [("unexpected", "R4")]
    assert agenda.prepare[0].text.startswith(R4_TEXT)


def test_the_sponsor_has_nothing_to_prepare(example: Engagement) -> None:
    _, agenda = conversation_agenda(engagement_id=example.pk, viewer=Party.SPONSOR)
    assert agenda.prepare == ()
    assert all(R4_TEXT not in i.text for i in agenda.shared)


def test_items_carry_the_text_the_viewer_may_read(example: Engagement) -> None:
    _, agenda = conversation_agenda(engagement_id=example.pk, viewer=Party.SPONSOR)
    r6 = next(i for i in agenda.shared if i.ref == "R6")
    assert r6.text == "Een gewaardeerde medewerker is voor de organisatie behouden."
    assert r6.label == "Unexpected result"


# ---------------------------------------------------------------- prompts

VIEW = m.Engagement(
    title="t",
    organisation="o",
    parties={},
    goals=(m.Goal(key="G2", text="Meer coachend werken"),),
    results=(
        m.Result(
            key="R5",
            text="Emolumenten",
            reported_by="client",
            source="session",
            goals=(),
            meaning="outcome",
            expected=False,
            beneficiary="client",
            evidence="observable",
            desirability={"client": "desired", "coach": "neutral", "sponsor": "undesired"},
        ),
    ),
)


def test_every_kind_has_a_heading_and_a_prompt() -> None:
    assert tuple(KIND_LABELS) == KINDS
    for kind in KINDS:
        assert prompt(kind, "R5", VIEW)


def test_the_open_goal_prompt() -> None:
    assert prompt("open_goal", "G2", VIEW) == (
        "Goal G2 has no result yet: what happened, and does it still matter?"
    )


def test_the_disagreement_prompt_says_who_finds_what() -> None:
    text = prompt("disagreement", "R5", VIEW)
    assert "desired by the client and undesired by the sponsor" in text


def test_the_explicable_prompt_compares_before_and_after() -> None:
    text = prompt("explicable", "R1", VIEW)
    assert "before and after" in text and "with whom" in text


def test_the_attribution_prompt() -> None:
    assert prompt("attribution", "R3", VIEW).startswith(
        "No one has said how much of result R3 is owed to the coaching."
    )


def test_an_unknown_kind_is_a_bug() -> None:
    with pytest.raises(ValueError):
        prompt("gossip", "R1", VIEW)


# ---------------------------------------------------------------- the sponsor's perspective


def report(status: str | None, *, results: int = 1, hidden: int = 0) -> dict[str, Any]:
    return {
        "closing": None if status is None else {"status": status, "by": None},
        "pairs": {"evidence": {"observable": results, "explicable": 0}},
        "hidden": hidden,
    }


@pytest.mark.parametrize(
    ("status", "results", "hidden", "missing"),
    [
        ("declined", 0, 0, True),
        ("not_held", 3, 0, True),
        ("held", 3, 0, False),
        (None, 3, 0, True),
        (None, 0, 0, False),
        (None, 0, 2, True),
        ("planned", 1, 0, True),
        ("planned", 0, 0, False),
    ],
)
def test_sponsor_perspective_missing(
    status: str | None, results: int, hidden: int, missing: bool
) -> None:
    assert sponsor_perspective_missing(report(status, results=results, hidden=hidden)) is missing


def test_the_example_misses_the_sponsor_perspective(example: Engagement) -> None:
    assert sponsor_perspective_missing(report_for(engagement_id=example.pk, viewer=Party.SPONSOR))
