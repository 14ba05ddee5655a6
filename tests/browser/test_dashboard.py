"""The dashboard in a real browser: one row per engagement, where it stands and whose turn
it is, as each viewer may see it.

A coach with three engagements at different stages reads the right stage and the right
"waits for" in each row; it follows "Your next step" from the dashboard through two stage
changes (the intake, then everyone's expectations), while the client's and the sponsor's
"Your next step" boxes on the engagement page change along. A sponsor whose contract
hides the sessions reads nothing about them in its row. Screenshots of a busy coach's
dashboard (desktop and phone) and of a new client's first page go to test-artifacts/.
"""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Locator, Page, expect

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from tests.browser.test_start_of_engagement import log_in, url
from tests.conftest import ARTIFACTS
from tests.stage_builders import at_stage

PHONE = {"width": 390, "height": 844}


# ---------------------------------------------------------------- helpers


def person(email: str, name: str, *, coach: bool = False) -> User:
    """Someone who reads the interface in English and logs in with a password of its own."""
    return User.objects.create_user(
        email, password=password_of(email), name=name, language="en", is_coach=coach
    )


def password_of(email: str) -> str:
    return f"pass-{email}-7731"


def logged_in_page(
    new_context: Callable[..., BrowserContext], base: str, someone: User, **options: Any
) -> Page:
    page = new_context(locale="en-GB", **options).new_page()
    log_in(page, base, someone.email, password_of(someone.email))
    return page


def titled(engagement: Engagement, title: str) -> Engagement:
    Engagement.objects.filter(pk=engagement.pk).update(title=title)
    return engagement


def dashboard(page: Page, base: str) -> None:
    page.goto(base + reverse("dashboard:home"))
    expect(page.get_by_role("heading", name="Your engagements")).to_be_visible()


def row(page: Page, engagement: Engagement) -> Locator:
    return page.locator(f'tr[data-engagement="{engagement.pk}"]')


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def waits_for(page: Page, engagement: Engagement) -> str:
    return flat(row(page, engagement).locator(".dashboard__waits").inner_text())


def stage(page: Page, engagement: Engagement) -> str:
    return flat(row(page, engagement).locator(".stage-badge").inner_text())


def next_step_box(page: Page, base: str, engagement: Engagement) -> Locator:
    page.goto(url(base, "closing:engagement", engagement))
    return page.locator("section.next-step")


def own_steps(box: Locator) -> list[str]:
    return [flat(t) for t in box.locator(".next-step__own a.button").all_inner_texts()]


def state_expectations(page: Page, meaning: str, text: str) -> None:
    page.locator(f"input[name=meanings][value={meaning}]").check()
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Save my expectations").click()
    expect(page.locator(".messages")).to_contain_text("Your expectations are saved.")


# ---------------------------------------------------------------- the tests


@pytest.mark.django_db(transaction=True)
def test_the_coach_follows_its_next_step_from_the_dashboard_and_every_box_follows(
    live_server: Any, new_context: Callable[..., BrowserContext]
) -> None:
    base = live_server.url
    coach_person = person("jeroen@dash.example", "Jeroen Coach", coach=True)
    client_person = person("anouk@dash.example", "Anouk de Vries")
    sponsor_person = person("marieke@dash.example", "Marieke Hendriks")
    starting = at_stage(
        "intake",
        coach=coach_person,
        client=client_person,
        sponsor=sponsor_person,
        organisation="Gemeente Zwolle",
    )
    contracting = at_stage(
        "contract",
        coach=coach_person,
        client=person("daan@dash.example", "Daan Visser"),
        organisation="Van Dijk Logistiek",
    )
    hidden_sessions = at_stage(
        "sessions",
        coach=coach_person,
        client=person("femke@dash.example", "Femke Jansen"),
        sponsor=sponsor_person,
        sponsor_may_see=["goals"],
        organisation="Zorggroep De Linde",
    )

    # ---- The coach's rows: the right stage and whose turn it is, in each.
    coach = logged_in_page(new_context, base, coach_person)
    dashboard(coach, base)
    expect(coach.locator("tr.dashboard__row")).to_have_count(3)
    expect(row(coach, starting)).to_contain_text("Anouk de Vries")
    expect(row(coach, starting)).to_contain_text("Gemeente Zwolle")
    assert stage(coach, starting) == "Intake"
    assert waits_for(coach, starting).startswith("You: record the intake")
    assert stage(coach, contracting) == "Contract"
    assert waits_for(coach, contracting).startswith("You: write the goals")
    assert stage(coach, hidden_sessions) == "Sessions"
    assert waits_for(coach, hidden_sessions).startswith("You: log the sessions held")

    # ---- The sponsor's row of the engagement whose contract hides the sessions.
    sponsor = logged_in_page(new_context, base, sponsor_person)
    dashboard(sponsor, base)
    expect(row(sponsor, hidden_sessions)).to_contain_text("You are the sponsor")
    hidden_row = flat(row(sponsor, hidden_sessions).inner_text())
    assert "log the sessions" not in hidden_row
    # The stage itself is no secret (every party reads it); nothing else speaks of sessions.
    assert stage(sponsor, hidden_sessions) == "Sessions"
    stage_words = flat(row(sponsor, hidden_sessions).locator(".dashboard__stage").inner_text())
    assert "session" not in hidden_row.replace(stage_words, "").lower(), hidden_row

    # ---- Before the intake nothing waits for the client or the sponsor.
    client = logged_in_page(new_context, base, client_person)
    for page in (client, sponsor):
        box = next_step_box(page, base, starting)
        expect(box).to_contain_text("Nothing waits for you now.")
        assert own_steps(box) == []

    # ---- The coach follows "Your next step" to the intake page and records the intake.
    dashboard(coach, base)
    row(coach, starting).get_by_role("link", name="Your next step").click()
    coach.wait_for_url(url(base, "engagements:intake", starting))
    coach.locator("input[name=held_on]").fill("2026-03-02")
    coach.locator("textarea[name=question]").fill("Hoe houd ik overzicht in een nieuwe rol?")
    coach.locator("textarea[name=notes]").fill("Veel energie, weinig rust.")
    coach.get_by_role("button", name="Save the intake").click()
    expect(coach.locator(".messages")).to_contain_text("The intake is saved.")

    dashboard(coach, base)
    assert stage(coach, starting) == "Expectations"
    waiting = waits_for(coach, starting)
    assert waiting.startswith("You: state your expectations"), waiting
    assert "Client: state expectations" in waiting
    assert "Sponsor: state expectations" in waiting

    # ---- Now the client's and the sponsor's boxes each offer their expectations.
    box = next_step_box(client, base, starting)
    assert own_steps(box) == ["State your expectations"]
    expect(box.locator("a.button--primary")).to_have_text("State your expectations")
    box.get_by_role("link", name="State your expectations").click()
    client.wait_for_url(url(base, "contracting:expectations", starting))
    state_expectations(client, "effect", "Rust in mijn hoofd en grip op mijn agenda.")

    box = next_step_box(sponsor, base, starting)
    assert own_steps(box) == ["State your expectations"]
    expect(box.locator(".next-step__own")).to_contain_text("optional")
    box.get_by_role("link", name="State your expectations").click()
    sponsor.wait_for_url(url(base, "contracting:expectations", starting))
    state_expectations(sponsor, "financial", "Minder verzuim in het team.")

    # ---- The coach states its own from the dashboard too: the stage moves to the contract.
    dashboard(coach, base)
    row(coach, starting).get_by_role("link", name="Your next step").click()
    coach.wait_for_url(url(base, "contracting:expectations", starting))
    state_expectations(coach, "effect", "Zij stuurt haar team met meer vertrouwen aan.")

    dashboard(coach, base)
    assert stage(coach, starting) == "Contract"
    assert waits_for(coach, starting).startswith("You: write the goals")
    for page in (client, sponsor):
        box = next_step_box(page, base, starting)
        expect(box).to_contain_text("Nothing waits for you now.")
        assert own_steps(box) == []
    dashboard(sponsor, base)
    assert stage(sponsor, starting) == "Contract"


# Ten engagements of one coach, as a busy practice has them: (stage, client, organisation,
# title, with a sponsor).
PRACTICE = [
    ("intake", "Sanne Bakker", "Gemeente Zwolle", "Leadership in a new role", True),
    ("expectations", "Ruben Mulder", "Van Dijk Logistiek", "Grip on the planning team", True),
    ("expectations", "Lotte van den Berg", "Eigen praktijk", "Career choice", False),
    ("contract", "Thijs Bos", "Zorggroep De Linde", "From nurse to team leader", True),
    ("contract", "Eva Smit", "Bakkerij Verhoeven", "Handing over the family business", False),
    ("sessions", "Bram Meijer", "Waterschap Rijn en IJssel", "Dealing with conflict", True),
    ("sessions", "Iris de Boer", "Hogeschool Deventer", "Work-life balance", False),
    ("end_reports", "Fleur Dekker", "Gemeente Zwolle", "Coaching style for managers", True),
    ("end_reports", "Joost van Leeuwen", "Installatiebedrijf Kok", "Delegating", False),
    ("closing", "Noor El Amrani", "Van Dijk Logistiek", "Back to work after absence", True),
]


@pytest.mark.django_db(transaction=True)
def test_screenshots_of_a_busy_dashboard_and_of_a_new_clients_first_page(
    live_server: Any, new_context: Callable[..., BrowserContext]
) -> None:
    base = live_server.url
    coach_person = person("hanneke@dash.example", "Hanneke Visser", coach=True)
    sponsor_person = person("peter@dash.example", "Peter Kok")
    engagements = []
    for n, (stage_name, name, organisation, title, with_sponsor) in enumerate(PRACTICE):
        made = at_stage(
            stage_name,
            coach=coach_person,
            client=person(f"client{n}@dash.example", name),
            sponsor=sponsor_person if with_sponsor else None,
            organisation=organisation,
        )
        engagements.append(titled(made, title))
    ARTIFACTS.mkdir(exist_ok=True)

    coach = logged_in_page(new_context, base, coach_person)
    dashboard(coach, base)
    expect(coach.locator("tr.dashboard__row")).to_have_count(len(PRACTICE))
    for engagement, (stage_name, *_rest) in zip(engagements, PRACTICE, strict=True):
        assert stage(coach, engagement).lower() == stage_name.replace("_", " ")
    coach.screenshot(path=str(ARTIFACTS / "dashboard-coach.png"), full_page=True)

    phone = logged_in_page(new_context, base, coach_person, viewport=PHONE, is_mobile=True)
    dashboard(phone, base)
    expect(phone.locator("tr.dashboard__row")).to_have_count(len(PRACTICE))
    phone.screenshot(path=str(ARTIFACTS / "dashboard-coach-phone.png"), full_page=True)
    widths = phone.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[1], f"scrolls sideways: {widths}"

    # ---- A newly invited client's first page: its engagement, the next step at the top.
    newcomer = person("yara@dash.example", "Yara Hoekstra")
    first = titled(
        at_stage(
            "expectations",
            coach=coach_person,
            client=newcomer,
            sponsor=sponsor_person,
            organisation="Gemeente Zwolle",
        ),
        "Leading the youth care team",
    )
    client = logged_in_page(new_context, base, newcomer)
    box = next_step_box(client, base, first)
    assert own_steps(box) == ["State your expectations"]
    client.screenshot(path=str(ARTIFACTS / "new-client-first-page.png"), full_page=True)
