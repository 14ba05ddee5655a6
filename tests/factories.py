"""factory_boy factories for the models, for any test that needs rows in the database.

Keys (G1, R1...) count up per test run; pass `key=` where a test names them.
"""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from oogst.accounts.models import User
from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal, Session
from oogst.engagements.models import Engagement, Organisation, Participation
from oogst.results.models import Judgement, Result

PASSWORD = "oogst-test-password-5531"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    name = factory.Faker("name", locale="nl_NL")
    language = "nl"
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    sector = "ICT"


class EngagementFactory(DjangoModelFactory[Engagement]):
    class Meta:
        model = Engagement

    title = factory.Sequence(lambda n: f"Coachingstraject {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    language = "nl"


class ParticipationFactory(DjangoModelFactory[Participation]):
    class Meta:
        model = Participation

    engagement = factory.SubFactory(EngagementFactory)
    person = factory.SubFactory(UserFactory)
    party = "client"


class ExpectationFactory(DjangoModelFactory[Expectation]):
    class Meta:
        model = Expectation

    engagement = factory.SubFactory(EngagementFactory)
    party = "client"
    meanings = factory.LazyFunction(lambda: ["effect"])
    text = "Weer plezier in het werk."


class ContractFactory(DjangoModelFactory[Contract]):
    class Meta:
        model = Contract

    engagement = factory.SubFactory(EngagementFactory)
    sessions_planned = 12
    costs_amount = Decimal("3600.00")
    currency = "EUR"


class ContractAcceptanceFactory(DjangoModelFactory[ContractAcceptance]):
    class Meta:
        model = ContractAcceptance

    contract = factory.SubFactory(ContractFactory)
    party = "client"
    accepted_on = date(2026, 1, 19)


class GoalFactory(DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    engagement = factory.SubFactory(EngagementFactory)
    key = factory.Sequence(lambda n: f"G{n + 1}")
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Beoogd doel nummer {n + 1}")
    level_0 = "Het verwachte niveau"
    baseline = -1
    due = date(2026, 9, 30)


class SessionFactory(DjangoModelFactory[Session]):
    class Meta:
        model = Session

    engagement = factory.SubFactory(EngagementFactory)
    number = factory.Sequence(lambda n: n + 1)
    position = factory.Sequence(lambda n: n)
    held_on = date(2026, 2, 2)
    topics = factory.LazyFunction(lambda: ["werk-privé"])


class ResultFactory(DjangoModelFactory[Result]):
    class Meta:
        model = Result
        skip_postgeneration_save = True

    engagement = factory.SubFactory(EngagementFactory)
    key = factory.Sequence(lambda n: f"R{n + 1}")
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Resultaat nummer {n + 1} zoals gemeld")
    reported_by = "client"
    source = "end_report"
    meaning = "effect"
    expected = True
    beneficiary = "client"
    evidence = "explicable"
    shared_with_sponsor = False

    @factory.post_generation
    def goals(self, create: bool, extracted: list[Goal] | None, **kwargs: object) -> None:
        if create and extracted:
            self.goals.add(*extracted)


class JudgementFactory(DjangoModelFactory[Judgement]):
    class Meta:
        model = Judgement

    result = factory.SubFactory(ResultFactory)
    party = "client"
    desirability = "desired"
    share = None
    confidence = None


class AttainmentRatingFactory(DjangoModelFactory[AttainmentRating]):
    class Meta:
        model = AttainmentRating

    goal = factory.SubFactory(GoalFactory)
    rater = "client"
    level = 0


class ClosingConversationFactory(DjangoModelFactory[ClosingConversation]):
    class Meta:
        model = ClosingConversation

    engagement = factory.SubFactory(EngagementFactory)
    status = "planned"
