"""Delivery, out of the request: Django's task framework runs `deliver` (in the demo and
the tests at once; in production a database-backed queue and its worker, see
docs/notifications.md). A failure is recorded and tried again later with back-off
(`retry_due`, run by `oogst send-reminders`): no message is lost silently."""

from datetime import datetime, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from oogst.notifications.compose import compose
from oogst.notifications.models import Message

#: Minutes before the first retry; each next one waits twice as long, at most a day.
FIRST_RETRY_MINUTES = 5
MAX_WAIT = timedelta(days=1)


@task()
def deliver(message_id: int) -> str:
    message = Message.objects.select_related("recipient", "engagement").get(pk=message_id)
    if message.status == Message.Status.SENT:
        return message.status  # delivered already: a task run twice sends once
    composed = compose(message)
    email = EmailMultiAlternatives(composed.subject, composed.text, None, [message.recipient.email])
    email.attach_alternative(composed.html, "text/html")
    try:
        email.send()
    except Exception as error:  # any failure of the mail server is recorded, never lost
        _failed(message, error)
    else:
        message.status, message.sent_at, message.error = Message.Status.SENT, timezone.now(), ""
        message.attempts += 1
        message.save(update_fields=["status", "sent_at", "error", "attempts", "updated_at"])
    return message.status


def _failed(message: Message, error: Exception) -> None:
    message.attempts += 1
    wait = min(timedelta(minutes=FIRST_RETRY_MINUTES * 2 ** (message.attempts - 1)), MAX_WAIT)
    message.status = Message.Status.FAILED
    message.error = f"{type(error).__name__}: {error}"[:2000]
    message.next_attempt_at = timezone.now() + wait
    message.save(update_fields=["status", "error", "next_attempt_at", "attempts", "updated_at"])


def enqueue(message: Message) -> None:
    """Deliver once the transaction that made the message commits."""
    transaction.on_commit(lambda: deliver.enqueue(message.pk), robust=True)


def retry_due(now: datetime | None = None) -> int:
    """Try again every failed message whose wait is over; how many were tried."""
    now = now or timezone.now()
    due = list(
        Message.objects.filter(status=Message.Status.FAILED, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)
    )
    for pk in due:
        deliver.enqueue(pk)
    return len(due)
