"""Writes about sessions: the coach logs them, the client reflects on them.

Every function asks the policy first (a party whose role may not write raises
PermissionDenied) and explains a broken business rule with a ValidationError keyed by
the argument's name, so a form can show it next to the field the person typed in.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oogst.contracting.models import Goal, Session, SessionReflection
from oogst.contracting.selectors import may_write
from oogst.engagements.models import Engagement
from oogst.policy import Content, Party

TOPIC_MAX_LENGTH = 80


def topics_normalise(topics: list[str]) -> list[str]:
    """Topics as typed, trimmed, inner spaces collapsed, duplicates (any case) dropped."""
    seen: set[str] = set()
    kept: list[str] = []
    for topic in topics:
        text = " ".join(topic.split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept


def session_next_number(*, engagement_id: int) -> int:
    highest = Session.objects.filter(engagement_id=engagement_id).aggregate(n=Max("number"))["n"]
    return (highest or 0) + 1


def _require(
    content: Content, actor: Party, *, engagement_id: int, author: Party | None = None
) -> None:
    if not may_write(content, engagement_id=engagement_id, party=actor, author=author or actor):
        raise PermissionDenied


def _check_session(
    *,
    engagement: Engagement,
    number: int,
    held_on: date,
    topics: list[str],
    goal_keys: list[str],
    exclude_id: int | None = None,
) -> list[Goal]:
    """The business rules of a logged session; returns the goals it served."""
    errors: dict[str, list[str]] = {}
    if number < 1:
        errors["number"] = [_("A session number starts at 1.")]
    else:
        taken = Session.objects.filter(engagement=engagement, number=number)
        if exclude_id is not None:
            taken = taken.exclude(pk=exclude_id)
        if taken.exists():
            errors["number"] = [
                _("Session %(number)s is already logged. Choose another number.")
                % {"number": number}
            ]
    today = timezone.localdate()
    if held_on > today:
        errors["held_on"] = [
            _(
                "A session is logged once it has been held. %(date)s is in the future; "
                "the latest possible date is today."
            )
            % {"date": date_format(held_on)}
        ]
    too_long = [t for t in topics if len(t) > TOPIC_MAX_LENGTH]
    if too_long:
        errors["topics"] = [
            _("A topic has at most %(max)s characters; shorten “%(topic)s”.")
            % {"max": TOPIC_MAX_LENGTH, "topic": too_long[0][:TOPIC_MAX_LENGTH] + "…"}
        ]
    goals = list(Goal.objects.filter(engagement=engagement, key__in=goal_keys))
    unknown = sorted(set(goal_keys) - {g.key for g in goals})
    if unknown:
        errors["goal_keys"] = [
            _("This engagement has no goal %(keys)s.") % {"keys": ", ".join(unknown)}
        ]
    if errors:
        raise ValidationError(errors)
    return goals


def _require_coach_writes(actor: Party, *, engagement_id: int) -> None:
    for content in (Content.SESSIONS_HELD, Content.SESSION_TOPICS):
        _require(content, actor, engagement_id=engagement_id)
    _require(Content.COACH_SESSION_NOTES, actor, engagement_id=engagement_id, author=Party.COACH)


def _store(session: Session, goals: list[Goal], update_fields: list[str] | None = None) -> Session:
    session.full_clean(validate_constraints=False)  # the number was checked above
    try:
        with transaction.atomic():
            session.save(update_fields=update_fields)
    except IntegrityError as error:  # two tabs logging the same number at the same moment
        raise ValidationError(
            {"number": [_("Session %(number)s is already logged.") % {"number": session.number}]}
        ) from error
    session.goals.set(goals)
    return session


@transaction.atomic
def session_log(
    *,
    engagement: Engagement,
    actor: Party,
    number: int,
    held_on: date,
    topics: list[str],
    goal_keys: list[str],
    coach_notes: str = "",
) -> Session:
    """Log a session that has been held: its number, date, topics and the goals it served."""
    _require_coach_writes(actor, engagement_id=engagement.pk)
    topics = topics_normalise(topics)
    goals = _check_session(
        engagement=engagement, number=number, held_on=held_on, topics=topics, goal_keys=goal_keys
    )
    position = (
        Session.objects.filter(engagement=engagement).aggregate(p=Max("position"))["p"] or 0
    ) + 1
    session = Session(
        engagement=engagement,
        number=number,
        position=position,
        held_on=held_on,
        topics=topics,
        coach_notes=coach_notes.strip(),
    )
    return _store(session, goals)


@transaction.atomic
def session_update(
    *,
    session: Session,
    actor: Party,
    number: int,
    held_on: date,
    topics: list[str],
    goal_keys: list[str],
    coach_notes: str = "",
) -> Session:
    """Correct a logged session; every field is replaced by what is given."""
    _require_coach_writes(actor, engagement_id=session.engagement_id)
    topics = topics_normalise(topics)
    goals = _check_session(
        engagement=session.engagement,
        number=number,
        held_on=held_on,
        topics=topics,
        goal_keys=goal_keys,
        exclude_id=session.pk,
    )
    session.number = number
    session.held_on = held_on
    session.topics = topics
    session.coach_notes = coach_notes.strip()
    return _store(
        session, goals, update_fields=["number", "held_on", "topics", "coach_notes", "updated_at"]
    )


@transaction.atomic
def reflection_save(
    *, session: Session, actor: Party, text: str, shared_with_coach: bool
) -> SessionReflection:
    """The client's own reflection on a session; she decides whether her coach reads it."""
    _require(
        Content.CLIENT_REFLECTION, actor, engagement_id=session.engagement_id, author=Party.CLIENT
    )
    text = text.strip()
    if not text:
        raise ValidationError(
            {"text": [_("Write your reflection before saving; an empty one is not kept.")]}
        )
    reflection = SessionReflection.objects.filter(session=session).first()
    if reflection is None:
        reflection = SessionReflection(
            session=session, text=text, shared_with_coach=shared_with_coach
        )
        reflection.full_clean()
        reflection.save()
        return reflection
    reflection.text = text
    reflection.shared_with_coach = shared_with_coach
    reflection.full_clean()
    reflection.save(update_fields=["text", "shared_with_coach", "updated_at"])
    return reflection
