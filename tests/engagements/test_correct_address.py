"""Room for mistakes: the coach corrects the address of an invitation not accepted yet.

The old link dies, the right address gets a new one, the party moves to the right person
(an account that exists, or a new one), and the person the wrong address made is removed
when nothing else refers to it.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from oogst.accounts.models import User
from oogst.contracting.services.parties import party_invitation_correct
from oogst.engagements.models import Engagement, Invitation, Participation
from oogst.engagements.services import invitation_accept, invitation_send
from oogst.policy import Party
from tests import factories as f
from tests.engagements.conftest import BASE_URL, last_token
from tests.parties import logged_in

WRONG = "tom@exampel.com"
RIGHT = "tom@example.com"
PASSWORD = "a-long-harvest-of-words-19"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def coach_of(engagement: Engagement) -> User:
    return engagement.participations.get(party="coach").person


def invite(engagement: Engagement, email: str = WRONG, party: str = "client") -> str:
    invitation_send(
        engagement=engagement,
        party=party,
        name="Tom Janssen",
        email=email,
        invited_by=coach_of(engagement),
        base_url=BASE_URL,
    )
    return last_token()


def correct(engagement: Engagement, email: str = RIGHT, name: str = "Tom Janssen") -> Invitation:
    return party_invitation_correct(
        engagement=engagement,
        actor=Party.COACH,
        party="client",
        name=name,
        email=email,
        invited_by=coach_of(engagement),
        base_url=BASE_URL,
    )


def link(token: str) -> str:
    return reverse("engagements:invitation", args=[token])


def url(engagement: Engagement, party: str = "client") -> str:
    return reverse("contracting:invite_correct", args=[engagement.pk, party])


def client_person(engagement: Engagement) -> User:
    return Participation.objects.get(engagement=engagement, party="client").person


def refusal(engagement: Engagement, **kwargs: Any) -> str:
    with pytest.raises(ValidationError) as refused:
        correct(engagement, **kwargs)
    return " ".join(refused.value.messages)


# ---------------------------------------------------------------- the service


def test_the_old_link_dies_and_the_new_one_works(client: Client, fresh: Engagement) -> None:
    old = invite(fresh)
    correct(fresh)
    new = last_token()
    assert mail.outbox[-1].to == [RIGHT]
    assert client.get(link(old)).status_code == 404
    response = client.post(link(new), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    tom = User.objects.get(email=RIGHT)
    assert client.session["_auth_user_id"] == str(tom.pk)
    assert Invitation.objects.get(engagement=fresh).accepted_at is not None
    assert client.get(reverse("closing:engagement", args=[fresh.pk])).status_code == 200


def test_the_party_moves_to_the_new_person_and_the_typo_is_removed(fresh: Engagement) -> None:
    invite(fresh)
    wrong = User.objects.get(email=WRONG)
    invitation = correct(fresh, name="Tom Jansen")
    tom = User.objects.get(email=RIGHT)
    assert client_person(fresh) == tom
    assert (tom.name, tom.language, tom.has_usable_password()) == ("Tom Jansen", "nl", False)
    assert invitation.person == tom
    assert invitation.invited_by == coach_of(fresh)
    assert Invitation.objects.filter(engagement=fresh).count() == 1
    assert not User.objects.filter(pk=wrong.pk).exists()


def test_an_existing_account_is_reused_with_its_own_name_and_password(fresh: Engagement) -> None:
    tom = f.UserFactory(email=RIGHT, name="Tom Janssen-de Vries")
    invite(fresh)
    correct(fresh, email="Tom@Example.com", name="Tom Janssen")
    assert client_person(fresh) == tom
    tom.refresh_from_db()
    assert tom.name == "Tom Janssen-de Vries"
    assert tom.check_password(f.PASSWORD)
    assert User.objects.filter(email__iexact=RIGHT).count() == 1
    assert not User.objects.filter(email=WRONG).exists()
    # With a password already, the link only accepts; the person then logs in.
    assert invitation_accept(token=last_token(), password=None) == tom


def test_the_typo_person_stays_when_used_elsewhere(fresh: Engagement) -> None:
    invite(fresh)
    wrong = User.objects.get(email=WRONG)
    other = f.EngagementFactory()
    f.ParticipationFactory(engagement=other, person=coach_of(fresh), party="coach")
    f.ParticipationFactory(engagement=other, person=wrong, party="sponsor")
    correct(fresh)
    assert User.objects.filter(pk=wrong.pk).exists()
    assert Participation.objects.get(engagement=other, party="sponsor").person == wrong
    assert client_person(fresh).email == RIGHT


def test_an_account_typed_by_mistake_stays(fresh: Engagement) -> None:
    """Someone who really has that address keeps their account, though it is unused."""
    dave = f.UserFactory(email=WRONG, name="Dave Dekker")
    invite(fresh)
    correct(fresh)
    assert User.objects.filter(pk=dave.pk).exists()
    assert not Participation.objects.filter(person=dave).exists()


def test_an_invalid_address_is_refused(fresh: Engagement) -> None:
    invite(fresh)
    assert "This is not an e-mail address" in refusal(fresh, email="tom@example")
    assert client_person(fresh).email == WRONG


def test_the_same_address_is_refused(fresh: Engagement) -> None:
    invite(fresh)
    sent = len(mail.outbox)
    assert f"The invitation went to {WRONG} already." in refusal(fresh, email=WRONG.upper())
    assert len(mail.outbox) == sent


def test_an_address_of_another_party_here_is_refused(fresh: Engagement) -> None:
    invite(fresh)
    reason = refusal(fresh, email=coach_of(fresh).email)
    assert "Bob Bakker already takes part in this engagement as the coach." in reason
    assert client_person(fresh).email == WRONG
    assert User.objects.filter(email=WRONG).exists()


def test_an_accepted_invitation_is_not_redirected(fresh: Engagement) -> None:
    token = invite(fresh)
    invitation_accept(token=token, password=PASSWORD)
    assert "nothing to correct" in refusal(fresh)
    assert client_person(fresh).email == WRONG


def test_once_the_party_accepted_the_contract_it_is_not_redirected(fresh: Engagement) -> None:
    invite(fresh)
    contract = f.ContractFactory(engagement=fresh)
    f.ContractAcceptanceFactory(contract=contract, party="client")
    assert "has accepted the contract as the client already" in refusal(fresh)
    assert client_person(fresh).email == WRONG


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_corrects(fresh: Engagement, actor: Party) -> None:
    invite(fresh)
    with pytest.raises(PermissionDenied):
        party_invitation_correct(
            engagement=fresh,
            actor=actor,
            party="client",
            name="Tom",
            email=RIGHT,
            invited_by=coach_of(fresh),
            base_url=BASE_URL,
        )


# ---------------------------------------------------------------- the pages


def test_the_invite_page_offers_the_correction(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    html = logged_in(client, coach_of(fresh)).get(reverse("contracting:invite", args=[fresh.pk]))
    assert f'href="{url(fresh)}"' in html.content.decode()


def test_the_coach_corrects_the_address(client: Client, fresh: Engagement) -> None:
    old = invite(fresh)
    logged_in(client, coach_of(fresh))
    page = client.get(url(fresh))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert f'value="{WRONG}"' in html
    response = client.post(url(fresh), {"name": "Tom Janssen", "email": RIGHT})
    assert response.status_code == 302
    assert response["Location"] == reverse("contracting:invite", args=[fresh.pk])
    said = [str(m) for m in get_messages(response.wsgi_request)]
    assert said == [
        f"The invitation for the client now goes to Tom Janssen at {RIGHT}. "
        f"The link sent to {WRONG} no longer works."
    ]
    assert client_person(fresh).email == RIGHT
    client.logout()
    assert client.get(link(old)).status_code == 404
    assert client.get(link(last_token())).status_code == 200


def test_a_refusal_is_shown_on_the_form(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    logged_in(client, coach_of(fresh))
    response = client.post(url(fresh), {"name": "Tom", "email": WRONG})
    assert response.status_code == 400
    assert f"The invitation went to {WRONG} already." in response.content.decode()
    bad = client.post(url(fresh), {"name": "Tom", "email": "not an address"})
    assert bad.status_code == 400
    assert client_person(fresh).email == WRONG


def test_a_mail_server_failure_changes_nothing(
    client: Client, fresh: Engagement, settings: Any
) -> None:
    invite(fresh)
    settings.MAILERS = {"default": {"BACKEND": "tests.engagements.broken_mail.EmailBackend"}}
    response = logged_in(client, coach_of(fresh)).post(url(fresh), {"name": "Tom", "email": RIGHT})
    assert response.status_code == 400
    assert "The e-mail could not be sent" in response.content.decode()
    assert client_person(fresh).email == WRONG
    assert not User.objects.filter(email=RIGHT).exists()


def test_nothing_to_correct_is_not_found(client: Client, fresh: Engagement) -> None:
    logged_in(client, coach_of(fresh))
    assert client.get(url(fresh)).status_code == 404  # nobody invited yet
    assert client.get(url(fresh, "coach")).status_code == 404
    token = invite(fresh)
    invitation_accept(token=token, password=PASSWORD)
    assert client.get(url(fresh)).status_code == 404  # accepted


def test_the_client_and_the_sponsor_may_not_correct(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    sponsor = f.UserFactory()
    f.ParticipationFactory(engagement=fresh, person=sponsor, party="sponsor")
    for person in (client_person(fresh), sponsor):
        logged_in(client, person)
        assert client.get(url(fresh)).status_code == 403
        assert client.post(url(fresh), {"name": "Tom", "email": RIGHT}).status_code == 403
    assert client_person(fresh).email == WRONG


def test_nothing_is_corrected_in_a_closed_engagement(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    Engagement.objects.filter(pk=fresh.pk).update(closed_at="2026-06-01T10:00Z")
    logged_in(client, coach_of(fresh))
    sent = len(mail.outbox)
    assert client.get(url(fresh)).status_code == 403
    assert client.post(url(fresh), {"name": "Tom", "email": RIGHT}).status_code == 403
    assert len(mail.outbox) == sent
    assert client_person(fresh).email == WRONG


def test_an_outsider_gets_not_found(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    logged_in(client, f.UserFactory())
    assert client.get(url(fresh)).status_code == 404


def test_only_get_and_post(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    assert logged_in(client, coach_of(fresh)).put(url(fresh)).status_code == 405
