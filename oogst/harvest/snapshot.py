"""Read one engagement from the database into the plain shape of `measures.model`.

A fixed number of queries, whatever the number of goals, results or judgements: every
page, report and export starts here, so its cost must not grow with the register.
"""

from django.db.models import Prefetch

from oogst.closing.models import AttainmentRating
from oogst.engagements.models import Engagement
from oogst.measures import model as m
from oogst.results.models import Result


def engagement_with_everything(engagement_id: int) -> Engagement:
    """The engagement with all that a snapshot reads, prefetched."""
    return (
        Engagement.objects.select_related(
            "organisation", "intake", "contract", "closing", "closed_by"
        )
        .prefetch_related(
            "participations__person",
            "expectations",
            "contract__acceptances",
            "goals",
            "sessions__goals",
            Prefetch(
                "results",
                queryset=Result.objects.prefetch_related("goals", "judgements"),
            ),
            Prefetch("goals__ratings", queryset=AttainmentRating.objects.order_by("rater", "id")),
            "research_consents",
        )
        .get(pk=engagement_id)
    )


def snapshot(engagement: Engagement) -> m.Engagement:
    """The whole engagement as plain data. Pass one from `engagement_with_everything`."""
    return m.Engagement(
        title=engagement.title,
        language=engagement.language,
        organisation=engagement.organisation.name,
        sector=engagement.organisation.sector,
        parties={
            p.party: m.Person(name=p.person.name, email=p.person.email)
            for p in engagement.participations.all()
        },
        intake=_intake(engagement),
        expectations=_expectations(engagement),
        contract=_contract(engagement),
        goals=tuple(_goal(goal) for goal in engagement.goals.all()),
        sessions=tuple(_session(session) for session in engagement.sessions.all()),
        results=tuple(_result(result) for result in engagement.results.all()),
        attainment=tuple(
            m.Rating(goal=goal.key, rater=rating.rater, level=rating.level)
            for goal in engagement.goals.all()
            for rating in goal.ratings.all()
        ),
        closing=_closing(engagement),
        research_consent={
            c.party: c.given_on for c in engagement.research_consents.all() if not c.withdrawn_on
        },
    )


def _intake(engagement: Engagement) -> m.Intake | None:
    intake = getattr(engagement, "intake", None)
    if intake is None:
        return None
    return m.Intake(date=intake.held_on, question=intake.question)


def _expectations(engagement: Engagement) -> tuple[m.Expectation, ...]:
    by_party = {e.party: e for e in engagement.expectations.all()}
    return tuple(
        m.Expectation(
            party=party,
            meanings=tuple(x for x in m.MEANINGS if x in by_party[party].meanings),
            text=by_party[party].text,
        )
        for party in m.PARTIES
        if party in by_party
    )


def _contract(engagement: Engagement) -> m.Contract | None:
    contract = getattr(engagement, "contract", None)
    if contract is None:
        return None
    costs = None
    if contract.costs_amount is not None:
        costs = m.Money(amount=contract.costs_amount, currency=contract.currency)
    return m.Contract(
        sessions_planned=contract.sessions_planned,
        costs=costs,
        sponsor_may_see=tuple(contract.sponsor_may_see),
        accepted={a.party: a.accepted_on for a in contract.acceptances.all()},
        rho=contract.rho,
    )


def _goal(goal) -> m.Goal:  # type: ignore[no-untyped-def]
    return m.Goal(
        key=goal.key,
        text=goal.text,
        weight=goal.weight,
        scale=goal.scale,
        baseline=goal.baseline,
        due=goal.due,
    )


def _session(session) -> m.Session:  # type: ignore[no-untyped-def]
    return m.Session(
        number=session.number,
        date=session.held_on,
        topics=tuple(session.topics),
        goals=tuple(goal.key for goal in sorted(session.goals.all(), key=_goal_order)),
    )


def _result(result: Result) -> m.Result:
    judgements = list(result.judgements.all())
    return m.Result(
        key=result.key,
        text=result.text,
        reported_by=result.reported_by,
        source=result.source,
        goals=tuple(goal.key for goal in sorted(result.goals.all(), key=_goal_order)),
        meaning=result.meaning,
        expected=result.expected,
        beneficiary=result.beneficiary,
        evidence=result.evidence,
        desirability={j.party: j.desirability for j in _by_party(judgements) if j.desirability},
        value=(
            m.Value(amount=result.value_amount, unit=result.value_unit)
            if result.value_amount is not None
            else None
        ),
        attribution={
            j.party: m.Attribution(share=j.share, confidence=j.confidence)
            for j in _by_party(judgements)
            if j.share is not None and j.confidence is not None
        },
        shared_with_sponsor=result.shared_with_sponsor,
    )


def _closing(engagement: Engagement) -> m.Closing | None:
    closing = getattr(engagement, "closing", None)
    if closing is None:
        return None
    return m.Closing(
        status=closing.status,
        by=closing.declined_by or None,
        date=closing.held_on,
        notes=closing.notes,
    )


def _by_party(judgements: list) -> list:  # type: ignore[type-arg]
    order = {party: i for i, party in enumerate(m.PARTIES)}
    return sorted(judgements, key=lambda j: order[j.party])


def _goal_order(goal) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return (goal.position, goal.id)
