"""A sponsor added to a private engagement whose contract is in force, in a real browser.

The coach proposes the sponsor on the invite page; the invited sponsor chooses a password
and finds nothing of the engagement; the client agrees on the contract page; the sponsor
accepts the contract as amended and now sees exactly what the default view allows. The
goals stay frozen throughout: an edit is refused and points to amendments.
"""

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from oogst.engagements.models import Engagement, Participation
from tests import factories as f
from tests.browser.test_start_of_engagement import log_in, new_page, shot, text_of, url

GOAL = "Work at most 45 hours a week by 30 September 2030, measured in my time sheets"
UNSHARED = "PRIVATE-RESULT-XYZ: I sleep through the night again"
LEGACY = "LEGACY-SHARED-XYZ: I say no to extra projects"
EXPECTATION = "CLIENT-EXPECTATION-XYZ: calm in my head"
SPONSOR = ("Simon Sponsor", "simon@late.example", "sponsor-late-pass-5521")


def private_engagement_in_force() -> tuple[Engagement, Any, Any]:
    engagement = f.EngagementFactory(title="Career coaching of Claire", language="en")
    client = f.UserFactory(email="claire@late.example", name="Claire Client", language="en")
    coach = f.UserFactory(email="cora@late.example", name="Cora Coach", language="en")
    for person, party in ((client, "client"), (coach, "coach")):
        f.ParticipationFactory(engagement=engagement, person=person, party=party)
    f.ExpectationFactory(engagement=engagement, party="client", text=EXPECTATION)
    contract = f.ContractFactory(engagement=engagement, costs_amount=Decimal("2400"))
    for party in ("client", "coach"):
        f.ContractAcceptanceFactory(contract=contract, party=party)
    f.GoalFactory(engagement=engagement, key="G1", text=GOAL)
    f.SessionFactory(engagement=engagement, number=1, topics=["TOPIC-XYZ negotiating"])
    f.ResultFactory(engagement=engagement, key="R1", text=LEGACY, shared_with_sponsor=True)
    f.ResultFactory(engagement=engagement, key="R2", text=UNSHARED, position=2)
    return engagement, client, coach


def goals_are_frozen(coach: Page, base: str, engagement: Engagement) -> None:
    coach.goto(url(base, "contracting:goal_edit", engagement, "G1"))
    expect(coach.get_by_role("heading", name="The goals are frozen").first).to_be_visible()
    expect(coach.get_by_role("link", name="Propose an amendment")).to_be_visible()


def status_of(page: Page, address: str) -> int:
    response = page.goto(address)
    assert response is not None
    return response.status


@pytest.mark.django_db(transaction=True)
def test_a_sponsor_joins_a_contract_in_force_only_through_the_client(
    live_server: Any, new_context: Callable[..., BrowserContext], mailoutbox: list[Any]
) -> None:
    base = live_server.url
    engagement, client_person, coach_person = private_engagement_in_force()
    name, email, password = SPONSOR

    # ---- The coach proposes a sponsor on the invite page.
    coach = new_page(new_context)
    log_in(coach, base, coach_person.email, f.PASSWORD)
    coach.goto(url(base, "contracting:invite", engagement))
    expect(coach.locator("body")).to_contain_text("The contract is in force.")
    card = coach.locator("#invite-sponsor")
    card.get_by_label("Name").fill(name)
    card.get_by_label("E-mail address").fill(email)
    card.get_by_label("Costs").fill("3000")
    card.get_by_label("Why").fill("Her employer pays from now on.")
    shot(coach, "late-sponsor-propose")
    card.get_by_role("button", name="Propose a sponsor").click()
    expect(coach.locator(".messages")).to_contain_text(
        f"You proposed {name} as the sponsor. The client agrees first"
    )
    expect(coach.locator("#invite-sponsor")).to_contain_text("Waiting for the client to agree.")
    goals_are_frozen(coach, base, engagement)

    # ---- The invited sponsor chooses a password and finds nothing of the engagement.
    sponsor = new_page(new_context)
    link = re.search(r"https?://\S+/invitations/[\w-]+/", mailoutbox[-1].body)
    assert link, mailoutbox[-1].body
    sponsor.goto(link[0])
    sponsor.locator("input[name=new_password1]").fill(password)
    sponsor.locator("input[name=new_password2]").fill(password)
    sponsor.get_by_role("button", name="Set my password and join").click()
    sponsor.wait_for_url(url(base, "contracting:join", engagement))
    expect(sponsor.locator("body")).to_contain_text("The client has not agreed yet.")
    expect(sponsor.get_by_role("button", name="Accept the contract and join")).to_have_count(0)
    shot(sponsor, "late-sponsor-waiting")
    for name_ in ("closing:engagement", "contracting:goals", "contracting:contract"):
        assert status_of(sponsor, url(base, name_, engagement)) == 404, name_
    assert status_of(sponsor, url(base, "closing:final_report_pdf", engagement)) == 404
    assert status_of(sponsor, url(base, "contracting:sessions", engagement)) == 404
    assert not Participation.objects.filter(engagement=engagement, party="sponsor").exists()

    # ---- The client agrees on the contract page.
    client = new_page(new_context)
    log_in(client, base, client_person.email, f.PASSWORD)
    client.goto(url(base, "contracting:contract", engagement))
    changes = client.locator("#party-changes")
    expect(changes).to_contain_text(f"{name} as the sponsor")
    expect(changes).to_contain_text("Proposed by Cora Coach on")
    expect(changes).to_contain_text("Her employer pays from now on.")
    shot(client, "late-sponsor-client-decides")
    changes.get_by_role("button", name=f"I agree that {name} joins").click()
    expect(client.locator(".messages")).to_contain_text(
        f"You agreed. {name} can now accept the contract and join."
    )
    assert status_of(sponsor, url(base, "closing:engagement", engagement)) == 404
    goals_are_frozen(coach, base, engagement)

    # ---- The sponsor accepts the contract as amended and joins.
    sponsor.goto(url(base, "contracting:join", engagement))
    expect(sponsor.locator("body")).to_contain_text("The client has agreed that you join.")
    sponsor.get_by_role("button", name="Accept the contract and join").click()
    sponsor.wait_for_url(url(base, "closing:engagement", engagement))
    expect(sponsor.locator(".messages")).to_contain_text("You accepted the contract and joined.")

    # ---- Now it sees exactly what the default view allows: goals, sessions held.
    seen = text_of(sponsor) + sponsor.content()
    sponsor.goto(url(base, "contracting:goals", engagement))
    seen += text_of(sponsor) + sponsor.content()
    assert GOAL in seen
    for secret in (UNSHARED, LEGACY, "TOPIC-XYZ"):
        assert secret not in seen, secret
    sponsor.goto(url(base, "contracting:sessions", engagement))
    expect(sponsor.locator("body")).to_contain_text("1 session held of the 12 planned")
    assert "TOPIC-XYZ" not in sponsor.content()
    sponsor.goto(url(base, "contracting:contract", engagement))
    expect(sponsor.locator("#party-changes")).to_contain_text(
        f"{name} accepted the contract as amended and joined on"
    )
    expect(sponsor.locator("#acceptance")).to_contain_text("You accepted on")
    shot(sponsor, "late-sponsor-contract")
    goals_are_frozen(coach, base, engagement)

    # ---- The result shared before there was a sponsor waits for the client's decision.
    client.goto(url(base, "closing:engagement", engagement))
    expect(client.locator(".sharing-to-decide")).to_contain_text(
        "Decide whether the sponsor may read 1 result"
    )
    assert reverse("results:result", args=[engagement.pk, "R1"]) in client.content()
