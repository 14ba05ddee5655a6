"""The facts an engagement's stage and open actions are computed from, read from the
database; the computation itself is `measures.stages` (pure, the only definition).

Times the database keeps as dates (acceptances, sessions held) count from the start of
that day. Computed on demand, a fixed number of queries per engagement.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Max, Min
from django.utils import timezone

from oogst import policy
from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import (
    Amendment,
    Contract,
    Expectation,
    Goal,
    Session,
)
from oogst.engagements.models import Engagement, Intake, Invitation, Participation
from oogst.measures import stages
from oogst.measures.stages import Action, StageFacts
from oogst.policy import Content, Facts, Party
from oogst.results.models import EndReport, Result
from oogst.vocabulary import ClosingStatus


@dataclass(frozen=True)
class Progress:
    stage: str
    waiting_for: tuple[Action, ...]

    def as_json(self) -> dict[str, object]:
        return {"stage": self.stage, "waiting_for": [a.as_json() for a in self.waiting_for]}


def progress_of(engagement: Engagement) -> Progress:
    """Where the engagement stands and whom it waits for (as the operator sees it)."""
    facts = stage_facts(engagement)
    return Progress(stage=stages.stage_of(facts), waiting_for=tuple(stages.waiting_for(facts)))


def _day(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time.min))


def stage_facts(engagement: Engagement) -> StageFacts:
    pk = engagement.pk
    present = frozenset(
        Participation.objects.filter(engagement_id=pk).values_list("party", flat=True)
    )
    contract = Contract.objects.filter(engagement_id=pk).first()
    acceptances = (
        {a.party: _day(a.accepted_on) for a in contract.acceptances.all()} if contract else {}
    )
    sessions = Session.objects.filter(engagement_id=pk).aggregate(
        n=Count("id"), last=Max("held_on")
    )
    goals = Goal.objects.filter(engagement_id=pk).count()
    return StageFacts(
        started_at=engagement.created_at,
        present=present,
        invitations=dict(
            Invitation.objects.filter(engagement_id=pk, accepted_at__isnull=True).values_list(
                "party", "updated_at"
            )
        ),
        intake_at=Intake.objects.filter(engagement_id=pk)
        .values_list("created_at", flat=True)
        .first(),
        expectations=dict(
            Expectation.objects.filter(engagement_id=pk).values_list("party", "created_at")
        ),
        terms_at=contract.updated_at if contract else None,
        goals=goals,
        acceptances=acceptances,
        in_force=policy.contract_in_force(present=present, accepted=acceptances),
        amendments=_amendments(pk, present, contract),
        sessions_planned=contract.sessions_planned if contract else None,
        sessions_held=sessions["n"],
        last_session_at=_day(sessions["last"]) if sessions["last"] else None,
        **_end_reports(pk),
        sharing_undecided_since=Result.objects.filter(
            engagement_id=pk, sharing_undecided=True
        ).aggregate(since=Min("updated_at"))["since"],
        unrated=_unrated(pk, present, contract, goals),
        closing_recorded_at=ClosingConversation.objects.filter(
            engagement_id=pk,
            status__in=[ClosingStatus.HELD, ClosingStatus.DECLINED, ClosingStatus.NOT_HELD],
        )
        .values_list("updated_at", flat=True)
        .first(),
        closed_at=engagement.closed_at,
    )


def _sponsor_view(contract: Contract | None) -> frozenset[str]:
    if contract is None:
        return policy.DEFAULT_SPONSOR_VIEW
    client_accepted = contract.acceptances.filter(party=Party.CLIENT).exists()
    return policy.effective_sponsor_view(contract.sponsor_may_see, client_accepted=client_accepted)


def _amendments(pk: int, present: frozenset[str], contract: Contract | None) -> dict[str, datetime]:
    """Each party asked to accept a pending amendment, since the oldest one waiting."""
    asked = policy.amendment_acceptors(present=present, sponsor_view=_sponsor_view(contract))
    waiting: dict[str, datetime] = {}
    pending = Amendment.objects.filter(
        goal__engagement_id=pk, status=Amendment.Status.PENDING
    ).prefetch_related("acceptances")
    for amendment in pending.order_by("created_at"):
        accepted = {a.party for a in amendment.acceptances.all()}
        for party in asked:
            if party not in accepted:
                waiting.setdefault(party, amendment.created_at)
    return waiting


def _end_reports(pk: int) -> dict[str, dict[str, datetime]]:
    started, submitted = {}, {}
    for report in EndReport.objects.filter(engagement_id=pk):
        if report.submitted_at is not None:
            submitted[report.party] = report.submitted_at
        if report.submitted_at is not None or report.draft:
            started[report.party] = report.created_at
    return {"end_reports_started": started, "end_reports_submitted": submitted}


def _unrated(
    pk: int, present: frozenset[str], contract: Contract | None, goals: int
) -> frozenset[str]:
    """The parties that may read the goals and have not rated every one of them."""
    view = _sponsor_view(contract)
    rated = dict(
        AttainmentRating.objects.filter(goal__engagement_id=pk)
        .values("rater")
        .annotate(n=Count("id"))
        .values_list("rater", "n")
    )
    return frozenset(
        p
        for p in present
        if policy.may_read(Content.GOALS, Facts(viewer=Party(p), sponsor_view=view))
        and rated.get(p, 0) < goals
    )
