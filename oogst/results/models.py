"""The results register: each result with its five distinctions and per-party judgements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.contracting.models import Goal
from oogst.engagements.models import Engagement
from oogst.vocabulary import Beneficiary, Desirability, Evidence, Meaning, Party, Source


class Result(TimeStampedModel):
    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="results")
    key = models.CharField(_("key"), max_length=20)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("result as reported"))
    reported_by = models.CharField(_("reported by"), max_length=10, choices=Party.choices)
    source = models.CharField(
        _("reported in"), max_length=12, choices=Source.choices, default=Source.END_REPORT
    )
    # Distinction 1: the intended goals this result achieves (none: no goal foresaw it).
    goals = models.ManyToManyField(Goal, related_name="results", blank=True)
    meaning = models.CharField(_("meaning of result"), max_length=12, choices=Meaning.choices)
    # Distinction 2.
    expected = models.BooleanField(_("expected"))
    # Distinction 4.
    beneficiary = models.CharField(_("for whom"), max_length=12, choices=Beneficiary.choices)
    # Distinction 5, with a value only where the result is observable.
    evidence = models.CharField(
        _("evidence"), max_length=10, choices=Evidence.choices, default=Evidence.EXPLICABLE
    )
    value_amount = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    value_unit = models.CharField(_("unit"), max_length=20, blank=True)
    # The client's consent for the sponsor to read this result.
    shared_with_sponsor = models.BooleanField(_("shared with the sponsor"), default=False)
    # The client has not decided yet (so it is not shared either): every new result she
    # decides on starts so, and one marked shared before the engagement had a sponsor
    # goes back to it when a sponsor joins. False for the sponsor's own results.
    sharing_undecided = models.BooleanField(_("sharing not decided yet"), default=False)
    # The end report it was reported in, if any (results can also come from sessions).
    end_report = models.ForeignKey(
        "EndReport", on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )
    # Withdrawn by its reporter before closing (`result_withdraw`): it stays readable,
    # struck through, to whoever may read it, and counts in nothing (docs/architecture.md,
    # "Withdrawn results"). The party that withdrew it is always `reported_by`.
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["engagement", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "key"], name="result_key_unique"),
            models.CheckConstraint(
                condition=Q(evidence=Evidence.OBSERVABLE) | Q(value_amount__isnull=True),
                name="result_value_only_when_observable",
            ),
            models.CheckConstraint(
                condition=Q(value_amount__isnull=True) | ~Q(value_unit=""),
                name="result_value_has_unit",
            ),
            models.CheckConstraint(
                condition=Q(reported_by__in=Party.values), name="result_reported_by_valid"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=False) | Q(withdrawn_by__isnull=True),
                name="result_withdrawn_by_only_when_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Judgement(TimeStampedModel):
    """One party's own view of one result: desirability (distinction 3) and attribution."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="judgements")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    desirability = models.CharField(
        _("desirability"), max_length=10, choices=Desirability.choices, blank=True
    )
    share = models.DecimalField(
        _("share owed to the coaching"), max_digits=4, decimal_places=3, null=True, blank=True
    )
    confidence = models.DecimalField(
        _("confidence"), max_digits=4, decimal_places=3, null=True, blank=True
    )

    class Meta:
        verbose_name = _("judgement")
        verbose_name_plural = _("judgements")
        constraints = [
            models.UniqueConstraint(fields=["result", "party"], name="judgement_one_per_party"),
            models.CheckConstraint(
                condition=Q(share__isnull=True) | Q(share__gte=0, share__lte=1),
                name="judgement_share_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="judgement_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(share__isnull=True, confidence__isnull=True)
                | Q(share__isnull=False, confidence__isnull=False),
                name="judgement_attribution_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.result}: {self.get_party_display()}"


class EndReport(TimeStampedModel):
    """One party's end report (eindverslag), or the sponsor's statement.

    While a draft, everything typed lives in `draft` (saved as the person types) and no
    one else can read it. Submitting turns each reported result into a row of the
    register and makes the report final; the prose stays here.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="end_reports")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    # {"goals": {goal key: {"text": str, "results": [str, ...]}},
    #  "other": {"text": str, "results": [str, ...]}, "summary": str}
    draft = models.JSONField(_("draft"), default=dict, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("end report")
        verbose_name_plural = _("end reports")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "party"], name="end_report_one_per_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_party_display()}"

    @property
    def submitted(self) -> bool:
        return self.submitted_at is not None
