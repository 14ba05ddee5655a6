"""Attainment is rated blind: a party reads the others' ratings, and the T-scores computed
from them, only once it has rated every goal itself, or once the closing conversation's
outcome is recorded (DOMAIN.md, the confidentiality table). The sponsor moreover only if
the contract lets it see attainment.

The trio's closing conversation is recorded (declined), which lifts the blind; here it is
planned instead. G1 is rated by the client (+1) and the coach (0), G2 by nobody: so
nobody has rated every goal yet.
"""

import io
import json
import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Goal
from oogst.harvest.cut import facts_of, rated_every_goal
from oogst.harvest.models import Progress
from oogst.harvest.selectors import harvest_for, report_for
from oogst.harvest.stored import refresh
from oogst.policy import Party
from tests.parties import Trio, logged_in

BLIND = (
    "The others' ratings show once you have rated every goal, "
    "or once the closing conversation is recorded."
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def blind(trio: Trio) -> Trio:
    """The trio with its closing conversation planned, not yet recorded."""
    closing_status(trio, "planned")
    return trio


def closing_status(trio: Trio, status: str) -> None:
    ClosingConversation.objects.filter(engagement=trio.engagement).update(
        status=status, declined_by="sponsor" if status == "declined" else ""
    )


def rate(trio: Trio, rater: str, **levels: int) -> None:
    for key, level in levels.items():
        goal = Goal.objects.get(engagement=trio.engagement, key=key)
        AttainmentRating.objects.update_or_create(goal=goal, rater=rater, defaults={"level": level})


def sponsor_may_see(trio: Trio, *items: str) -> None:
    trio.engagement.contract.sponsor_may_see = list(items)
    trio.engagement.contract.save(update_fields=["sponsor_may_see"])


def attainment_page(client: Client, trio: Trio) -> str:
    response = client.get(reverse("closing:attainment", args=[trio.engagement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def score_cell(html: str, party: str) -> str:
    """The attainment page's T-score cell of one rater, whitespace collapsed."""
    match = re.search(rf'<td[^>]*data-rater="{party}"[^>]*>(.*?)</td>', html, re.S)
    assert match, f"no score cell for {party}"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def others_marks(html: str) -> list[str]:
    """The other raters' levels shown beside the goals on the attainment page."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", block).split())
        for block in re.findall(r'<p class="small attainment-goal__others">(.*?)</p>', html, re.S)
    ]


def glance_scores(client: Client, trio: Trio) -> list[str]:
    """The raters whose T-score the engagement page shows at a glance."""
    response = client.get(reverse("closing:engagement", args=[trio.engagement.pk]))
    assert response.status_code == 200
    return re.findall(r'class="glance__score">(\w+) <strong>', response.content.decode())


def report_scores(html: str) -> dict[str, str]:
    """The final report's T-score table: rater -> what its cell says."""
    table = html.split('class="table report-table report-tscores"')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(\w+)</th>\s*<td[^>]*>(.*?)</td>', table, re.S)
    return {party: " ".join(re.sub(r"<[^>]+>", " ", cell).split()) for party, cell in rows}


def command_report(trio: Trio, *args: str) -> dict:
    out = io.StringIO()
    call_command("report", str(trio.engagement.pk), "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def ratings_in(report: dict) -> dict[str, dict[str, int]]:
    return {g["key"]: g["attainment"] for g in report["goals"]}


# ---------------------------------------------------------------- the cut


def test_rated_every_goal_needs_a_rating_of_each_goal(blind: Trio) -> None:
    whole = harvest_for(engagement_id=blind.engagement.pk, viewer=None).view
    assert not rated_every_goal(whole, "client")  # G1 only
    assert not facts_of(whole, Party.CLIENT).ratings_open  # planned is not recorded
    rate(blind, "client", G2=0)
    whole = harvest_for(engagement_id=blind.engagement.pk, viewer=None).view
    assert rated_every_goal(whole, "client")
    assert facts_of(whole, Party.CLIENT).rated_all
    assert not rated_every_goal(whole, "coach")


def test_with_no_goals_nobody_has_rated_every_goal(blind: Trio) -> None:
    Goal.objects.filter(engagement=blind.engagement).delete()
    whole = harvest_for(engagement_id=blind.engagement.pk, viewer=None).view
    assert not rated_every_goal(whole, "client")


def test_the_operator_reads_every_rating_while_the_parties_rate_blind(blind: Trio) -> None:
    report = report_for(engagement_id=blind.engagement.pk, viewer=None)
    assert ratings_in(report)["G1"] == {"client": 1, "coach": 0}
    assert report["gas"]["coach"] == 50.0
    assert ratings_in(command_report(blind))["G1"] == {"client": 1, "coach": 0}


# ---------------------------------------------------------------- client and coach


def test_a_client_who_has_not_rated_every_goal_reads_no_other_rating(
    client: Client, blind: Trio
) -> None:
    logged_in(client, blind.alice)
    html = attainment_page(client, blind)
    assert score_cell(html, "client") == "60.00"  # her own, always
    assert score_cell(html, "coach") == "not visible to you yet"
    assert score_cell(html, "sponsor") == "not visible to you yet"
    assert others_marks(html) == []
    assert BLIND in html
    assert glance_scores(client, blind) == ["Client"]
    report = report_for(engagement_id=blind.engagement.pk, viewer=Party.CLIENT)
    assert ratings_in(report)["G1"] == {"client": 1}
    assert report["gas"]["coach"] is None


def test_the_coach_rates_blind_too(client: Client, blind: Trio) -> None:
    logged_in(client, blind.bob)
    html = attainment_page(client, blind)
    assert score_cell(html, "coach") == "50.00"
    assert score_cell(html, "client") == "not visible to you yet"
    assert others_marks(html) == []
    assert BLIND in html


def test_having_rated_every_goal_the_client_reads_the_others(client: Client, blind: Trio) -> None:
    logged_in(client, blind.alice)
    response = client.post(
        reverse("closing:attainment", args=[blind.engagement.pk]), {"level_G2": "1"}
    )
    assert response.status_code == 302
    html = attainment_page(client, blind)
    assert score_cell(html, "coach") == "50.00"
    assert score_cell(html, "sponsor") == "not rated yet"
    assert others_marks(html) == ["Rated by the others: Coach 0"]  # G1; G2 has none
    assert BLIND not in html
    assert glance_scores(client, blind) == ["Client", "Coach"]
    # The coach, who has not rated G2, still reads none of hers.
    assert ratings_in(report_for(engagement_id=blind.engagement.pk, viewer=Party.COACH)) == {
        "G1": {"coach": 0},
        "G2": {},
    }


@pytest.mark.parametrize("status", ["held", "declined", "not_held"])
def test_once_the_closing_outcome_is_recorded_everyone_reads_the_others(
    client: Client, blind: Trio, status: str
) -> None:
    closing_status(blind, status)
    logged_in(client, blind.alice)
    html = attainment_page(client, blind)
    assert score_cell(html, "coach") == "50.00"
    assert others_marks(html) == ["Rated by the others: Coach 0"]
    assert BLIND not in html
    assert glance_scores(client, blind) == ["Client", "Coach"]


def test_without_a_closing_conversation_the_ratings_stay_blind(blind: Trio) -> None:
    ClosingConversation.objects.filter(engagement=blind.engagement).delete()
    report = report_for(engagement_id=blind.engagement.pk, viewer=Party.CLIENT)
    assert ratings_in(report)["G1"] == {"client": 1}


# ---------------------------------------------------------------- the sponsor


def test_the_sponsor_the_contract_shows_attainment_waits_for_its_own_ratings(
    client: Client, blind: Trio
) -> None:
    sponsor_may_see(blind, "goals", "attainment")
    logged_in(client, blind.charlie)
    html = attainment_page(client, blind)
    assert score_cell(html, "client") == "not visible to you yet"
    assert score_cell(html, "coach") == "not visible to you yet"
    assert BLIND in html
    rate(blind, "sponsor", G1=-1)  # one of two goals: still blind
    assert score_cell(attainment_page(client, blind), "client") == "not visible to you yet"
    rate(blind, "sponsor", G2=0)
    html = attainment_page(client, blind)
    assert score_cell(html, "client") == "60.00"
    assert score_cell(html, "coach") == "50.00"
    assert BLIND not in html


def test_the_sponsor_the_contract_keeps_from_attainment_never_waits(
    client: Client, blind: Trio
) -> None:
    rate(blind, "sponsor", G1=-1, G2=0)
    logged_in(client, blind.charlie)
    html = attainment_page(client, blind)
    assert score_cell(html, "client") == "not visible to you"
    assert score_cell(html, "coach") == "not visible to you"
    assert BLIND not in html
    closing_status(blind, "held")
    assert score_cell(attainment_page(client, blind), "client") == "not visible to you"


# ---------------------------------------------------------------- the final report


def test_the_final_report_follows_the_blind(client: Client, blind: Trio) -> None:
    logged_in(client, blind.alice)
    url = reverse("closing:final_report", args=[blind.engagement.pk])
    scores = report_scores(client.get(url).content.decode())
    assert scores == {
        "Client": "60.0",
        "Coach": "not visible to you yet",
        "Sponsor": "not visible to you yet",
    }
    rate(blind, "client", G2=1)
    assert report_scores(client.get(url).content.decode())["Coach"] == "50.0"


def test_the_command_report_as_a_party_follows_the_blind(blind: Trio) -> None:
    report = command_report(blind, "--as", "client")
    assert ratings_in(report)["G1"] == {"client": 1}
    assert report["gas"]["coach"] is None
    html = io.StringIO()
    call_command(
        "report",
        str(blind.engagement.pk),
        "--as",
        "client",
        "--format",
        "html",
        "--lang",
        "en",
        stdout=html,
    )
    assert report_scores(html.getvalue())["Coach"] == "not visible to you yet"
    closing_status(blind, "held")
    report = command_report(blind, "--as", "client")
    assert ratings_in(report)["G1"] == {"client": 1, "coach": 0}
    assert report["gas"]["coach"] == 50.0


# ---------------------------------------------------------------- the last activity


def test_a_hidden_rating_moves_nobody_elses_last_activity(blind: Trio) -> None:
    refresh([blind.engagement.pk])
    before = Progress.objects.get(engagement=blind.engagement)
    later = timezone.now() + timedelta(days=2)
    AttainmentRating.objects.filter(rater="coach").update(updated_at=later)
    refresh([blind.engagement.pk])
    after = Progress.objects.get(engagement=blind.engagement)
    assert after.last_activity_coach == later
    assert after.last_activity_client == before.last_activity_client
    closing_status(blind, "held")
    refresh([blind.engagement.pk])
    assert Progress.objects.get(engagement=blind.engagement).last_activity_client == later
