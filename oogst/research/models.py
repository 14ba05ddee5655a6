"""Consent for anonymised use of an engagement in practice research."""

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
