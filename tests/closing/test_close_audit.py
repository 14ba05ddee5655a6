"""After the coach closes the engagement it is read-only for everyone: every write page
must refuse (403). One test per write page reachable through the test client.

Every write asks the policy with facts gathered by `contracting.selectors.facts_for`
(or `engagements.selectors.engagement_facts`), which carry `closed`; a service or view
that built its facts by hand would let a write through, and its test here would fail.
"""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from oogst.closing.models import ClosingConversation
from oogst.closing.services.conversation import engagement_close
from oogst.contracting.models import Amendment, ContractAcceptance, Expectation, Goal
from oogst.contracting.services.amendments import amendment_propose
from oogst.policy import Party
from oogst.results.models import Judgement, Result
from tests.parties import Trio, logged_in


@pytest.fixture
def closed(trio: Trio) -> Trio:
    """The trio's engagement, closed by the coach after the declined conversation.

    Before closing: the client has not accepted the contract yet (so accepting is a real
    write), and the coach has proposed an amendment to G1 that the others have not
    accepted yet.
    """
    amendment_propose(
        goal=Goal.objects.get(engagement=trio.engagement, key="G1"),
        actor=Party.COACH,
        person=trio.bob,
        reason="Scherper",
        text="Werk en privé in balans: hooguit 45 uur per week",
    )
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement, party="client").delete()
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    return trio


def url(trio: Trio, name: str, *args: object) -> str:
    return reverse(name, args=[trio.engagement.pk, *args])


def post(client: Client, trio: Trio, who: str, name: str, *args: object, **data: object):  # type: ignore[no-untyped-def]
    return logged_in(client, getattr(trio, who)).post(url(trio, name, *args), data)


# ---------------------------------------------------------------- refused today


def test_the_conversation_pages_refuse(client: Client, closed: Trio) -> None:
    for name in (
        "closing:conversation_plan",
        "closing:conversation_record",
        "closing:conversation_decline",
        "closing:engagement_close",
    ):
        assert post(client, closed, "bob", name, confirmed="yes").status_code == 403, name
    assert ClosingConversation.objects.get().status == "declined"


def test_the_contract_terms_refuse(client: Client, closed: Trio) -> None:
    response = post(client, closed, "bob", "contracting:contract", sessions_planned=20)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("contracting:goal_new", ()),
        ("contracting:goal_edit", ("G1",)),
        ("contracting:amendment_new", ("G2",)),
    ],
)
def test_the_goal_pages_refuse(
    client: Client, closed: Trio, name: str, args: tuple[str, ...]
) -> None:
    response = post(client, closed, "bob", name, *args, text="Een nieuw doel", weight="1")
    assert response.status_code == 403
    assert Goal.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "args"), [("contracting:session_new", ()), ("contracting:session_edit", (1,))]
)
def test_the_session_pages_refuse(
    client: Client, closed: Trio, name: str, args: tuple[int, ...]
) -> None:
    response = post(client, closed, "bob", name, *args, number=2, held_on="2026-02-03")
    assert response.status_code == 403


def test_the_client_reflection_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "contracting:reflection", 1, text="Terugblik")
    assert response.status_code == 403


def test_the_intake_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "bob", "engagements:intake", question="Waarom?")
    assert response.status_code == 403


def test_inviting_refuses(client: Client, closed: Trio) -> None:
    response = post(
        client,
        closed,
        "bob",
        "contracting:invite",
        party="sponsor",
        **{"sponsor-name": "Erik", "sponsor-email": "erik@example.com"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "name", ["results:end_report", "results:end_report_autosave", "results:end_report_submit"]
)
def test_the_end_report_writes_refuse(client: Client, closed: Trio, name: str) -> None:
    response = post(client, closed, "alice", name, summary="Alsnog")
    assert response.status_code == 403


def test_attainment_ratings_refuse(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "closing:attainment", **{"goal-G1": "2"})
    assert response.status_code == 403


def test_result_values_refuse(client: Client, closed: Trio) -> None:
    response = post(
        client, closed, "bob", "closing:result_value", "R3", value_amount="1", value_unit="EUR"
    )
    assert response.status_code == 403
    assert Result.objects.get(key="R3").value_amount == 40000


# ---------------------------------------------------------------- still writing today


def test_expectations_refuse(client: Client, closed: Trio) -> None:
    response = post(
        client,
        closed,
        "alice",
        "contracting:expectations",
        party="client",
        meanings=["product"],
        text="Iets anders",
    )
    assert response.status_code == 403
    assert Expectation.objects.get(party="client").meanings == ["effect", "success"]


def test_accepting_the_contract_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "contracting:contract_accept")
    assert response.status_code == 403
    assert not ContractAcceptance.objects.filter(party="client").exists()


def test_accepting_an_amendment_refuses(client: Client, closed: Trio) -> None:
    amendment = Amendment.objects.get()
    response = post(client, closed, "charlie", "contracting:amendment_accept", amendment.pk)
    assert response.status_code == 403
    assert not amendment.acceptances.filter(party="sponsor").exists()


RESULT = {
    "text": "Nog een resultaat na de afsluiting",
    "expected": "auto",
    "meaning": "effect",
    "beneficiary": "client",
    "evidence": "explicable",
    "desirability": "desired",
    "source": "other",
}


def test_adding_a_result_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "results:result_new", **RESULT)
    assert response.status_code == 403
    assert Result.objects.count() == 3


def test_editing_a_result_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "results:result_edit", "R1", **RESULT)
    assert response.status_code == 403
    assert Result.objects.get(key="R1").text != RESULT["text"]


def test_judging_a_result_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "charlie", "results:judgement", "R1", desirability="undesired")
    assert response.status_code == 403
    assert not Judgement.objects.filter(result__key="R1", party="sponsor").exists()


def test_sharing_a_result_refuses(client: Client, closed: Trio) -> None:
    response = post(client, closed, "alice", "results:consent", "R2", shared="1")
    assert response.status_code == 403
    assert not Result.objects.get(key="R2").shared_with_sponsor


# ---------------------------------------------------------------- reading stays possible

READABLE: dict[str, Callable[[Trio], str]] = {
    "conversation": lambda t: url(t, "closing:conversation"),
    "engagement": lambda t: url(t, "closing:engagement"),
    "result": lambda t: url(t, "results:result", "R1"),
    "goals": lambda t: url(t, "contracting:goals"),
    "contract": lambda t: url(t, "contracting:contract"),
    "sessions": lambda t: url(t, "contracting:sessions"),
}


@pytest.mark.parametrize("page", READABLE)
def test_a_closed_engagement_can_still_be_read(client: Client, closed: Trio, page: str) -> None:
    assert logged_in(client, closed.alice).get(READABLE[page](closed)).status_code == 200


def test_the_end_reports_can_still_be_read_after_closing(client: Client, closed: Trio) -> None:
    assert logged_in(client, closed.alice).get(url(closed, "results:end_report")).status_code == 200
