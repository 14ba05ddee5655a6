"""The research overview: for researchers and staff, pictures with numbers, no names."""

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.research.aggregates import stats
from oogst.research.services.consent import research_consent_give
from tests import factories as f
from tests.parties import GOAL_TEXTS, SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in
from tests.research.test_aggregates import consented_set

SUPPRESSED = "suppressed (&lt;\u00a05)"
URL = "/research/"  # research:overview; checked in test_the_url_is_the_overviews


@pytest.fixture
def researcher(db: None) -> User:
    return f.UserFactory(email="rosa@research.example", name="Rosa Onderzoek", is_researcher=True)


def consent_all(trio: Trio) -> None:
    research_consent_give(engagement=trio.engagement, party="client")
    research_consent_give(engagement=trio.engagement, party="sponsor")


def engagements_shown(html: str) -> str:
    found = re.search(r"Engagements included</dt>\s*<dd>\s*([^<]*?)\s*</dd>", html)
    assert found is not None
    return found.group(1)


def page(client: Client, **params: Any) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# ---------------------------------------------------------------- who may see it


def test_the_url_is_the_overviews() -> None:
    assert reverse("research:overview") == URL


def test_a_researcher_sees_the_overview(client: Client, researcher: User) -> None:
    consented_set(5)
    logged_in(client, researcher)

    html = page(client)

    assert "<h1>Practice research</h1>" in html
    assert html.count("<svg") >= 8
    assert 'role="img"' in html


def test_staff_see_the_overview(client: Client, db: None) -> None:
    staff = f.UserFactory(email="staff@example.com", is_staff=True)
    logged_in(client, staff)
    assert client.get(URL).status_code == 200


def test_a_coach_is_refused(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    assert client.get(URL).status_code == 403


def test_a_person_outside_every_engagement_is_refused(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client: Client, db: None) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_wrong_method_is_405(client: Client, researcher: User) -> None:
    logged_in(client, researcher)
    assert client.post(URL).status_code == 405


# ---------------------------------------------------------------- what it shows


def test_no_name_email_organisation_or_text_of_an_engagement_appears(
    client: Client, trio: Trio, researcher: User
) -> None:
    consent_all(trio)
    consented_set(5, sector="ICT")
    logged_in(client, researcher)

    html = page(client)

    assert "Engagements included" in html
    forbidden = [
        trio.engagement.title,
        trio.engagement.organisation.name,
        SHARED_TEXT,
        UNSHARED_TEXT,
        SPONSOR_TEXT,
        *GOAL_TEXTS,
        "Geen reactie.",
    ]
    for person in (trio.alice, trio.bob, trio.charlie):
        forbidden += [person.name, person.email, person.email.split("@")[0]]
    for engagement in Engagement.objects.select_related("organisation"):
        forbidden += [engagement.title, engagement.organisation.name]
        forbidden += [r.text[:40] for r in engagement.results.all()]
        forbidden += [p.person.email for p in engagement.participations.select_related("person")]
        forbidden += [p.person.name for p in engagement.participations.select_related("person")]
    for needle in forbidden:
        assert needle not in html, needle
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", html.replace(researcher.email, ""))


def test_the_figures_are_beside_the_pictures(client: Client, researcher: User) -> None:
    consented_set(6)
    logged_in(client, researcher)

    html = page(client)

    assert html.count('class="rs-chart__numbers"') == html.count('class="rs-chart__picture"') >= 8
    assert "<caption>" in html
    assert engagements_shown(html) == "6"
    figures = stats(k=5)
    results, unexpected = figures["results"], figures["pairs"]["expected"]["unexpected"]
    assert re.search(rf"<th scope=\"row\">Foreseen: unexpected</th>\s*<td>{unexpected}</td>", html)
    assert re.search(rf"<dt>Results</dt>\s*<dd>\s*{results}\s*</dd>", html)


def test_a_small_selection_shows_every_cell_suppressed(
    client: Client, researcher: User, settings: Any
) -> None:
    settings.RESEARCH_K = 5
    consented_set(3)
    logged_in(client, researcher)

    html = page(client)

    assert SUPPRESSED in html
    assert engagements_shown(html) == SUPPRESSED


def test_a_filter_leaving_fewer_than_k_suppresses_the_cells(
    client: Client, researcher: User, settings: Any
) -> None:
    settings.RESEARCH_K = 5
    consented_set(6)
    logged_in(client, researcher)
    assert engagements_shown(page(client)) == "6"

    html = page(client, sessions_min=12)

    assert engagements_shown(html) == SUPPRESSED
    assert 'value="12"' in html


def test_only_sectors_that_k_engagements_share_are_offered(
    client: Client, researcher: User, settings: Any
) -> None:
    settings.RESEARCH_K = 5
    consented_set(5, sector="ICT")
    consented_set(2, sector="Zorgsector", start=10)
    logged_in(client, researcher)

    html = page(client)

    assert '<option value="ICT">' in html
    assert "Zorgsector" not in html
    refused = client.get(URL, {"sector": "Zorgsector"})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()


def test_a_bad_filter_is_explained_and_kept(client: Client, researcher: User) -> None:
    consented_set(5)
    logged_in(client, researcher)

    response = client.get(URL, {"since": "2026-05-01", "until": "2026-04-01", "sessions_min": "x"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "The end of the period lies before its start." in html
    assert "Enter a whole number." in html
    assert 'value="2026-05-01"' in html and 'value="2026-04-01"' in html
    assert 'aria-describedby="id_until_error"' in html
    assert 'role="img"' not in html


def test_the_query_count_stays_flat_as_engagements_grow(client: Client, researcher: User) -> None:
    logged_in(client, researcher)
    consented_set(5)
    with CaptureQueriesContext(connection) as few:
        page(client)
    consented_set(10, start=5)
    with CaptureQueriesContext(connection) as many:
        page(client)
    assert len(many) == len(few) < 40
