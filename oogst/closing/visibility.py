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


def visible_to(snapshot: m.Engagement, viewer: Party | None) -> tuple[m.Engagement, int]:
    """The part of the engagement `viewer` may read, and how many results are hidden."""
    if viewer is None:
        return snapshot, 0
    facts = Facts(viewer=viewer, sponsor_view=sponsor_view_of(snapshot.contract))

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
