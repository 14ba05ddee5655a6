"""The services at the start of an engagement: starting, inviting, accepting, the intake."""

from collections.abc import Iterator
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from oogst.accounts.models import User
from oogst.contracting.models import Contract
from oogst.engagements.models import Engagement, Intake, Invitation, Organisation, Participation
from oogst.engagements.services import (
    InvitationNotValid,
    engagement_start,
    intake_record,
    invitation_accept,
    invitation_send,
    token_hash,
)
from oogst.policy import Party
from tests import factories as f
from tests.engagements.conftest import BASE_URL, last_token

PASSWORD = "a-long-harvest-of-words-19"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages in English, as for a person who chose English."""
    with translation.override("en"):
        yield


def send(engagement: Engagement, coach: User, party: str = "client", **kwargs: str) -> Invitation:
    values = {"name": "Tom Janssen", "email": "tom@example.com", **kwargs}
    return invitation_send(
        engagement=engagement, party=party, invited_by=coach, base_url=BASE_URL, **values
    )


# ---------------------------------------------------------------- starting


def test_start_makes_the_person_coach_and_leaves_the_terms_to_propose(coach: User) -> None:
    engagement = engagement_start(
        coach=coach, title="  Loopbaancoaching ", organisation="Praktijk Janssen", language="en"
    )
    assert engagement.title == "Loopbaancoaching"
    assert engagement.language == "en"
    assert list(engagement.participations.values_list("person", "party")) == [(coach.pk, "coach")]
    # The coach proposes the terms on the contract page; nothing is agreed yet.
    assert not Contract.objects.filter(engagement=engagement).exists()


def test_start_reuses_an_organisation_by_name_whatever_the_case(coach: User) -> None:
    existing = f.OrganisationFactory(name="Praktijk Janssen", sector="")
    engagement = engagement_start(
        coach=coach, title="T", organisation="praktijk janssen", sector="zorg"
    )
    assert engagement.organisation == existing
    assert Organisation.objects.count() == 1
    existing.refresh_from_db()
    assert existing.sector == "zorg"  # filled in, as it was empty


def test_start_refuses_a_sector_other_than_the_organisations_own(coach: User) -> None:
    f.OrganisationFactory(name="Acme", sector="ICT")
    with pytest.raises(ValidationError) as refused:
        engagement_start(coach=coach, title="T", organisation="acme", sector="zorg")
    assert "Acme is already recorded in the sector “ICT”" in refused.value.message_dict["sector"][0]
    assert not Engagement.objects.exists()
    assert Organisation.objects.get().sector == "ICT"


def test_start_keeps_an_organisations_sector_typed_again_or_left_empty(coach: User) -> None:
    f.OrganisationFactory(name="Acme", sector="ICT")
    for typed in ("", "ict", " ICT "):
        engagement = engagement_start(coach=coach, title="T", organisation="Acme", sector=typed)
        assert engagement.organisation.sector == "ICT"


def test_start_without_a_title_saves_nothing(coach: User) -> None:
    with pytest.raises(ValidationError):
        engagement_start(coach=coach, title=" ", organisation="Acme")
    assert not Engagement.objects.exists()
    assert not Organisation.objects.exists()


# ---------------------------------------------------------------- inviting


def test_invitation_creates_the_person_and_their_part(fresh: Engagement, coach: User) -> None:
    invitation = send(fresh, coach, email="Tom@Example.com")
    tom = User.objects.get(email="tom@example.com")
    assert tom.name == "Tom Janssen"
    assert not tom.has_usable_password()
    assert tom.language == fresh.language
    assert Participation.objects.get(engagement=fresh, person=tom).party == "client"
    assert invitation.person == tom
    assert invitation.invited_by == coach
    assert invitation.accepted_at is None


def test_invitation_mails_a_link_whose_token_is_not_stored(fresh: Engagement, coach: User) -> None:
    invitation = send(fresh, coach)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["tom@example.com"]
    assert fresh.title in message.subject
    token = last_token()
    assert invitation.token_hash != token
    assert token not in invitation.token_hash
    assert invitation.token_hash == token_hash(token)
    assert len(invitation.token_hash) == 64


def test_the_link_works_once(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    token = last_token()
    tom = invitation_accept(token=token, password=PASSWORD)
    assert tom.check_password(PASSWORD)
    assert Invitation.objects.get(engagement=fresh, party="client").accepted_at is not None
    with pytest.raises(InvitationNotValid):
        invitation_accept(token=token, password="another-long-password-77")
    tom.refresh_from_db()
    assert tom.check_password(PASSWORD)


def test_an_unknown_token_is_not_valid(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    with pytest.raises(InvitationNotValid):
        invitation_accept(token="made-up", password=PASSWORD)


def test_inviting_again_kills_the_old_link(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    old = last_token()
    send(fresh, coach)
    new = last_token()
    assert len(mail.outbox) == 2
    assert old != new
    assert Invitation.objects.filter(engagement=fresh).count() == 1
    with pytest.raises(InvitationNotValid):
        invitation_accept(token=old, password=PASSWORD)
    assert invitation_accept(token=new, password=PASSWORD).email == "tom@example.com"


def test_the_mail_is_in_the_invitees_language_if_known(fresh: Engagement, coach: User) -> None:
    # The engagement is Dutch; a known person reads English, a new one the engagement's.
    f.UserFactory(email="charlie@example.com", name="Charlie Claes", language="en")
    with translation.override("nl"):
        send(fresh, coach, party="sponsor", name="Charlie", email="charlie@example.com")
    assert "sponsor" in mail.outbox[-1].body
    assert "opdrachtgever" not in mail.outbox[-1].body
    send(fresh, coach, party="client")
    assert "klant" in mail.outbox[-1].body
    assert "Praktijk Janssen" in mail.outbox[-1].body


def test_an_existing_person_is_reused_and_keeps_their_password(
    fresh: Engagement, coach: User
) -> None:
    alice = f.UserFactory(email="alice@example.com", name="Alice Aarts")
    send(fresh, coach, name="A. Aarts", email="ALICE@example.com")
    assert User.objects.filter(email__iexact="alice@example.com").count() == 1
    alice.refresh_from_db()
    assert alice.name == "Alice Aarts"
    assert alice.has_usable_password()
    token = last_token()
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password="taking-over-the-account-1")
    assert invitation_accept(token=token, password=None) == alice
    alice.refresh_from_db()
    assert alice.check_password(f.PASSWORD)


def test_a_new_person_must_choose_a_valid_password(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    token = last_token()
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password=None)
    with pytest.raises(ValidationError):
        invitation_accept(token=token, password="12345678")
    assert Invitation.objects.get(engagement=fresh).accepted_at is None


def test_a_party_filled_by_someone_else_is_refused(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    with pytest.raises(ValidationError, match="already has a client"):
        send(fresh, coach, name="Someone Else", email="else@example.com")
    assert not User.objects.filter(email="else@example.com").exists()
    assert len(mail.outbox) == 1


def test_one_person_cannot_hold_two_parties(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    with pytest.raises(ValidationError, match="already takes part") as caught:
        send(fresh, coach, party="sponsor")
    assert "email" in caught.value.message_dict
    with pytest.raises(ValidationError, match="already takes part"):
        send(fresh, coach, party="sponsor", email=coach.email)
    assert not Participation.objects.filter(engagement=fresh, party="sponsor").exists()


def test_the_coach_is_not_invited(fresh: Engagement, coach: User) -> None:
    with pytest.raises(ValidationError, match="Only the client and the sponsor"):
        send(fresh, coach, party="coach", email=coach.email)
    assert len(mail.outbox) == 0
    assert not Invitation.objects.exists()


def test_inviting_again_after_acceptance_gives_a_working_link(
    fresh: Engagement, coach: User
) -> None:
    send(fresh, coach)
    invitation_accept(token=last_token(), password=PASSWORD)
    invitation = send(fresh, coach)
    assert invitation.accepted_at is None
    assert invitation_accept(token=last_token(), password=None).email == "tom@example.com"


def test_an_engagement_without_a_sponsor_is_complete(fresh: Engagement, coach: User) -> None:
    send(fresh, coach)
    tom = invitation_accept(token=last_token(), password=PASSWORD)
    parties = dict(fresh.participations.values_list("party", "person"))
    assert parties == {"coach": coach.pk, "client": tom.pk}


# ---------------------------------------------------------------- the intake


def test_the_coach_records_the_intake(fresh: Engagement) -> None:
    intake = intake_record(
        engagement=fresh,
        actor=Party.COACH,
        held_on=date(2026, 4, 2),
        question=" Verkopen of verkleinen? ",
        notes="Twijfelt sterk.",
    )
    assert intake.question == "Verkopen of verkleinen?"
    again = intake_record(engagement=fresh, actor=Party.COACH, held_on=None, question="Q", notes="")
    assert again.pk == intake.pk
    assert Intake.objects.get(engagement=fresh).held_on is None


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_records_the_intake(fresh: Engagement, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        intake_record(engagement=fresh, actor=actor, held_on=None, question="Q", notes="N")
    assert not Intake.objects.exists()


def test_a_closed_engagements_intake_is_not_written(fresh: Engagement) -> None:
    Engagement.objects.filter(pk=fresh.pk).update(closed_at="2026-06-01T10:00Z")
    with pytest.raises(PermissionDenied):
        intake_record(engagement=fresh, actor=Party.COACH, held_on=None, question="Q", notes="")
    assert not Intake.objects.exists()
