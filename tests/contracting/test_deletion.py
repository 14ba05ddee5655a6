"""Room for mistakes: the coach deletes a goal or a session before the contract is in force.

Refused, with the reason in words, while anything refers to it; never by the client or the
sponsor, never once the contract is in force, never in a closed engagement.
"""

from collections.abc import Iterator

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from oogst.closing.models import Minute
from oogst.contracting.models import (
    Amendment,
    ContractAcceptance,
    Goal,
    Session,
    SessionReflection,
)
from oogst.contracting.services.deletion import goal_delete, session_delete
from oogst.contracting.services.sessions import session_next_number
from oogst.engagements.models import Engagement
from oogst.harvest.models import Progress
from oogst.harvest.stored import refresh
from oogst.policy import Party
from oogst.research.models import EngagementFigures
from oogst.research.summary import refresh_engagements
from oogst.results.models import EndReport
from tests import factories as f
from tests.parties import Trio, logged_in

REFLECTION = "Mijn reflectie: ik durfde eindelijk nee te zeggen"
DRAFT = "Ik werk nu hooguit vijfenveertig uur per week"
GOAL = "Een doel dat per vergissing is opgeschreven"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The services speak the active language; these tests read their reasons in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def open_trio(trio: Trio) -> Trio:
    """The trio before anyone accepted the contract, with a goal G3 nothing refers to and
    a session 2 with nothing of the client's on it."""
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement).delete()
    f.GoalFactory(engagement=trio.engagement, key="G3", text=GOAL, position=3)
    f.SessionFactory(engagement=trio.engagement, number=2, topics=["grenzen"], position=2)
    return trio


def g3(trio: Trio) -> Goal:
    return Goal.objects.get(engagement=trio.engagement, key="G3")


def session(trio: Trio, number: int = 2) -> Session:
    return Session.objects.get(engagement=trio.engagement, number=number)


def goal_url(trio: Trio, key: str = "G3") -> str:
    return reverse("contracting:goal_delete", args=[trio.engagement.pk, key])


def session_url(trio: Trio, number: int = 2) -> str:
    return reverse("contracting:session_delete", args=[trio.engagement.pk, number])


def refusals_of_g3(trio: Trio) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        goal_delete(goal=g3(trio), actor=Party.COACH)
    assert Goal.objects.filter(pk=g3(trio).pk).exists()
    return refused.value.messages


def html(response: HttpResponse) -> str:
    return response.content.decode()


def flashed(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- goals: the service


def test_the_coach_deletes_a_goal_nothing_refers_to(open_trio: Trio) -> None:
    assert goal_delete(goal=g3(open_trio), actor=Party.COACH) == []
    keys = Goal.objects.filter(engagement=open_trio.engagement).values_list("key", flat=True)
    assert sorted(keys) == ["G1", "G2"]


def test_deleting_a_goal_resets_the_acceptances_given(open_trio: Trio) -> None:
    contract = open_trio.engagement.contract
    for party in ("client", "sponsor"):
        f.ContractAcceptanceFactory(contract=contract, party=party)
    cleared = goal_delete(goal=g3(open_trio), actor=Party.COACH)
    assert sorted(cleared) == ["client", "sponsor"]
    assert not ContractAcceptance.objects.filter(contract=contract).exists()


def test_a_goal_a_result_is_linked_to_stays(open_trio: Trio) -> None:
    f.ResultFactory(engagement=open_trio.engagement, key="R7", goals=[g3(open_trio)])
    assert refusals_of_g3(open_trio) == ["Result R7 is linked to this goal."]


def test_a_goal_a_session_served_stays(open_trio: Trio) -> None:
    session(open_trio).goals.add(g3(open_trio))
    assert refusals_of_g3(open_trio) == ["Session 2 served this goal: untick the goal there first."]


def test_a_goal_an_end_report_draft_speaks_of_stays_and_the_draft_is_not_quoted(
    open_trio: Trio,
) -> None:
    EndReport.objects.create(
        engagement=open_trio.engagement,
        party="client",
        draft={"goals": {"G3": {"text": DRAFT, "results": []}}},
    )
    reasons = refusals_of_g3(open_trio)
    assert reasons == ["The client has written something about this goal that only they can read."]
    assert DRAFT not in " ".join(reasons)


def test_an_empty_part_of_a_draft_keeps_no_goal(open_trio: Trio) -> None:
    EndReport.objects.create(
        engagement=open_trio.engagement,
        party="client",
        draft={"goals": {"G3": {"text": "  ", "results": [""]}}},
    )
    goal_delete(goal=g3(open_trio), actor=Party.COACH)
    assert not Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()


def test_a_goal_with_attainment_ratings_stays_and_no_level_is_told(open_trio: Trio) -> None:
    f.AttainmentRatingFactory(goal=g3(open_trio), rater="sponsor", level=2)
    assert refusals_of_g3(open_trio) == ["The sponsor has rated how far this goal was attained."]


def test_a_goal_with_a_pending_amendment_stays(open_trio: Trio) -> None:
    Amendment.objects.create(
        goal=g3(open_trio), proposed_by="coach", changes={"text": [GOAL, "Scherper"]}
    )
    assert refusals_of_g3(open_trio) == ["An amendment to G3 awaits acceptance."]


def test_a_goal_the_closing_minutes_speak_of_stays(open_trio: Trio) -> None:
    conversation = open_trio.engagement.closing
    Minute.objects.create(conversation=conversation, kind="open_goal", ref="G3", text="Besproken")
    assert refusals_of_g3(open_trio) == [
        "The minutes of the closing conversation speak of this goal."
    ]


def test_every_reason_is_told_at_once(open_trio: Trio) -> None:
    """The trio's G1: result R1 is linked to it, the client and the coach rated it."""
    goal = Goal.objects.get(engagement=open_trio.engagement, key="G1")
    with pytest.raises(ValidationError) as refused:
        goal_delete(goal=goal, actor=Party.COACH)
    assert refused.value.messages == [
        "Result R1 is linked to this goal.",
        "The client has rated how far this goal was attained.",
        "You have rated how far this goal was attained.",
    ]


def test_no_goal_is_deleted_once_the_contract_is_in_force(trio: Trio) -> None:
    goal = Goal.objects.get(engagement=trio.engagement, key="G2")
    with pytest.raises(ValidationError, match="The contract is in force"):
        goal_delete(goal=goal, actor=Party.COACH)
    assert Goal.objects.filter(pk=goal.pk).exists()


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_deletes_a_goal(open_trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        goal_delete(goal=g3(open_trio), actor=actor)


def test_deleting_a_goal_marks_the_stored_figures_stale(open_trio: Trio) -> None:
    engagement_id = open_trio.engagement.pk
    refresh([engagement_id])
    refresh_engagements([engagement_id])
    assert not Progress.objects.get(engagement_id=engagement_id).stale
    assert not EngagementFigures.objects.get(engagement_id=engagement_id).stale
    goal_delete(goal=g3(open_trio), actor=Party.COACH)
    assert Progress.objects.get(engagement_id=engagement_id).stale
    assert EngagementFigures.objects.get(engagement_id=engagement_id).stale


# ---------------------------------------------------------------- goals: the page


def test_the_goal_page_offers_to_delete(client: Client, open_trio: Trio) -> None:
    edit = reverse("contracting:goal_edit", args=[open_trio.engagement.pk, "G3"])
    page = html(logged_in(client, open_trio.bob).get(edit))
    assert f'href="{goal_url(open_trio)}"' in page
    assert "Delete goal G3" in page


def test_the_confirmation_says_what_goes_and_deleting_redirects(
    client: Client, open_trio: Trio
) -> None:
    f.ContractAcceptanceFactory(contract=open_trio.engagement.contract, party="client")
    logged_in(client, open_trio.bob)
    page = client.get(goal_url(open_trio))
    assert page.status_code == 200
    text = html(page)
    assert html(page).count("<h1") == 1
    assert GOAL in text
    assert "G3 and its attainment scale are deleted for good." in text
    assert "The client has accepted the contract and will have to accept it again." in text
    assert "Yes, delete goal G3" in text
    assert Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()  # GET: kept

    response = client.post(goal_url(open_trio))
    assert response.status_code == 302
    assert response["Location"] == reverse("contracting:goals", args=[open_trio.engagement.pk])
    assert not Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()
    said = flashed(response)
    assert "Goal G3 is deleted." in said
    assert (
        "The client had accepted the contract before this change and has to accept again." in said
    )


def test_a_refused_goal_shows_the_reason_and_no_button(client: Client, open_trio: Trio) -> None:
    session(open_trio).goals.add(g3(open_trio))
    logged_in(client, open_trio.bob)
    text = html(client.get(goal_url(open_trio)))
    assert "Goal G3 cannot be deleted." in text
    assert "Session 2 served this goal" in text
    assert "Yes, delete goal G3" not in text
    refused = client.post(goal_url(open_trio))
    assert refused.status_code == 409
    assert "Session 2 served this goal" in html(refused)
    assert Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()


def test_the_goal_page_says_the_contract_is_in_force(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    text = html(client.get(goal_url(trio, "G2")))
    assert "The contract is in force" in text and "Yes, delete" not in text
    assert client.post(goal_url(trio, "G2")).status_code == 409
    assert Goal.objects.filter(engagement=trio.engagement, key="G2").exists()


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_the_client_and_the_sponsor_may_not_delete_a_goal(
    client: Client, open_trio: Trio, who: str
) -> None:
    logged_in(client, getattr(open_trio, who))
    assert client.get(goal_url(open_trio)).status_code == 403
    assert client.post(goal_url(open_trio)).status_code == 403
    assert Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()


def test_no_goal_is_deleted_in_a_closed_engagement(client: Client, open_trio: Trio) -> None:
    Engagement.objects.filter(pk=open_trio.engagement.pk).update(closed_at="2026-06-01T10:00Z")
    logged_in(client, open_trio.bob)
    assert client.get(goal_url(open_trio)).status_code == 403
    assert client.post(goal_url(open_trio)).status_code == 403
    assert Goal.objects.filter(engagement=open_trio.engagement, key="G3").exists()


def test_an_outsider_and_an_unknown_goal_are_not_found(client: Client, open_trio: Trio) -> None:
    assert logged_in(client, open_trio.dave).get(goal_url(open_trio)).status_code == 404
    assert logged_in(client, open_trio.bob).get(goal_url(open_trio, "G9")).status_code == 404


def test_the_goal_deletion_takes_only_get_and_post(client: Client, open_trio: Trio) -> None:
    assert logged_in(client, open_trio.bob).put(goal_url(open_trio)).status_code == 405


# ---------------------------------------------------------------- sessions: the service


def test_the_coach_deletes_a_session_and_no_number_moves(open_trio: Trio) -> None:
    f.SessionFactory(engagement=open_trio.engagement, number=3, position=3)
    goal = g3(open_trio)
    session(open_trio).goals.add(goal)
    session_delete(session=session(open_trio), actor=Party.COACH)
    numbers = Session.objects.filter(engagement=open_trio.engagement).values_list(
        "number", flat=True
    )
    assert sorted(numbers) == [1, 3]
    assert Goal.objects.filter(pk=goal.pk).exists()  # only the link went


def test_a_session_with_the_clients_reflection_stays_and_so_does_the_reflection(
    open_trio: Trio,
) -> None:
    SessionReflection.objects.create(session=session(open_trio), text=REFLECTION)
    with pytest.raises(ValidationError) as refused:
        session_delete(session=session(open_trio), actor=Party.COACH)
    # Not shared with the coach: the reason says no more than that something is hers.
    assert refused.value.messages == [
        "Something of the client's refers to this session. It is hers and nobody else "
        "deletes it, so the session stays."
    ]
    assert SessionReflection.objects.get(session__engagement=open_trio.engagement).text == (
        REFLECTION
    )


def test_a_reflection_shared_with_the_coach_is_named_but_not_quoted(open_trio: Trio) -> None:
    SessionReflection.objects.create(
        session=session(open_trio), text=REFLECTION, shared_with_coach=True
    )
    with pytest.raises(ValidationError) as refused:
        session_delete(session=session(open_trio), actor=Party.COACH)
    [reason] = refused.value.messages
    assert reason.startswith("The client wrote a reflection on this session and shared it")
    assert REFLECTION not in reason


def test_no_session_is_deleted_once_the_contract_is_in_force(trio: Trio) -> None:
    with pytest.raises(ValidationError, match="The contract is in force"):
        session_delete(session=session(trio, 1), actor=Party.COACH)
    assert Session.objects.filter(engagement=trio.engagement, number=1).exists()


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_deletes_a_session(open_trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        session_delete(session=session(open_trio), actor=actor)


def test_deleting_a_session_marks_the_stored_progress_stale(open_trio: Trio) -> None:
    engagement_id = open_trio.engagement.pk
    refresh([engagement_id])
    session_delete(session=session(open_trio), actor=Party.COACH)
    assert Progress.objects.get(engagement_id=engagement_id).stale


# ---------------------------------------------------------------- sessions: the page


def test_the_session_page_offers_to_delete(client: Client, open_trio: Trio) -> None:
    edit = reverse("contracting:session_edit", args=[open_trio.engagement.pk, 2])
    page = html(logged_in(client, open_trio.bob).get(edit))
    assert f'href="{session_url(open_trio)}"' in page


def test_the_session_confirmation_says_what_goes_and_deleting_redirects(
    client: Client, open_trio: Trio
) -> None:
    session(open_trio).goals.add(g3(open_trio))
    logged_in(client, open_trio.bob)
    page = client.get(session_url(open_trio))
    text = html(page)
    assert page.status_code == 200
    assert "grenzen" in text
    assert "It no longer counts as serving goal G3; the goal itself stays." in text
    assert "The other sessions keep their numbers: nothing is renumbered." in text
    assert "Yes, delete session 2" in text

    response = client.post(session_url(open_trio))
    assert response.status_code == 302
    assert response["Location"] == reverse("contracting:sessions", args=[open_trio.engagement.pk])
    assert "Session 2 is deleted." in flashed(response)
    assert not Session.objects.filter(engagement=open_trio.engagement, number=2).exists()


def test_a_refused_session_shows_the_reason_but_never_the_reflection(
    client: Client, open_trio: Trio
) -> None:
    SessionReflection.objects.create(session=session(open_trio), text=REFLECTION)
    logged_in(client, open_trio.bob)
    text = html(client.get(session_url(open_trio)))
    assert "Session 2 cannot be deleted." in text
    assert "Something of the client&#x27;s refers to this session." in text
    assert REFLECTION not in text and "Yes, delete" not in text
    refused = client.post(session_url(open_trio))
    assert refused.status_code == 409
    assert REFLECTION not in html(refused)
    assert SessionReflection.objects.filter(session=session(open_trio), text=REFLECTION).exists()


def test_the_session_page_says_the_contract_is_in_force(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    assert "The contract is in force" in html(client.get(session_url(trio, 1)))
    assert client.post(session_url(trio, 1)).status_code == 409
    assert Session.objects.filter(engagement=trio.engagement, number=1).exists()


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_the_client_and_the_sponsor_may_not_delete_a_session(
    client: Client, open_trio: Trio, who: str
) -> None:
    logged_in(client, getattr(open_trio, who))
    assert client.get(session_url(open_trio)).status_code == 403
    assert client.post(session_url(open_trio)).status_code == 403
    assert Session.objects.filter(engagement=open_trio.engagement, number=2).exists()


def test_no_session_is_deleted_in_a_closed_engagement(client: Client, open_trio: Trio) -> None:
    Engagement.objects.filter(pk=open_trio.engagement.pk).update(closed_at="2026-06-01T10:00Z")
    logged_in(client, open_trio.bob)
    assert client.get(session_url(open_trio)).status_code == 403
    assert client.post(session_url(open_trio)).status_code == 403
    assert Session.objects.filter(engagement=open_trio.engagement, number=2).exists()


def test_an_outsider_and_an_unknown_session_are_not_found(client: Client, open_trio: Trio) -> None:
    assert logged_in(client, open_trio.dave).get(session_url(open_trio)).status_code == 404
    assert logged_in(client, open_trio.bob).get(session_url(open_trio, 9)).status_code == 404


def test_the_session_deletion_takes_only_get_and_post(client: Client, open_trio: Trio) -> None:
    assert logged_in(client, open_trio.bob).delete(session_url(open_trio)).status_code == 405


def test_after_a_deletion_in_the_middle_the_gap_stays(open_trio: Trio) -> None:
    """Nothing is renumbered: the next session logged follows the highest number."""
    f.SessionFactory(engagement=open_trio.engagement, number=3, position=3)
    session_delete(session=session(open_trio), actor=Party.COACH)
    assert session_next_number(engagement_id=open_trio.engagement.pk) == 4
