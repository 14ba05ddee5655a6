"""Where each engagement stands, stored for the dashboard.

A copy of what `measures.stages` computes (the only definition), kept per engagement so
that a list of hundreds of engagements can be filtered by stage and by "waits for me"
in the database. `harvest.stored` keeps it up to date; nothing else writes it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from oogst.engagements.models import Engagement
from oogst.vocabulary import Party, Stage


class Progress(models.Model):
    """An engagement's stage, and its last activity as each party may read it."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, primary_key=True, related_name="progress"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default="")
    stage_since = models.DateTimeField(_("in this stage since"), null=True)
    last_activity_client = models.DateTimeField(null=True)
    last_activity_coach = models.DateTimeField(null=True)
    last_activity_sponsor = models.DateTimeField(null=True)
    # Out of date: something it is computed from changed since (see `harvest.stored`).
    stale = models.BooleanField(default=True, db_index=True)

    class Meta:
        verbose_name = _("progress")
        verbose_name_plural = _("progress")
        indexes = [models.Index(fields=["stage"], name="progress_stage")]

    def __str__(self) -> str:
        return f"{self.engagement_id}: {self.stage}"

    def last_activity_for(self, party: str) -> object:
        return getattr(self, f"last_activity_{party}")


class OpenAction(models.Model):
    """One open action of `measures.stages.waiting_for`, with whom may see that it is open."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="open_actions"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    action = models.CharField(_("action"), max_length=40)
    # When it opened: kept from the first time it was stored, so it does not move.
    since = models.DateTimeField(_("open since"))
    optional = models.BooleanField(_("optional"), default=False)
    # `policy.may_see_action` for each party, asked when it was stored.
    seen_by_client = models.BooleanField(default=False)
    seen_by_coach = models.BooleanField(default=False)
    seen_by_sponsor = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("open action")
        verbose_name_plural = _("open actions")
        ordering = ["engagement", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "party", "action"], name="open_action_once"
            )
        ]
        indexes = [models.Index(fields=["party", "engagement"], name="open_action_party")]

    def __str__(self) -> str:
        return f"{self.engagement_id}: {self.party} {self.action}"

    def seen_by(self, party: str) -> bool:
        return bool(getattr(self, f"seen_by_{party}"))
