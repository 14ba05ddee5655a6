"""Who takes part: inviting before the contract is in force, amendments of the parties after.

Before the contract is in force the coach invites the client and the sponsor directly;
the client accepts the contract knowing who else is in it. Once it is in force, adding or
replacing a party is an amendment of the terms (DOMAIN.md): the coach proposes it, naming
the person and, for a sponsor, what it may see and the costs; the client agrees; then the
new person accepts the contract as amended and only then becomes a party. Until that last
step the person has no participation, so every page answers them as an outsider, and the
contract stays in force for the others, unchanged.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.accounts.signals import mail_sent
from oogst.contracting.models import Contract, ContractAcceptance, PartyChange
from oogst.contracting.selectors import contract_in_force, facts_for, may_write
from oogst.contracting.services.contract import canonical_view
from oogst.contracting.signals import party_admitted
from oogst.engagements.models import Engagement, Invitation, Participation
from oogst.engagements.selectors import party_in, pending_invitation
from oogst.engagements.services import (
    invitation_correct,
    invitation_issue,
    invitation_send,
    other_party_of,
    person_for_invitation,
)
from oogst.policy import Content, Party
from oogst.vocabulary import Party as PartyChoice
from oogst.vocabulary import SponsorView

# Only the sponsor joins or changes late: the client and the coach are the engagement.
LATE_PARTIES: tuple[Party, ...] = (Party.SPONSOR,)
# The terms a party change may amend, in the order the pages show them.
PARTY_TERMS = ("sponsor_may_see", "costs_amount", "currency")


@transaction.atomic
def party_invite(
    *,
    engagement: Engagement,
    actor: Party,
    party: str,
    name: str,
    email: str,
    invited_by: User,
    base_url: str,
) -> Invitation:
    """Invite the client or the sponsor while the contract is not in force yet.

    Once it is, only a party that is held can be invited (its person gets a fresh link);
    anyone new comes in through `party_change_propose`.
    """
    if not may_write(Content.CONTRACT, engagement_id=engagement.pk, party=actor):
        raise PermissionDenied
    holder = Participation.objects.filter(engagement=engagement, party=party).exists()
    if not holder and contract_in_force(engagement_id=engagement.pk):
        # (A different person for a party that is held is refused by `invitation_send`.)
        raise ValidationError(
            _(
                "The contract is in force, so a new party joins only by an amendment "
                "that the client agrees to."
            ),
            code="in_force",
        )
    return invitation_send(
        engagement=engagement,
        party=party,
        name=name,
        email=email,
        invited_by=invited_by,
        base_url=base_url,
    )


@transaction.atomic
def party_invitation_correct(
    *,
    engagement: Engagement,
    actor: Party,
    party: str,
    name: str,
    email: str,
    invited_by: User,
    base_url: str,
) -> Invitation:
    """Correct the address of a party's invitation that nobody has accepted yet: whoever
    invites (the coach), never once closed. The party moves to the person with the right
    address (`engagements.services.invitation_correct`), so it is refused once the party
    has accepted the contract: that acceptance was given in the other person's login."""
    if not may_write(Content.CONTRACT, engagement_id=engagement.pk, party=actor):
        raise PermissionDenied
    invitation = pending_invitation(engagement_id=engagement.pk, party=party)
    if invitation is None:
        raise ValidationError(
            _("No invitation for this party waits to be accepted: there is nothing to correct."),
            code="not_pending",
        )
    if ContractAcceptance.objects.filter(contract__engagement=engagement, party=party).exists():
        raise ValidationError(
            _(
                "%(name)s has accepted the contract as the %(party)s already, so the "
                "invitation can no longer go to someone else."
            )
            % {"name": invitation.person, "party": PartyChoice(party).label},
            code="accepted",
        )
    return invitation_correct(
        invitation=invitation,
        name=name,
        email=email,
        invited_by=invited_by,
        base_url=base_url,
    )


# ---------------------------------------------------------------- proposing


@transaction.atomic
def party_change_propose(
    *,
    engagement: Engagement,
    actor: Party,
    proposed_by: User,
    party: str,
    name: str,
    email: str,
    sponsor_may_see: list[str],
    costs_amount: Decimal | None,
    currency: str,
    reason: str,
    base_url: str,
) -> PartyChange:
    """Propose adding a sponsor, or replacing the one there is, to a contract in force."""
    contract = _contract_open_to_change(engagement=engagement, actor=actor, party=party)
    person, holder = _newcomer(engagement=engagement, party=Party(party), name=name, email=email)
    change = PartyChange(
        engagement=engagement,
        party=party,
        kind=PartyChange.Kind.REPLACE if holder else PartyChange.Kind.ADD,
        person=person,
        replaced_person=holder,
        reason=reason.strip(),
        changes=_term_changes(
            contract,
            sponsor_may_see=sponsor_may_see,
            costs_amount=costs_amount,
            currency=currency,
        ),
        proposed_by=proposed_by,
    )
    change.full_clean(validate_constraints=False)  # the database keeps one open
    try:
        with transaction.atomic():
            change.save()
    except IntegrityError:  # another proposal got in first
        raise _one_open() from None
    invitation_issue(
        engagement=engagement,
        party=Party(party),
        person=person,
        invited_by=proposed_by,
        base_url=base_url,
        joins_later=True,
    )
    return change


def _contract_open_to_change(*, engagement: Engagement, actor: Party, party: str) -> Contract:
    """The contract in force, locked, when `actor` may propose `party` and none waits."""
    facts = facts_for(engagement_id=engagement.pk, party=actor)
    if not policy.may_write(Content.PARTY_CHANGE, facts):
        raise PermissionDenied
    if party not in LATE_PARTIES:
        raise ValidationError(
            _("Once the contract is in force, only the sponsor can be added or replaced."),
            code="party",
        )
    contract = Contract.objects.select_for_update().filter(engagement=engagement).first()
    if contract is None or not contract_in_force(engagement_id=engagement.pk):
        raise ValidationError(
            _("The contract is not in force yet: invite the party directly."),
            code="not_in_force",
        )
    if PartyChange.objects.filter(engagement=engagement, status__in=PartyChange.OPEN).exists():
        raise _one_open()
    return contract


def _newcomer(
    *, engagement: Engagement, party: Party, name: str, email: str
) -> tuple[User, User | None]:
    """The person proposed (made if new), and the person they would replace, if any."""
    person = person_for_invitation(engagement=engagement, name=name, email=email)
    holder = (
        Participation.objects.filter(engagement=engagement, party=party)
        .select_related("person")
        .first()
    )
    if holder is not None and holder.person_id == person.pk:
        raise ValidationError(
            {
                "email": _("%(name)s is the %(party)s already.")
                % {"name": person, "party": PartyChoice(party).label}
            },
            code="same_person",
        )
    other_party_of(engagement=engagement, person=person, party=party)
    return person, holder.person if holder else None


def _one_open() -> ValidationError:
    return ValidationError(
        _(
            "A change of the parties is already waiting; it has to be settled or withdrawn "
            "before another can be proposed."
        ),
        code="open",
    )


def _term_changes(
    contract: Contract,
    *,
    sponsor_may_see: list[str],
    costs_amount: Decimal | None,
    currency: str,
) -> dict[str, list[object]]:
    """{term: [old, new]} for each term that would change, as JSON keeps them."""
    new: dict[str, object] = {
        "sponsor_may_see": canonical_view(sponsor_may_see),
        "costs_amount": costs_amount,
        "currency": currency.strip().upper(),
    }
    unknown = set(sponsor_may_see) - set(SponsorView.values)
    if unknown:
        raise ValidationError(
            {"sponsor_may_see": _("Unknown choice: %(v)s.") % {"v": ", ".join(sorted(unknown))}}
        )
    future = Contract.objects.get(pk=contract.pk)
    for term, value in new.items():
        setattr(future, term, value)
    future.full_clean()  # the contract as amended must still be a valid contract
    old: dict[str, object] = {
        "sponsor_may_see": canonical_view(contract.sponsor_may_see),
        "costs_amount": contract.costs_amount,
        "currency": contract.currency,
    }
    return {
        term: [_json(old[term]), _json(new[term])]
        for term in PARTY_TERMS
        if _json(old[term]) != _json(new[term])
    }


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal("0.01")), "f")
    return value


def amended_terms(contract: Contract, change: PartyChange) -> dict[str, object]:
    """The party-related terms of the contract as the change would leave them."""
    terms: dict[str, object] = {term: getattr(contract, term) for term in PARTY_TERMS}
    for term, (_old, new) in change.changes.items():
        terms[term] = Decimal(new) if term == "costs_amount" and new is not None else new
    terms["sponsor_may_see"] = canonical_view(terms["sponsor_may_see"])
    return terms


# ---------------------------------------------------------------- the client agrees or not


@transaction.atomic
def party_change_agree(*, change: PartyChange, person: User, base_url: str) -> PartyChange:
    """The client agrees: the proposed person may now accept the contract as amended."""
    change = _locked_open(change, PartyChange.Status.AWAITING_CLIENT)
    _require_client(change, person)
    change.status = PartyChange.Status.AWAITING_NEWCOMER
    change.client_agreed_at = timezone.now()
    change.client_agreed_by = person
    change.save(update_fields=["status", "client_agreed_at", "client_agreed_by", "updated_at"])
    _turn_mail(change, base_url=base_url)
    return change


@transaction.atomic
def party_change_decline(*, change: PartyChange, person: User) -> PartyChange:
    """The client says no: nobody joins, and the link sent to the person dies."""
    change = _locked_open(change, PartyChange.Status.AWAITING_CLIENT)
    _require_client(change, person)
    return _end(change, PartyChange.Status.DECLINED, person)


@transaction.atomic
def party_change_withdraw(*, change: PartyChange, actor: Party, person: User) -> PartyChange:
    """The coach takes the proposal back, at any moment before the person joined."""
    change = _locked_open(change, *PartyChange.OPEN)
    facts = facts_for(engagement_id=change.engagement_id, party=actor)
    if not policy.may_write(Content.PARTY_CHANGE, facts):
        raise PermissionDenied
    return _end(change, PartyChange.Status.WITHDRAWN, person)


def _locked_open(change: PartyChange, *statuses: str) -> PartyChange:
    change = PartyChange.objects.select_for_update().get(pk=change.pk)
    if change.status not in statuses:
        raise ValidationError(
            _("This change of the parties is no longer waiting for that."), code="not_open"
        )
    return change


def _require_client(change: PartyChange, person: User) -> None:
    actor = party_in(person=person, engagement_id=change.engagement_id)
    if actor is None:
        raise PermissionDenied
    if not policy.may_admit_party(facts_for(engagement_id=change.engagement_id, party=actor)):
        raise PermissionDenied


def _end(change: PartyChange, status: str, person: User) -> PartyChange:
    change.status = status
    change.ended_at = timezone.now()
    change.ended_by = person
    change.save(update_fields=["status", "ended_at", "ended_by", "updated_at"])
    _drop_link(change.engagement_id, party=change.party, person_id=change.person_id)
    return change


def _drop_link(engagement_id: int, *, party: str, person_id: int | None) -> None:
    """The invitation of someone who is no party (any more): its link dies, and it no
    longer lists the engagement on their home page. The change keeps the history."""
    Invitation.objects.filter(
        engagement_id=engagement_id, party=party, person_id=person_id
    ).delete()


def _turn_mail(change: PartyChange, *, base_url: str) -> None:
    """Tell the proposed person that the client agreed and it is their turn."""
    person, engagement = change.person, change.engagement
    link = base_url.rstrip("/") + reverse("contracting:join", args=[engagement.pk])
    with translation.override(person.language or engagement.language):
        context = {
            "name": person.get_short_name(),
            "party": PartyChoice(change.party).label,
            "title": engagement.title,
            "link": link,
        }
        subject = render_to_string("emails/party_change_turn_subject.txt", context).strip()
        body = render_to_string("emails/party_change_turn.txt", context)
    send_mail(subject, body, None, [person.email])
    mail_sent.send(
        sender=PartyChange, kind="party_change_turn", person=person, engagement_id=engagement.pk
    )


# ---------------------------------------------------------------- the new person joins


@transaction.atomic
def party_change_join(*, change: PartyChange, person: User) -> PartyChange:
    """The proposed person accepts the contract as amended and becomes the party."""
    change = _locked_open(change, PartyChange.Status.AWAITING_NEWCOMER)
    if person.pk != change.person_id:
        raise PermissionDenied
    facts = facts_for(engagement_id=change.engagement_id, party=Party(change.party))
    if not policy.newcomer_may_join(
        client_agreed=change.client_agreed_at is not None, closed=facts.closed
    ):
        raise PermissionDenied
    engagement = change.engagement
    other_party_of(engagement=engagement, person=person, party=Party(change.party))
    contract = Contract.objects.select_for_update().get(engagement=engagement)
    _apply_terms(contract, change)
    _seat(change, person)
    _accept_as_amended(contract, party=change.party)
    Invitation.objects.filter(
        engagement=engagement, party=change.party, person=person, accepted_at__isnull=True
    ).update(accepted_at=timezone.now())
    change.status = PartyChange.Status.IN_FORCE
    change.joined_at = timezone.now()
    change.save(update_fields=["status", "joined_at", "updated_at"])
    party_admitted.send(
        sender=PartyChange, engagement_id=engagement.pk, party=change.party, kind=change.kind
    )
    return change


def _apply_terms(contract: Contract, change: PartyChange) -> None:
    if not change.changes:
        return
    for term, value in amended_terms(contract, change).items():
        setattr(contract, term, value)
    contract.full_clean()
    contract.save(update_fields=[*change.changes, "updated_at"])


def _seat(change: PartyChange, person: User) -> None:
    """Give the person the party: a new participation, or the one of whom they replace."""
    holder = Participation.objects.filter(
        engagement_id=change.engagement_id, party=change.party
    ).first()
    if holder is None:
        holder = Participation(engagement_id=change.engagement_id, party=change.party)
    replaced = holder.person_id
    holder.person = person
    holder.full_clean()
    holder.save()
    if replaced is not None:
        # From now on the person replaced reads nothing; their link dies too.
        _drop_link(change.engagement_id, party=change.party, person_id=replaced)


def _accept_as_amended(contract: Contract, *, party: str) -> None:
    acceptance = ContractAcceptance.objects.filter(contract=contract, party=party).first()
    if acceptance is None:
        acceptance = ContractAcceptance(contract=contract, party=party)
    acceptance.accepted_on = timezone.localdate()
    acceptance.full_clean()
    acceptance.save()
