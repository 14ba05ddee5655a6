"""Read one engagement from the database into the plain shape of `measures.model`.

A fixed number of queries, whatever the number of goals, results or judgements: every
page, report and export starts here, so its cost must not grow with the register. Each
row is read once: the links from results and sessions to goals come from their link
tables as ids (the goals themselves are read with the engagement), and a page passes the
engagement its frame has already read (`prefetch_everything`), so the parties and the
contract are not read again.

A result its reporter withdrew is not in the plain engagement: every measure, the agenda,
the report and the export start from it and so never count one. The register still shows
them, struck through, to whoever may read them: `snapshot_with_withdrawn` gives them
apart (`Withdrawn`), from the same read.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model, Prefetch, prefetch_related_objects

from oogst.closing.models import AttainmentRating
from oogst.contracting.models import Goal, Session
from oogst.engagements.models import Engagement
from oogst.measures import model as m
from oogst.results.models import Result

# What a snapshot reads, relative to the engagement (the frame reads the first ones).
FRAME_LOOKUPS = ("participations__person", "contract__acceptances")
RELATED = ("intake", "closing", "goals", "research_consents")
EVERYTHING = (
    *FRAME_LOOKUPS,
    *RELATED,
    "expectations",
    "sessions",
    Prefetch(
        "results",
        queryset=Result.objects.select_related("withdrawn_by").prefetch_related("judgements"),
    ),
    Prefetch("goals__ratings", queryset=AttainmentRating.objects.order_by("rater", "id")),
)


def engagement_with_everything(engagement_id: int) -> Engagement:
    """The engagement with all that a snapshot reads (the command line, the export)."""
    engagement = Engagement.objects.select_related("organisation", "closed_by").get(
        pk=engagement_id
    )
    return prefetch_everything(engagement)


def prefetch_everything(engagement: Engagement) -> Engagement:
    """Read what a snapshot needs onto `engagement`, skipping what is read already."""
    prefetch_related_objects([engagement], *EVERYTHING)
    return engagement


@dataclass(frozen=True)
class Withdrawn:
    """A result its reporter withdrew before closing, as plain data: shown struck through
    to whoever may read the result (the same policy), counted in nothing."""

    result: m.Result
    by: str  # the party that withdrew it: always the one that reported it
    by_name: str  # the person who did ("" once that person is gone)
    at: datetime


def snapshot(engagement: Engagement) -> m.Engagement:
    """The whole engagement as plain data, without the withdrawn results. Pass one from
    `engagement_with_everything` or `prefetch_everything`."""
    return snapshot_with_withdrawn(engagement)[0]


def snapshot_with_withdrawn(engagement: Engagement) -> tuple[m.Engagement, tuple[Withdrawn, ...]]:
    """`snapshot`, and the withdrawn results apart (in register order), from one read."""
    results = list(engagement.results.all())
    sessions = list(engagement.sessions.all())
    goal_keys = _goal_keys(engagement)
    result_links = _links(Result, results, goal_keys)
    session_links = _links(Session, sessions, goal_keys)
    plain = _plain(
        engagement,
        results=tuple(_result(r, result_links) for r in results if r.withdrawn_at is None),
        sessions=tuple(_session(s, session_links) for s in sessions),
        expectations=_expectations(engagement),
        attainment=tuple(
            m.Rating(goal=goal.key, rater=rating.rater, level=rating.level)
            for goal in engagement.goals.all()
            for rating in goal.ratings.all()
        ),
    )
    return plain, _withdrawn(results, result_links)


def sharing_undecided(engagement: Engagement) -> frozenset[str]:
    """The keys of the results whose sharing the client has not decided yet. The plain
    shape (and format version 1) has no place for it, so the register's badges ask here.
    Pass an engagement from `prefetch_everything`: its results are read already."""
    return frozenset(r.key for r in engagement.results.all() if r.sharing_undecided)


def snapshot_of_result(
    engagement: Engagement, key: str
) -> tuple[m.Engagement, tuple[Withdrawn, ...], Result | None]:
    """The engagement with one result only, for that result's page: the parties, the
    contract, the goals and that result with its judgements and links. Its sessions,
    expectations and ratings are left out (empty), so the cost does not grow with the
    rest of the register. Returns the plain engagement, the result once more if it is
    withdrawn (it is then not among the plain engagement's results: see `snapshot`) and
    the result's row (or None)."""
    prefetch_related_objects([engagement], *FRAME_LOOKUPS, *RELATED)
    found = list(
        Result.objects.filter(engagement=engagement, key=key)
        .select_related("withdrawn_by")
        .prefetch_related("judgements")
    )
    links = _links(Result, found, _goal_keys(engagement))
    results = tuple(_result(r, links) for r in found if r.withdrawn_at is None)
    plain = _plain(engagement, results=results, sessions=(), expectations=(), attainment=())
    return plain, _withdrawn(found, links), (found[0] if found else None)


def _withdrawn(results: list[Result], links: dict[int, tuple[str, ...]]) -> tuple[Withdrawn, ...]:
    return tuple(
        Withdrawn(
            result=_result(r, links),
            by=r.reported_by,
            by_name=r.withdrawn_by.name if r.withdrawn_by is not None else "",
            at=r.withdrawn_at,
        )
        for r in results
        if r.withdrawn_at is not None
    )


def _plain(
    engagement: Engagement,
    *,
    results: tuple[m.Result, ...],
    sessions: tuple[m.Session, ...],
    expectations: tuple[m.Expectation, ...],
    attainment: tuple[m.Rating, ...],
) -> m.Engagement:
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
        expectations=expectations,
        contract=_contract(engagement),
        goals=tuple(_goal(goal) for goal in engagement.goals.all()),
        sessions=sessions,
        results=results,
        attainment=attainment,
        closing=_closing(engagement),
        research_consent={
            c.party: c.given_on for c in engagement.research_consents.all() if not c.withdrawn_on
        },
    )


def _goal_keys(engagement: Engagement) -> dict[int, tuple[tuple[int, int], str]]:
    """goal id -> (its order, its key), from the goals read with the engagement."""
    return {g.pk: ((g.position, g.pk), g.key) for g in engagement.goals.all()}


def _links(
    model: type[Model], rows: Iterable[Model], goal_keys: dict[int, tuple[tuple[int, int], str]]
) -> dict[int, tuple[str, ...]]:
    """row id -> the keys of the goals it is linked to, in goal order (one query on the
    link table, ids only: the goals' own rows are read already)."""
    ids = [row.pk for row in rows]
    if not ids:
        return {}
    through = model.goals.through  # type: ignore[attr-defined]
    column = f"{model._meta.model_name}_id"
    linked: dict[int, list[int]] = defaultdict(list)
    for owner, goal in through.objects.filter(**{f"{column}__in": ids}).values_list(
        column, "goal_id"
    ):
        linked[owner].append(goal)
    return {
        owner: tuple(goal_keys[g][1] for g in sorted(goals, key=lambda g: goal_keys[g][0]))
        for owner, goals in linked.items()
    }


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


def _goal(goal: Goal) -> m.Goal:
    return m.Goal(
        key=goal.key,
        text=goal.text,
        weight=goal.weight,
        scale=goal.scale,
        baseline=goal.baseline,
        due=goal.due,
    )


def _session(session: Session, links: dict[int, tuple[str, ...]]) -> m.Session:
    return m.Session(
        number=session.number,
        date=session.held_on,
        topics=tuple(session.topics),
        goals=links.get(session.pk, ()),
    )


def _result(result: Result, links: dict[int, tuple[str, ...]]) -> m.Result:
    judgements = _by_party(list(result.judgements.all()))
    return m.Result(
        key=result.key,
        text=result.text,
        reported_by=result.reported_by,
        source=result.source,
        goals=links.get(result.pk, ()),
        meaning=result.meaning,
        expected=result.expected,
        beneficiary=result.beneficiary,
        evidence=result.evidence,
        desirability={j.party: j.desirability for j in judgements if j.desirability},
        value=(
            m.Value(amount=result.value_amount, unit=result.value_unit)
            if result.value_amount is not None
            else None
        ),
        attribution={
            j.party: m.Attribution(share=j.share, confidence=j.confidence)
            for j in judgements
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
