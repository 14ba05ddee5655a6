"""The three parties, each in their own browser, see what the confidentiality rules allow.

The example engagement's result R4 is one the client did not share with the sponsor: the
client and the coach read it on the engagement page, the sponsor does not.
"""

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from oogst.engagements.models import Engagement, Participation
from tests.conftest import ARTIFACTS

EXAMPLE = Path(__file__).resolve().parent.parent / "spec_copies" / "example.json"
PASSWORD = "oogst-browser-test-9271"


@pytest.fixture
def example(transactional_db: None) -> tuple[dict[str, Any], Engagement, dict[str, str]]:
    """The example engagement imported; returns (document, engagement, e-mail per party)."""
    # Imported here so that the rest of the suite still collects if this service breaks.
    from oogst.interchange.services import engagement_import

    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    engagement = engagement_import(document=document)
    emails = {}
    for participation in Participation.objects.filter(engagement=engagement).select_related(
        "person"
    ):
        person = participation.person
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
        emails[participation.party] = person.email
    assert set(emails) == {"client", "coach", "sponsor"}
    return document, engagement, emails


def log_in(context: BrowserContext, base_url: str, email: str) -> Page:
    page = context.new_page()
    page.goto(base_url + reverse("accounts:login"))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(lambda url: reverse("accounts:login") not in url)
    return page


def engagement_text(page: Page, base_url: str, engagement: Engagement, party: str) -> str:
    response = page.goto(f"{base_url}/engagements/{engagement.pk}/")
    assert response is not None and response.ok, f"{party}: {response and response.status}"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"engagement-{party}.png"), full_page=True)
    return re.sub(r"\s+", " ", page.locator("body").inner_text())


def result_text(document: dict[str, Any], key: str) -> str:
    return next(r["text"] for r in document["results"] if r["key"] == key)


def test_sponsor_cannot_read_the_result_the_client_did_not_share(
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    example: tuple[dict[str, Any], Engagement, dict[str, str]],
) -> None:
    document, engagement, emails = example
    unshared, shared = result_text(document, "R4"), result_text(document, "R1")
    assert not next(r for r in document["results"] if r["key"] == "R4")["shared_with_sponsor"]

    pages = {}
    for party in ("client", "coach", "sponsor"):
        page = log_in(new_context(), live_server.url, emails[party])
        pages[party] = engagement_text(page, live_server.url, engagement, party)

    for party in ("client", "coach", "sponsor"):
        assert document["title"] in pages[party], party
        assert shared in pages[party], f"{party} should read the shared result R1"
    assert unshared in pages["client"], "the client should read their own result R4"
    assert unshared in pages["coach"], "the coach should read R4"
    hidden = "the sponsor's page shows R4, which the client did not share"
    assert unshared not in pages["sponsor"], hidden
    assert "vertrekdatum" not in pages["sponsor"], hidden
