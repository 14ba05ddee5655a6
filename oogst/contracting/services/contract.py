"""The contract: the coach proposes the terms, every party accepts them in its own login.

A change of the terms clears the acceptances given so far (those parties accepted other
terms); once every party has accepted, the contract is in force and its terms and goals
are frozen. What the sponsor may see can be widened beyond the default, but the widening
takes effect only once the client has accepted (`policy.effective_sponsor_view`).
"""

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Contract, ContractAcceptance, Goal
from oogst.contracting.selectors import contract_in_force, may_write
from oogst.contracting.services.goals import GOAL_FIELDS
from oogst.engagements.models import Engagement
from oogst.engagements.selectors import party_in
from oogst.policy import Content, Party
from oogst.vocabulary import SponsorView

TERMS = ("sessions_planned", "costs_amount", "currency", "sponsor_may_see", "rho")

# Said on the contract page while a widening waits for the client's acceptance.
WIDENING_PENDING = {
    SponsorView.GOALS: gettext_lazy(
        "The goals will be visible to the sponsor once the client accepts."
    ),
    SponsorView.SESSIONS_HELD: gettext_lazy(
        "The sessions held will be visible to the sponsor once the client accepts."
    ),
    SponsorView.ATTAINMENT: gettext_lazy(
        "Attainment ratings will be visible to the sponsor once the client accepts."
    ),
}


def canonical_view(items: object) -> list[str]:
    wanted = set(items) if isinstance(items, list | tuple | set | frozenset) else set()
    return [v for v in SponsorView.values if v in wanted]


@transaction.atomic
def contract_update(
    *,
    engagement: Engagement,
    actor: Party,
    sessions_planned: int,
    costs_amount: Decimal | None,
    currency: str,
    sponsor_may_see: list[str],
    rho: Decimal,
) -> Contract:
    """Propose or change the terms; a change clears the acceptances given so far."""
    if not may_write(Content.CONTRACT, engagement_id=engagement.pk, party=actor):
        raise PermissionDenied
    unknown = set(sponsor_may_see) - set(SponsorView.values)
    if unknown:
        raise ValidationError(
            {"sponsor_may_see": _("Unknown choice: %(v)s.") % {"v": ", ".join(unknown)}}
        )
    contract = Contract.objects.select_for_update().filter(engagement=engagement).first()
    if contract_in_force(engagement_id=engagement.pk):
        raise ValidationError(
            _("Every party has accepted the contract, so its terms are frozen."), code="frozen"
        )
    new = {
        "sessions_planned": sessions_planned,
        "costs_amount": costs_amount,
        "currency": currency.strip().upper(),
        "sponsor_may_see": canonical_view(sponsor_may_see),
        "rho": rho,
    }
    if contract is None:
        contract = Contract(engagement=engagement, **new)
        contract.full_clean()
        contract.save()
        return contract
    old = {**{f: getattr(contract, f) for f in TERMS}}
    old["sponsor_may_see"] = canonical_view(old["sponsor_may_see"])
    changed = [f for f in TERMS if old[f] != new[f]]
    if not changed:
        return contract
    for field in changed:
        setattr(contract, field, new[field])
    contract.full_clean()
    contract.save(update_fields=[*changed, "updated_at"])
    contract.acceptances.all().delete()  # they accepted other terms
    return contract


def terms_version(contract: Contract, goals: Iterable[Goal]) -> str:
    """A short fingerprint of what a party accepts: the terms and every goal. A page that
    asks to confirm carries it, so an acceptance never lands on terms that changed since."""
    terms = {f: _plain(getattr(contract, f)) for f in TERMS}
    terms["sponsor_may_see"] = canonical_view(contract.sponsor_may_see)
    described = [
        {"key": g.key, **{f: _plain(getattr(g, f)) for f in GOAL_FIELDS}}
        for g in sorted(goals, key=lambda g: (g.position, g.pk))
    ]
    text = json.dumps({"terms": terms, "goals": described}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 3600 and 3600.00 are the same terms
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def contract_version(*, engagement_id: int) -> str:
    """The fingerprint of the contract as it stands now ("" while nothing is proposed)."""
    contract = Contract.objects.filter(engagement_id=engagement_id).first()
    if contract is None:
        return ""
    return terms_version(contract, Goal.objects.filter(engagement_id=engagement_id))


def _acceptable(*, engagement: Engagement, party: Party, person: User) -> Contract:
    """The contract `person` may accept as `party` now; refuses as `contract_accept` does."""
    if party_in(person=person, engagement_id=engagement.pk) != party:
        raise PermissionDenied
    if not may_write(Content.ACCEPTANCE, engagement_id=engagement.pk, party=party, author=party):
        raise PermissionDenied
    contract = Contract.objects.select_for_update().filter(engagement=engagement).first()
    if contract is None:
        raise ValidationError(
            _("The coach has not proposed the terms of the contract yet."), code="no_contract"
        )
    earlier = contract.acceptances.filter(party=party).first()
    if earlier is not None:
        raise ValidationError(
            _("You already accepted on %(date)s.")
            % {"date": date_format(earlier.accepted_on, "DATE_FORMAT")},
            code="already_accepted",
        )
    return contract


@transaction.atomic
def contract_check_acceptable(*, engagement: Engagement, party: Party, person: User) -> None:
    """Whether `person` may accept now, before asking them to confirm: the same refusals
    as `contract_accept` (PermissionDenied, ValidationError), and nothing written."""
    _acceptable(engagement=engagement, party=party, person=person)


@transaction.atomic
def contract_accept(
    *, engagement: Engagement, party: Party, person: User, version: str | None = None
) -> ContractAcceptance:
    """`person` accepts the contract as `party`; each party accepts once.

    `version`: the `terms_version` of the terms the person confirmed; when the terms or
    goals changed since, nothing is accepted (ValidationError, code "changed")."""
    contract = _acceptable(engagement=engagement, party=party, person=person)
    if version is not None and version != terms_version(
        contract, Goal.objects.filter(engagement=engagement)
    ):
        raise ValidationError(
            _(
                "The terms or the goals changed after you opened this page, so nothing was "
                "accepted. Read them again below."
            ),
            code="changed",
        )
    acceptance = ContractAcceptance(
        contract=contract, party=party, accepted_on=timezone.localdate()
    )
    acceptance.full_clean()
    acceptance.save()
    return acceptance


# ---------------------------------------------------------------- reads


@dataclass(frozen=True)
class Acceptance:
    party: str
    name: str
    accepted_on: dt.date | None  # None while the party has not accepted


@dataclass(frozen=True)
class ContractView:
    contract: Contract  # unsaved with the defaults while the coach has proposed nothing
    proposed: bool
    acceptances: tuple[Acceptance, ...]  # one per party present
    to_accept: tuple[str, ...]
    in_force: bool
    sponsor_sees: frozenset[str]  # effective now
    widenings_pending: tuple[str, ...]  # sentences

    @property
    def accepted_any(self) -> bool:
        return any(a.accepted_on for a in self.acceptances)


def contract_for(frame: StageFrame) -> ContractView:
    """The contract as every party reads it (the policy lets each read it whole); from the
    page's frame, which has read the contract, its acceptances and the parties already."""
    if not policy.may_read(Content.CONTRACT, frame.facts):
        raise PermissionDenied
    proposed = frame.contract is not None
    contract = frame.contract or Contract(engagement=frame.engagement)
    accepted = {a.party: a.accepted_on for a in frame.acceptances}
    names = frame.names
    present = frame.present
    sees = frame.facts.sponsor_view
    asked = set(canonical_view(contract.sponsor_may_see))
    return ContractView(
        contract=contract,
        proposed=proposed,
        acceptances=tuple(Acceptance(p, names[p], accepted.get(p)) for p in present),
        to_accept=tuple(p for p in present if p not in accepted),
        in_force=frame.in_force,
        sponsor_sees=sees,
        widenings_pending=tuple(
            str(WIDENING_PENDING[SponsorView(v)]) for v in SponsorView.values if v in asked - sees
        ),
    )
