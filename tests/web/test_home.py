"""The home page lists the engagements the person takes part in, with their part."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories as f
from tests.parties import Trio, logged_in

HOME = reverse("engagements:home")


def test_lists_my_engagements_with_my_part(client: Client, trio: Trio) -> None:
    other = f.ParticipationFactory(person=trio.charlie, party="client")
    response = logged_in(client, trio.charlie).get(HOME)
    html = response.content.decode()
    assert response.status_code == 200
    assert trio.engagement.title in html
    assert trio.engagement.organisation.name in html
    assert "You are the sponsor" in html
    assert other.engagement.title in html
    assert "You are the client" in html
    assert reverse("closing:engagement", args=[trio.engagement.pk]) in html


def test_outsider_sees_none_of_them(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.dave).get(HOME).content.decode()
    assert trio.engagement.title not in html
    assert "No engagements yet" in html


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["post", "delete"])
def test_only_get_is_allowed(client: Client, trio: Trio, method: str) -> None:
    assert getattr(logged_in(client, trio.alice), method)(HOME).status_code == 405


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_engagements(client: Client) -> None:
    person = f.UserFactory()
    logged_in(client, person)
    counts = []
    for n in (1, 10):
        while person.participations.count() < n:
            f.ParticipationFactory(person=person, party="coach")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(HOME)
        assert response.content.decode().count("engagement-card__title") == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
