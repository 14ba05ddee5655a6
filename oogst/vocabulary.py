"""The closed vocabularies of the domain, shared by every stage.

Values are the interchange format's words (English); labels are the interface's words,
translated. `policy` and `measures` use the same plain strings without importing this.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Party(models.TextChoices):
    CLIENT = "client", _("client")
    COACH = "coach", _("coach")
    SPONSOR = "sponsor", _("sponsor")


class Meaning(models.TextChoices):
    """The meanings of "result", in the canonical order of the interchange format."""

    PRODUCT = "product", _("product")
    EFFECT = "effect", _("effect")
    CONSEQUENCE = "consequence", _("consequence")
    OUTCOME = "outcome", _("outcome")
    SUCCESS = "success", _("success")
    PERFORMANCE = "performance", _("performance")
    FINANCIAL = "financial", _("financial")


class Desirability(models.TextChoices):
    DESIRED = "desired", _("desired")
    UNDESIRED = "undesired", _("undesired")
    NEUTRAL = "neutral", _("neutral")


class Beneficiary(models.TextChoices):
    CLIENT = "client", _("for the client")
    ORGANISATION = "organisation", _("for the organisation")
    BOTH = "both", _("for both")


class Evidence(models.TextChoices):
    OBSERVABLE = "observable", _("observable")
    EXPLICABLE = "explicable", _("explicable")


class Source(models.TextChoices):
    END_REPORT = "end_report", _("end report")
    SESSION = "session", _("session")
    CLOSING = "closing", _("closing conversation")
    OTHER = "other", _("other")


class SponsorView(models.TextChoices):
    """What a contract may let the sponsor see beyond the results the client shares."""

    GOALS = "goals", _("the goals")
    SESSIONS_HELD = "sessions_held", _("the sessions held (count and dates)")
    ATTAINMENT = "attainment", _("the other parties' attainment ratings")


class ClosingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    DECLINED = "declined", _("declined")
    NOT_HELD = "not_held", _("not held")


class Stage(models.TextChoices):
    """Where an engagement stands (`measures.stages.STAGES`, in order; an open list)."""

    INTAKE = "intake", _("intake")
    EXPECTATIONS = "expectations", _("expectations")
    CONTRACT = "contract", _("contract")
    SESSIONS = "sessions", _("sessions")
    END_REPORTS = "end_reports", _("end reports")
    CLOSING = "closing", _("closing")
    CLOSED = "closed", _("closed")
