"""The home page: one row per engagement, where it stands and whose turn it is, as the
viewer may see it; filters, search, the archive and pages."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from oogst.harvest.models import Progress
from oogst.measures.stages import STAGES
from tests import factories as f
from tests.parties import Trio, logged_in
from tests.stage_builders import at_stage

HOME = reverse("dashboard:home")


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="dashboard__row[^"]*"\s+data-engagement="(\d+)">', html)


def row_html(html: str, engagement: Engagement) -> str:
    start = html.index(f'data-engagement="{engagement.pk}"')
    return html[start : html.index("</tr>", start)]


def activity(html: str, engagement: Engagement) -> str:
    found = re.search(r'<time datetime="([^"]+)"', row_html(html, engagement))
    assert found is not None
    return found.group(1)


@pytest.fixture
def coach(db: None) -> User:
    return f.UserFactory(is_coach=True, name="Jeroen Coach")


def test_lists_my_engagements_with_client_organisation_stage_and_my_part(
    client: Client, trio: Trio
) -> None:
    other = f.ParticipationFactory(person=trio.charlie, party="client")
    html = logged_in(client, trio.charlie).get(HOME).content.decode()
    assert sorted(rows(html)) == sorted([str(trio.engagement.pk), str(other.engagement_id)])
    row = row_html(html, trio.engagement)
    assert "Alice Aarts" in row  # the client
    assert trio.engagement.organisation.name in row
    assert "Sessions" in row
    assert "You are the sponsor" in row
    assert reverse("closing:engagement", args=[trio.engagement.pk]) in row
    assert "You are the client" in row_html(html, other.engagement)


def test_each_row_says_whom_it_waits_for_and_links_my_next_step(
    client: Client, coach: User
) -> None:
    engagement = at_stage("expectations", coach=coach, client=f.UserFactory(name="Nina Smit"))
    row = row_html(logged_in(client, coach).get(HOME).content.decode(), engagement)
    assert "Nina Smit" in row
    assert "Expectations" in row
    assert "<strong>You</strong>: state your expectations" in row
    assert "Client: state expectations" in row
    assert reverse("contracting:expectations", args=[engagement.pk]) in row


def test_a_stage_change_shows_at_the_next_visit(client: Client, coach: User) -> None:
    engagement = at_stage("sessions", coach=coach)
    logged_in(client, coach)
    assert "log the sessions held" in row_html(client.get(HOME).content.decode(), engagement)
    for number in (1, 2):
        f.SessionFactory(engagement=engagement, number=number)
    row = row_html(client.get(HOME).content.decode(), engagement)
    assert "End reports" in row
    assert "write your end report" in row
    assert "log the sessions held" not in row


def test_the_sponsor_reads_nothing_about_sessions_its_contract_hides(
    client: Client, coach: User
) -> None:
    sponsor = f.UserFactory()
    hidden = at_stage("sessions", coach=coach, sponsor=sponsor, sponsor_may_see=["goals"])
    shown = at_stage("sessions", coach=coach, sponsor=sponsor)
    html = logged_in(client, sponsor).get(HOME).content.decode()
    assert "log the sessions" not in row_html(html, hidden)
    assert "Coach: log the sessions held" in row_html(html, shown)
    coach_html = logged_in(client, coach).get(HOME).content.decode()
    assert "log the sessions held" in row_html(coach_html, hidden)


def test_the_sponsor_does_not_see_the_others_end_reports_waiting(
    client: Client, coach: User
) -> None:
    sponsor = f.UserFactory()
    engagement = at_stage("end_reports", coach=coach, sponsor=sponsor)
    row = row_html(logged_in(client, sponsor).get(HOME).content.decode(), engagement)
    assert "write your end report" in row  # its own statement, optional
    assert "optional" in row
    assert "Client:" not in row and "Coach:" not in row
    coach_row = row_html(logged_in(client, coach).get(HOME).content.decode(), engagement)
    assert "Client: write the end report" in coach_row


def test_last_activity_counts_only_what_the_viewer_may_read(trio: Trio, client: Client) -> None:
    before = activity(logged_in(client, trio.charlie).get(HOME).content.decode(), trio.engagement)
    f.ResultFactory(engagement=trio.engagement, key="R8", position=8)  # not shared
    assert activity(client.get(HOME).content.decode(), trio.engagement) == before
    coach_html = logged_in(client, trio.bob).get(HOME).content.decode()
    assert activity(coach_html, trio.engagement) > before


def test_filter_by_stage_and_by_waiting_for_me(client: Client, coach: User) -> None:
    made = {stage: at_stage(stage, coach=coach) for stage in STAGES}
    logged_in(client, coach)
    html = client.get(HOME, {"stage": "contract"}).content.decode()
    assert rows(html) == [str(made["contract"].pk)]
    assert re.search(r"Contract \(1\)", html)
    mine = set(rows(client.get(HOME, {"mine": "1"}).content.decode()))
    # Every open one waits for the coach here (intake, expectations, goals, sessions,
    # its end report, the closing conversation); the closed one is in the archive.
    assert mine == {str(made[s].pk) for s in STAGES if s != "closed"}


def test_waiting_for_me_leaves_out_those_waiting_only_for_others(
    client: Client, coach: User
) -> None:
    # Here the coach is the client of another coach, whose sessions are still to log.
    theirs = at_stage("sessions", coach=f.UserFactory(), client=coach)
    mine = at_stage("intake", coach=coach)
    found = rows(logged_in(client, coach).get(HOME, {"mine": "1"}).content.decode())
    assert found == [str(mine.pk)]
    assert str(theirs.pk) in rows(client.get(HOME).content.decode())


def test_rows_waiting_for_me_come_first(client: Client, coach: User) -> None:
    mine = at_stage("intake", coach=coach)
    theirs = at_stage("sessions", coach=f.UserFactory(), client=coach)
    assert rows(logged_in(client, coach).get(HOME).content.decode()) == [
        str(mine.pk),
        str(theirs.pk),
    ]


def test_search_by_client_or_organisation(client: Client, coach: User) -> None:
    by_client = at_stage("intake", coach=coach, client=f.UserFactory(name="Fenna de Vries"))
    by_org = at_stage("intake", coach=coach, organisation="Gemeente Zwolle")
    logged_in(client, coach)
    assert rows(client.get(HOME, {"q": "fenna"}).content.decode()) == [str(by_client.pk)]
    assert rows(client.get(HOME, {"q": "zwolle"}).content.decode()) == [str(by_org.pk)]
    html = client.get(HOME, {"q": "niemand"}).content.decode()
    assert rows(html) == [] and "No engagement matches" in html


def test_closed_engagements_are_in_the_archive_only(client: Client, coach: User) -> None:
    open_one = at_stage("closing", coach=coach)
    closed = at_stage("closed", coach=coach)
    logged_in(client, coach)
    assert rows(client.get(HOME).content.decode()) == [str(open_one.pk)]
    archive = client.get(HOME, {"view": "archive"}).content.decode()
    assert rows(archive) == [str(closed.pk)]
    assert "nobody: closed" in archive


def test_pages_of_twenty_five_keep_the_filters(client: Client, coach: User) -> None:
    for _ in range(27):
        at_stage("intake", coach=coach)
    logged_in(client, coach)
    first = client.get(HOME, {"stage": "intake"}).content.decode()
    assert len(rows(first)) == 25
    assert "Page 1 of 2" in first
    assert "?stage=intake&amp;page=2" in first
    second = client.get(HOME, {"stage": "intake", "page": "2"}).content.decode()
    assert len(rows(second)) == 2
    assert set(rows(first)).isdisjoint(rows(second))


def test_a_filter_it_cannot_mean_shows_everything(client: Client, coach: User) -> None:
    at_stage("intake", coach=coach)
    response = logged_in(client, coach).get(HOME, {"stage": "nonsense", "page": "x"})
    assert response.status_code == 200
    assert len(rows(response.content.decode())) == 1


def test_htmx_gets_only_the_rows(client: Client, coach: User) -> None:
    at_stage("intake", coach=coach)
    response = logged_in(client, coach).get(HOME, {"q": ""}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="dashboard-rows"')
    assert "<html" not in html
    assert "HX-Request" in response["Vary"]


def test_outsider_sees_none_of_them(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.dave).get(HOME).content.decode()
    assert rows(html) == []
    assert trio.engagement.title not in html
    assert "No engagements yet" in html


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["post", "delete"])
def test_only_get_is_allowed(client: Client, trio: Trio, method: str) -> None:
    assert getattr(logged_in(client, trio.alice), method)(HOME).status_code == 405


def test_query_count_does_not_grow_with_the_engagements(client: Client, coach: User) -> None:
    logged_in(client, coach)
    counts = []
    for n in (6, 18):
        while Engagement.objects.filter(participations__person=coach).count() < n:
            at_stage(STAGES[n % 6], coach=coach, sponsor=f.UserFactory())
        client.get(HOME)  # brings the stored progress up to date
        with CaptureQueriesContext(connection) as queries:
            html = client.get(HOME).content.decode()
        assert len(rows(html)) == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_bringing_stale_rows_up_to_date_costs_the_same_for_many(
    client: Client, coach: User
) -> None:
    logged_in(client, coach)
    counts = []
    for n in (6, 18):
        made = [at_stage(STAGES[i % 6], coach=coach, sponsor=f.UserFactory()) for i in range(n)]
        assert not Progress.objects.filter(engagement__in=made, stale=False).exists()
        with CaptureQueriesContext(connection) as queries:
            client.get(HOME)
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
