"""Logging in by e-mail address, logging out, and choosing the language."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from tests.parties import Trio, logged_in

LOGIN = reverse("accounts:login")
LOGOUT = reverse("accounts:logout")
LANGUAGE = reverse("accounts:language")
HOME = reverse("dashboard:home")
COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_login_page_names_the_product_and_asks_for_an_e_mail_address(client: Client) -> None:
    html = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1" in html and ">Oogst</h1>" in html
    assert "what a coaching engagement yields" in html
    assert '<label for="id_username">E-mail address</label>' in html
    assert 'type="email"' in html


@pytest.mark.django_db
def test_login_page_is_dutch_by_default(client: Client) -> None:
    html = client.get(LOGIN).content.decode()
    assert '<html lang="nl">' in html
    assert "E-mailadres" in html


def test_login_by_e_mail_address(client: Client, trio: Trio) -> None:
    response = client.post(LOGIN, {"username": "Alice@Example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_wrong_password_is_refused(client: Client, trio: Trio) -> None:
    response = client.post(LOGIN, {"username": "alice@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert client.get(HOME).status_code == 302


def test_login_applies_the_persons_saved_language(client: Client, trio: Trio) -> None:
    trio.alice.language = "en"
    trio.alice.save(update_fields=["language"])
    client.cookies[COOKIE] = "nl"  # left in the browser by someone before
    response = client.post(LOGIN, {"username": "alice@example.com", "password": PASSWORD})
    assert response.cookies[COOKIE].value == "en"
    html = client.get(HOME).content.decode()
    assert '<html lang="en">' in html
    assert "Your engagements" in html


def test_saved_language_holds_over_the_browsers_cookie(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice, language="nl")
    client.cookies[COOKIE] = "en"
    html = client.get(HOME, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nl">' in html


def test_login_refuses_delete(client: Client) -> None:
    assert client.delete(LOGIN).status_code == 405


def test_logout_needs_post(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert client.get(HOME).status_code == 302


def test_language_switch_stores_the_choice_for_the_person(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice, language="nl")
    response = client.post(LANGUAGE, {"language": "en", "next": HOME})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert response.cookies[COOKIE].value == "en"
    trio.alice.refresh_from_db()
    assert trio.alice.language == "en"
    assert '<html lang="en">' in client.get(HOME).content.decode()


def test_language_switch_works_for_anonymous_visitors(client: Client) -> None:
    response = client.post(LANGUAGE, {"language": "en", "next": LOGIN})
    assert response["Location"] == LOGIN
    assert response.cookies[COOKIE].value == "en"
    assert '<html lang="en">' in client.get(LOGIN).content.decode()


@pytest.mark.django_db
def test_language_switch_does_not_redirect_elsewhere(client: Client) -> None:
    response = client.post(LANGUAGE, {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == HOME


@pytest.mark.django_db
def test_language_switch_ignores_unknown_languages(client: Client) -> None:
    response = client.post(LANGUAGE, {"language": "xx", "next": LOGIN})
    assert response.status_code == 302
    assert COOKIE not in response.cookies


@pytest.mark.django_db
def test_language_switch_needs_post(client: Client) -> None:
    assert client.get(LANGUAGE).status_code == 405
