"""The end of an engagement: attainment ratings and the three-way closing conversation."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.contracting.models import Goal
from oogst.engagements.models import Engagement
from oogst.vocabulary import ClosingStatus, Party


class AttainmentRating(TimeStampedModel):
    """The level on a goal's attainment scale that one party says was reached."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    rater = models.CharField(_("rater"), max_length=10, choices=Party.choices)
    level = models.SmallIntegerField(_("level reached"))

    class Meta:
        verbose_name = _("attainment rating")
        verbose_name_plural = _("attainment ratings")
        constraints = [
            models.UniqueConstraint(fields=["goal", "rater"], name="rating_once_per_rater"),
            models.CheckConstraint(
                condition=Q(level__gte=-2, level__lte=2), name="rating_level_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal.key}: {self.get_rater_display()} {self.level:+d}"


class ClosingConversation(TimeStampedModel):
    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="closing")
    status = models.CharField(
        _("status"), max_length=10, choices=ClosingStatus.choices, default=ClosingStatus.PLANNED
    )
    declined_by = models.CharField(
        _("declined by"), max_length=10, choices=Party.choices, blank=True
    )
    held_on = models.DateField(_("date"), null=True, blank=True)
    # Why it was declined or not held, or a general note; part of the interchange format.
    notes = models.TextField(_("notes"), blank=True)
    conclusions = models.TextField(_("agreed conclusions"), blank=True)
    # The parties present when it was held.
    present = models.JSONField(_("present"), default=list, blank=True)

    class Meta:
        verbose_name = _("closing conversation")
        verbose_name_plural = _("closing conversations")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ClosingStatus.DECLINED) | Q(declined_by=""),
                name="closing_declined_by_only_when_declined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_status_display()}"


class Minute(TimeStampedModel):
    """What was said about one item of the closing conversation's agenda."""

    conversation = models.ForeignKey(
        ClosingConversation, on_delete=models.CASCADE, related_name="minutes"
    )
    kind = models.CharField(_("kind of item"), max_length=20)
    ref = models.CharField(_("goal or result"), max_length=20)
    text = models.TextField(_("minutes"))

    class Meta:
        verbose_name = _("minute")
        verbose_name_plural = _("minutes")
        ordering = ["conversation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "kind", "ref"], name="minute_once_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation}: {self.kind} {self.ref}"
