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


# ---------------------------------------------------------------- the figures summary

# The summary's columns, by kind (see `EngagementFigures`); names as in `research.summary`.
_PARTIES = ("client", "coach", "sponsor")
_MEANINGS = ("product", "effect", "consequence", "outcome", "success", "performance", "financial")
COUNT_COLUMNS: tuple[str, ...] = (
    "results",
    "expected",
    "linked",
    "disagreements",
    "goals",
    "goals_achieved",
    *(f"beneficiary_{b}" for b in ("client", "organisation", "both")),
    *(f"evidence_{e}" for e in ("observable", "explicable")),
    *(f"reported_{p}" for p in _PARTIES),
    *(f"unexpected_{p}" for p in _PARTIES),
    *(f"d_{p}_{d}" for p in _PARTIES for d in ("desired", "undesired", "neutral")),
    *(f"f_{p}_n" for p in _PARTIES),
    *(f"f_{p}_bin_{i}" for p in _PARTIES for i in range(5)),
    "stated",
    "divergent",
    *(f"m_{m}_named" for m in _MEANINGS),
    *(f"m_{m}_diverging" for m in _MEANINGS),
    *(f"m_{m}_{p}" for m in _MEANINGS for p in _PARTIES),
)
SUM_COLUMNS: tuple[str, ...] = tuple(f"f_{p}_sum" for p in _PARTIES)
SCORE_COLUMNS: tuple[str, ...] = tuple(f"gas_{p}" for p in _PARTIES)


class EngagementFigures(models.Model):
    """One engagement's own research figures, which `aggregates.stats` adds up.

    Derived data, maintained by `oogst.research.summary`: a row is rewritten from the raw
    tables when it is missing or marked `stale` (the write paths mark it; see
    `oogst.research.apps`). Who is included, and the research filters, are not stored:
    they are applied to the raw tables at every call, so consent and sessions never
    leave a row out of date.
    """

    engagement = models.OneToOneField(
        Engagement, on_delete=models.CASCADE, primary_key=True, related_name="research_figures"
    )
    stale = models.BooleanField(default=False, db_index=True)
    closing = models.CharField(max_length=10, blank=True, default="")
    roi = models.DecimalField(max_digits=24, decimal_places=2, null=True, blank=True)

    for _name in COUNT_COLUMNS:
        locals()[_name] = models.IntegerField(default=0)
    for _name in SUM_COLUMNS:
        locals()[_name] = models.DecimalField(max_digits=18, decimal_places=6, default=0)
    for _name in SCORE_COLUMNS:
        locals()[_name] = models.DecimalField(
            max_digits=12, decimal_places=2, null=True, blank=True
        )
    del _name

    class Meta:
        verbose_name = _("research figures of an engagement")
        verbose_name_plural = _("research figures of engagements")

    def __str__(self) -> str:
        return f"figures of {self.engagement_id}"
