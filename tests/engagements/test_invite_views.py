"""The invite page: only the coach invites; every party's status is on one page."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.contracting.models import ContractAcceptance
from oogst.engagements.models import Engagement, Invitation, Participation
from tests import factories as f
from tests.engagements.conftest import LINK
from tests.parties import Trio, logged_in


def url(engagement: Engagement) -> str:
    return reverse("contracting:invite", args=[engagement.pk])


def invite(party: str, name: str, email: str) -> dict[str, Any]:
    return {"party": party, f"{party}-name": name, f"{party}-email": email}


def test_the_coach_sees_each_party_and_what_is_allowed(client: Client, fresh: Engagement) -> None:
    coach = fresh.participations.get().person
    response = logged_in(client, coach).get(url(fresh))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Bob Bakker" in html
    assert "not invited yet" in html
    assert "An engagement without a sponsor is allowed" in html
    assert 'for="id_client-name"' in html
    assert 'for="id_sponsor-email"' in html


def test_the_coach_invites_the_client(client: Client, fresh: Engagement) -> None:
    coach = fresh.participations.get().person
    response = logged_in(client, coach).post(
        url(fresh), invite("client", "Tom Janssen", "tom@example.com")
    )
    assert response.status_code == 302
    assert response["Location"] == url(fresh)
    assert len(mail.outbox) == 1
    assert LINK.search(mail.outbox[0].body)
    assert Participation.objects.get(engagement=fresh, party="client").person.name == "Tom Janssen"
    html = client.get(url(fresh)).content.decode()
    assert "The invitation for Tom Janssen (client) was sent to tom@example.com." in html
    assert "invitation sent" in html
    assert "Send the invitation again" in html
    # The sponsor may still be left out.
    assert "An engagement without a sponsor is allowed" in html


def test_sending_again_gives_a_new_link(client: Client, fresh: Engagement) -> None:
    coach = fresh.participations.get().person
    logged_in(client, coach).post(url(fresh), invite("client", "Tom", "tom@example.com"))
    client.post(url(fresh), invite("client", "Tom", "tom@example.com"))
    assert len(mail.outbox) == 2
    assert LINK.search(mail.outbox[0].body)["token"] != LINK.search(mail.outbox[1].body)["token"]
    assert Invitation.objects.count() == 1


def test_accepted_shows_as_accepted(client: Client, fresh: Engagement) -> None:
    coach = fresh.participations.get().person
    logged_in(client, coach).post(url(fresh), invite("client", "Tom", "tom@example.com"))
    Invitation.objects.update(accepted_at="2026-04-03T10:00Z")
    html = client.get(url(fresh)).content.decode()
    assert "accepted the invitation on 3 April 2026" in html
    assert "Send the invitation again" not in html


def test_a_bad_address_is_explained_and_nothing_typed_is_lost(
    client: Client, fresh: Engagement
) -> None:
    coach = fresh.participations.get().person
    response = logged_in(client, coach).post(
        url(fresh), invite("sponsor", "Mevrouw de Vries", "de vries@example")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This is not an e-mail address" in html
    assert 'aria-describedby="id_sponsor-email_error"' in html
    assert 'value="Mevrouw de Vries"' in html
    assert 'value="de vries@example"' in html
    assert len(mail.outbox) == 0


def test_a_filled_party_is_explained_and_nothing_typed_is_lost(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        url(trio.engagement), invite("client", "Eva Evers", "eva@example.com")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This engagement already has a client: Alice Aarts." in html
    assert 'value="eva@example.com"' in html
    assert not User.objects.filter(email="eva@example.com").exists()


def test_one_person_one_party_is_explained(client: Client, trio: Trio) -> None:
    Participation.objects.filter(party="sponsor").delete()
    ContractAcceptance.objects.all().delete()  # before the contract is in force
    response = logged_in(client, trio.bob).post(
        url(trio.engagement), invite("sponsor", "Alice", "alice@example.com")
    )
    assert response.status_code == 400
    assert "Alice Aarts already takes part in this engagement as the client." in (
        response.content.decode()
    )


def test_once_the_contract_is_in_force_a_new_sponsor_is_not_simply_invited(
    client: Client, trio: Trio
) -> None:
    Participation.objects.filter(party="sponsor").delete()  # client and coach accepted
    response = logged_in(client, trio.bob).post(
        url(trio.engagement), invite("sponsor", "Eva", "eva@example.com")
    )
    assert response.status_code == 400
    assert "a new party joins only by an amendment that the client agrees to" in (
        response.content.decode()
    )
    assert not Participation.objects.filter(party="sponsor").exists()
    assert not mail.outbox


def test_a_party_that_cannot_be_invited_is_a_bad_request(client: Client, trio: Trio) -> None:
    Participation.objects.filter(party="client").delete()
    data = {**invite("client", "Dave", "dave@example.com"), "party": "coach"}
    response = logged_in(client, trio.bob).post(url(trio.engagement), data)
    assert response.status_code == 400
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_the_client_and_the_sponsor_cannot_invite(client: Client, trio: Trio, who: str) -> None:
    logged_in(client, getattr(trio, who))
    assert client.get(url(trio.engagement)).status_code == 403
    response = client.post(url(trio.engagement), invite("sponsor", "Eva", "eva@example.com"))
    assert response.status_code == 403
    assert len(mail.outbox) == 0


def test_an_outsider_gets_not_found(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(url(trio.engagement)).status_code == 404
    response = client.post(url(trio.engagement), invite("client", "D", "d@example.com"))
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client: Client, trio: Trio) -> None:
    response = client.get(url(trio.engagement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_get_and_post(client: Client, trio: Trio, method: str) -> None:
    assert getattr(logged_in(client, trio.bob), method)(url(trio.engagement)).status_code == 405


def test_someone_taking_part_without_an_invitation_can_be_sent_one(
    client: Client, trio: Trio
) -> None:
    html = logged_in(client, trio.bob).get(url(trio.engagement)).content.decode()
    assert "has had no invitation from Oogst" in html
    response = client.post(
        url(trio.engagement), invite("sponsor", "Charlie Claes", "charlie@example.com")
    )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["charlie@example.com"]


def test_a_mail_server_failure_saves_nothing(
    client: Client, fresh: Engagement, settings: Any
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "tests.engagements.broken_mail.EmailBackend"}}
    coach = fresh.participations.get().person
    response = logged_in(client, coach).post(url(fresh), invite("client", "Tom", "tom@example.com"))
    assert response.status_code == 400
    assert "The e-mail could not be sent" in response.content.decode()
    assert not Invitation.objects.exists()
    assert not User.objects.filter(email="tom@example.com").exists()


def test_the_query_count_does_not_grow_with_the_parties(client: Client, fresh: Engagement) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coach = fresh.participations.get().person
    logged_in(client, coach)
    counts = []
    for party in ("client", "sponsor"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(fresh)).status_code == 200
        counts.append(len(queries))
        f.ParticipationFactory(engagement=fresh, party=party)
    assert counts[0] == counts[1], counts


def test_nobody_is_invited_to_a_closed_engagement(client: Client, fresh: Engagement) -> None:
    Engagement.objects.filter(pk=fresh.pk).update(closed_at="2026-06-01T10:00Z")
    coach = fresh.participations.get().person
    logged_in(client, coach)
    assert client.get(url(fresh)).status_code == 403
    response = client.post(url(fresh), invite("client", "Tom", "tom@example.com"))
    assert response.status_code == 403
    assert len(mail.outbox) == 0
