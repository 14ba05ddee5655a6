"""axe-core finds no critical, serious or moderate violation on Oogst's main pages.

The demo's main engagement (Kompas Software: every stage filled in, long Dutch texts) is
imported, each party logs in and axe-core (tests/browser/axe.py) checks the page against
WCAG 2.0 and 2.1 A and AA and axe's best practices, which include unique landmarks
(`landmark-unique`, `landmark-no-duplicate-banner`, ...) and headings in order
(`heading-order`). Every audit's counts, minor violations too, go to
`test-artifacts/axe-counts.json`.

Which pages, in which combinations, so that the test stays a handful of pages:

- every page once, in Dutch (the default) on a desktop (1280 x 900), each as the party
  it is for: the coach's dashboard and engagement page (with the register), the
  client's engagement page, result R1 and its withdraw confirmation (R1 is hers), the
  coach's confirmation to close the engagement, and, in a second engagement of the same
  coach whose terms are proposed and not yet accepted, the confirmations to accept the
  contract and to delete a goal (a session's deletion has the same page), and the form
  that corrects the address of the sponsor's invitation;
- the dashboard and the engagement page, the two pages everyone opens first and the
  fullest, also on a phone (390 x 844) in Dutch, and in English on a desktop and on a
  phone: as the coach, whose engagement page shows the most (every tab, the close button).
  The phone layout and the other language change the markup's size and words, not its
  structure, so the other pages are not repeated.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.engagements.services import invitation_send
from oogst.interchange import demo
from oogst.interchange.services import engagement_import
from tests import factories as f
from tests.browser.axe import violations
from tests.browser.test_start_of_engagement import log_in
from tests.stage_builders import at_stage

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
PASSWORD = "axe-test-pass-3318"

# Known violations left out of a page's assertion, per page label: (rule, target) and what
# to change. None now; an entry is for a violation that cannot be fixed at once.
KNOWN: dict[str, dict[tuple[str, str], str]] = {}


@pytest.fixture
def kompas(db: None) -> dict[str, Any]:
    """The demo's main engagement, with a password and Dutch for each party."""
    document = demo.documents()[0]
    engagement = engagement_import(document=document)
    people: dict[str, Any] = {"engagement": engagement}
    for party, person in document["parties"].items():
        user = User.objects.get(email=person["email"].lower())
        user.set_password(PASSWORD)
        user.language = "nl"
        user.save()
        people[party] = user
    return people


def logged_in(
    new_context: Callable[..., BrowserContext],
    base: str,
    person: User,
    *,
    language: str = "nl",
    viewport: dict[str, int] = DESKTOP,
) -> Page:
    """A page of `person`, logged in, reading `language`; CSP bypassed for axe's script."""
    person.language = language
    person.save(update_fields=["language"])
    context = new_context(viewport=viewport, locale=f"{language}-NL", bypass_csp=True)
    page = context.new_page()
    log_in(page, base, person.email, PASSWORD)
    return page


def opened(page: Page, address: str) -> None:
    response = page.goto(address)
    assert response is not None and response.ok, (address, response and response.status)


def submitted(page: Page, action: str) -> None:
    """Presses the submit button of the page's form that posts to `action`: the first
    step of a confirmation (closing, accepting the contract) asks to confirm."""
    with page.expect_navigation() as navigation:
        page.locator(f'form[action="{action}"] button[type=submit]').click()
    response = navigation.value
    assert response is not None and response.ok, (action, response and response.status)


def contract_to_accept(coach: User, client: User) -> Engagement:
    """An engagement of `coach` whose terms are proposed and accepted by nobody yet, with
    a sponsor invited at a mistyped address who has not followed the link."""
    engagement = at_stage("contract", coach=coach, client=client)
    f.ContractFactory(engagement=engagement)
    f.GoalFactory(engagement=engagement, key="G1", position=1)
    invitation_send(
        engagement=engagement,
        party="sponsor",
        name="Sanne Sponsor",
        email="sanne@exmaple.test",
        invited_by=coach,
        base_url="http://testserver/",
    )
    return engagement


def test_every_page_in_dutch_on_a_desktop(
    axe_script: Path,  # first: without axe-core the test skips before anything is set up
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    kompas: dict[str, Any],
) -> None:
    base, pk = live_server.url, kompas["engagement"].pk
    to_accept = contract_to_accept(kompas["coach"], kompas["client"])
    problems: list[str] = []

    def check(page: Page, label: str) -> None:
        known = KNOWN.get(label, {})
        problems.extend(violations(page, axe_script, f"{label}, nl, desktop", known))

    coach = logged_in(new_context, base, kompas["coach"])
    opened(coach, base + reverse("dashboard:home"))
    check(coach, "dashboard as coach")
    opened(coach, base + reverse("closing:engagement", args=[pk]))
    check(coach, "engagement page as coach")
    opened(coach, base + reverse("closing:conversation", args=[pk]))
    submitted(coach, reverse("closing:engagement_close", args=[pk]))
    check(coach, "close confirmation as coach")
    opened(coach, base + reverse("contracting:contract", args=[to_accept.pk]))
    submitted(coach, reverse("contracting:contract_accept", args=[to_accept.pk]))
    check(coach, "contract acceptance confirmation as coach")
    opened(coach, base + reverse("contracting:goal_delete", args=[to_accept.pk, "G1"]))
    check(coach, "goal delete confirmation as coach")  # the same page deletes a session
    opened(coach, base + reverse("contracting:invite_correct", args=[to_accept.pk, "sponsor"]))
    check(coach, "invitation correction as coach")

    client = logged_in(new_context, base, kompas["client"])
    opened(client, base + reverse("closing:engagement", args=[pk]))
    check(client, "engagement page as client")
    opened(client, base + reverse("results:result", args=[pk, "R1"]))
    check(client, "result R1 as client")
    opened(client, base + reverse("results:withdraw", args=[pk, "R1"]))
    check(client, "withdraw confirmation of R1 as client")

    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("language", "device"), [("nl", "phone"), ("en", "desktop"), ("en", "phone")]
)
def test_dashboard_and_engagement_page_in_each_language_and_on_a_phone(
    axe_script: Path,
    live_server: Any,
    new_context: Callable[..., BrowserContext],
    kompas: dict[str, Any],
    language: str,
    device: str,
) -> None:
    base, pk = live_server.url, kompas["engagement"].pk
    viewport = PHONE if device == "phone" else DESKTOP
    page = logged_in(new_context, base, kompas["coach"], language=language, viewport=viewport)
    problems: list[str] = []
    for name, label in (("dashboard:home", "dashboard"), ("closing:engagement", "engagement page")):
        opened(page, base + reverse(name, args=[pk] if name != "dashboard:home" else []))
        problems += violations(page, axe_script, f"{label} as coach, {language}, {device}")
    assert problems == [], "\n".join(problems)
