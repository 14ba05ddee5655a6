"""Writes at the start of an engagement: starting it, inviting its parties, the intake.

Every function is keyword-only, runs in one transaction and validates with `full_clean()`
before saving. Permission questions go to `oogst.policy`; the views ask first, and the
services that change confidential content ask again, so no other caller can skip it.
"""

import hashlib
import secrets
from datetime import date

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.accounts.signals import mail_sent
from oogst.engagements.models import Engagement, Intake, Invitation, Organisation, Participation
from oogst.engagements.selectors import engagement_facts
from oogst.policy import Content, Party
from oogst.vocabulary import Party as PartyChoice

# The coach starts the engagement; only the other two parties are invited.
INVITABLE: tuple[Party, ...] = (Party.CLIENT, Party.SPONSOR)


class InvitationNotValid(Exception):
    """The token belongs to no invitation, or to one that was used or replaced."""


def token_hash(token: str) -> str:
    """What is stored of an invitation token: a copy of the database opens no account."""
    return hashlib.sha256(token.encode()).hexdigest()


# ---------------------------------------------------------------- starting an engagement


@transaction.atomic
def engagement_start(
    *, coach: User, title: str, organisation: str, sector: str = "", language: str = "nl"
) -> Engagement:
    """A new engagement with `coach` as its coach and a contract with the default terms."""
    if not policy.may_start_engagement(coach_role=coach.is_coach):
        raise PermissionDenied
    engagement = Engagement(
        title=title.strip(),
        language=language,
        organisation=_organisation_get_or_create(name=organisation, sector=sector),
    )
    engagement.full_clean()
    engagement.save()
    participation = Participation(engagement=engagement, person=coach, party=Party.COACH)
    participation.full_clean()
    participation.save()
    return engagement


def _organisation_get_or_create(*, name: str, sector: str) -> Organisation:
    name, sector = name.strip(), sector.strip()
    # Case-insensitive, so "acme" joins "Acme" instead of founding a twin.
    organisation = Organisation.objects.filter(name__iexact=name).first()
    if organisation is None:
        organisation = Organisation(name=name, sector=sector)
        organisation.full_clean()
        organisation.save()
    elif sector and not organisation.sector:
        # Fill a missing sector, never overwrite one other engagements already show.
        organisation.sector = sector
        organisation.full_clean()
        organisation.save(update_fields=["sector", "updated_at"])
    elif sector and sector.casefold() != organisation.sector.casefold():
        # Neither overwrite it nor drop what was typed without a word: say so.
        raise ValidationError(
            {
                "sector": _(
                    "%(organisation)s is already recorded in the sector “%(sector)s”, which "
                    "its other engagements show too. Leave the sector empty or type "
                    "“%(sector)s” to start this engagement; if that sector is wrong, ask an "
                    "operator to correct it."
                )
                % {"organisation": organisation.name, "sector": organisation.sector}
            },
            code="sector_differs",
        )
    return organisation


# ---------------------------------------------------------------- invitations


@transaction.atomic
def invitation_send(
    *,
    engagement: Engagement,
    party: str,
    name: str,
    email: str,
    invited_by: User,
    base_url: str,
) -> Invitation:
    """Invite a person as the client or the sponsor, and e-mail them a link to join.

    For the contracting stage, before the contract is in force: the person and their
    participation exist from now on; the link lets them set a password. Inviting the same
    person for the same party again sends a fresh link and kills the old one. Once the
    contract is in force a new party is an amendment (`contracting.services.parties`),
    which is the door the pages use.
    """
    if party not in INVITABLE:
        raise ValidationError(_("Only the client and the sponsor can be invited."), code="party")
    person = person_for_invitation(engagement=engagement, name=name, email=email)
    _participation_ensure(engagement=engagement, party=Party(party), person=person)
    return invitation_issue(
        engagement=engagement,
        party=Party(party),
        person=person,
        invited_by=invited_by,
        base_url=base_url,
    )


def invitation_issue(
    *,
    engagement: Engagement,
    party: Party,
    person: User,
    invited_by: User,
    base_url: str,
    joins_later: bool = False,
) -> Invitation:
    """A fresh link for `person` as `party`, e-mailed to them; an earlier link dies.

    `joins_later`: the person is proposed as a party of a contract in force, and the mail
    says that they join only once the client agreed and they accepted the contract.
    """
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.filter(
        engagement=engagement, party=party, person=person
    ).first() or Invitation(engagement=engagement, party=party, person=person)
    invitation.invited_by = invited_by
    invitation.token_hash = token_hash(token)
    invitation.accepted_at = None
    invitation.full_clean()
    invitation.save()

    link = base_url.rstrip("/") + reverse("engagements:invitation", args=[token])
    _invitation_mail(invitation=invitation, link=link, joins_later=joins_later)
    return invitation


def person_for_invitation(*, engagement: Engagement, name: str, email: str) -> User:
    """The person with this e-mail address (any case), made if new, without a password."""
    email = email.strip()
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        # No usable password: the invitation link is how they choose one.
        person = User.objects.create_user(
            email, password=None, name=name.strip(), language=engagement.language
        )
    elif not person.name and name.strip():
        person.name = name.strip()
        person.full_clean(exclude=["password"])
        person.save(update_fields=["name"])
    return person


def _participation_ensure(*, engagement: Engagement, party: Party, person: User) -> None:
    present = {
        p.party: p
        for p in Participation.objects.filter(engagement=engagement).select_related("person")
    }
    holder = present.get(party)
    if holder is not None and holder.person_id != person.pk:
        raise ValidationError(
            _("This engagement already has a %(party)s: %(name)s.")
            % {"party": PartyChoice(party).label, "name": holder.person},
            code="party_taken",
        )
    other_party_of(engagement=engagement, person=person, party=party, present=present)
    if holder is None:
        participation = Participation(engagement=engagement, person=person, party=party)
        participation.full_clean()
        participation.save()


def other_party_of(
    *,
    engagement: Engagement,
    person: User,
    party: Party,
    present: dict[str, Participation] | None = None,
) -> None:
    """Refuse `person` as `party` when they already hold another party here."""
    if present is None:
        present = {p.party: p for p in Participation.objects.filter(engagement=engagement)}
    for other, participation in present.items():
        if other != party and participation.person_id == person.pk:
            raise ValidationError(
                {
                    "email": _(
                        "%(name)s already takes part in this engagement as the %(party)s. "
                        "One person holds one part in an engagement."
                    )
                    % {"name": person, "party": PartyChoice(other).label}
                },
                code="person_taken",
            )


def _invitation_mail(*, invitation: Invitation, link: str, joins_later: bool) -> None:
    person, engagement = invitation.person, invitation.engagement
    with translation.override(person.language or engagement.language):
        context = {
            "name": person.get_short_name(),
            "inviter": invitation.invited_by,
            "party": PartyChoice(invitation.party).label,
            "title": engagement.title,
            "organisation": engagement.organisation.name,
            "link": link,
            "has_password": person.has_usable_password(),
            "joins_later": joins_later,
        }
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        body = render_to_string("emails/invitation.txt", context)
    # Sent inside the transaction: if the mail cannot go out, no dead invitation remains.
    send_mail(subject, body, None, [person.email])
    mail_sent.send(sender=Invitation, kind="invitation", person=person, engagement_id=engagement.pk)


# ---------------------------------------------------------------- correcting an address


@transaction.atomic
def invitation_correct(
    *, invitation: Invitation, name: str, email: str, invited_by: User, base_url: str
) -> Invitation:
    """Send a party's invitation, not accepted yet, to the address it should have gone to.

    The party moves to the person with the right address: an account that exists (it keeps
    its own name; refused if it holds another party here), else a new person, made as
    `invitation_send` makes one. The invitation gets a new token, so the link sent to the
    wrong address dies, and the right address gets the mail. The person the wrong address
    made is removed if nothing else refers to it (`_discard_if_unused`); anyone else stays.
    Asking the policy is the caller's (`contracting.services.parties`).
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("person", "engagement__organisation")
        .get(pk=invitation.pk)
    )
    engagement, party, wrong = invitation.engagement, Party(invitation.party), invitation.person
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("%(name)s has accepted the invitation already; it can no longer be redirected.")
            % {"name": wrong},
            code="accepted",
        )
    participation = Participation.objects.filter(
        engagement=engagement, party=party, person=wrong
    ).first()
    if participation is None:  # a sponsor proposed to a contract in force: not a party yet
        raise ValidationError(
            _("Only the invitation of a party of the engagement can be corrected here."),
            code="not_a_party",
        )
    email = _right_address(email, wrong=wrong)
    person = person_for_invitation(engagement=engagement, name=name, email=email)
    other_party_of(engagement=engagement, person=person, party=party)
    participation.person = person
    participation.full_clean()
    participation.save(update_fields=["person", "updated_at"])
    invitation.person = person
    invitation.save(update_fields=["person", "updated_at"])
    corrected = invitation_issue(
        engagement=engagement, party=party, person=person, invited_by=invited_by, base_url=base_url
    )
    _discard_if_unused(wrong)
    return corrected


def _right_address(email: str, *, wrong: User) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": _("This is not an e-mail address; check it, for example name@example.com.")},
            code="invalid",
        ) from None
    if email.casefold() == wrong.email.casefold():
        raise ValidationError(
            {
                "email": _(
                    "The invitation went to %(email)s already. Type the address it should "
                    "have gone to, or send it again from the parties page."
                )
                % {"email": wrong.email}
            },
            code="same_address",
        )
    return email


def _discard_if_unused(person: User) -> bool:
    """Remove a person only a mistyped address made: one who never chose a password nor
    logged in, holds no role, and whom nothing refers to. Every relation to a person is
    looked at, so a model added later counts without anyone listing it here. Returns
    whether the person was removed."""
    roles = person.is_staff or person.is_superuser or person.is_coach or person.is_researcher
    if person.has_usable_password() or person.last_login is not None or roles:
        return False
    if _referred_to(person):
        return False
    person.delete()
    return True


def _referred_to(person: User) -> bool:
    """Whether any row anywhere points at the person (hidden relations included)."""
    for relation in User._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and relation.is_relation and not relation.concrete):
            continue  # only the relations other models hold to a person
        related = relation.related_model
        assert related is not None and not isinstance(related, str)
        if getattr(related, "GOES_WITH_PERSON", False):
            continue  # a record about the person only (the mails sent to it): it goes too
        name = relation.field.name  # type: ignore[union-attr]
        if related._base_manager.filter(**{name: person}).exists():
            return True
    return any(getattr(person, field.name).exists() for field in User._meta.many_to_many)


@transaction.atomic
def invitation_accept(*, token: str, password: str | None) -> User:
    """Mark the invitation accepted; a person without a password sets one here.

    A person who already has a password keeps it: the link is no way to change another
    person's password.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("person")
        .filter(token_hash=token_hash(token), accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise InvitationNotValid
    person = invitation.person
    if person.has_usable_password():
        if password is not None:
            raise ValidationError(
                _("You already have a password; log in with it."), code="has_password"
            )
    else:
        if not password:
            raise ValidationError(_("Choose a password to accept."), code="password_required")
        validate_password(password, person)
        person.set_password(password)
        person.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return person


# ---------------------------------------------------------------- the intake


@transaction.atomic
def intake_record(
    *,
    engagement: Engagement,
    actor: Party,
    held_on: date | None,
    question: str,
    notes: str,
) -> Intake:
    """Record the intake's date, the client's question and the coach's private notes."""
    facts = engagement_facts(engagement_id=engagement.pk, party=actor)
    if not (
        policy.may_write(Content.INTAKE, facts) and policy.may_write(Content.INTAKE_NOTES, facts)
    ):
        raise PermissionDenied
    intake = Intake.objects.filter(engagement=engagement).first() or Intake(engagement=engagement)
    intake.held_on = held_on
    intake.question = question.strip()
    intake.notes = notes.strip()
    intake.full_clean()
    intake.save()
    return intake
