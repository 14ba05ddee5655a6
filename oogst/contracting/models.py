"""Aligning expectations, the contract with its goals, and the sessions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.engagements.models import Engagement
from oogst.vocabulary import Party, SponsorView


def default_sponsor_view() -> list[str]:
    return [SponsorView.GOALS.value, SponsorView.SESSIONS_HELD.value]


class Expectation(TimeStampedModel):
    """What one party means by "result" and expects from the engagement."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="expectations"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    # A list of Meaning values; the order is canonicalised when read.
    meanings = models.JSONField(_("meanings of result"), default=list, blank=True)
    text = models.TextField(_("what this party expects"), blank=True)

    class Meta:
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "party"], name="expectation_one_per_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_party_display()}"


class Contract(TimeStampedModel):
    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="contract")
    sessions_planned = models.PositiveSmallIntegerField(_("sessions planned"), default=12)
    costs_amount = models.DecimalField(
        _("costs"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="EUR")
    sponsor_may_see = models.JSONField(
        _("what the sponsor may see"), default=default_sponsor_view, blank=True
    )
    rho = models.DecimalField(
        _("inter-goal correlation (rho)"), max_digits=4, decimal_places=3, default=Decimal("0.3")
    )

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(sessions_planned__gte=1), name="contract_sessions_planned_positive"
            ),
            models.CheckConstraint(
                condition=Q(rho__gte=0) & Q(rho__lt=1), name="contract_rho_range"
            ),
            models.CheckConstraint(
                condition=Q(costs_amount__isnull=True) | Q(costs_amount__gte=0),
                name="contract_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: contract"


class ContractAcceptance(TimeStampedModel):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="acceptances")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    accepted_on = models.DateField(_("accepted on"))

    class Meta:
        verbose_name = _("acceptance")
        verbose_name_plural = _("acceptances")
        constraints = [
            models.UniqueConstraint(fields=["contract", "party"], name="acceptance_once_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.contract}: {self.get_party_display()} {self.accepted_on}"


class Goal(TimeStampedModel):
    """An intended goal (beoogd doel) with its optional Goal Attainment Scale."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="goals")
    key = models.CharField(_("key"), max_length=20)
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("goal"))
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1))
    level_minus_2 = models.TextField(_("-2: much less than expected"), blank=True)
    level_minus_1 = models.TextField(_("-1: less than expected"), blank=True)
    level_0 = models.TextField(_("0: the expected level"), blank=True)
    level_plus_1 = models.TextField(_("+1: more than expected"), blank=True)
    level_plus_2 = models.TextField(_("+2: much more than expected"), blank=True)
    baseline = models.SmallIntegerField(_("level at the start"), null=True, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)

    LEVEL_FIELDS = {
        -2: "level_minus_2",
        -1: "level_minus_1",
        0: "level_0",
        1: "level_plus_1",
        2: "level_plus_2",
    }

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["engagement", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "key"], name="goal_key_unique"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="goal_weight_positive"),
            models.CheckConstraint(
                condition=Q(baseline__isnull=True) | Q(baseline__gte=-2, baseline__lte=2),
                name="goal_baseline_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text}"

    @property
    def scale(self) -> dict[int, str]:
        """The level descriptions that were filled in, by level."""
        return {
            level: text
            for level, field in self.LEVEL_FIELDS.items()
            if (text := getattr(self, field))
        }


class Session(TimeStampedModel):
    """A coaching session (bijeenkomst)."""

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    position = models.PositiveIntegerField(_("position"), default=0)
    held_on = models.DateField(_("date"))
    topics = models.JSONField(_("topics"), default=list, blank=True)
    goals = models.ManyToManyField(Goal, related_name="sessions", blank=True)
    # Private to the coach (DOMAIN.md); never in the admin, an export or another's page.
    coach_notes = models.TextField(_("the coach's notes"), blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["engagement", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["engagement", "number"], name="session_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: session {self.number}"


class SessionReflection(TimeStampedModel):
    """The client's own reflection on a session; the coach reads it only when shared."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="reflection")
    text = models.TextField(_("reflection"))
    shared_with_coach = models.BooleanField(_("shared with the coach"), default=False)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self) -> str:
        return f"{self.session}: reflection"


class Amendment(TimeStampedModel):
    """A proposed change to a goal after the contract was accepted by every party.

    Until every party has accepted it, the goal as accepted stays in force (and is the
    version attainment is scored on); then the change is applied and kept here with who
    proposed it, when, and the old and new values.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting acceptance")
        IN_FORCE = "in_force", _("in force")
        WITHDRAWN = "withdrawn", _("withdrawn")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="amendments")
    proposed_by = models.CharField(_("proposed by"), max_length=10, choices=Party.choices)
    proposed_by_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reason = models.TextField(_("reason"), blank=True)
    # {field: [old, new]} for each changed field of the goal, as JSON-ready values.
    changes = models.JSONField(_("changes"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    in_force_at = models.DateTimeField(_("in force since"), null=True, blank=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["goal", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(status="pending"),
                name="amendment_one_pending_per_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.goal.key}: {self.get_status_display()}"


class AmendmentAcceptance(TimeStampedModel):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="acceptances")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("acceptance of an amendment")
        verbose_name_plural = _("acceptances of amendments")
        constraints = [
            models.UniqueConstraint(
                fields=["amendment", "party"], name="amendment_acceptance_once_per_party"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amendment}: {self.get_party_display()}"


class PartyChange(TimeStampedModel):
    """A party added or replaced once the contract is in force: an amendment of the terms.

    The coach proposes it, naming the person and, for a sponsor, what it may see and the
    costs; the client agrees; then the person accepts the contract as amended and only
    then becomes a party (a participation). Until then the person reads nothing of the
    engagement, and the contract stays in force for the others, unchanged. The row stays
    as the history of the terms: who proposed, who agreed, who joined, and when.
    """

    class Kind(models.TextChoices):
        ADD = "add", _("added")
        REPLACE = "replace", _("replaced")

    class Status(models.TextChoices):
        AWAITING_CLIENT = "awaiting_client", _("awaiting the client's agreement")
        AWAITING_NEWCOMER = "awaiting_newcomer", _("awaiting the new party's acceptance")
        IN_FORCE = "in_force", _("in force")
        DECLINED = "declined", _("declined by the client")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN = (Status.AWAITING_CLIENT, Status.AWAITING_NEWCOMER)

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="party_changes"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="party_changes",
        verbose_name=_("new person"),
    )
    replaced_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person replaced"),
    )
    reason = models.TextField(_("reason"), blank=True)
    # {term: [old, new]} for each term of the contract that changes with it, as JSON values.
    changes = models.JSONField(_("changes of the terms"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_CLIENT
    )
    client_agreed_at = models.DateTimeField(_("client agreed at"), null=True, blank=True)
    client_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("declined or withdrawn at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("change of a party")
        verbose_name_plural = _("changes of the parties")
        ordering = ["engagement", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["engagement"],
                condition=Q(status__in=["awaiting_client", "awaiting_newcomer"]),
                name="party_change_one_open_per_engagement",
            ),
            models.CheckConstraint(
                condition=Q(party__in=Party.values), name="party_change_party_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind="add", replaced_person__isnull=True) | Q(kind="replace"),
                name="party_change_add_replaces_nobody",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_kind_display()} {self.get_party_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN
