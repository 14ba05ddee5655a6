"""The stored progress (`harvest.stored`) says what `measures.stages` says, and goes stale
when anything it is computed from changes."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from oogst.contracting.models import Contract
from oogst.engagements.models import Engagement
from oogst.harvest.models import OpenAction, Progress
from oogst.harvest.stages import progress_of
from oogst.harvest.stored import refresh, refresh_out_of_date
from oogst.measures.stages import STAGES
from oogst.results.models import Result
from tests import factories as f
from tests.parties import Trio
from tests.stage_builders import at_stage


def stored(engagement: Engagement) -> tuple[str, list[tuple[str, str, bool]]]:
    refresh_out_of_date(Engagement.objects.filter(pk=engagement.pk))
    progress = Progress.objects.get(engagement=engagement)
    actions = OpenAction.objects.filter(engagement=engagement)
    return progress.stage, [(a.party, a.action, a.optional) for a in actions]


def computed(engagement: Engagement) -> tuple[str, list[tuple[str, str, bool]]]:
    progress = progress_of(Engagement.objects.get(pk=engagement.pk))
    return progress.stage, [(a.party, a.action, a.optional) for a in progress.waiting_for]


@pytest.mark.parametrize("stage", STAGES)
def test_what_is_stored_is_what_the_pure_function_says(db: None, stage: str) -> None:
    engagement = at_stage(stage, coach=f.UserFactory(is_coach=True), sponsor=f.UserFactory())
    assert stored(engagement) == computed(engagement)
    assert stored(engagement)[0] == stage


def test_a_write_marks_the_progress_stale_and_the_next_read_catches_up(db: None) -> None:
    engagement = at_stage("sessions", coach=f.UserFactory(is_coach=True))
    assert stored(engagement)[0] == "sessions"
    for number in (1, 2):
        f.SessionFactory(engagement=engagement, number=number)
    assert Progress.objects.get(engagement=engagement).stale
    assert stored(engagement)[0] == "end_reports"
    assert not Progress.objects.get(engagement=engagement).stale


def test_a_deletion_marks_it_stale_too(db: None) -> None:
    engagement = at_stage("sessions", coach=f.UserFactory(is_coach=True))
    stored(engagement)
    Contract.objects.get(engagement=engagement).acceptances.filter(party="client").delete()
    assert Progress.objects.get(engagement=engagement).stale
    assert stored(engagement)[0] == "contract"


def test_an_open_action_keeps_the_moment_it_opened(db: None) -> None:
    engagement = at_stage("intake", coach=f.UserFactory(is_coach=True))
    stored(engagement)
    first = OpenAction.objects.get(engagement=engagement, action="record_intake").since
    Engagement.objects.filter(pk=engagement.pk).update(
        created_at=timezone.now() + timedelta(days=3)
    )
    refresh([engagement.pk])
    assert OpenAction.objects.get(engagement=engagement, action="record_intake").since == first


def test_who_may_see_each_open_action_is_stored_with_it(db: None) -> None:
    hidden = at_stage(
        "sessions", coach=f.UserFactory(), sponsor=f.UserFactory(), sponsor_may_see=["goals"]
    )
    shown = at_stage("sessions", coach=f.UserFactory(), sponsor=f.UserFactory())
    refresh([hidden.pk, shown.pk])
    assert not OpenAction.objects.get(engagement=hidden, action="log_sessions").seen_by_sponsor
    assert OpenAction.objects.get(engagement=shown, action="log_sessions").seen_by_sponsor
    assert OpenAction.objects.get(engagement=hidden, action="log_sessions").seen_by_client


def test_the_last_activity_counts_only_what_each_party_may_read(trio: Trio) -> None:
    refresh([trio.engagement.pk])
    before = Progress.objects.get(engagement=trio.engagement)
    later = timezone.now() + timedelta(days=2)
    unshared = f.ResultFactory(engagement=trio.engagement, key="R9", position=9)
    Result.objects.filter(pk=unshared.pk).update(updated_at=later)
    refresh([trio.engagement.pk])
    after = Progress.objects.get(engagement=trio.engagement)
    assert after.last_activity_client == later
    assert after.last_activity_coach == later
    assert after.last_activity_sponsor == before.last_activity_sponsor


def test_refreshing_many_costs_what_refreshing_one_costs(db: None) -> None:
    coach = f.UserFactory(is_coach=True)
    counts = []
    for n in (6, 18):  # every stage but closed, once and three times
        ids = [at_stage(STAGES[i % 6], coach=coach, sponsor=f.UserFactory()).pk for i in range(n)]
        with CaptureQueriesContext(connection) as queries:
            assert refresh(ids) == n
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
