"""A client's end report draft survives a reload and a closed browser.

She types into her end report in a real Chromium, waits until the page says the draft
is saved, reloads and finds her text; then the whole browser context is closed (cookies
and all), a new one logs in again, and the text is still there.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from oogst.results.models import EndReport
from tests.factories import PASSWORD
from tests.parties import Trio, make_trio

PROSE = "Ik plan nu elke vrijdag een uur om terug te kijken op de week."
LINE = "Een vast uur reflectie per week"
OTHER_LINES = ("Ik zeg vaker nee tegen extra projecten", "Beter onderhandeld over mijn rol")


@pytest.fixture
def trio_live(transactional_db: None) -> Trio:
    """The trio, committed so that the live server's thread sees it; pages in English."""
    trio = make_trio()
    trio.alice.language = "en"
    trio.alice.save(update_fields=["language"])
    return trio


def log_in(context: BrowserContext, base_url: str, email: str) -> Page:
    page = context.new_page()
    page.goto(base_url + reverse("accounts:login"))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url(lambda url: reverse("accounts:login") not in url)
    return page


def open_report(page: Page, base_url: str, trio: Trio) -> None:
    response = page.goto(base_url + reverse("results:end_report", args=[trio.engagement.pk]))
    assert response is not None and response.ok, response and response.status


def test_the_draft_survives_a_reload_and_a_closed_browser(
    live_server: Any, new_context: Callable[..., BrowserContext], trio_live: Trio
) -> None:
    trio = trio_live
    first = new_context()
    page = log_in(first, live_server.url, trio.alice.email)
    open_report(page, live_server.url, trio)
    status = page.locator("[data-autosave-status]")
    expect(status).to_have_text("")

    page.locator("#id_goal-G1-text").press_sequentially(PROSE[:20])
    page.locator("#id_goal-G1-text").fill(PROSE)
    page.locator("#id_goal-G1-result_0").fill(LINE)
    # "Add another result" opens a line at once, without leaving the page.
    page.locator("#id_other-result_0").fill(OTHER_LINES[0])
    page.get_by_role("button", name="Add another result").last.click()
    expect(page.locator("#id_other-result_1")).to_be_focused()
    page.locator("#id_other-result_1").press_sequentially(OTHER_LINES[1])
    expect(status).to_contain_text("Draft saved at", timeout=10_000)
    # The last keystroke may still be on its way: wait until the server has all of it.
    page.wait_for_timeout(1_500)
    expect(status).to_contain_text("Draft saved at")

    draft = EndReport.objects.get(engagement=trio.engagement, party="client").draft
    assert draft["goals"]["G1"] == {"text": PROSE, "results": [LINE]}
    assert draft["other"]["results"] == list(OTHER_LINES)

    page.reload()
    expect(page.locator("#id_goal-G1-text")).to_have_value(PROSE)
    expect(page.locator("#id_goal-G1-result_0")).to_have_value(LINE)
    expect(page.locator("#id_other-result_1")).to_have_value(OTHER_LINES[1])
    expect(status).to_contain_text("Draft saved at")

    first.close()
    second = new_context()
    page = log_in(second, live_server.url, trio.alice.email)
    open_report(page, live_server.url, trio)
    expect(page.locator("#id_goal-G1-text")).to_have_value(PROSE)
    expect(page.locator("#id_goal-G1-result_0")).to_have_value(LINE)
    expect(page.locator("#id_other-result_0")).to_have_value(OTHER_LINES[0])
    expect(page.locator("#id_other-result_1")).to_have_value(OTHER_LINES[1])
