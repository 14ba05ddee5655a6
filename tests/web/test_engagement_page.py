"""The engagement page: each party reads only what the policy lets it read."""

import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from tests import factories as f
from tests.parties import (
    GOAL_TEXTS,
    SHARED_TEXT,
    SPONSOR_TEXT,
    UNSHARED_TEXT,
    Trio,
    logged_in,
)

HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}


def url(engagement: Engagement, **query: str) -> str:
    base = reverse("closing:engagement", args=[engagement.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def glance(html: str) -> str:
    """The page's summary ("at a glance")."""
    return html.split('id="at-a-glance"', 1)[1].split("</section>", 1)[0]


def page(client: Client, user: User, engagement: Engagement, **extra: Any) -> str:
    response = logged_in(client, user).get(url(engagement), **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_client_reads_every_result_and_her_part(client: Client, trio: Trio) -> None:
    html = page(client, trio.alice, trio.engagement)
    assert trio.engagement.title in html
    for text in (SHARED_TEXT, UNSHARED_TEXT, SPONSOR_TEXT, GOAL_TEXTS[0]):  # G1: R1 achieves it
        assert text in html
    assert "You are: client" in html
    assert "not visible to you" not in html
    assert "not shared with the sponsor" in html


def test_coach_reads_every_result(client: Client, trio: Trio) -> None:
    html = page(client, trio.bob, trio.engagement)
    assert UNSHARED_TEXT in html
    assert "You are: coach" in html


def test_sponsor_cannot_read_unshared_result_and_is_told_how_many(
    client: Client, trio: Trio
) -> None:
    html = page(client, trio.charlie, trio.engagement)
    assert SHARED_TEXT in html
    assert SPONSOR_TEXT in html
    assert UNSHARED_TEXT not in html
    assert "1 result is not visible to you." in html
    # The sponsor is not told which results the client keeps to herself.
    assert "shared with the sponsor" not in html


def test_sponsor_whose_contract_hides_goals_sees_no_goal_texts(client: Client, trio: Trio) -> None:
    trio.engagement.contract.sponsor_may_see = []
    trio.engagement.contract.save(update_fields=["sponsor_may_see"])
    html = page(client, trio.charlie, trio.engagement)
    for text in GOAL_TEXTS:
        assert text not in html
    facts = glance(html)
    assert re.search(r"Goals</a>\s*</dt>\s*<dd>\s*<span class=\"muted\">not visible to you", facts)
    assert re.search(r"Sessions</a>\s*</dt>\s*<dd>\s*<span class=\"muted\">not visible", facts)
    assert SHARED_TEXT in html


def test_sponsor_sees_goals_by_default(client: Client, trio: Trio) -> None:
    html = page(client, trio.charlie, trio.engagement)
    assert GOAL_TEXTS[0] in html


def test_register_shows_the_five_distinctions_and_the_disagreement(
    client: Client, trio: Trio
) -> None:
    html = page(client, trio.bob, trio.engagement)
    register = html.split('id="register"')[1].split('id="overview"')[0]
    for words in ("no goal", "unexpected", "undesired", "for the organisation", "observable"):
        assert words in register
    assert "€40,000" in register
    assert "Parties disagree" in register
    assert "48%" in register  # R1: share 60% times confidence 80%


def test_alignment_names_each_divergence_in_words(client: Client, trio: Trio) -> None:
    assert "3 divergences" in glance(page(client, trio.bob, trio.engagement))
    expectations = reverse("contracting:expectations", args=[trio.engagement.pk])
    html = client.get(expectations).content.decode()
    assert "The sponsor thinks of financial results; neither the client nor the coach does." in html
    assert "The client thinks of results as success achieved;" in html


def test_closing_conversation_declined_by_the_sponsor(client: Client, trio: Trio) -> None:
    assert "Declined" in glance(page(client, trio.alice, trio.engagement))
    conversation = reverse("closing:conversation", args=[trio.engagement.pk])
    html = client.get(conversation).content.decode()
    assert "Declined by the sponsor." in html
    assert "Geen reactie." in html


def test_filter_without_javascript_returns_the_whole_page_filtered(
    client: Client, trio: Trio
) -> None:
    response = logged_in(client, trio.bob).get(url(trio.engagement, show="observable"))
    html = response.content.decode()
    assert "<html" in html
    register = html.split('id="register"')[1].split('id="overview"')[0]
    assert SPONSOR_TEXT in register
    assert SHARED_TEXT not in register
    assert "1 of 3 results match this filter." in register


def test_htmx_filter_returns_only_the_register(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).get(url(trio.engagement, show="unexpected"), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="expectations"' not in html
    assert UNSHARED_TEXT in html and SPONSOR_TEXT in html
    assert SHARED_TEXT not in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "HX-Request" in response["Vary"]


def test_htmx_fragment_for_the_sponsor_lacks_the_unshared_result(
    client: Client, trio: Trio
) -> None:
    for show in ("all", "unexpected"):
        response = logged_in(client, trio.charlie).get(url(trio.engagement, show=show), **HTMX)
        html = response.content.decode()
        assert "<html" not in html
        assert UNSHARED_TEXT not in html
        assert SPONSOR_TEXT in html


def test_unknown_filter_shows_everything(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).get(url(trio.engagement, show="nonsense"), **HTMX)
    html = response.content.decode()
    assert SHARED_TEXT in html and UNSHARED_TEXT in html


def test_outsider_gets_404(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.dave).get(url(trio.engagement))
    assert response.status_code == 404


def test_operator_without_a_part_gets_404(client: Client, trio: Trio) -> None:
    operator = f.UserFactory(is_staff=True, is_superuser=True)
    response = logged_in(client, operator).get(url(trio.engagement))
    assert response.status_code == 404


def test_unknown_engagement_gets_404(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(
        reverse("closing:engagement", args=[trio.engagement.pk + 1000])
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_login(client: Client, trio: Trio) -> None:
    response = client.get(url(trio.engagement))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["post", "delete"])
def test_only_get_is_allowed(client: Client, trio: Trio, method: str) -> None:
    response = getattr(logged_in(client, trio.alice), method)(url(trio.engagement))
    assert response.status_code == 405


def engagement_with_results(n: int, sponsor: User) -> Engagement:
    engagement = f.EngagementFactory()
    f.ParticipationFactory(engagement=engagement, person=sponsor, party="sponsor")
    f.ParticipationFactory(engagement=engagement, party="client")
    f.ParticipationFactory(engagement=engagement, party="coach")
    f.ContractFactory(engagement=engagement)
    goals = [f.GoalFactory(engagement=engagement, key=f"G{i}") for i in range(1, 4)]
    for i in range(n):
        result = f.ResultFactory(
            engagement=engagement,
            key=f"R{i + 1}",
            shared_with_sponsor=i % 2 == 0,
            goals=[goals[i % 3], goals[(i + 1) % 3]],
        )
        f.JudgementFactory(result=result, party="client")
        f.JudgementFactory(
            result=result,
            party="sponsor",
            desirability="undesired",
            share=Decimal("0.5"),
            confidence=Decimal("0.5"),
        )
    return engagement


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_register(client: Client) -> None:
    sponsor = f.UserFactory()
    small = engagement_with_results(5, sponsor)
    large = engagement_with_results(200, sponsor)
    logged_in(client, sponsor)
    counts = []
    for engagement in (small, large):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url(engagement))
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert response.content.decode().count('class="result ') == 100
