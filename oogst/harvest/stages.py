"""The facts an engagement's stage and open actions are computed from, read from the
database; the computation itself is `measures.stages` (pure, the only definition).

The facts come from the engagement as a snapshot reads it (`prefetch_everything`, which a
page has done already for its harvest) plus its open invitations, end reports and
pending amendments (`STAGE_LOOKUPS`), so a page that shows both reads no row twice; the
stored progress (`harvest.stored`) reads many engagements in the same fixed number of
queries. Times the database keeps as dates (acceptances, sessions held) count from the
start of that day.
"""

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from oogst import policy
from oogst.contracting.models import Amendment, Contract, Goal
from oogst.engagements.models import Engagement, Invitation
from oogst.harvest.snapshot import EVERYTHING, prefetch_everything
from oogst.measures import stages
from oogst.measures.stages import Action, StageFacts
from oogst.policy import Content, Facts, Party
from oogst.vocabulary import ClosingStatus

RECORDED = (ClosingStatus.HELD, ClosingStatus.DECLINED, ClosingStatus.NOT_HELD)

# What the stage needs beyond a snapshot's rows (to_attr: never confused with them).
STAGE_LOOKUPS = (
    Prefetch(
        "invitations",
        queryset=Invitation.objects.filter(accepted_at__isnull=True),
        to_attr="open_invitations",
    ),
    "end_reports",
    Prefetch(
        "goals__amendments",
        queryset=Amendment.objects.filter(status=Amendment.Status.PENDING)
        .prefetch_related("acceptances")
        .order_by("created_at"),
        to_attr="pending_amendments",
    ),
)


@dataclass(frozen=True)
class Progress:
    stage: str
    waiting_for: tuple[Action, ...]

    def as_json(self) -> dict[str, object]:
        return {"stage": self.stage, "waiting_for": [a.as_json() for a in self.waiting_for]}


def progress_of(engagement: Engagement) -> Progress:
    """Where the engagement stands and whom it waits for (every action: the operator's)."""
    prefetch_stage_facts([prefetch_everything(engagement)])
    return progress_from(stage_facts(engagement))


def progress_from(facts: StageFacts) -> Progress:
    return Progress(stage=stages.stage_of(facts), waiting_for=tuple(stages.waiting_for(facts)))


def prefetch_stage_facts(engagements: list[Engagement]) -> list[Engagement]:
    """Read what `stage_facts` needs onto each engagement, skipping what is read already:
    the same number of queries for one engagement or a thousand."""
    prefetch_related_objects(engagements, *EVERYTHING, *STAGE_LOOKUPS)
    return engagements


def stage_facts(engagement: Engagement) -> StageFacts:
    """The facts of an engagement read by `prefetch_stage_facts`."""
    contract: Contract | None = getattr(engagement, "contract", None)
    present = frozenset(p.party for p in engagement.participations.all())
    acceptances = (
        {a.party: start_of_day(a.accepted_on) for a in contract.acceptances.all()}
        if contract
        else {}
    )
    sessions = list(engagement.sessions.all())
    goals = list(engagement.goals.all())
    return StageFacts(
        started_at=engagement.created_at,
        present=present,
        invitations={i.party: i.updated_at for i in prefetched(engagement, "open_invitations")},
        intake_at=_created(getattr(engagement, "intake", None)),
        expectations={e.party: e.created_at for e in engagement.expectations.all()},
        terms_at=contract.updated_at if contract else None,
        goals=len(goals),
        acceptances=acceptances,
        in_force=policy.contract_in_force(present=present, accepted=acceptances),
        amendments=_amendments(goals, present, sponsor_view(contract, acceptances)),
        sessions_planned=contract.sessions_planned if contract else None,
        sessions_held=len(sessions),
        last_session_at=start_of_day(max(s.held_on for s in sessions)) if sessions else None,
        **_end_reports(engagement),
        # A withdrawn result waits for no decision: it is kept from the sponsor anyway.
        sharing_undecided_since=_earliest(
            r.updated_at
            for r in engagement.results.all()
            if r.sharing_undecided and r.withdrawn_at is None
        ),
        unrated=_unrated(present, goals, sponsor_view(contract, acceptances)),
        closing_recorded_at=_recorded(getattr(engagement, "closing", None)),
        closed_at=engagement.closed_at,
    )


def prefetched(instance: object, attribute: str) -> list[Any]:
    """The rows a `Prefetch(..., to_attr=attribute)` put on `instance`."""
    rows: list[Any] = vars(instance)[attribute]
    return rows


def start_of_day(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


def _created(row: object) -> datetime | None:
    return getattr(row, "created_at", None) if row is not None else None


def _earliest(times: Iterable[datetime]) -> datetime | None:
    return min(times, default=None)


def _recorded(closing: object) -> datetime | None:
    if closing is None or getattr(closing, "status", None) not in RECORDED:
        return None
    return getattr(closing, "updated_at", None)


def sponsor_view(contract: Contract | None, accepted: Collection[str]) -> frozenset[str]:
    """What the contract lets the sponsor see now, given the parties that accepted it."""
    if contract is None:
        return policy.DEFAULT_SPONSOR_VIEW
    return policy.effective_sponsor_view(
        contract.sponsor_may_see, client_accepted=Party.CLIENT in accepted
    )


def _amendments(
    goals: list[Goal], present: frozenset[str], sponsor_view: frozenset[str]
) -> dict[str, datetime]:
    """Each party asked to accept a pending amendment, since the oldest one waiting."""
    asked = policy.amendment_acceptors(present=present, sponsor_view=sponsor_view)
    pending: list[Amendment] = sorted(
        (a for goal in goals for a in prefetched(goal, "pending_amendments")),
        key=lambda a: a.created_at,
    )
    waiting: dict[str, datetime] = {}
    for amendment in pending:
        accepted = {a.party for a in amendment.acceptances.all()}
        for party in asked:
            if party not in accepted:
                waiting.setdefault(party, amendment.created_at)
    return waiting


def _end_reports(engagement: Engagement) -> dict[str, dict[str, datetime]]:
    started, submitted = {}, {}
    for report in engagement.end_reports.all():
        if report.submitted_at is not None:
            submitted[report.party] = report.submitted_at
        if report.submitted_at is not None or report.draft:
            started[report.party] = report.created_at
    return {"end_reports_started": started, "end_reports_submitted": submitted}


def _unrated(
    present: frozenset[str], goals: list[Goal], sponsor_view: frozenset[str]
) -> frozenset[str]:
    """The parties that may read the goals and have not rated every one of them."""
    rated: dict[str, int] = {}
    for goal in goals:
        for rating in goal.ratings.all():
            rated[rating.rater] = rated.get(rating.rater, 0) + 1
    return frozenset(
        p
        for p in present
        if policy.may_read(Content.GOALS, Facts(viewer=Party(p), sponsor_view=sponsor_view))
        and rated.get(p, 0) < len(goals)
    )
