"""The link in the invitation e-mail: anonymous, works once, for its own person only."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Invitation
from oogst.engagements.services import invitation_send
from tests import factories as f
from tests.engagements.conftest import BASE_URL, last_token
from tests.parties import logged_in

PASSWORD = "a-long-harvest-of-words-19"


def link(token: str) -> str:
    return reverse("engagements:invitation", args=[token])


def invite(engagement: Engagement, email: str = "tom@example.com", party: str = "client") -> str:
    invitation_send(
        engagement=engagement,
        party=party,
        name="Tom Janssen",
        email=email,
        invited_by=engagement.participations.get(party="coach").person,
        base_url=BASE_URL,
    )
    return last_token()


def english(client: Client) -> Client:
    client.cookies["django_language"] = "en"
    return client


def accepted(engagement: Engagement) -> bool:
    return Invitation.objects.get(engagement=engagement).accepted_at is not None


def test_a_new_person_chooses_a_password_and_is_in(client: Client, fresh: Engagement) -> None:
    token = invite(fresh)
    page = english(client).get(link(token))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert "Choose your password" in html
    assert "Bob Bakker invites you to take part as the client" in html
    assert 'value="tom@example.com"' in html
    response = client.post(link(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("closing:engagement", args=[fresh.pk])
    tom = User.objects.get(email="tom@example.com")
    assert tom.check_password(PASSWORD)
    assert client.session["_auth_user_id"] == str(tom.pk)
    assert accepted(fresh)
    assert client.get(response["Location"]).status_code == 200


def test_the_link_works_once(client: Client, fresh: Engagement) -> None:
    token = invite(fresh)
    english(client).post(link(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    client.logout()
    again = english(client).get(link(token))
    assert again.status_code == 404
    assert "This invitation link is not valid (any more)" in again.content.decode()
    post = client.post(link(token), {"new_password1": "x" * 12, "new_password2": "x" * 12})
    assert post.status_code == 404
    assert User.objects.get(email="tom@example.com").check_password(PASSWORD)


def test_an_unknown_link_is_not_found(client: Client, fresh: Engagement) -> None:
    invite(fresh)
    response = english(client).get(link("not-a-token-we-sent"))
    assert response.status_code == 404
    assert "This invitation link is not valid (any more)" in response.content.decode()


def test_the_old_link_dies_when_the_coach_sends_again(client: Client, fresh: Engagement) -> None:
    old = invite(fresh)
    new = invite(fresh)
    assert english(client).get(link(old)).status_code == 404
    assert client.get(link(new)).status_code == 200


def test_passwords_that_differ_are_explained_and_nothing_is_accepted(
    client: Client, fresh: Engagement
) -> None:
    token = invite(fresh)
    response = english(client).post(
        link(token), {"new_password1": PASSWORD, "new_password2": PASSWORD + "x"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The two password fields didn" in html
    assert 'aria-describedby="id_new_password2_helptext id_new_password2_error"' in html
    assert not accepted(fresh)
    assert "_auth_user_id" not in client.session


def test_a_weak_password_is_refused(client: Client, fresh: Engagement) -> None:
    token = invite(fresh)
    response = english(client).post(
        link(token), {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 400
    assert "This password is too common." in response.content.decode()
    assert not accepted(fresh)


def test_someone_with_a_password_accepts_then_logs_in(client: Client, fresh: Engagement) -> None:
    f.UserFactory(email="tom@example.com", name="Tom Janssen")
    token = invite(fresh)
    page = english(client).get(link(token))
    assert page.status_code == 200
    assert "Accept and log in" in page.content.decode()
    assert not accepted(fresh)  # opening the link (a mail scanner might) does not use it
    response = client.post(link(token))
    assert response.status_code == 302
    engagement_url = reverse("closing:engagement", args=[fresh.pk])
    login = reverse("accounts:login")
    assert response["Location"] == f"{login}?{urlencode({'next': engagement_url})}"
    assert accepted(fresh)
    assert "_auth_user_id" not in client.session


def test_a_password_cannot_be_set_for_someone_who_has_one(
    client: Client, fresh: Engagement
) -> None:
    tom = f.UserFactory(email="tom@example.com", name="Tom Janssen")
    token = invite(fresh)
    client.post(link(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    tom.refresh_from_db()
    assert tom.check_password(f.PASSWORD)
    assert not tom.check_password(PASSWORD)


def test_logged_in_as_the_invitee_goes_straight_in(client: Client, fresh: Engagement) -> None:
    tom = f.UserFactory(email="tom@example.com", name="Tom Janssen")
    token = invite(fresh)
    response = logged_in(client, tom).get(link(token))
    assert response.status_code == 302
    assert response["Location"] == reverse("closing:engagement", args=[fresh.pk])
    assert accepted(fresh)


def test_logged_in_as_someone_else_is_told_and_changes_nothing(
    client: Client, fresh: Engagement
) -> None:
    token = invite(fresh)
    dave = f.UserFactory(email="dave@example.com", name="Dave Dekker")
    logged_in(client, dave)
    response = client.get(link(token))
    html = response.content.decode()
    assert response.status_code == 403
    assert "This invitation is for someone else" in html
    assert "You are logged in as Dave Dekker, but this invitation is for Tom Janssen." in html
    post = client.post(link(token), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert post.status_code == 403
    assert not accepted(fresh)
    assert not User.objects.get(email="tom@example.com").has_usable_password()


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_get_and_post(client: Client, fresh: Engagement, method: str) -> None:
    token = invite(fresh)
    assert getattr(client, method)(link(token)).status_code == 405
