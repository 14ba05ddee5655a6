"""Starting an engagement in the browser, and what the home page offers for it."""

import pytest
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Invitation, Organisation
from tests import factories as f
from tests.parties import Trio, logged_in

START = reverse("engagements:start")
HOME = reverse("dashboard:home")


@pytest.fixture
def person(db: None) -> User:
    return f.UserFactory(email="jeroen@example.com", name="Jeroen Mulder", is_coach=True)


def test_a_coach_starts_one_and_becomes_its_coach(client: Client, person: User) -> None:
    response = logged_in(client, person).post(
        START,
        {"title": "Loopbaancoaching", "organisation": "Praktijk", "sector": "", "language": "nl"},
    )
    engagement = Engagement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("contracting:invite", args=[engagement.pk])
    assert engagement.participations.get().person == person
    assert engagement.participations.get().party == "coach"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "The engagement is started" in page.content.decode()


def test_the_form_is_accessible_and_offers_my_organisations(client: Client, person: User) -> None:
    f.ParticipationFactory(
        person=person, party="client", engagement__organisation__name="Mijn Werkgever BV"
    )
    f.OrganisationFactory(name="Iemand Anders NV")
    html = logged_in(client, person).get(START).content.decode()
    assert html.count("<h1") == 1
    assert 'list="organisation-names"' in html
    assert '<option value="Mijn Werkgever BV">' in html
    assert "Iemand Anders NV" not in html
    assert "<legend>Language of the texts</legend>" in html
    assert 'for="id_title"' in html


def test_an_operator_is_offered_every_organisation(client: Client, person: User) -> None:
    person.is_staff = True
    person.save(update_fields=["is_staff"])
    f.OrganisationFactory(name="Iemand Anders NV")
    assert "Iemand Anders NV" in logged_in(client, person).get(START).content.decode()


def test_an_empty_title_is_explained_and_nothing_typed_is_lost(
    client: Client, person: User
) -> None:
    response = logged_in(client, person).post(
        START,
        {"title": "  ", "organisation": "Praktijk Noord", "sector": "zorg", "language": "en"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give the engagement a title." in html
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'id="id_title_error"' in html
    assert 'value="Praktijk Noord"' in html
    assert 'value="zorg"' in html
    assert 'value="en" id="id_language_1" required checked' in html
    assert not Engagement.objects.exists()


def test_a_typed_sector_fills_an_organisations_missing_one(client: Client, person: User) -> None:
    f.OrganisationFactory(name="Praktijk Noord", sector="")
    data = {"title": "T", "organisation": "praktijk noord", "sector": "zorg", "language": "nl"}
    assert logged_in(client, person).post(START, data).status_code == 302
    assert Organisation.objects.get().sector == "zorg"


def test_a_sector_other_than_the_organisations_is_refused_on_the_form(
    client: Client, person: User
) -> None:
    f.OrganisationFactory(name="Praktijk Noord", sector="onderwijs")
    data = {"title": "T", "organisation": "Praktijk Noord", "sector": "zorg", "language": "en"}
    response = logged_in(client, person).post(START, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_sector_error"' in html
    assert "Praktijk Noord is already recorded in the sector “onderwijs”" in html
    assert 'value="zorg"' in html  # what was typed stays
    assert not Engagement.objects.exists()
    assert Organisation.objects.get().sector == "onderwijs"


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(START)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_get_and_post(client: Client, person: User, method: str) -> None:
    assert getattr(logged_in(client, person), method)(START).status_code == 405


def test_home_offers_to_start_one(client: Client, person: User) -> None:
    html = logged_in(client, person).get(HOME).content.decode()
    assert f'href="{START}"' in html


def test_home_lists_the_invitations_i_sent_that_wait(client: Client, trio: Trio) -> None:
    Invitation.objects.create(
        engagement=trio.engagement,
        party="sponsor",
        person=trio.charlie,
        invited_by=trio.bob,
        token_hash="0" * 64,
    )
    html = logged_in(client, trio.bob).get(HOME).content.decode()
    assert "Invitations waiting for an answer" in html
    assert "Charlie Claes, as the sponsor" in html
    assert reverse("contracting:invite", args=[trio.engagement.pk]) in html
    # Not for the invitee, nor once accepted.
    assert "waiting for an answer" not in logged_in(client, trio.charlie).get(HOME).content.decode()
    Invitation.objects.update(accepted_at="2026-01-01T10:00Z")
    assert "waiting for an answer" not in logged_in(client, trio.bob).get(HOME).content.decode()
