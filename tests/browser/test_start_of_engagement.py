"""The whole start of an engagement in a real browser, each party in its own.

The coach starts an engagement and invites the client and the sponsor by e-mail; each
invitee follows the link from the mail, chooses a password and lands logged in. The three
state expectations that diverge (only the sponsor thinks of financial results), the coach
proposes the terms and writes two goals with the live SMART check, all three accept the
contract, an amendment to a goal is accepted by the others, the coach logs two sessions
with private notes and the client writes a reflection she keeps to herself. Finally the
sponsor's pages carry none of the private texts, while its sessions page counts the
sessions held.
"""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from oogst.contracting.models import Amendment, Goal, Session
from oogst.engagements.models import Engagement, Invitation
from tests import factories as f
from tests.conftest import ARTIFACTS

TITLE = "Coaching of the head of IT"
ORGANISATION = "Harbour Logistics"
PASSWORDS = {"client": "client-browser-pass-4817", "sponsor": "sponsor-browser-pass-6203"}
PEOPLE = {
    "client": ("Claire Client", "claire@start.example"),
    "sponsor": ("Simon Sponsor", "simon@start.example"),
}
EXPECTATIONS = {
    "coach": (["effect"], "She leads her team in a more coaching way."),
    "client": (
        ["effect", "success"],
        "I lead without doing everything myself, and I am proud of it.",
    ),
    "sponsor": (["effect", "financial"], "Less overtime, and the coaching pays for itself."),
}
GOAL_SHARP = "Work at most 45 hours a week by 30 September 2030, measured in my time sheets"
GOAL_VAGUE = "Be a better leader"
GOAL_AMENDED = (
    "Lead the weekly team meeting by asking questions instead of giving answers by 1 July 2030"
)
INTAKE_NOTES = "COACH-INTAKE-XYZ: tired, works every weekend"
COACH_NOTES = ("COACH-NOTE-XYZ one: she cannot say no", "COACH-NOTE-XYZ two: bonus talk")
REFLECTION = "CLIENT-REFLECTION-XYZ: I felt heard for the first time"
TOPICS = ("saying no, planning", "negotiating")
SECRETS = ("COACH-NOTE-XYZ", "CLIENT-REFLECTION-XYZ", "COACH-INTAKE-XYZ")


# ---------------------------------------------------------------- helpers


def new_page(new_context: Callable[..., BrowserContext]) -> Page:
    # An English browser, so the pages before login (invitation) speak English too.
    return new_context(locale="en-GB").new_page()


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: reverse("accounts:login") not in url)


def url(base: str, name: str, engagement: Engagement, *args: Any) -> str:
    return base + reverse(name, args=[engagement.pk, *args])


def text_of(page: Page) -> str:
    return re.sub(r"\s+", " ", page.locator("body").inner_text())


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"start-{name}.png"), full_page=True)


def invitation_link(email: str) -> str:
    """The link in the last invitation mail to `email`."""
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no invitation mail to {email}; outbox: {[m.to for m in mail.outbox]}"
    found = re.search(r"https?://\S+/invitations/[\w-]+/", sent[-1].body)
    assert found, sent[-1].body
    return found[0]


def invite(page: Page, base: str, engagement: Engagement, party: str) -> None:
    name, email = PEOPLE[party]
    page.goto(url(base, "contracting:invite", engagement))
    card = page.locator(f"#invite-{party}")
    card.locator(f"input[name={party}-name]").fill(name)
    card.locator(f"input[name={party}-email]").fill(email)
    card.get_by_role("button", name=f"Invite the {party}").click()
    expect(page.locator(".messages")).to_contain_text(
        f"The invitation for {name} ({party}) was sent to {email}."
    )


def join(page: Page, base: str, engagement: Engagement, party: str) -> None:
    """Follow the invitation link, choose a password, land logged in on the engagement."""
    page.goto(invitation_link(PEOPLE[party][1]))
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    page.locator("input[name=new_password1]").fill(PASSWORDS[party])
    page.locator("input[name=new_password2]").fill(PASSWORDS[party])
    page.get_by_role("button", name="Set my password and join").click()
    page.wait_for_url(url(base, "closing:engagement", engagement))
    expect(page.locator("html")).to_have_attribute("lang", "en")


def state_expectations(page: Page, base: str, engagement: Engagement, party: str) -> None:
    meanings, text = EXPECTATIONS[party]
    page.goto(url(base, "contracting:expectations", engagement))
    for meaning in meanings:
        page.locator(f"input[name=meanings][value={meaning}]").check()
    page.locator("textarea[name=text]").fill(text)
    page.get_by_role("button", name="Save my expectations").click()
    expect(page.locator(".messages")).to_contain_text("Your expectations are saved.")


def write_goal(page: Page, base: str, engagement: Engagement, text: str) -> str:
    """Write a goal; the SMART check follows the typing (htmx). Returns the goal's key."""
    page.goto(url(base, "contracting:goal_new", engagement))
    smart = page.locator("#smart-check")
    expect(smart).to_contain_text("Write the goal to see the SMART check.")
    with page.expect_response(lambda r: r.url.endswith("/goals/smart/")) as checked:
        page.locator("textarea[name=text]").fill(text)
    assert checked.value.ok
    for name in ("Specific", "Measurable", "Acceptable", "Result-oriented", "Time-bound"):
        expect(smart).to_contain_text(name)
    expect(smart.locator(".smart__item")).to_have_count(5)
    page.locator("textarea[name=level_0]").fill("As described in the goal")
    page.locator("input[name=due]").fill("2030-09-30")
    return text


def accept_contract(page: Page, base: str, engagement: Engagement) -> None:
    page.goto(url(base, "contracting:contract", engagement))
    page.get_by_role("button", name="Accept the contract").click()
    expect(page.locator(".ctr-confirm")).to_contain_text("What you accept as the")  # first, read
    page.get_by_role("button", name="Yes, I accept").click()
    expect(page.locator(".messages")).to_contain_text("You accepted the contract.")
    expect(page.locator("#acceptance")).to_contain_text("You accepted on")


def log_session(
    page: Page, base: str, engagement: Engagement, number: int, topics: str, notes: str
) -> None:
    page.goto(url(base, "contracting:session_new", engagement))
    expect(page.locator("input[name=number]")).to_have_value(str(number))
    held_on = timezone.localdate() - timedelta(days=7 * (3 - number))
    page.locator("input[name=held_on]").fill(held_on.isoformat())
    page.locator("input[name=topics]").fill(topics)
    page.locator("input[name=goal_keys]").first.check()
    page.locator("textarea[name=coach_notes]").fill(notes)
    page.get_by_role("button", name="Log the session").click()
    page.wait_for_url(url(base, "contracting:sessions", engagement))
    expect(page.locator(".messages")).to_contain_text(f"Session {number} is logged.")


def html_and_text(page: Page) -> str:
    """What the page carries: its visible text and its markup (hidden parts too)."""
    return text_of(page) + "\n" + page.content()


# ---------------------------------------------------------------- the test


@pytest.mark.django_db(transaction=True)
def test_start_of_an_engagement_with_three_parties(
    live_server: Any, new_context: Callable[..., BrowserContext], mailoutbox: list[Any]
) -> None:
    base = live_server.url
    coach_person = f.UserFactory(
        email="coach@start.example", name="Cora Coach", language="en", is_coach=True
    )

    # ---- The coach logs in and starts the engagement.
    coach = new_page(new_context)
    log_in(coach, base, coach_person.email, f.PASSWORD)
    coach.goto(base + reverse("engagements:start"))
    coach.locator("input[name=title]").fill(TITLE)
    coach.locator("input[name=organisation]").fill(ORGANISATION)
    coach.locator("input[name=language][value=en]").check()
    coach.get_by_role("button", name="Start the engagement").click()
    coach.wait_for_url(re.compile(r"/engagements/\d+/invite/$"))
    engagement = Engagement.objects.get(title=TITLE)
    assert engagement.organisation.name == ORGANISATION and engagement.language == "en"
    expect(coach.locator(".stage-head")).to_contain_text("You are: coach")

    # ---- She invites the client and the sponsor; each gets a mail with a link.
    invite(coach, base, engagement, "client")
    invite(coach, base, engagement, "sponsor")
    assert len(mailoutbox) == 2
    assert {m.to[0] for m in mailoutbox} == {e for _n, e in PEOPLE.values()}
    expect(coach.locator("table.invite-parties")).to_contain_text("invitation sent")

    # ---- Each invitee opens the link in their own browser, sets a password, is in.
    client, sponsor = new_page(new_context), new_page(new_context)
    join(client, base, engagement, "client")
    join(sponsor, base, engagement, "sponsor")
    assert Invitation.objects.filter(engagement=engagement, accepted_at__isnull=False).count() == 2
    used = client.context.new_page()
    response = used.goto(invitation_link(PEOPLE["client"][1]))
    assert response is not None and response.status == 404, "an invitation link works once"
    used.close()
    coach.goto(url(base, "contracting:invite", engagement))
    expect(coach.locator("table.invite-parties .badge--accepted")).to_have_count(2)

    # ---- The intake: the coach records the question and notes only she reads.
    coach.goto(url(base, "engagements:intake", engagement))
    coach.get_by_label("The client's question").fill("How do I stop working every weekend?")
    coach.get_by_label("Intake notes").fill(INTAKE_NOTES)
    coach.get_by_role("button", name="Save the intake").click()
    expect(coach.locator(".messages")).to_contain_text("The intake is saved.")
    client.goto(url(base, "engagements:intake", engagement))
    assert "How do I stop working every weekend?" in text_of(client)
    assert "COACH-INTAKE-XYZ" not in html_and_text(client), "the client reads the intake notes"

    # ---- All three state what they mean by "result"; only the sponsor thinks of money.
    state_expectations(coach, base, engagement, "coach")
    state_expectations(client, base, engagement, "client")
    state_expectations(sponsor, base, engagement, "sponsor")
    for page in (coach, client, sponsor):
        page.goto(url(base, "contracting:expectations", engagement))
        divergences = page.locator("#alignment .divergences")
        expect(divergences).to_contain_text(
            "The sponsor thinks of financial results; neither the client nor the coach does."
        )
        expect(divergences).to_contain_text(
            "The client thinks of results as success achieved; "
            "neither the coach nor the sponsor does."
        )
        expect(page.locator("#alignment")).to_contain_text("Shared by every party")
    shot(sponsor, "alignment")

    # ---- The coach proposes the terms of the contract.
    coach.goto(url(base, "contracting:contract", engagement))
    coach.locator("input[name=sessions_planned]").fill("12")
    coach.locator("input[name=costs_amount]").fill("3600")
    coach.locator("input[name=currency]").fill("EUR")
    for view in ("goals", "sessions_held"):
        coach.locator(f"input[name=sponsor_may_see][value={view}]").check()
    coach.locator("input[name=sponsor_may_see][value=attainment]").uncheck()
    coach.get_by_role("button", name="Save the terms").click()
    expect(coach.locator(".messages")).to_contain_text("The terms of the contract are saved.")

    # ---- Two goals, each with the SMART check shown while typing.
    write_goal(coach, base, engagement, GOAL_SHARP)
    smart = coach.locator("#smart-check")
    expect(smart.locator(".smart__item--ok")).to_have_count(5)
    expect(smart).to_contain_text("looks fine")
    coach.get_by_role("button", name="Save the goal").click()
    expect(coach.locator(".messages")).to_contain_text("Goal G1 is saved.")

    write_goal(coach, base, engagement, GOAL_VAGUE)
    expect(smart).to_contain_text("could be sharper")
    expect(smart.locator(".smart__item--advice").first).to_be_visible()
    assert smart.locator(".smart__item--advice").count() >= 2
    shot(coach, "goal-smart")
    coach.get_by_role("button", name="Save the goal").click()
    expect(coach.locator(".messages")).to_contain_text("Goal G2 is saved.")
    assert list(Goal.objects.filter(engagement=engagement).values_list("key", "text")) == [
        ("G1", GOAL_SHARP),
        ("G2", GOAL_VAGUE),
    ]
    coach.locator("#goal-G2 details.ctr-smart summary").click()
    expect(coach.locator("#goal-G2 .smart")).to_contain_text("could be sharper")
    shot(coach, "goals")

    # ---- Each party accepts the contract in their own login; then it is in force.
    accept_contract(client, base, engagement)
    accept_contract(sponsor, base, engagement)
    accept_contract(coach, base, engagement)
    for page in (coach, client, sponsor):
        page.goto(url(base, "contracting:contract", engagement))
        expect(page.locator(".ctr-in-force")).to_contain_text("The contract is in force")
    shot(sponsor, "contract-in-force")

    # ---- The coach proposes an amendment to G2; the client and the sponsor accept it.
    coach.goto(url(base, "contracting:goals", engagement))
    coach.get_by_role("link", name="Propose an amendment to G2").click()
    coach.get_by_label("Why the goal should change").fill("The goal was too vague to rate.")
    coach.locator("textarea[name=text]").fill(GOAL_AMENDED)
    coach.get_by_role("button", name="Propose the amendment").click()
    expect(coach.locator(".messages")).to_contain_text("Your amendment to G2 is proposed")
    expect(coach.locator("#goal-G2 h3")).to_contain_text(GOAL_VAGUE)  # not in force yet
    for page in (client, sponsor):
        page.goto(url(base, "contracting:goals", engagement))
        page.get_by_role("button", name="Accept the amendment to G2").click()
        expect(page.locator(".ctr-confirm .ctr-new")).to_contain_text(GOAL_AMENDED)
        page.get_by_role("button", name="Yes, I accept").click()
        expect(page.locator(".messages")).to_contain_text("amendment to G2")
    expect(sponsor.locator(".messages")).to_contain_text(
        "Every party has accepted: the amendment to G2 is in force."
    )
    assert Amendment.objects.get(goal__engagement=engagement).status == "in_force"
    for page in (coach, client, sponsor):
        page.goto(url(base, "contracting:goals", engagement))
        expect(page.locator("#goal-G2 h3")).to_contain_text(GOAL_AMENDED)
        amendment = page.locator("#amendments .ctr-amendment").first
        change = amendment.locator("table.ctr-changes tbody tr").filter(has_text=GOAL_AMENDED)
        expect(change.locator(".ctr-old")).to_have_text(GOAL_VAGUE)
        expect(change.locator(".ctr-new")).to_have_text(GOAL_AMENDED)
    shot(client, "amendment")

    # ---- The coach logs two sessions with topics and private notes.
    for number, (topics, notes) in enumerate(zip(TOPICS, COACH_NOTES, strict=True), start=1):
        log_session(coach, base, engagement, number, topics, notes)
    assert Session.objects.filter(engagement=engagement).count() == 2
    expect(coach.locator("#session-1")).to_contain_text(COACH_NOTES[0])
    expect(coach.locator("#session-2 .chip--topic")).to_have_text(["negotiating"])

    # ---- The client reflects on session 1 and keeps it to herself.
    client.goto(url(base, "contracting:sessions", engagement))
    client.get_by_role("link", name="Write a reflection on session 1").click()
    client.get_by_label("Your reflection").fill(REFLECTION)
    expect(client.get_by_label("Share with my coach")).not_to_be_checked()
    client.get_by_role("button", name="Save my reflection").click()
    expect(client.locator(".messages")).to_contain_text(
        "Your reflection on session 1 is saved. Only you can read it."
    )
    expect(client.locator("#session-1")).to_contain_text(REFLECTION)
    seen_by_client = html_and_text(client)
    assert "COACH-NOTE-XYZ" not in seen_by_client, "the client reads the coach's notes"
    assert "saying no" in seen_by_client, "the client reads the topics"
    shot(client, "sessions-client")
    coach.goto(url(base, "contracting:sessions", engagement))
    assert "CLIENT-REFLECTION-XYZ" not in html_and_text(coach), "the coach reads it unshared"

    # ---- The sponsor: sessions counted, nothing private on any of its pages.
    response = sponsor.goto(url(base, "contracting:sessions", engagement))
    assert response is not None and response.ok
    expect(sponsor.locator(".session-summary__count")).to_have_text(
        "2 sessions held of the 12 planned."
    )
    expect(sponsor.locator("table.sessions tbody tr")).to_have_count(2)
    shot(sponsor, "sessions-sponsor")
    seen = html_and_text(sponsor)
    for topic in ("saying no", "negotiating", "planning"):
        assert topic not in seen, f"the sponsor's sessions page shows the topic {topic!r}"
    for secret in SECRETS:
        assert secret not in seen, f"the sponsor's sessions page shows {secret}"

    for name in (
        "closing:engagement",
        "contracting:expectations",
        "contracting:goals",
        "contracting:contract",
    ):
        response = sponsor.goto(url(base, name, engagement))
        assert response is not None and response.ok, f"{name}: {response and response.status}"
        seen = html_and_text(sponsor)
        for secret in SECRETS:
            assert secret not in seen, f"the sponsor's {name} page shows {secret}"
    for name in ("engagements:intake", "contracting:session_new"):
        response = sponsor.goto(url(base, name, engagement))
        assert response is not None and response.status == 403, (
            f"{name}: {response and response.status}"
        )
        seen = html_and_text(sponsor)
        for secret in SECRETS:
            assert secret not in seen, f"the sponsor's refused {name} page shows {secret}"
    response = sponsor.goto(url(base, "contracting:reflection", engagement, 1))
    assert response is not None and response.status in (403, 404)
    assert "CLIENT-REFLECTION-XYZ" not in html_and_text(sponsor)
