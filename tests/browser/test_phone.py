"""The engagement on a phone (390 by 844): no page scrolls sideways, as any party, in Dutch.

The demo's main engagement (long Dutch texts, every stage filled in) is imported; each
party logs in and opens every tab of its navigation. On each page the document is no
wider than the screen (wide tables scroll inside their own box or become cards), and the
navigation takes at most one screen. When a page is too wide the test names the
elements that stick out.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from oogst.accounts.models import User
from oogst.interchange import demo
from oogst.interchange.services import engagement_import
from tests.browser.test_start_of_engagement import log_in
from tests.conftest import ARTIFACTS

PHONE = {"width": 390, "height": 844}
PASSWORD = "phone-test-pass-5521"

# The elements wider than the screen, innermost first, with how far they stick out.
STICKING_OUT = """() => {
  const width = window.innerWidth;
  const found = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && el.offsetParent !== null) {
      let scrolled = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)) {
          scrolled = true;
          break;
        }
      }
      const name = `${el.tagName.toLowerCase()}.${el.className}`;
      if (!scrolled) found.push(`${name} +${Math.round(box.right - width)}px`);
    }
  }
  return found.slice(-8);
}"""


@pytest.fixture
def kompas(db: None) -> dict[str, User]:
    document = demo.documents()[0]
    engagement_import(document=document)
    people = {}
    for party, person in document["parties"].items():
        user = User.objects.get(email=person["email"].lower())
        user.set_password(PASSWORD)
        user.language = "nl"
        user.save()
        people[party] = user
    return people


def tabs(page: Page) -> list[str]:
    return page.eval_on_selector_all(".engagement-nav a", "links => links.map(a => a.href)")


def check(page: Page, address: str) -> list[str]:
    page.goto(address)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    return [] if overflow <= 0 else [f"{address}: {page.evaluate(STICKING_OUT)}"]


@pytest.mark.parametrize("party", ["client", "coach", "sponsor"])
def test_no_page_of_the_engagement_scrolls_sideways_on_a_phone(
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    kompas: dict[str, User],
    party: str,
) -> None:
    page = new_context(viewport=PHONE, locale="nl-NL").new_page()
    log_in(page, live_server.url, kompas[party].email, PASSWORD)
    page.goto(live_server.url + reverse("dashboard:home"))
    page.locator(".dashboard__who a").first.click()
    nav = page.locator(".engagement-nav").bounding_box()
    assert nav is not None and nav["height"] <= PHONE["height"], nav
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-engagement-{party}.png"), full_page=True)
    problems = [problem for address in tabs(page) for problem in check(page, address)]
    problems += check(page, live_server.url + reverse("dashboard:home"))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_on_a_desktop_the_tabs_fit_one_row(
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    kompas: dict[str, User],
    language: str,
) -> None:
    coach = kompas["coach"]  # the coach has the most tabs (the intake too)
    coach.language = language
    coach.save(update_fields=["language"])
    page = new_context(locale=f"{language}-NL").new_page()
    log_in(page, live_server.url, coach.email, PASSWORD)
    page.goto(live_server.url + reverse("dashboard:home"))
    page.locator(".dashboard__who a").first.click()
    row = page.locator(".engagement-nav ul")
    fits = row.evaluate("ul => ul.scrollWidth <= ul.clientWidth")
    tops = row.evaluate("ul => new Set([...ul.children].map(li => li.offsetTop)).size")
    sizes = row.evaluate("ul => [ul.scrollWidth, ul.clientWidth]")
    assert fits and tops == 1, (language, sizes, row.inner_text())
