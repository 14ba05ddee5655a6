"""Import and export whole engagements in the interchange format, version 1.

An import is all-or-nothing: the document is validated first (every problem reported),
then every row is written in one transaction, one `bulk_create` per table, so the number
of queries does not grow with the number of goals, results or judgements.
"""

from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from oogst import policy
from oogst.accounts.models import User
from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal, Session
from oogst.engagements.models import Engagement, Intake, Organisation, Participation
from oogst.harvest.snapshot import engagement_with_everything, snapshot
from oogst.harvest.stored import rewrites_deferred
from oogst.interchange import document as doc
from oogst.interchange.validation import Problem, render_path, validate
from oogst.measures import model as m
from oogst.research.models import ResearchConsent
from oogst.results.models import Judgement, Result


class InvalidDocument(Exception):
    """The document breaks the format; `problems` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(
            f"The document has {count} problem{'s' if count != 1 else ''}: "
            + "; ".join(str(p) for p in self.problems)
        )


def engagement_import(*, document: object) -> Engagement:
    """Validate `document` and write it as a new engagement; nothing is written if invalid."""
    problems = validate(document)
    if problems:
        raise InvalidDocument(problems)
    assert isinstance(document, dict)  # validate() guarantees it
    plain = doc.parse(document)
    # A new engagement announces nothing: its stored progress is computed when first read.
    with rewrites_deferred(), transaction.atomic():
        return _Import(plain).run()


def engagement_export(*, engagement_id: int) -> dict[str, Any]:
    """The whole engagement as a document (the operator's view: everything in version 1).

    Raises `Engagement.DoesNotExist` for an unknown id.
    """
    return doc.serialize(snapshot(engagement_with_everything(engagement_id)))


def _clean(instance: models.Model, path: tuple[str | int, ...], *exclude: str) -> None:
    """`full_clean` without the checks that cost a query (foreign keys, uniqueness).

    Validation has already ruled out what these checks would find; a failure here is a
    gap in validation, still reported as a problem of the document rather than a crash.
    """
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        raise InvalidDocument(
            [
                Problem(path=render_path(path), message=f"{field}: {' '.join(messages)}")
                for field, messages in error.message_dict.items()
            ]
        ) from error


class _Import:
    """Writes one plain engagement; each step one or two queries."""

    def __init__(self, plain: m.Engagement) -> None:
        self.plain = plain
        self.engagement: Engagement
        self.goals: dict[str, Goal] = {}

    def run(self) -> Engagement:
        people = self._people()
        self.engagement = Engagement(
            title=self.plain.title, language=self.plain.language, organisation=self._organisation()
        )
        _clean(self.engagement, (), "organisation")
        self.engagement.save()
        self._participations(people)
        self._intake()
        self._expectations()
        self._contract()
        self._goals()
        self._sessions()
        self._results()
        self._attainment()
        self._closing()
        self._research_consent()
        return self.engagement

    def _people(self) -> dict[str, User]:
        """Each party's person: an existing user by e-mail (any case), else a new one."""
        wanted = {party: person.email.lower() for party, person in self.plain.parties.items()}
        existing: dict[str, User] = {}
        lookup = reduce(or_, (Q(email__iexact=email) for email in wanted.values()))
        for user in User.objects.filter(lookup).order_by("id"):
            existing.setdefault(user.email.lower(), user)
        new: list[User] = []
        for party, email in wanted.items():
            if email in existing:
                continue
            user = User(
                email=email, name=self.plain.parties[party].name, language=self.plain.language
            )
            user.set_unusable_password()
            _clean(user, ("parties", party), "password")
            existing[email] = user
            new.append(user)
        User.objects.bulk_create(new)
        people = {party: existing[email] for party, email in wanted.items()}
        # Whoever coaches an engagement holds the coach role, an imported one too.
        User.objects.filter(pk=people["coach"].pk, is_coach=False).update(is_coach=True)
        seen: dict[int, str] = {}
        for party, user in people.items():
            if user.pk in seen:  # two parties, one person
                raise InvalidDocument(
                    [
                        Problem(
                            path=render_path(("parties", party, "email")),
                            message=f"is the {seen[user.pk]}'s person already; one person "
                            "holds only one party in an engagement",
                        )
                    ]
                )
            seen[user.pk] = party
        return people

    def _organisation(self) -> Organisation:
        name, sector = self.plain.organisation, self.plain.sector
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None:
            organisation = Organisation(name=name, sector=sector)
            _clean(organisation, ("organisation",))
            organisation.save()
        elif sector and not organisation.sector:
            organisation.sector = sector
            organisation.save(update_fields=["sector", "updated_at"])
        return organisation

    def _participations(self, people: dict[str, User]) -> None:
        Participation.objects.bulk_create(
            [
                Participation(engagement=self.engagement, person=person, party=party)
                for party, person in people.items()
            ]
        )

    def _intake(self) -> None:
        intake = self.plain.intake
        if intake is None:
            return
        row = Intake(engagement=self.engagement, held_on=intake.date, question=intake.question)
        _clean(row, ("intake",), "engagement")
        row.save()

    def _expectations(self) -> None:
        rows = []
        for i, expectation in enumerate(self.plain.expectations):
            row = Expectation(
                engagement=self.engagement,
                party=expectation.party,
                meanings=list(expectation.meanings),
                text=expectation.text,
            )
            _clean(row, ("expectations", i), "engagement")
            rows.append(row)
        Expectation.objects.bulk_create(rows)

    def _contract(self) -> None:
        contract = self.plain.contract
        if contract is None:
            return
        row = Contract(
            engagement=self.engagement,
            sessions_planned=contract.sessions_planned,
            costs_amount=contract.costs.amount if contract.costs else None,
            currency=contract.costs.currency if contract.costs else "",
            sponsor_may_see=list(contract.sponsor_may_see),
            rho=contract.rho,
        )
        _clean(row, ("contract",), "engagement")
        row.save()
        acceptances = []
        for party, day in contract.accepted.items():
            acceptance = ContractAcceptance(contract=row, party=party, accepted_on=day)
            _clean(acceptance, ("contract", "accepted", party), "contract")
            acceptances.append(acceptance)
        ContractAcceptance.objects.bulk_create(acceptances)

    def _goals(self) -> None:
        rows = []
        for i, goal in enumerate(self.plain.goals):
            row = Goal(
                engagement=self.engagement,
                key=goal.key,
                position=i,
                text=goal.text,
                weight=goal.weight,
                baseline=goal.baseline,
                due=goal.due,
                **{Goal.LEVEL_FIELDS[level]: text for level, text in goal.scale.items()},
            )
            _clean(row, ("goals", i), "engagement")
            rows.append(row)
        self.goals = {goal.key: goal for goal in _bulk_create(Goal, rows)}

    def _sessions(self) -> None:
        rows = []
        for i, session in enumerate(self.plain.sessions):
            row = Session(
                engagement=self.engagement,
                number=session.number,
                position=i,
                held_on=session.date,
                topics=list(session.topics),
            )
            _clean(row, ("sessions", i), "engagement")
            rows.append(row)
        created = _bulk_create(Session, rows)
        Session.goals.through.objects.bulk_create(
            [
                Session.goals.through(session_id=row.pk, goal_id=self.goals[key].pk)
                for row, session in zip(created, self.plain.sessions, strict=True)
                for key in session.goals
            ]
        )

    def _results(self) -> None:
        rows = []
        for i, result in enumerate(self.plain.results):
            row = Result(
                engagement=self.engagement,
                key=result.key,
                position=i,
                text=result.text,
                reported_by=result.reported_by,
                source=result.source,
                meaning=result.meaning,
                expected=result.expected,
                beneficiary=result.beneficiary,
                evidence=result.evidence,
                value_amount=result.value.amount if result.value else None,
                value_unit=result.value.unit if result.value else "",
                shared_with_sponsor=result.shared_with_sponsor,
                # Version 1 cannot say "decided not to share": not shared is not decided.
                sharing_undecided=policy.consent_applies(result.reported_by)
                and not result.shared_with_sponsor,
            )
            _clean(row, ("results", i), "engagement")
            rows.append(row)
        created = _bulk_create(Result, rows)
        pairs = list(zip(created, self.plain.results, strict=True))
        Result.goals.through.objects.bulk_create(
            [
                Result.goals.through(result_id=row.pk, goal_id=self.goals[key].pk)
                for row, result in pairs
                for key in result.goals
            ]
        )
        judgements = []
        for i, (row, result) in enumerate(pairs):
            for party in m.PARTIES:
                desirability = result.desirability.get(party)
                attribution = result.attribution.get(party)
                if desirability is None and attribution is None:
                    continue
                judgement = Judgement(
                    result=row,
                    party=party,
                    desirability=desirability or "",
                    share=attribution.share if attribution else None,
                    confidence=attribution.confidence if attribution else None,
                )
                _clean(judgement, ("results", i), "result")
                judgements.append(judgement)
        Judgement.objects.bulk_create(judgements)

    def _attainment(self) -> None:
        rows = []
        for i, rating in enumerate(self.plain.attainment):
            row = AttainmentRating(
                goal=self.goals[rating.goal], rater=rating.rater, level=rating.level
            )
            _clean(row, ("attainment", i), "goal")
            rows.append(row)
        AttainmentRating.objects.bulk_create(rows)

    def _closing(self) -> None:
        closing = self.plain.closing
        if closing is None:
            return
        row = ClosingConversation(
            engagement=self.engagement,
            status=closing.status,
            declined_by=closing.by or "",
            held_on=closing.date,
            notes=closing.notes,
        )
        _clean(row, ("closing",), "engagement")
        row.save()

    def _research_consent(self) -> None:
        rows = []
        for party, day in self.plain.research_consent.items():
            row = ResearchConsent(engagement=self.engagement, party=party, given_on=day)
            _clean(row, ("research_consent", party), "engagement")
            rows.append(row)
        ResearchConsent.objects.bulk_create(rows)


def _bulk_create[T: models.Model](model: type[T], rows: list[T]) -> list[T]:
    """`bulk_create` that always leaves primary keys on the rows, in the same order."""
    if not rows:
        return rows
    created = model._default_manager.bulk_create(rows)
    if all(row.pk is not None for row in created):
        return created
    # A database that cannot return keys from a bulk insert: read them back by position.
    engagement = rows[0].engagement  # type: ignore[attr-defined]
    by_position = {
        row.position: row  # type: ignore[attr-defined]
        for row in model._default_manager.filter(engagement=engagement)
    }
    return [by_position[row.position] for row in rows]  # type: ignore[attr-defined]
