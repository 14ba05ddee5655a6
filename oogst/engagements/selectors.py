"""Reads about engagements and who takes part in them."""

from django.db.models import QuerySet

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Participation
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
    closed = Engagement.objects.filter(pk=engagement_id, closed_at__isnull=False).exists()
    return Facts(viewer=party, closed=closed)
