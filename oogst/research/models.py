"""Consent for anonymised use of an engagement in practice research."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.engagements.models import Engagement
from oogst.vocabulary import Party


class ResearchConsent(TimeStampedModel):
    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="research_consents"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)

    class Meta:
        verbose_name = _("research consent")
        verbose_name_plural = _("research consents")
        constraints = [
            models.UniqueConstraint(fields=["engagement", "party"], name="consent_once_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_party_display()} {self.given_on}"


def new_pseudonym() -> str:
    return secrets.token_hex(8)


class Pseudonym(TimeStampedModel):
    """The engagement's stable name in research data: random, so not derivable from its id."""

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="pseudonym"
    )
    code = models.CharField(max_length=32, unique=True, default=new_pseudonym)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonyms")

    def __str__(self) -> str:
        return self.code


class GoodPractice(TimeStampedModel):
    """An engagement a coach proposes as a good practice; staff approve it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, related_name="good_practice"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    # Keys of the results the summary attributes to the coaching.
    result_keys = models.JSONField(_("results attributed to the coaching"), default=list)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title
