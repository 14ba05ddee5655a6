"""Harvesting results in a real browser, each party in its own.

The client writes her end report with three goal results and one unexpected result,
shares three of them with the sponsor and keeps one private; the coach judges a result
undesired that the client judged desired. The disagreement shows on the engagement page
and the result's page; nothing the sponsor is served (its pages, the register's htmx
fragments for every filter, a direct request for the private result's address) carries
the private result.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page, expect

from oogst.engagements.models import Engagement
from oogst.harvest.presenters import FILTERS
from oogst.results.models import Result
from tests import factories as f
from tests.conftest import ARTIFACTS

GOALS = {
    "G1": "Work at most 45 hours a week, with free weekends",
    "G2": "Lead the team in a coaching way in the weekly meeting",
    "G3": "Hand the weekly planning over to the team leads",
}
# The end report's lines, per goal and beyond the goals.
LINES = {
    "G1": "Over the last eight weeks I worked 44 hours a week on average",
    "G2": "In the weekly meeting I now ask questions instead of handing out solutions",
    "G3": "The team leads make the weekly planning without me",
    "other": "I negotiated a higher bonus for myself with the director",
}
PRIVATE = "G2"  # the client keeps this result from the sponsor
HIDDEN_WORDS = "instead of handing out solutions"


@dataclass
class Harvest:
    engagement: Engagement
    emails: dict[str, str]


@pytest.fixture
def harvest(transactional_db: None) -> Harvest:
    engagement = f.EngagementFactory(title="Coaching of an IT manager", language="en")
    emails = {}
    for party in ("client", "coach", "sponsor"):
        person = f.UserFactory(email=f"{party}@harvest.example", name=party.title(), language="en")
        f.ParticipationFactory(engagement=engagement, person=person, party=party)
        emails[party] = person.email
    contract = f.ContractFactory(engagement=engagement)
    for party in ("client", "coach", "sponsor"):
        f.ContractAcceptanceFactory(contract=contract, party=party)
    for position, (key, text) in enumerate(GOALS.items(), start=1):
        f.GoalFactory(engagement=engagement, key=key, text=text, position=position)
    return Harvest(engagement=engagement, emails=emails)


def log_in(context: BrowserContext, base_url: str, email: str) -> Page:
    page = context.new_page()
    page.goto(base_url + reverse("accounts:login"))
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(f.PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(lambda url: reverse("accounts:login") not in url)
    return page


def url(base: str, name: str, engagement: Engagement, *args: Any) -> str:
    return base + reverse(name, args=[engagement.pk, *args])


def text_of(page: Page) -> str:
    return re.sub(r"\s+", " ", page.locator("body").inner_text())


def key_of(text: str) -> str:
    return Result.objects.get(text=text).key


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"harvest-{name}.png"), full_page=True)


def write_end_report(page: Page, base: str, engagement: Engagement) -> None:
    page.goto(url(base, "results:end_report", engagement))
    for part, line in LINES.items():
        name = "other-result" if part == "other" else f"goal-{part}-result"
        page.locator(f'input[name="{name}"]').first.fill(line)
    page.get_by_role("button", name="Submit my end report").click()
    page.get_by_role("button", name="Yes, submit my end report").click()
    page.wait_for_load_state()


def share(page: Page, base: str, engagement: Engagement, key: str) -> None:
    page.goto(url(base, "results:result", engagement, key))
    page.get_by_role("button", name=f"Share {key} with the sponsor").click()
    # htmx swaps the consent block: the button now offers to stop sharing.
    expect(page.get_by_role("button", name=f"Stop sharing {key} with the sponsor")).to_be_visible()
    # ...and, out of band, the result's badge at the top of the page, without a reload.
    expect(page.locator(f"#share-badge-{key}")).to_have_text("⇢ shared with the sponsor")


def test_client_harvests_coach_disagrees_sponsor_sees_only_what_is_shared(
    live_server: Any, new_context: Callable[..., BrowserContext], harvest: Harvest
) -> None:
    base, engagement = live_server.url, harvest.engagement

    # The client writes her end report: three goal results and one unexpected result.
    client = log_in(new_context(), base, harvest.emails["client"])
    write_end_report(client, base, engagement)
    results = {r.text: r for r in Result.objects.filter(engagement=engagement)}
    assert set(results) == set(LINES.values()), "the end report put its four results in"
    assert not results[LINES["other"]].expected
    assert all(results[LINES[g]].expected for g in GOALS)
    keys = {part: key_of(line) for part, line in LINES.items()}

    # She shares three and keeps one private.
    for part in ("G1", "G3", "other"):
        share(client, base, engagement, keys[part])
    client.goto(url(base, "results:result", engagement, keys[PRIVATE]))
    expect(
        client.get_by_role("button", name=f"Share {keys[PRIVATE]} with the sponsor")
    ).to_be_visible()
    assert not Result.objects.get(key=keys[PRIVATE], engagement=engagement).shared_with_sponsor

    # The coach judges the unexpected result undesired; the client judged it desired.
    coach = log_in(new_context(), base, harvest.emails["coach"])
    bonus = keys["other"]
    coach.goto(url(base, "results:result", engagement, bonus))
    coach.get_by_label("undesired").check()
    coach.get_by_label("Share owed to the coaching (%)").fill("50")
    coach.get_by_label("Your confidence in that share (%)").fill("40")
    coach.get_by_role("button", name="Save my judgement").click()
    coach.wait_for_url(url(base, "results:result", engagement, bonus))
    warning = coach.locator(".result-page__disagreement")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Client: desired.")
    expect(warning).to_contain_text("Coach: undesired.")
    expect(coach.locator("#judgements tr.judgement--contested")).to_have_count(2)
    shot(coach, "result-coach")

    coach.goto(url(base, "closing:engagement", engagement))
    card = coach.locator(f"#result-{bonus}")
    expect(card.locator(".badge--disagreement")).to_be_visible()
    expect(card.locator(".badge--disagreement")).to_contain_text("Parties disagree")
    calm = coach.locator(f"#result-{keys['G1']} .badge--disagreement")
    expect(calm).to_have_count(0)
    assert LINES[PRIVATE] in text_of(coach), "the coach reads the private result"

    # The sponsor: the engagement page, every htmx fragment, the result pages.
    sponsor_context = new_context()
    sponsor = log_in(sponsor_context, base, harvest.emails["sponsor"])
    response = sponsor.goto(url(base, "closing:engagement", engagement))
    assert response is not None and response.ok
    shot(sponsor, "engagement-sponsor")
    seen = text_of(sponsor)
    for part in ("G1", "G3", "other"):
        assert LINES[part] in seen, f"the sponsor should read the shared result {part}"
    assert LINES[PRIVATE] not in seen and HIDDEN_WORDS not in seen
    assert "1 result is not visible to you." in seen
    expect(sponsor.locator(f"#result-{bonus} .badge--disagreement")).to_be_visible()

    for register_filter in FILTERS:
        fragment = sponsor_context.request.get(
            url(base, "closing:engagement", engagement) + f"?show={register_filter.key}",
            headers={"HX-Request": "true"},
        )
        body = fragment.text()
        assert fragment.status == 200, register_filter.key
        assert "<html" not in body, f"{register_filter.key}: expected a fragment"
        assert HIDDEN_WORDS not in body, f"the {register_filter.key} fragment leaks"

    sponsor.goto(url(base, "results:result", engagement, bonus))
    expect(sponsor.locator(".result-page__disagreement")).to_be_visible()
    assert "Coach: undesired." in text_of(sponsor)

    hidden = sponsor.goto(url(base, "results:result", engagement, keys[PRIVATE]))
    assert hidden is not None and hidden.status == 404
    assert HIDDEN_WORDS not in text_of(sponsor)
    missing = sponsor.goto(url(base, "results:result", engagement, "R999"))
    assert missing is not None and missing.status == 404
    preview = sponsor.goto(url(base, "results:sponsor_preview", engagement))
    assert preview is not None and preview.status == 403

    # The client's preview shows what the sponsor sees, without the private result.
    response = client.goto(url(base, "results:sponsor_preview", engagement))
    assert response is not None and response.ok
    shot(client, "preview")
    previewed = text_of(client)
    assert "This is what the sponsor sees now" in previewed
    for part in ("G1", "G3", "other"):
        assert LINES[part] in previewed
    assert LINES[PRIVATE] not in previewed and HIDDEN_WORDS not in previewed

    # She changes her mind on one result; the sponsor's page follows.
    client.goto(url(base, "results:result", engagement, keys["G3"]))
    client.get_by_role("button", name=f"Stop sharing {keys['G3']} with the sponsor").click()
    expect(
        client.get_by_role("button", name=f"Share {keys['G3']} with the sponsor")
    ).to_be_visible()
    sponsor.goto(url(base, "closing:engagement", engagement))
    assert LINES["G3"] not in text_of(sponsor)


def test_result_form_suggests_goals_and_shows_the_value_only_when_observable(
    live_server: Any, new_context: Callable[..., BrowserContext], harvest: Harvest
) -> None:
    base, engagement = live_server.url, harvest.engagement
    page = log_in(new_context(), base, harvest.emails["client"])
    page.goto(url(base, "results:result_new", engagement))

    value = page.get_by_label("Value")
    expect(value).to_be_hidden()  # explicable is the default
    page.get_by_label("Observable: it can be seen or measured").check()
    expect(value).to_be_visible()
    page.get_by_label("Explicable: it shows in conversation").check()
    expect(value).to_be_hidden()

    page.get_by_label("The result, in your own words").fill(
        "The team leads now make the weekly planning themselves"
    )
    suggestion = page.locator("#goal-suggestions .suggestion").first
    expect(suggestion).to_contain_text("G3")
    goal = page.locator("#goal-pick-G3")
    expect(goal).not_to_be_checked()
    suggestion.click()  # one click ticks the goal
    expect(goal).to_be_checked()
    shot(page, "result-form")
    page.get_by_role("button", name="Add to the register").click()
    page.wait_for_url(re.compile(r"/results/R\d+/$"))
    result = Result.objects.get(engagement=engagement)
    assert [g.key for g in result.goals.all()] == ["G3"] and result.expected

    page.goto(url(base, "results:result_new", engagement))
    page.get_by_label("The result, in your own words").fill(
        "I negotiated a higher bonus for myself with the director"
    )
    expect(page.locator("#goal-suggestions")).to_contain_text("probably unexpected")
