"""Every message Oogst sends, recorded: to whom, what kind, about which engagement, and
whether it was delivered (or the last error). The operator reads them in the admin."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.engagements.models import Engagement


class Message(TimeStampedModel):
    # A person created only by a mistyped address is removed with the record of the mails
    # sent to it (engagements.services._referred_to): a record is no reason to keep it.
    GOES_WITH_PERSON = True

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed, to be retried")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages"
    )
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    kind = models.CharField(_("kind"), max_length=40)
    # The open action it is about (for `action_opened` and `reminder`), else "".
    action = models.CharField(_("action"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10)
    # The day it belongs to: one message of a kind per action, person and day at most.
    day = models.DateField(_("day"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A second run of the reminders, or two at once, sends nothing twice.
            models.UniqueConstraint(
                fields=["kind", "recipient", "engagement", "action", "day"],
                name="message_once_a_day",
            ),
            # NULLs differ in a unique index: the same for messages about no engagement
            # (a coach's weekly digest, whose `day` is its week's Monday).
            models.UniqueConstraint(
                fields=["kind", "recipient", "action", "day"],
                condition=models.Q(engagement__isnull=True),
                name="message_once_a_day_no_engagement",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} to {self.recipient_id} ({self.status})"
