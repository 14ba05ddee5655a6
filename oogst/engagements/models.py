"""The engagement (coachingstraject), its organisation, its three parties and its intake."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from oogst.base import TimeStampedModel
from oogst.vocabulary import Party


class Organisation(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Engagement(TimeStampedModel):
    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("language of the texts"), max_length=2, choices=Language.choices, default="nl"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="engagements",
        verbose_name=_("organisation"),
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Participation", related_name="engagements"
    )
    # Once closed, the engagement is read-only for everyone (policy.Facts.closed).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class Participation(TimeStampedModel):
    """A person's party in one engagement: client, coach or sponsor."""

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="participations"
    )
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["engagement", "party"], name="participation_one_person_per_party"
            ),
            models.UniqueConstraint(
                fields=["engagement", "person"], name="participation_one_party_per_person"
            ),
            models.CheckConstraint(
                condition=models.Q(party__in=Party.values), name="participation_party_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_party_display()})"


class Intake(TimeStampedModel):
    """The orienting conversation: its date, the client's question and the coach's notes."""

    engagement = models.OneToOneField(Engagement, on_delete=models.CASCADE, related_name="intake")
    held_on = models.DateField(_("date"), null=True, blank=True)
    question = models.TextField(_("the client's question"), blank=True)
    # Private to the coach (DOMAIN.md); never shown in the admin or to other parties.
    notes = models.TextField(_("intake notes"), blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")

    def __str__(self) -> str:
        return f"{self.engagement}: intake"


class Invitation(TimeStampedModel):
    """An invitation for the client or the sponsor to join an engagement.

    The person and their participation exist from the moment of inviting; the link in
    the e-mail lets them set a password. Only a hash of the token is stored, so a copy
    of the database cannot be used to take over an account.
    """

    engagement = models.ForeignKey(Engagement, on_delete=models.CASCADE, related_name="invitations")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One per person per party: a sponsor proposed to replace another gets an
            # invitation of their own, while the one they replace keeps the record of theirs.
            models.UniqueConstraint(
                fields=["engagement", "party", "person"], name="invitation_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.get_party_display()}"
