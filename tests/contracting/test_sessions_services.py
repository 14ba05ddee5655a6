"""The services and selectors of the sessions stage, without the web."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from oogst.contracting.frame import stage_frame_of
from oogst.contracting.models import Session, SessionReflection
from oogst.contracting.services.sessions import (
    reflection_save,
    session_log,
    session_next_number,
    session_update,
    topics_normalise,
)
from oogst.contracting.session_selectors import sessions_page, topic_suggestions
from oogst.policy import Party
from tests import factories as f
from tests.parties import Trio


def log(trio: Trio, **kwargs: object) -> Session:
    fields: dict[str, object] = {
        "engagement": trio.engagement,
        "actor": Party.COACH,
        "number": 2,
        "held_on": date(2026, 3, 9),
        "topics": [],
        "goal_keys": [],
    }
    fields.update(kwargs)
    return session_log(**fields)  # type: ignore[arg-type]


def test_topics_are_trimmed_and_deduplicated_in_any_case() -> None:
    assert topics_normalise(["  Nee  zeggen ", "nee zeggen", "", "NEE ZEGGEN", "Grenzen"]) == [
        "Nee zeggen",
        "Grenzen",
    ]


def test_session_log_stores_everything(trio: Trio) -> None:
    session = log(trio, topics=["a", "A", " b "], goal_keys=["G2"], coach_notes="x")
    assert session.topics == ["a", "b"]
    assert list(session.goals.values_list("key", flat=True)) == ["G2"]
    assert session.coach_notes == "x"
    assert session_next_number(engagement_id=trio.engagement.pk) == 3


def test_next_number_starts_at_one(db: None) -> None:
    assert session_next_number(engagement_id=f.EngagementFactory().pk) == 1


def test_duplicate_number_is_a_clear_error(trio: Trio) -> None:
    with pytest.raises(ValidationError) as caught:
        log(trio, number=1)
    assert caught.value.message_dict["number"] == [
        "Session 1 is already logged. Choose another number."
    ]


def test_today_is_allowed_tomorrow_is_not(trio: Trio) -> None:
    today = timezone.localdate()
    log(trio, held_on=today)
    with pytest.raises(ValidationError) as caught:
        log(trio, number=3, held_on=today + timedelta(days=1))
    assert "held_on" in caught.value.message_dict


def test_unknown_goal_is_refused(trio: Trio) -> None:
    with pytest.raises(ValidationError) as caught:
        log(trio, goal_keys=["G9"])
    assert caught.value.message_dict["goal_keys"] == ["This engagement has no goal G9."]


def test_a_goal_of_another_engagement_is_refused(trio: Trio) -> None:
    f.GoalFactory(key="G7")
    with pytest.raises(ValidationError):
        log(trio, goal_keys=["G7"])


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_logs_and_updates(trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        log(trio, actor=actor)
    session = Session.objects.get(engagement=trio.engagement, number=1)
    with pytest.raises(PermissionDenied):
        session_update(
            session=session,
            actor=actor,
            number=1,
            held_on=date(2026, 1, 1),
            topics=[],
            goal_keys=[],
        )


def test_update_may_move_to_a_free_number_only(trio: Trio) -> None:
    second = log(trio)
    fields = {"actor": Party.COACH, "held_on": date(2026, 3, 9), "topics": [], "goal_keys": []}
    with pytest.raises(ValidationError):
        session_update(session=second, number=1, **fields)  # type: ignore[arg-type]
    session_update(session=second, number=5, **fields)  # type: ignore[arg-type]
    second.refresh_from_db()
    assert second.number == 5


@pytest.mark.parametrize("actor", [Party.COACH, Party.SPONSOR])
def test_only_the_client_writes_a_reflection(trio: Trio, actor: Party) -> None:
    session = Session.objects.get(engagement=trio.engagement, number=1)
    with pytest.raises(PermissionDenied):
        reflection_save(session=session, actor=actor, text="x", shared_with_coach=True)
    assert not SessionReflection.objects.exists()


def test_reflection_is_updated_in_place(trio: Trio) -> None:
    session = Session.objects.get(engagement=trio.engagement, number=1)
    first = reflection_save(session=session, actor=Party.CLIENT, text="a", shared_with_coach=True)
    second = reflection_save(
        session=session, actor=Party.CLIENT, text=" b ", shared_with_coach=False
    )
    assert first.pk == second.pk
    assert (second.text, second.shared_with_coach) == ("b", False)


def test_suggestions_put_this_engagements_topics_first(trio: Trio) -> None:
    log(trio, topics=["Grenzen", "onderhandelen"])
    log(trio, number=3, topics=["grenzen"])
    other = f.EngagementFactory()
    f.ParticipationFactory(engagement=other, person=trio.bob, party="coach")
    f.SessionFactory(engagement=other, topics=["Timemanagement", "GRENZEN"])
    # Where bob is the client, the topics are not his coaching topics.
    as_client = f.EngagementFactory()
    f.ParticipationFactory(engagement=as_client, person=trio.bob, party="client")
    f.SessionFactory(engagement=as_client, topics=["bob's own worries"])
    suggestions = topic_suggestions(engagement_id=trio.engagement.pk, coach=trio.bob)
    assert suggestions == ["grenzen", "onderhandelen", "Timemanagement"]


def test_sponsor_page_holds_no_content(trio: Trio) -> None:
    session = log(trio, topics=["geheim"], goal_keys=["G1"], coach_notes="notes")
    SessionReflection.objects.create(session=session, text="r", shared_with_coach=True)
    page = sessions_page(stage_frame_of(person=trio.charlie, engagement_id=trio.engagement.pk))  # type: ignore[arg-type]
    assert page.sees_sessions and not page.sees_content
    assert [(s.number, s.held_on) for s in page.sessions] == [
        (1, date(2026, 2, 2)),
        (2, date(2026, 3, 9)),
    ]
    for row in page.sessions:
        assert (row.topics, row.goals, row.coach_notes, row.reflection) == (None,) * 4
        assert not (row.may_edit or row.may_reflect)
    assert page.planned == 12 and page.held == 2


def test_sponsor_page_without_sessions_held_lists_nothing(trio: Trio) -> None:
    trio.engagement.contract.sponsor_may_see = []
    trio.engagement.contract.save(update_fields=["sponsor_may_see"])
    page = sessions_page(stage_frame_of(person=trio.charlie, engagement_id=trio.engagement.pk))  # type: ignore[arg-type]
    assert not page.sees_sessions
    assert page.sessions == []
