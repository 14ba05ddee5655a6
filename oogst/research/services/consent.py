"""Research consent: each party's own statement that its engagement may enter research.

Consent is not a piece of engagement content, so it is not in `oogst.policy`'s table of
content; the policy's practice-research rules say whose it is (`RESEARCH_CONSENT`): only
the client and the sponsor give it, each for itself, and nobody can give or withdraw it
on another's behalf (the coach included; the operator can, for instance when an import
carries it). `may_consent` asks `policy.may_consent_to_research`. The engagement's being
closed does not matter: research happens after an engagement ends, and a party must be
able to withdraw at any time. An engagement is used in research only while every consent
it needs stands (`policy.research_consent_needed`, applied by
`oogst.research.selectors.included_engagements`).
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oogst import policy
from oogst.engagements.models import Engagement, Participation
from oogst.research.models import ResearchConsent
from oogst.research.selectors import CONSENTING_PARTIES


def may_consent(party: str | None) -> bool:
    """Whether `party` gives or withdraws consent itself: the client and the sponsor."""
    return policy.may_consent_to_research(party)


@dataclass(frozen=True)
class ConsentStatus:
    party: str
    given_on: dt.date | None
    withdrawn_on: dt.date | None

    @property
    def active(self) -> bool:
        return self.given_on is not None and self.withdrawn_on is None


def consent_statuses(*, engagement: Engagement) -> list[ConsentStatus]:
    """Per consenting party the engagement has, its consent (or None dates if never given)."""
    present = set(
        Participation.objects.filter(
            engagement=engagement, party__in=CONSENTING_PARTIES
        ).values_list("party", flat=True)
    )
    rows = {c.party: c for c in ResearchConsent.objects.filter(engagement=engagement)}
    return [
        ConsentStatus(
            party=party,
            given_on=rows[party].given_on if party in rows else None,
            withdrawn_on=rows[party].withdrawn_on if party in rows else None,
        )
        for party in CONSENTING_PARTIES
        if party in present or party in rows
    ]


def _check_party(party: str) -> None:
    if not may_consent(party):
        raise ValidationError(_("Only the client and the sponsor give research consent."))


@transaction.atomic
def research_consent_give(
    *, engagement: Engagement, party: str, on: dt.date | None = None
) -> ResearchConsent:
    """Record `party`'s consent (today unless `on`); after a withdrawal, give it anew."""
    _check_party(party)
    day = on or timezone.localdate()
    consent = (
        ResearchConsent.objects.select_for_update()
        .filter(engagement=engagement, party=party)
        .first()
    )
    if consent is None:
        consent = ResearchConsent(engagement=engagement, party=party, given_on=day)
        consent.full_clean()
        consent.save()
        return consent
    if consent.withdrawn_on is None:
        raise ValidationError(
            _("You already gave your consent on %(date)s.")
            % {"date": date_format(consent.given_on)}
        )
    consent.given_on, consent.withdrawn_on = day, None
    consent.full_clean()
    consent.save(update_fields=["given_on", "withdrawn_on", "updated_at"])
    return consent


@transaction.atomic
def research_consent_withdraw(*, engagement: Engagement, party: str) -> ResearchConsent:
    """Withdraw `party`'s consent today: the engagement leaves every later aggregate."""
    _check_party(party)
    consent = (
        ResearchConsent.objects.select_for_update()
        .filter(engagement=engagement, party=party, withdrawn_on__isnull=True)
        .first()
    )
    if consent is None:
        raise ValidationError(_("There is no consent of yours to withdraw."))
    consent.withdrawn_on = max(timezone.localdate(), consent.given_on)
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    return consent
