"""Reminders, the coaches' weekly digest and the re-sent invitations (`oogst send-reminders`).

- An open, non-optional action reminds the person whose it is `OOGST_REMINDER_DAYS` after it
  opened (`OpenAction.since`), then weekly, at most `REMINDERS` times (`is_due`).
- A coach gets one digest per ISO week (its Monday is the message's `day`) of what waits for
  whom across the open engagements it coaches, when anything does.
- An invitation not accepted is sent again with a fresh link (the old one dies) after the
  same number of days, then weekly, at most `RESENDS` times; a `Message` of kind
  `invitation_resent` records each (the invitation mail itself is the message).
- A person who switched reminders off (`User.reminders`) gets none of these.

The clock is injected (`now`); the unique constraints on `Message` (kind, person,
engagement, action, day) make a second run, or two at once, send nothing twice: no lock.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Invitation, Participation
from oogst.engagements.services import invitation_issue
from oogst.harvest.models import OpenAction
from oogst.harvest.next_step import OWN
from oogst.harvest.stored import refresh_out_of_date
from oogst.notifications import digest
from oogst.notifications.models import Message
from oogst.notifications.services import record
from oogst.notifications.tasks import retry_due
from oogst.policy import Party as PolicyParty
from oogst.vocabulary import Party

#: At most this many reminders of one action, and re-sends of one invitation.
REMINDERS = 3
RESENDS = 2
WEEK = timedelta(weeks=1)

REMINDER, DIGEST, RESENT = "reminder", "digest", "invitation_resent"
ACCEPT = "accept_invitation"


@dataclass(frozen=True)
class Due:
    kind: str
    person: User
    engagement_id: int | None
    action: str = ""
    invitation: Invitation | None = None


def is_due(
    *, since: datetime, sent: Iterable[date], now: datetime, at_most: int, days: int | None = None
) -> bool:
    """Whether the next reminder is due: `days` after `since`, then a week after each one
    sent since (`sent`: their days), at most `at_most`, never sooner than a week after the
    last one (a run after a long pause sends one, not a burst)."""
    days = settings.OOGST_REMINDER_DAYS if days is None else days
    earlier = sorted(d for d in sent if d >= timezone.localdate(since))
    if len(earlier) >= at_most:
        return False
    if now < since + timedelta(days=days) + len(earlier) * WEEK:
        return False
    return not earlier or timezone.localdate(now) >= earlier[-1] + WEEK


def monday(now: datetime) -> date:
    today = timezone.localdate(now)
    return today - timedelta(days=today.weekday())


# ---------------------------------------------------------------- the plan


def plan(now: datetime) -> list[Due]:
    return [*plan_reminders(now), *plan_digests(now), *plan_invitations(now)]


def plan_reminders(now: datetime) -> list[Due]:
    actions = list(
        OpenAction.objects.filter(
            engagement__closed_at__isnull=True, optional=False, action__in=list(OWN)
        ).order_by("engagement_id", "position")
    )
    ids = {a.engagement_id for a in actions}
    people = {
        (p.engagement_id, p.party): p.person
        for p in Participation.objects.filter(
            engagement_id__in=ids, person__is_active=True, person__reminders=True
        ).select_related("person")
    }
    # Whoever has not accepted the invitation yet cannot log in: the invitation is resent.
    joining = set(
        Invitation.objects.filter(engagement_id__in=ids, accepted_at__isnull=True).values_list(
            "engagement_id", "person_id"
        )
    )
    sent = _sent(REMINDER, ids)
    due = []
    for a in actions:
        person = people.get((a.engagement_id, a.party))
        if person is None or (a.engagement_id, person.pk) in joining:
            continue
        days = sent[(a.engagement_id, a.action, person.pk)]
        if is_due(since=a.since, sent=days, now=now, at_most=REMINDERS):
            due.append(Due(REMINDER, person, a.engagement_id, a.action))
    return due


def plan_digests(now: datetime) -> list[Due]:
    week = monday(now)
    had = set(
        Message.objects.filter(kind=DIGEST, day=week, engagement__isnull=True).values_list(
            "recipient_id", flat=True
        )
    )
    coaches = User.objects.filter(
        is_active=True,
        reminders=True,
        participations__party=Party.COACH,
        participations__engagement__closed_at__isnull=True,
        participations__engagement__open_actions__seen_by_coach=True,
    ).distinct()
    return [Due(DIGEST, coach, None) for coach in coaches if coach.pk not in had]


def plan_invitations(now: datetime) -> list[Due]:
    invitations = list(
        Invitation.objects.filter(
            accepted_at__isnull=True,
            engagement__closed_at__isnull=True,
            person__is_active=True,
            person__reminders=True,
        ).select_related("person", "engagement", "invited_by")
    )
    ids = {i.engagement_id for i in invitations}
    # Only a party's own invitation: a sponsor proposed to a contract in force joins once
    # the change is agreed, and its proposal is not chased.
    parties = set(
        Participation.objects.filter(engagement_id__in=ids).values_list(
            "engagement_id", "party", "person_id"
        )
    )
    sent = _sent(RESENT, ids)
    return [
        Due(RESENT, i.person, i.engagement_id, ACCEPT, invitation=i)
        for i in invitations
        if (i.engagement_id, i.party, i.person_id) in parties
        and is_due(
            since=i.created_at,
            sent=sent[(i.engagement_id, ACCEPT, i.person_id)],
            now=now,
            at_most=RESENDS,
        )
    ]


Sent = defaultdict[tuple[int, str, int], list[date]]


def _sent(kind: str, engagement_ids: Iterable[int]) -> Sent:
    """The days a message of `kind` went out, per (engagement, action, person)."""
    found: Sent = defaultdict(list)
    rows = Message.objects.filter(kind=kind, engagement_id__in=list(engagement_ids)).values_list(
        "engagement_id", "action", "recipient_id", "day"
    )
    for engagement_id, action, recipient_id, day in rows:
        found[(engagement_id, action, recipient_id)].append(day)
    return found


# ---------------------------------------------------------------- sending


def send(due: Due, now: datetime) -> bool:
    """Record (and so send) one planned message; False when it went out already that day
    (or that week, for a digest), for instance from a run at the same moment."""
    if due.kind == RESENT:
        return _resend(due, now)
    if due.kind == DIGEST and not digest.items(due.person):
        return False
    day = monday(now) if due.kind == DIGEST else timezone.localdate(now)
    made = record(
        kind=due.kind,
        person=due.person,
        engagement_id=due.engagement_id,
        action=due.action,
        day=day,
    )
    return made is not None


def _resend(due: Due, now: datetime) -> bool:
    """A fresh link for the invitation, mailed as the invitation itself; the `Message` row
    only claims the day (sent at once: there is nothing more to deliver)."""
    invitation = due.invitation
    assert invitation is not None
    try:
        with transaction.atomic():
            Message.objects.create(
                recipient=due.person,
                engagement_id=due.engagement_id,
                kind=RESENT,
                action=ACCEPT,
                language=due.person.language,
                day=timezone.localdate(now),
                status=Message.Status.SENT,
                attempts=1,
                sent_at=timezone.now(),
            )
            invitation_issue(
                engagement=invitation.engagement,
                party=PolicyParty(invitation.party),
                person=invitation.person,
                invited_by=invitation.invited_by,
                base_url=settings.OOGST_SITE_URL,
            )
    except IntegrityError:  # another run resent it today
        return False
    return True


@dataclass
class Summary:
    due: dict[str, int]
    sent: dict[str, int]
    failed: dict[str, int]
    refreshed: int
    retried: int


def run(now: datetime, *, dry_run: bool = False) -> Summary:
    """Bring the stored progress of open engagements up to date, then send what is due; a
    dry run plans the same inside a transaction it rolls back, so nothing is sent."""
    if not dry_run:
        return _run(now, dry_run=False)
    with transaction.atomic():
        summary = _run(now, dry_run=True)
        transaction.set_rollback(True)  # and the messages waiting for the commit with it
    return summary


def _run(now: datetime, *, dry_run: bool) -> Summary:
    refreshed = refresh_out_of_date(Engagement.objects.filter(closed_at__isnull=True))
    kinds = (REMINDER, DIGEST, RESENT)
    summary = Summary(
        due=dict.fromkeys(kinds, 0),
        sent=dict.fromkeys(kinds, 0),
        failed=dict.fromkeys(kinds, 0),
        refreshed=refreshed,
        retried=0,
    )
    for due in plan(now):
        summary.due[due.kind] += 1
        if dry_run:
            continue
        try:
            if send(due, now):
                summary.sent[due.kind] += 1
        except OSError:  # the mail server refused an invitation: it is tried next run
            summary.failed[due.kind] += 1
    if not dry_run:
        summary.retried = retry_due(now)
    return summary
