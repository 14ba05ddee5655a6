"""Amendments: once in force, a goal changes only when every party has accepted."""

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from oogst.contracting.models import Amendment, AmendmentAcceptance, ContractAcceptance, Goal
from oogst.contracting.services import amendments as service
from oogst.contracting.services.amendments import amendment_accept, amendment_propose
from oogst.policy import Party
from tests.contracting.confirm import accept_confirmed, version_on
from tests.parties import GOAL_TEXTS, Trio, logged_in

NEW_TEXT = "Werk en privé in evenwicht: hooguit 45 uur per week, binnen drie maanden"


def g1(trio: Trio) -> Goal:
    return Goal.objects.get(engagement=trio.engagement, key="G1")


def propose(trio: Trio, **values: object) -> Amendment:
    return amendment_propose(
        goal=g1(trio), actor=Party.COACH, person=trio.bob, reason="Scherper", **values
    )


def u(name: str, trio: Trio, *args: object) -> str:
    return reverse(f"contracting:{name}", args=[trio.engagement.pk, *args])


def amend_data(goal: Goal, **overrides: str) -> dict[str, str]:
    data = {
        "reason": "Meetbaar maken",
        "text": goal.text,
        "weight": str(goal.weight),
        "level_minus_2": goal.level_minus_2,
        "level_minus_1": goal.level_minus_1,
        "level_0": goal.level_0,
        "level_plus_1": goal.level_plus_1,
        "level_plus_2": goal.level_plus_2,
        "baseline": "" if goal.baseline is None else str(goal.baseline),
        "due": goal.due.isoformat() if goal.due else "",
    }
    return {**data, **overrides}


# ---------------------------------------------------------------- the services


def test_an_amendment_keeps_only_the_changed_fields(trio: Trio) -> None:
    goal = g1(trio)
    amendment = propose(
        trio,
        text=NEW_TEXT,
        weight=Decimal("1.00"),  # the same as now: not a change
        level_0=goal.level_0,
        baseline=0,
        due=dt.date(2026, 6, 30),
    )
    assert amendment.changes == {
        "text": [GOAL_TEXTS[0], NEW_TEXT],
        "baseline": [-1, 0],
        "due": ["2026-09-30", "2026-06-30"],
    }
    assert amendment.status == Amendment.Status.PENDING
    assert amendment.proposed_by == "coach"
    # Proposing is the coach's own acceptance.
    assert list(amendment.acceptances.values_list("party", flat=True)) == ["coach"]


def test_the_goal_stays_as_accepted_until_every_party_accepted(trio: Trio) -> None:
    amendment = propose(trio, text=NEW_TEXT, weight=Decimal(2))
    amendment_accept(amendment=amendment, party=Party.CLIENT, person=trio.alice)
    goal = g1(trio)
    assert (goal.text, goal.weight) == (GOAL_TEXTS[0], Decimal(1))
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PENDING and amendment.in_force_at is None
    amendment_accept(amendment=amendment, party=Party.SPONSOR, person=trio.charlie)
    goal = g1(trio)
    assert (goal.text, goal.weight) == (NEW_TEXT, Decimal(2))
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.IN_FORCE
    assert amendment.in_force_at is not None


def test_applying_is_all_or_nothing(trio: Trio) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    amendment_accept(amendment=amendment, party=Party.CLIENT, person=trio.alice)
    with (
        mock.patch.object(Amendment, "save", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        amendment_accept(amendment=amendment, party=Party.SPONSOR, person=trio.charlie)
    assert g1(trio).text == GOAL_TEXTS[0]
    assert not AmendmentAcceptance.objects.filter(amendment=amendment, party="sponsor").exists()
    amendment.refresh_from_db()
    assert amendment.status == Amendment.Status.PENDING


def test_no_change_is_refused(trio: Trio) -> None:
    with pytest.raises(ValidationError) as refused:
        propose(trio, text=GOAL_TEXTS[0] + "  ", weight=Decimal(1))
    assert refused.value.code == "no_change"
    assert not Amendment.objects.exists()


def test_an_invalid_change_is_refused(trio: Trio) -> None:
    with pytest.raises(ValidationError):
        propose(trio, weight=Decimal(0))
    assert not Amendment.objects.exists()


def test_one_pending_amendment_per_goal(trio: Trio) -> None:
    propose(trio, text=NEW_TEXT)
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        propose(trio, text="Nog iets anders")
    assert "already awaiting acceptance" in refused.value.messages[0]
    assert Amendment.objects.count() == 1


def test_the_database_constraint_is_caught_when_two_proposals_race(trio: Trio) -> None:
    propose(trio, text=NEW_TEXT)
    # The check before saving saw no pending amendment; the database still refuses.
    with (
        mock.patch.object(service, "has_pending", return_value=False),
        pytest.raises(ValidationError) as refused,
    ):
        amendment_propose(
            goal=g1(trio), actor=Party.COACH, person=trio.bob, reason="", text="Anders"
        )
    assert refused.value.code == "pending"


def test_amendments_only_once_the_contract_is_in_force(trio: Trio) -> None:
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement, party="client").delete()
    with pytest.raises(ValidationError):
        propose(trio, text=NEW_TEXT)


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_goal_writer_proposes(trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        amendment_propose(goal=g1(trio), actor=actor, person=None, reason="", text=NEW_TEXT)


def test_each_party_accepts_once_and_only_as_itself(trio: Trio) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    with pytest.raises(ValidationError):
        amendment_accept(amendment=amendment, party=Party.COACH, person=trio.bob)
    with pytest.raises(PermissionDenied):
        amendment_accept(amendment=amendment, party=Party.CLIENT, person=trio.charlie)
    assert amendment.acceptances.count() == 1


# ---------------------------------------------------------------- the pages


def test_coach_proposes_an_amendment_in_a_prefilled_form(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    page = client.get(u("amendment_new", trio, "G1"))
    assert page.status_code == 200
    assert GOAL_TEXTS[0] in page.content.decode()
    response = client.post(u("amendment_new", trio, "G1"), amend_data(g1(trio), text=NEW_TEXT))
    assert response.status_code == 302
    amendment = Amendment.objects.get()
    assert amendment.changes == {"text": [GOAL_TEXTS[0], NEW_TEXT]}
    assert amendment.reason == "Meetbaar maken"
    assert amendment.proposed_by_person == trio.bob


def test_an_amendment_without_change_keeps_the_form(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        u("amendment_new", trio, "G1"), amend_data(g1(trio), reason="Typed reason")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing would change" in html
    assert "Typed reason" in html


def test_a_second_pending_amendment_is_refused_in_the_form(client: Client, trio: Trio) -> None:
    propose(trio, text=NEW_TEXT)
    logged_in(client, trio.bob)
    assert (
        "already awaiting acceptance" in client.get(u("amendment_new", trio, "G1")).content.decode()
    )
    response = client.post(u("amendment_new", trio, "G1"), amend_data(g1(trio), text="Anders"))
    assert response.status_code == 400
    assert Amendment.objects.count() == 1


def test_every_party_sees_pending_amendments_with_old_and_new(client: Client, trio: Trio) -> None:
    propose(trio, text=NEW_TEXT)
    for person in (trio.alice, trio.charlie):
        logged_in(client, person)
        for page in ("goals", "contract"):
            html = client.get(u(page, trio)).content.decode()
            assert "Amendment to G1" in html
            assert NEW_TEXT in html and GOAL_TEXTS[0] in html
            assert "Bob Bakker" in html
            assert u("amendment_accept", trio, Amendment.objects.get().pk) in html


def test_sponsor_without_goals_sees_that_an_amendment_exists_not_its_text(
    client: Client, trio: Trio
) -> None:
    propose(trio, text=NEW_TEXT)
    trio.engagement.contract.sponsor_may_see = ["sessions_held"]
    trio.engagement.contract.save()
    html = logged_in(client, trio.charlie).get(u("contract", trio)).content.decode()
    assert "Amendment to G1" in html
    assert NEW_TEXT not in html and GOAL_TEXTS[0] not in html


def test_parties_accept_in_their_own_login_and_then_it_is_in_force(
    client: Client, trio: Trio
) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    url = u("amendment_accept", trio, amendment.pk)
    logged_in(client, trio.alice)
    back = {"next": u("contract", trio)}
    assert accept_confirmed(client, url, back)["Location"] == u("contract", trio)
    assert g1(trio).text == GOAL_TEXTS[0]
    response = accept_confirmed(logged_in(client, trio.charlie), url, follow=True)
    assert "the amendment to G1 is in force" in response.content.decode()
    assert g1(trio).text == NEW_TEXT


def test_accepting_an_amendment_first_shows_the_change_field_by_field(
    client: Client, trio: Trio
) -> None:
    amendment = propose(trio, text=NEW_TEXT, weight=Decimal("1.5"), due=dt.date(2026, 12, 1))
    url = u("amendment_accept", trio, amendment.pk)
    response = logged_in(client, trio.alice).post(url, {"next": u("contract", trio)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Accept the amendment to G1" in html
    assert "Scherper" in html  # the reason
    table = " ".join(html[html.index("ctr-changes") :].split())
    for old, new in ((GOAL_TEXTS[0], NEW_TEXT), ("1", "1.5"), ("Sept. 30, 2026", "Dec. 1, 2026")):
        assert f'<td class="ctr-old"> {old} </td> <td class="ctr-new"> {new} </td>' in table
    assert 'name="confirm" value="yes"' in html and "Yes, I accept" in html
    assert f'name="next" value="{u("contract", trio)}"' in html
    assert amendment.acceptances.count() == 1  # only the coach's, by proposing
    assert g1(trio).text == GOAL_TEXTS[0]


def test_an_amendment_is_accepted_only_as_it_was_shown(client: Client, trio: Trio) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    url = u("amendment_accept", trio, amendment.pk)
    logged_in(client, trio.alice)
    assert client.post(url, {"confirm": "yes"}).status_code == 200  # no version: asks again
    response = client.post(url, {"confirm": "yes", "version": "0123456789abcdef"})
    assert response.status_code == 409
    assert "The amendment changed after you opened this page" in response.content.decode()
    assert version_on(response) == service.amendment_version(amendment)
    assert amendment.acceptances.count() == 1
    with pytest.raises(ValidationError) as refused:
        amendment_accept(
            amendment=amendment, party=Party.CLIENT, person=trio.alice, version="stale"
        )
    assert refused.value.code == "changed"


def test_a_second_acceptance_of_an_amendment_is_explained(client: Client, trio: Trio) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    response = logged_in(client, trio.bob).post(
        u("amendment_accept", trio, amendment.pk), follow=True
    )
    assert "You already accepted this amendment." in response.content.decode()


def test_amendment_pages_refuse_outsiders_wrong_roles_and_methods(
    client: Client, trio: Trio
) -> None:
    amendment = propose(trio, text=NEW_TEXT)
    accept = u("amendment_accept", trio, amendment.pk)
    logged_in(client, trio.dave)
    assert client.get(u("amendment_new", trio, "G1")).status_code == 404
    assert client.post(accept).status_code == 404
    logged_in(client, trio.alice)
    assert client.get(u("amendment_new", trio, "G1")).status_code == 403
    assert client.get(accept).status_code == 405
    logged_in(client, trio.bob)
    assert client.put(u("amendment_new", trio, "G1")).status_code == 405
    assert amendment.acceptances.count() == 1


def test_before_the_contract_is_in_force_amending_is_editing(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement, party="client").delete()
    response = logged_in(client, trio.bob).get(u("amendment_new", trio, "G1"))
    assert response.status_code == 302
    assert response["Location"] == u("goal_edit", trio, "G1")


def test_pages_with_amendments_keep_their_query_count_flat(client: Client, trio: Trio) -> None:
    propose(trio, text=NEW_TEXT)
    logged_in(client, trio.alice)
    pages = [u("goals", trio), u("contract", trio)]
    few = []
    for page in pages:
        with CaptureQueriesContext(connection) as counted:
            client.get(page)
        few.append(len(counted))
    for n in range(4):
        goal = Goal.objects.create(engagement=trio.engagement, key=f"G{n + 10}", text=f"Doel {n}")
        amendment_propose(
            goal=goal, actor=Party.COACH, person=trio.bob, reason="", text=f"Doel {n} scherper"
        )
    for page, before in zip(pages, few, strict=True):
        with CaptureQueriesContext(connection) as counted:
            client.get(page)
        assert len(counted) == before, page
