"""Cut a snapshot down to what one viewer may read, by asking the policy item by item."""

from dataclasses import replace

from oogst import policy
from oogst.harvest.stages import RECORDED
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
    return with_ratings(Facts(viewer=party, sponsor_view=sponsor_view_of(view.contract)), view)


def with_ratings(facts: Facts, view: m.Engagement) -> Facts:
    """`facts` with what the blind attainment ratings go by (`policy.unblinded`), read from
    a snapshot or any cut of it: the viewer's own ratings and the closing survive every
    cut that keeps the goals. A closed engagement always has its closing outcome
    recorded (`engagement_close` asks for it), so the snapshot needs no `closed`."""
    return replace(
        facts,
        rated_all=rated_every_goal(view, facts.viewer),
        ratings_open=facts.ratings_open or closing_recorded(view),
    )


def rated_every_goal(view: m.Engagement, rater: Party | str | None) -> bool:
    """Whether `rater` has rated every goal of `view` (never while there are none)."""
    rated = {a.goal for a in view.attainment if a.rater == rater}
    return bool(view.goals) and all(g.key in rated for g in view.goals)


def closing_recorded(view: m.Engagement) -> bool:
    return view.closing is not None and view.closing.status in RECORDED


def goals_readable(view: m.Engagement, viewer: Party | str | None) -> bool:
    return policy.may_read(Content.GOALS, facts_of(view, viewer))


def rating_visibility(facts: Facts, rater: str) -> tuple[bool, bool]:
    """With `facts` from `facts_of` or `with_ratings`: whether the viewer may read
    `rater`'s attainment ratings (and so its T-score) now, and whether it waits for them:
    it would read them once it has rated every goal or the closing outcome is recorded
    (`policy.unblinded`), but not yet."""
    if not policy.may_read(Content.GOALS, facts):
        return False, False
    about = replace(facts, author=Party(rater))
    now = policy.may_read(Content.ATTAINMENT, about)
    later = policy.may_read(Content.ATTAINMENT, replace(about, ratings_open=True))
    return now, later and not now


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
