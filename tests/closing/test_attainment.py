"""Attainment ratings: each party rates each goal in its own login, and reads only the
T-scores and differences the policy lets it read."""

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oogst import policy
from oogst.accounts.models import User
from oogst.closing.models import AttainmentRating
from oogst.closing.services.attainment import attainment_rate
from oogst.contracting.models import Amendment, ContractAcceptance, Goal
from oogst.engagements.models import Engagement
from oogst.harvest.selectors import report_for
from oogst.policy import Content, Facts, Party
from tests import factories as f
from tests.parties import GOAL_TEXTS, Trio, logged_in


def url(trio: Trio) -> str:
    return reverse("closing:attainment", args=[trio.engagement.pk])


def levels_of(trio: Trio, rater: str) -> dict[str, int]:
    return dict(
        AttainmentRating.objects.filter(goal__engagement=trio.engagement, rater=rater)
        .order_by("goal__position")
        .values_list("goal__key", "level")
    )


def rate(trio: Trio, rater: str, **levels: int) -> None:
    for key, level in levels.items():
        goal = Goal.objects.get(engagement=trio.engagement, key=key)
        AttainmentRating.objects.update_or_create(goal=goal, rater=rater, defaults={"level": level})


def sponsor_may_see(trio: Trio, *items: str) -> None:
    trio.engagement.contract.sponsor_may_see = list(items)
    trio.engagement.contract.save(update_fields=["sponsor_may_see"])


def score_cell(html: str, party: str) -> str:
    """The text of the T-score cell of one rater, whitespace collapsed."""
    match = re.search(rf'<td[^>]*data-rater="{party}"[^>]*>(.*?)</td>', html, re.S)
    assert match, f"no score cell for {party}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def differences(html: str) -> list[str]:
    """The goal keys listed as differing by two levels or more."""
    return re.findall(r'<li class="attainment-difference">\s*<span class="key">(\w+)</span>', html)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Services explain in the active language; these tests read the English."""
    with translation.override("en"):
        yield


# ---------------------------------------------------------------- the service


def test_a_party_rates_its_own_goals(trio: Trio) -> None:
    written = attainment_rate(engagement=trio.engagement, party=Party.CLIENT, levels={"G2": 2})
    assert [(r.goal.key, r.rater, r.level) for r in written] == [("G2", "client", 2)]
    # G1 keeps her earlier rating; the coach's is untouched.
    assert levels_of(trio, "client") == {"G1": 1, "G2": 2}
    assert levels_of(trio, "coach") == {"G1": 0}


def test_rating_again_changes_the_level_and_adds_no_row(trio: Trio) -> None:
    attainment_rate(engagement=trio.engagement, party=Party.CLIENT, levels={"G1": -2})
    assert levels_of(trio, "client") == {"G1": -2}
    assert AttainmentRating.objects.filter(rater="client").count() == 1


@pytest.mark.parametrize("level", [3, -3, True, "1", 1.0])
def test_a_level_outside_minus_two_to_two_is_rejected_and_nothing_changes(
    trio: Trio, level: object
) -> None:
    with pytest.raises(ValidationError) as raised:
        attainment_rate(
            engagement=trio.engagement,
            party=Party.CLIENT,
            levels={"G2": 1, "G1": level},  # type: ignore[dict-item]
        )
    assert "G1" in raised.value.message_dict
    assert levels_of(trio, "client") == {"G1": 1}


def test_an_unknown_goal_is_rejected(trio: Trio) -> None:
    with pytest.raises(ValidationError) as raised:
        attainment_rate(engagement=trio.engagement, party=Party.COACH, levels={"G9": 0})
    assert "G9" in raised.value.message_dict


def test_the_policy_lets_no_party_write_anothers_rating() -> None:
    for viewer in Party:
        for author in Party:
            allowed = policy.may_write(Content.ATTAINMENT, Facts(viewer=viewer, author=author))
            assert allowed == (viewer == author)


def test_a_closed_engagement_takes_no_ratings(trio: Trio) -> None:
    trio.engagement.closed_at = timezone.now()
    trio.engagement.save(update_fields=["closed_at"])
    with pytest.raises(PermissionDenied):
        attainment_rate(engagement=trio.engagement, party=Party.CLIENT, levels={"G1": 2})
    assert levels_of(trio, "client") == {"G1": 1}


def test_a_sponsor_that_may_not_see_the_goals_has_nothing_to_rate(trio: Trio) -> None:
    sponsor_may_see(trio)
    with pytest.raises(ValidationError, match="does not let you see the goals"):
        attainment_rate(engagement=trio.engagement, party=Party.SPONSOR, levels={"G1": 0})
    assert levels_of(trio, "sponsor") == {}


def test_goals_are_rated_only_once_the_contract_is_in_force(trio: Trio) -> None:
    ContractAcceptance.objects.filter(party="sponsor").delete()
    with pytest.raises(ValidationError, match="every party has accepted"):
        attainment_rate(engagement=trio.engagement, party=Party.COACH, levels={"G1": 1})


# ---------------------------------------------------------------- the page


def test_the_page_shows_each_goal_as_a_group_of_five_described_levels(
    client: Client, trio: Trio
) -> None:
    Goal.objects.filter(key="G1").update(level_minus_2="Werkweken worden langer")
    response = logged_in(client, trio.alice).get(url(trio))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<fieldset class="result-form__group attainment-goal') == 2
    for text in GOAL_TEXTS:
        assert text in html
    assert "-2 much less than expected: Werkweken worden langer" in html
    assert "0 the expected level: Het verwachte niveau" in html
    assert "+2 much more than expected" in html
    # The factory's baseline is -1: that level is marked.
    assert html.count("level at the start") == 2
    # Her earlier rating of G1 (+1) is chosen.
    assert re.search(r'name="level_G1" value="1"[^>]*checked', html)
    assert "<h1>" in html and html.count("<h1") == 1


def test_saving_ratings_redirects_and_stores_them(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(url(trio), {"level_G1": "2", "level_G2": "-1"})
    assert response.status_code == 302
    assert response["Location"] == url(trio)
    assert levels_of(trio, "coach") == {"G1": 2, "G2": -1}


def test_the_sponsor_cannot_write_the_clients_rating(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).post(
        url(trio), {"level_G1": "-2", "rater": "client", "party": "client"}
    )
    assert response.status_code == 302
    assert levels_of(trio, "client") == {"G1": 1}
    assert levels_of(trio, "sponsor") == {"G1": -2}


def test_a_level_out_of_range_is_rejected_and_the_choices_are_kept(
    client: Client, trio: Trio
) -> None:
    response = logged_in(client, trio.alice).post(url(trio), {"level_G1": "5", "level_G2": "-1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose one of the five levels, from -2 to +2." in html
    assert 'aria-describedby="id_level_G1_error"' in html
    assert re.search(r'name="level_G2" value="-1"[^>]*checked', html)
    assert levels_of(trio, "client") == {"G1": 1}


def test_submitting_no_level_at_all_explains(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(url(trio), {})
    assert response.status_code == 400
    assert "Choose the level reached for at least one goal." in response.content.decode()


def test_the_t_score_per_rater_on_the_page_matches_the_report(client: Client, trio: Trio) -> None:
    rate(trio, "client", G2=1)
    rate(trio, "coach", G2=-1)
    html = logged_in(client, trio.bob).get(url(trio)).content.decode()
    gas = report_for(engagement_id=trio.engagement.pk, viewer=Party.COACH)["gas"]
    # Worked: 50 + 10 * 2 / sqrt(0.7 * 2 + 0.3 * 4) = 62.40; the coach 50 - 10 / sqrt(2.6).
    assert gas["client"] == 62.4 and gas["coach"] == 43.8
    assert score_cell(html, "client") == f"{gas['client']:.2f}"
    assert score_cell(html, "coach") == f"{gas['coach']:.2f}"
    assert score_cell(html, "sponsor") == "not rated yet"


def test_raters_two_levels_apart_are_flagged(client: Client, trio: Trio) -> None:
    rate(trio, "client", G2=1)
    rate(trio, "coach", G2=-1)  # G1: client +1, coach 0 is one level apart only
    html = logged_in(client, trio.alice).get(url(trio)).content.decode()
    assert differences(html) == ["G2"]
    difference = html.split('<li class="attainment-difference">')[1].split("</li>")[0]
    assert "Client +1" in difference and "Coach \u22121" in difference


def test_no_difference_of_two_says_so(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.alice).get(url(trio)).content.decode()
    assert differences(html) == []
    assert "No goal on which the ratings you can see lie two levels or more apart." in html


def test_the_sponsor_without_attainment_in_the_contract_sees_only_its_own(
    client: Client, trio: Trio
) -> None:
    rate(trio, "sponsor", G1=-1)  # two levels below the client's +1
    html = logged_in(client, trio.charlie).get(url(trio)).content.decode()
    assert score_cell(html, "client") == "not visible to you"
    assert score_cell(html, "coach") == "not visible to you"
    assert score_cell(html, "sponsor") == "40.00"
    assert differences(html) == []
    assert "Rated by the others" not in html


def test_the_sponsor_with_attainment_in_the_contract_sees_the_others(
    client: Client, trio: Trio
) -> None:
    rate(trio, "sponsor", G1=-1)
    sponsor_may_see(trio, "goals", "attainment")
    html = logged_in(client, trio.charlie).get(url(trio)).content.decode()
    assert score_cell(html, "client") == "60.00"
    assert score_cell(html, "coach") == "50.00"
    assert differences(html) == ["G1"]


def test_goals_hidden_from_the_sponsor_leave_it_nothing_to_rate(client: Client, trio: Trio) -> None:
    sponsor_may_see(trio)
    logged_in(client, trio.charlie)
    html = client.get(url(trio)).content.decode()
    assert "There is nothing for you to rate." in html
    assert "The contract does not let you see the goals" in html
    assert "attainment-goal" not in html
    for text in GOAL_TEXTS:
        assert text not in html
    response = client.post(url(trio), {"level_G1": "1"})
    assert response.status_code == 400
    assert levels_of(trio, "sponsor") == {}


def test_a_pending_amendment_does_not_change_what_is_rated(client: Client, trio: Trio) -> None:
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    Amendment.objects.create(
        goal=goal, proposed_by="coach", changes={"text": [goal.text, "Een ander doel"]}
    )
    html = logged_in(client, trio.alice).get(url(trio)).content.decode()
    assert GOAL_TEXTS[0] in html
    assert "Een ander doel" not in html
    assert "A change to this goal awaits acceptance." in html


def test_a_closed_engagement_shows_the_ratings_and_refuses_changes(
    client: Client, trio: Trio
) -> None:
    trio.engagement.closed_at = timezone.now()
    trio.engagement.save(update_fields=["closed_at"])
    logged_in(client, trio.alice)
    html = client.get(url(trio)).content.decode()
    assert "The engagement is closed" in html
    assert "<form" not in html.split('id="rate-heading"')[1].split("</section>")[0]
    assert client.post(url(trio), {"level_G1": "2"}).status_code == 403
    assert levels_of(trio, "client") == {"G1": 1}


def test_wrong_method_is_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    assert client.put(url(trio)).status_code == 405
    assert client.delete(url(trio)).status_code == 405


def test_an_outsider_gets_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(url(trio)).status_code == 404
    assert client.post(url(trio), {"level_G1": "2"}).status_code == 404
    assert not AttainmentRating.objects.filter(level=2).exists()


def test_anonymous_is_sent_to_log_in(client: Client, trio: Trio) -> None:
    response = client.get(url(trio))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_weights_count_in_the_t_score_on_the_page(client: Client, trio: Trio) -> None:
    Goal.objects.filter(key="G2").update(weight=Decimal(3))
    rate(trio, "coach", G2=2)  # coach: G1 0 (w 1), G2 +2 (w 3)
    html = logged_in(client, trio.bob).get(url(trio)).content.decode()
    # 50 + 10 * 6 / sqrt(0.7 * 10 + 0.3 * 16) = 50 + 60 / sqrt(11.8) = 67.47
    assert score_cell(html, "coach") == "67.47"


@pytest.mark.django_db
def test_an_engagement_without_goals_says_so(client: Client) -> None:
    engagement: Engagement = f.EngagementFactory()
    person: User = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=person, party="coach")
    html = (
        logged_in(client, person)
        .get(reverse("closing:attainment", args=[engagement.pk]))
        .content.decode()
    )
    assert "This engagement has no goals yet." in html
