"""The three parties of one engagement, ready to log in: alice (client), bob (coach),
charlie (sponsor); dave takes part in nothing.

The engagement has two goals and three results: R1 shared with the sponsor and linked to
G1, R2 not shared (its text must never reach the sponsor), R3 reported by the sponsor,
unexpected and observable, on which client and sponsor disagree.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.test import Client

from oogst.accounts.models import User
from oogst.engagements.models import Engagement
from tests import factories as f

SHARED_TEXT = "Ik neem weer tijd voor privézaken"
UNSHARED_TEXT = "Ik leg mezelf geen vertrekdatum meer op"
SPONSOR_TEXT = "Een gewaardeerde medewerker is behouden"
GOAL_TEXTS = ("Werk en privé weer in evenwicht brengen", "Meer coachend leidinggeven")


@dataclass
class Trio:
    engagement: Engagement
    alice: User  # client
    bob: User  # coach
    charlie: User  # sponsor
    dave: User  # outsider


def make_trio() -> Trio:
    """Build the engagement and its people (needs the database)."""
    engagement = f.EngagementFactory(title="Coaching van een ICT-manager")
    alice = f.UserFactory(email="alice@example.com", name="Alice Aarts")
    bob = f.UserFactory(email="bob@example.com", name="Bob Bakker")
    charlie = f.UserFactory(email="charlie@example.com", name="Charlie Claes")
    dave = f.UserFactory(email="dave@example.com", name="Dave Dekker")
    for person, party in ((alice, "client"), (bob, "coach"), (charlie, "sponsor")):
        f.ParticipationFactory(engagement=engagement, person=person, party=party)
    f.ExpectationFactory(engagement=engagement, party="client", meanings=["effect", "success"])
    f.ExpectationFactory(engagement=engagement, party="coach", meanings=["effect", "product"])
    f.ExpectationFactory(engagement=engagement, party="sponsor", meanings=["effect", "financial"])
    contract = f.ContractFactory(engagement=engagement)
    for party in ("client", "coach", "sponsor"):
        f.ContractAcceptanceFactory(contract=contract, party=party)
    g1 = f.GoalFactory(engagement=engagement, key="G1", text=GOAL_TEXTS[0], position=1)
    f.GoalFactory(engagement=engagement, key="G2", text=GOAL_TEXTS[1], position=2)
    f.AttainmentRatingFactory(goal=g1, rater="client", level=1)
    f.AttainmentRatingFactory(goal=g1, rater="coach", level=0)
    r1 = f.ResultFactory(
        engagement=engagement, key="R1", text=SHARED_TEXT, shared_with_sponsor=True, goals=[g1]
    )
    r2 = f.ResultFactory(
        engagement=engagement, key="R2", text=UNSHARED_TEXT, expected=False, position=2
    )
    r3 = f.ResultFactory(
        engagement=engagement,
        key="R3",
        text=SPONSOR_TEXT,
        reported_by="sponsor",
        source="other",
        meaning="outcome",
        expected=False,
        beneficiary="organisation",
        evidence="observable",
        value_amount=Decimal("40000"),
        value_unit="EUR",
        position=3,
    )
    f.JudgementFactory(result=r1, party="client", share=Decimal("0.6"), confidence=Decimal("0.8"))
    f.JudgementFactory(result=r2, party="client")
    f.JudgementFactory(result=r3, party="client", desirability="undesired")
    f.JudgementFactory(result=r3, party="sponsor", share=Decimal("0.3"), confidence=Decimal("0.6"))
    f.SessionFactory(engagement=engagement, number=1, topics=["onderhandelen"])
    f.ClosingConversationFactory(
        engagement=engagement, status="declined", declined_by="sponsor", notes="Geen reactie."
    )
    return Trio(engagement=engagement, alice=alice, bob=bob, charlie=charlie, dave=dave)


def logged_in(client: Client, user: User, language: str = "en") -> Client:
    """Log the person in; their saved language (English unless told) applies at login."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    client.force_login(user)
    return client
