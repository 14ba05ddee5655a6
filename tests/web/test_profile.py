"""A person's profile: name, language and whether they get reminders."""

from django.test import Client
from django.urls import reverse

from tests.parties import Trio, logged_in

PROFILE = reverse("accounts:profile")


def test_the_profile_needs_a_login(client: Client, trio: Trio) -> None:
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_header_links_the_persons_name_to_the_profile(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert f'<a href="{PROFILE}">{trio.alice.name}</a>' in html


def test_the_profile_shows_name_language_and_reminders(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    response = client.get(PROFILE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your profile" in html
    assert f'value="{trio.alice.name}"' in html
    assert 'name="language"' in html
    assert 'type="radio" name="reminders" value="1"' in html
    assert "checked" in html.split('value="1"', 1)[1].split(">", 1)[0]


def test_switching_reminders_off_and_changing_name_and_language(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    response = client.post(PROFILE, {"name": "  Alice Anders ", "language": "nl", "reminders": "0"})
    assert response.status_code == 302 and response["Location"] == PROFILE
    trio.alice.refresh_from_db()
    assert (trio.alice.name, trio.alice.language, trio.alice.reminders) == (
        "Alice Anders",
        "nl",
        False,
    )
    html = client.get(PROFILE).content.decode()
    assert '<html lang="nl">' in html  # the page follows the new language at once
    assert 'role="status"' in html  # the success message
    client.post(PROFILE, {"name": "Alice Anders", "language": "nl", "reminders": "1"})
    trio.alice.refresh_from_db()
    assert trio.alice.reminders


def test_a_missing_name_is_refused_with_a_clear_error(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    before = trio.alice.name
    response = client.post(PROFILE, {"name": "   ", "language": "xx", "reminders": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was saved yet" in html
    assert "Write your name, as the other parties will see it." in html
    assert "Choose whether you want reminders." in html
    assert 'id="id_language_error"' in html
    trio.alice.refresh_from_db()
    assert trio.alice.name == before and trio.alice.reminders
