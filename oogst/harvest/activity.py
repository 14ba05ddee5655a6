"""The last activity in an engagement as one party sees it.

"Last activity" on the dashboard counts only what that party may read: a client's
private reflection, a result she has not shared, the coach's intake notes or a session
a contract keeps from the sponsor do not move the sponsor's date. Every moment is
checked against the policy with the facts of its own content, as a page would read it.
Reads the rows `stages.prefetch_stage_facts` has put on the engagement (no query).
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime

from oogst import policy
from oogst.engagements.models import Engagement
from oogst.harvest.stages import start_of_day
from oogst.policy import Content, Facts, Party

Moment = tuple[datetime, Content, Facts]


def last_activity(engagement: Engagement, facts: Facts) -> datetime:
    """The latest moment in the engagement that `facts.viewer` may read."""
    return max(
        at for at, content, about in _moments(engagement, facts) if policy.may_read(content, about)
    )


def _moments(engagement: Engagement, facts: Facts) -> Iterator[Moment]:
    """Every dated thing in the engagement, with the facts a page would ask about it."""
    yield engagement.created_at, Content.CONTRACT, facts
    if engagement.closed_at is not None:
        yield engagement.closed_at, Content.CLOSING, facts
    intake = getattr(engagement, "intake", None)
    if intake is not None:
        yield intake.updated_at, Content.INTAKE, facts
    for e in engagement.expectations.all():
        yield e.updated_at, Content.EXPECTATION, replace(facts, author=Party(e.party))
    contract = getattr(engagement, "contract", None)
    if contract is not None:
        yield contract.updated_at, Content.CONTRACT, facts
        for a in contract.acceptances.all():
            about = replace(facts, author=Party(a.party))
            yield start_of_day(a.accepted_on), Content.ACCEPTANCE, about
    yield from _goals(engagement, facts)
    for s in engagement.sessions.all():
        yield s.updated_at, Content.SESSIONS_HELD, facts
    yield from _results(engagement, facts)
    for report in engagement.end_reports.all():
        if report.submitted_at is not None:
            about = replace(facts, author=Party(report.party), submitted=True)
            yield report.submitted_at, Content.END_REPORT, about
    closing = getattr(engagement, "closing", None)
    if closing is not None:
        yield closing.updated_at, Content.CLOSING, facts


def _goals(engagement: Engagement, facts: Facts) -> Iterator[Moment]:
    for goal in engagement.goals.all():
        yield goal.updated_at, Content.GOALS, facts
        for rating in goal.ratings.all():
            about = replace(facts, author=Party(rating.rater))
            yield rating.updated_at, Content.ATTAINMENT, about


def _results(engagement: Engagement, facts: Facts) -> Iterator[Moment]:
    for result in engagement.results.all():
        about = replace(
            facts,
            author=Party(result.reported_by),
            shared_with_sponsor=result.shared_with_sponsor,
        )
        yield result.updated_at, Content.RESULT, about
        for judgement in result.judgements.all():
            yield judgement.updated_at, Content.JUDGEMENT, about
