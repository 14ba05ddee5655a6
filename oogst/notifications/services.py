"""Which messages to make, and for whom: each one recorded (`Message`), then delivered out
of the request (`tasks.deliver`). The table of events, recipients and kinds is in
docs/notifications.md."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Participation
from oogst.measures.stages import Action
from oogst.notifications.models import Message
from oogst.notifications.tasks import enqueue

# An invitation is its own message (sent inside its transaction): no second one for it.
NOT_ANNOUNCED = frozenset({"accept_invitation"})


def announce_opened(
    sender: type, *, engagement_id: int, actions: Iterable[Action], **kwargs: Any
) -> list[Message]:
    """`harvest.signals.actions_opened`: one message per action to the person whose it is
    (optional ones too; they are never reminded)."""
    people = _people(engagement_id)
    made = []
    for action in actions:
        person = people.get(action.party)
        if person is None or action.action in NOT_ANNOUNCED:
            continue
        message = record(
            kind="action_opened", person=person, engagement_id=engagement_id, action=action.action
        )
        if message is not None:
            made.append(message)
    return made


def announce(kind: str, *, engagement: Engagement, parties: Iterable[str]) -> list[Message]:
    """A hand-off that is no open action: to the persons of these parties."""
    people = _people(engagement.pk)
    made = [
        record(kind=kind, person=people[p], engagement_id=engagement.pk)
        for p in parties
        if p in people
    ]
    return [m for m in made if m is not None]


def record(
    *,
    kind: str,
    person: User,
    engagement_id: int | None,
    action: str = "",
    day: date | None = None,
) -> Message | None:
    """Record a message and have it delivered after the commit; None when one of this kind
    about this action went to this person today already (the unique constraint says so,
    also for two processes at once). `day`: today unless the clock is injected
    (`oogst send-reminders --now`)."""
    try:
        with transaction.atomic():
            message = Message.objects.create(
                recipient=person,
                engagement_id=engagement_id,
                kind=kind,
                action=action,
                language=person.language,
                day=day or timezone.localdate(),
            )
    except IntegrityError:
        return None
    enqueue(message)
    return message


def _people(engagement_id: int) -> dict[str, User]:
    return {
        p.party: p.person
        for p in Participation.objects.filter(engagement_id=engagement_id).select_related("person")
        if p.person.is_active
    }


def record_mailed(
    sender: type, *, kind: str, person: User, engagement_id: int | None, **kwargs: Any
) -> Message:
    """`accounts.signals.mail_sent`: a mail its service sent inside its own transaction
    (an invitation) is recorded as sent, in that transaction. Several the same day are
    each recorded (numbered in `action`, which the once-a-day rule then keeps apart)."""
    today = timezone.localdate()
    about = {"engagement_id": engagement_id} if engagement_id else {"engagement__isnull": True}
    earlier = Message.objects.filter(kind=kind, recipient=person, day=today, **about).count()
    now = timezone.now()
    return Message.objects.create(
        recipient=person,
        engagement_id=engagement_id,
        kind=kind,
        action=f"mail-{earlier + 1}",
        language=person.language,
        day=today,
        status=Message.Status.SENT,
        attempts=1,
        sent_at=now,
    )
