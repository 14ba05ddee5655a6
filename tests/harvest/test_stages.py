"""The facts of a real engagement, read from the database, give its stage and actions
(`harvest.stages`; the definition is `measures.stages`, tested with worked examples)."""

from django.core import mail

from oogst.contracting.models import ContractAcceptance, Goal
from oogst.contracting.services.amendments import amendment_propose
from oogst.engagements.models import Engagement
from oogst.engagements.services import engagement_start, invitation_send
from oogst.harvest.stages import progress_of
from oogst.policy import Party
from tests import factories as f
from tests.parties import Trio


def waits(engagement: Engagement) -> list[tuple[str, str]]:
    return [(a.party, a.action) for a in progress_of(engagement).waiting_for]


def test_a_new_engagement_waits_for_its_invitee_and_the_intake(db: None) -> None:
    coach = f.UserFactory(email="coach@stages.example", is_coach=True)
    engagement = engagement_start(coach=coach, title="Nieuw", organisation="Particulier")
    invitation_send(
        engagement=engagement,
        party="client",
        name="Nina",
        email="nina@stages.example",
        invited_by=coach,
        base_url="http://testserver/",
    )
    assert len(mail.outbox) == 1
    assert progress_of(engagement).stage == "intake"
    assert waits(engagement) == [("client", "accept_invitation"), ("coach", "record_intake")]


def test_the_trio_in_its_sessions_waits_for_the_coach_to_log_them(trio: Trio) -> None:
    progress = progress_of(trio.engagement)
    assert progress.stage == "sessions"
    # The trio's intake was never recorded: that stays open, earlier actions included.
    assert waits(trio.engagement) == [("coach", "record_intake"), ("coach", "log_sessions")]


def test_an_amendment_waits_for_the_parties_asked(trio: Trio) -> None:
    amendment_propose(
        goal=Goal.objects.get(engagement=trio.engagement, key="G1"),
        actor=Party.COACH,
        person=trio.bob,
        reason="",
        text="Een scherper doel",
    )
    assert ("client", "accept_amendment") in waits(trio.engagement)
    assert ("sponsor", "accept_amendment") in waits(trio.engagement)
    assert ("coach", "accept_amendment") not in waits(trio.engagement)  # proposing accepts


def test_a_contract_the_client_has_not_accepted_is_waiting_for_her(trio: Trio) -> None:
    ContractAcceptance.objects.filter(party="client").delete()
    assert progress_of(trio.engagement).stage == "contract"
    assert ("client", "accept_contract") in waits(trio.engagement)


def test_a_closed_engagement_waits_for_nobody(trio: Trio) -> None:
    Engagement.objects.filter(pk=trio.engagement.pk).update(closed_at="2026-06-01T10:00:00Z")
    trio.engagement.refresh_from_db()
    assert progress_of(trio.engagement).stage == "closed"
    assert waits(trio.engagement) == []
