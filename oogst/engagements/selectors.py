"""Reads about engagements and who takes part in them."""

from django.db.models import Exists, OuterRef, QuerySet

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Invitation, Participation
from oogst.policy import Facts, Party


def participations_of(*, person: User) -> QuerySet[Participation]:
    """The engagements a person takes part in, with their party in each, newest first."""
    return (
        Participation.objects.filter(person=person)
        .select_related("engagement__organisation")
        .order_by("-engagement__created_at", "-engagement_id")
    )


def party_in(*, person: User, engagement_id: int) -> Party | None:
    """The person's party in the engagement, or None when they take no part in it."""
    party = (
        Participation.objects.filter(person=person, engagement_id=engagement_id)
        .values_list("party", flat=True)
        .first()
    )
    return Party(party) if party else None


def engagement_facts(*, engagement_id: int, party: Party) -> Facts:
    """The facts about the engagement itself that every policy question starts from.

    Later stages add their own (the contract adds what the sponsor may see: see
    `contracting.selectors.facts_for`).
    """
    row = (
        Engagement.objects.filter(pk=engagement_id)
        .annotate(
            has_sponsor=Exists(
                Participation.objects.filter(engagement=OuterRef("pk"), party=Party.SPONSOR)
            )
        )
        .values_list("closed_at", "has_sponsor")
        .first()
    )
    closed_at, has_sponsor = row if row is not None else (None, False)
    return Facts(viewer=party, closed=closed_at is not None, has_sponsor=has_sponsor)


def joins_waiting_for(*, person: User) -> QuerySet[Invitation]:
    """Invitations to engagements the person takes no part in yet: proposed as a party of a
    contract in force, they join once the client agreed and they accepted the contract."""
    return (
        Invitation.objects.filter(person=person)
        .exclude(engagement__participations__person=person)
        .select_related("engagement__organisation")
        .order_by("-updated_at")
    )


def invitations_unanswered(*, invited_by: User) -> QuerySet[Invitation]:
    """The invitations this person sent that nobody has accepted yet."""
    return (
        Invitation.objects.filter(invited_by=invited_by, accepted_at__isnull=True)
        .select_related("person", "engagement")
        .order_by("-updated_at")
    )


def pending_invitation(*, engagement_id: int, party: str) -> Invitation | None:
    """The invitation of the person holding `party` here, while nobody has accepted it:
    the one whose address can still be corrected."""
    return (
        Invitation.objects.filter(
            engagement_id=engagement_id,
            party=party,
            accepted_at__isnull=True,
            person__participations__engagement_id=engagement_id,
            person__participations__party=party,
        )
        .select_related("person")
        .first()
    )
