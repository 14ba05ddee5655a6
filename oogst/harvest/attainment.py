"""The attainment page as one party reads it: its goals to rate, and what it may read of
the others' ratings (T-scores and differences come from the viewer's own report)."""

from dataclasses import dataclass, replace

from oogst import policy
from oogst.closing.services.attainment import GoalToRate, why_nothing_to_rate
from oogst.closing.services.values import RoiBreakdown, roi_breakdown
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Amendment
from oogst.engagements.models import Engagement
from oogst.harvest.cut import rating_visibility, with_ratings
from oogst.harvest.selectors import harvest_for
from oogst.measures.model import PARTIES
from oogst.measures.shapes import Report, t_score
from oogst.policy import Content, Facts, Party


@dataclass(frozen=True)
class RaterScore:
    party: str
    name: str
    t: float | None
    visible: bool  # False: the policy keeps this rater's ratings from the viewer
    is_viewer: bool
    # Not visible yet: the viewer reads them once it has rated every goal itself or the
    # closing outcome is recorded (blind ratings, `policy.unblinded`).
    waiting: bool = False


@dataclass(frozen=True)
class Difference:
    goal: str
    text: str
    raters: tuple[tuple[str, int], ...]  # (party, level), every visible rater of the goal


@dataclass(frozen=True)
class AttainmentPage:
    engagement: Engagement
    viewer: Party
    facts: Facts
    goals: tuple[GoalToRate, ...]
    nothing_to_rate: str  # "" or one of GOALS_HIDDEN, NO_GOALS, NOT_IN_FORCE
    may_rate: bool
    scores: tuple[RaterScore, ...]
    differences: tuple[Difference, ...]
    rho: float
    roi: RoiBreakdown  # the return, over the same cut: the page shows it in full

    def initial(self) -> dict[str, int]:
        return {g.key: g.own for g in self.goals if g.own is not None}

    @property
    def blind(self) -> bool:
        """Whether the viewer waits for the others' ratings (and rates blind meanwhile)."""
        return any(s.waiting for s in self.scores)


def attainment_page(frame: StageFrame) -> AttainmentPage:
    """The attainment page for one party: its goals to rate, and what it may read of the
    others' ratings (T-scores and differences come from the viewer's own report)."""
    engagement_id, viewer, facts = frame.engagement.pk, frame.party, frame.facts
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer, engagement=frame.engagement)
    reason = why_nothing_to_rate(facts, has_goals=bool(harvest.view.goals), in_force=frame.in_force)
    report: Report = harvest.report
    attainment = {g["key"]: g["attainment"] for g in report["goals"]}
    pending = set(
        Amendment.objects.filter(
            goal__engagement_id=engagement_id, status=Amendment.Status.PENDING
        ).values_list("goal__key", flat=True)
    )
    goals = tuple(
        GoalToRate(
            key=g.key,
            text=g.text,
            weight=g.weight,
            scale=g.scale,
            baseline=g.baseline,
            own=attainment.get(g.key, {}).get(viewer),
            others=tuple(
                (p, level) for p, level in attainment.get(g.key, {}).items() if p != viewer
            ),
            amendment_pending=g.key in pending,
        )
        for g in harvest.view.goals
    )
    texts = {g.key: g.text for g in harvest.view.goals}
    # The viewer's own ratings and the closing are in its cut: whether the blind is lifted.
    visibility = {p: rating_visibility(with_ratings(facts, harvest.view), p) for p in PARTIES}
    return AttainmentPage(
        roi=roi_breakdown(harvest.view, engagement_id=engagement_id, viewer=viewer, facts=facts),
        engagement=harvest.engagement,
        viewer=viewer,
        facts=facts,
        goals=goals if not reason else (),
        nothing_to_rate=reason,
        may_rate=not reason and policy.may_write(Content.ATTAINMENT, replace(facts, author=viewer)),
        scores=tuple(
            RaterScore(
                party=p,
                name=harvest.view.parties[p].name,
                t=t_score(report["gas"], p),
                visible=visibility[p][0],
                is_viewer=p == viewer,
                waiting=visibility[p][1],
            )
            for p in PARTIES
            if p in harvest.view.parties
        ),
        differences=tuple(
            Difference(
                goal=d["goal"], text=texts.get(d["goal"], ""), raters=tuple(d["raters"].items())
            )
            for d in report["attainment_differences"]
        ),
        rho=report["gas"]["rho"],
    )
