"""Cut a snapshot down to what one viewer may read, by asking the policy item by item."""

from dataclasses import replace

from oogst import policy
from oogst.measures import model as m
from oogst.policy import Content, Facts, Party


def sponsor_view_of(contract: m.Contract | None) -> frozenset[str]:
    if contract is None:
        return policy.DEFAULT_SPONSOR_VIEW
    return policy.effective_sponsor_view(
        contract.sponsor_may_see, client_accepted="client" in contract.accepted
    )


def facts_of(view: m.Engagement, viewer: Party | str | None) -> Facts:
    """The policy's facts for one viewer of this engagement (None: the operator)."""
    party = Party(viewer) if viewer else None  # "" or None: the operator
    return Facts(viewer=party, sponsor_view=sponsor_view_of(view.contract))


def goals_readable(view: m.Engagement, viewer: Party | str | None) -> bool:
    return policy.may_read(Content.GOALS, facts_of(view, viewer))


def rating_readable(view: m.Engagement, viewer: Party | str | None, rater: str) -> bool:
    """Whether `viewer` may read `rater`'s attainment ratings (and so its T-score)."""
    facts = replace(facts_of(view, viewer), author=Party(rater))
    return goals_readable(view, viewer) and policy.may_read(Content.ATTAINMENT, facts)


def reads_unshared_results(viewer: Party | str | None) -> bool:
    """Whether `viewer` reads the results the client did not share with the sponsor."""
    party = Party(viewer) if viewer else None  # "" or None: the operator
    facts = Facts(viewer=party, author=Party.CLIENT, shared_with_sponsor=False)
    return policy.may_read(Content.RESULT, facts)


def visible_to(snapshot: m.Engagement, viewer: Party | None) -> tuple[m.Engagement, int]:
    """The part of the engagement `viewer` may read, and how many results are hidden."""
    if viewer is None:
        return snapshot, 0
    facts = facts_of(snapshot, viewer)

    def may(content: Content, **kw: object) -> bool:
        return policy.may_read(content, replace(facts, **kw))  # type: ignore[arg-type]

    results = [
        r
        for r in snapshot.results
        if may(
            Content.RESULT, author=Party(r.reported_by), shared_with_sponsor=r.shared_with_sponsor
        )
    ]
    goals_visible = may(Content.GOALS)
    if not goals_visible:
        # Hidden goals hide the links too; each result keeps its own `expected`.
        results = [replace(r, goals=()) for r in results]
    sessions: tuple[m.Session, ...] = ()
    if may(Content.SESSIONS_HELD):
        sessions = snapshot.sessions
        if not may(Content.SESSION_TOPICS):
            sessions = tuple(replace(s, topics=(), goals=()) for s in sessions)
    view = replace(
        snapshot,
        intake=snapshot.intake if may(Content.INTAKE) else None,
        goals=snapshot.goals if goals_visible else (),
        sessions=sessions,
        results=tuple(results),
        attainment=tuple(
            a
            for a in snapshot.attainment
            if goals_visible and may(Content.ATTAINMENT, author=Party(a.rater))
        ),
        expectations=snapshot.expectations if may(Content.EXPECTATION) else (),
        closing=snapshot.closing if may(Content.CLOSING) else None,
    )
    return view, len(snapshot.results) - len(results)
