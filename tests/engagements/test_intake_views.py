"""The intake page: the coach records it, the client reads it without the notes."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from oogst.engagements.models import Engagement, Intake
from tests.parties import Trio, logged_in

NOTES = "Lijkt uitgeput; vraag naar de relatie met zijn directeur"
QUESTION = "Hoe krijg ik werk en privé weer in evenwicht?"


def url(engagement: Engagement) -> str:
    return reverse("engagements:intake", args=[engagement.pk])


@pytest.fixture
def recorded(trio: Trio) -> Trio:
    Intake.objects.create(
        engagement=trio.engagement, held_on=date(2026, 1, 12), question=QUESTION, notes=NOTES
    )
    return trio


def test_the_coach_records_the_intake(client: Client, trio: Trio) -> None:
    page = logged_in(client, trio.bob).get(url(trio.engagement))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count("<h1") == 1
    assert 'type="date"' in html
    assert "<legend>" in html
    response = client.post(
        url(trio.engagement), {"held_on": "2026-01-12", "question": QUESTION, "notes": NOTES}
    )
    assert response.status_code == 302
    intake = Intake.objects.get(engagement=trio.engagement)
    assert (intake.held_on, intake.question, intake.notes) == (date(2026, 1, 12), QUESTION, NOTES)
    html = client.get(url(trio.engagement)).content.decode()
    assert "The intake is saved." in html
    assert 'value="2026-01-12"' in html
    assert NOTES in html


def test_a_bad_date_is_explained_and_nothing_typed_is_lost(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(
        url(trio.engagement), {"held_on": "2026-02-31", "question": QUESTION, "notes": NOTES}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This is not a date that exists." in html
    assert 'aria-describedby="id_held_on_error"' in html
    assert 'id="id_held_on_error"' in html
    assert 'value="2026-02-31"' in html
    assert QUESTION in html
    assert NOTES in html
    assert not Intake.objects.exists()


def test_the_client_reads_date_and_question_but_never_the_notes(
    client: Client, recorded: Trio
) -> None:
    response = logged_in(client, recorded.alice).get(url(recorded.engagement))
    html = response.content.decode()
    assert response.status_code == 200
    assert "12 January 2026" in html
    assert QUESTION in html
    assert NOTES not in html
    assert response.context["intake"]["notes"] is None  # not even handed to the template
    assert '<form method="post" action="' + url(recorded.engagement) not in html


@pytest.mark.parametrize("held_on", ["", "2026-02-31"])
def test_the_client_cannot_write_the_intake(client: Client, recorded: Trio, held_on: str) -> None:
    response = logged_in(client, recorded.alice).post(
        url(recorded.engagement),
        {"held_on": held_on, "question": "Mijn eigen vraag", "notes": ""},
    )
    assert response.status_code == 403
    assert Intake.objects.get().question == QUESTION


def test_the_client_is_told_when_there_is_no_intake_yet(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.alice).get(url(trio.engagement)).content.decode()
    assert "Your coach has not recorded the intake yet." in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_sponsor_may_not_open_the_intake(client: Client, recorded: Trio, method: str) -> None:
    response = getattr(logged_in(client, recorded.charlie), method)(url(recorded.engagement))
    assert response.status_code == 403
    assert QUESTION not in response.content.decode()


def test_an_outsider_gets_not_found(client: Client, recorded: Trio) -> None:
    response = logged_in(client, recorded.dave).get(url(recorded.engagement))
    assert response.status_code == 404
    assert QUESTION not in response.content.decode()


def test_anonymous_is_sent_to_login(client: Client, trio: Trio) -> None:
    response = client.get(url(trio.engagement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["put", "delete"])
def test_only_get_and_post(client: Client, trio: Trio, method: str) -> None:
    assert getattr(logged_in(client, trio.bob), method)(url(trio.engagement)).status_code == 405


def test_a_closed_engagement_shows_the_intake_to_the_coach_read_only(
    client: Client, recorded: Trio
) -> None:
    Engagement.objects.filter(pk=recorded.engagement.pk).update(closed_at="2026-06-01T10:00Z")
    page = logged_in(client, recorded.bob).get(url(recorded.engagement))
    html = page.content.decode()
    assert page.status_code == 200
    assert QUESTION in html
    assert NOTES in html
    assert 'name="notes"' not in html
    response = client.post(
        url(recorded.engagement), {"held_on": "", "question": "Nieuw", "notes": ""}
    )
    assert response.status_code == 403
    assert Intake.objects.get().question == QUESTION
