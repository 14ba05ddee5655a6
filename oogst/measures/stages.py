"""Where an engagement stands and whose turn it is: its stage and its open actions.

Pure: computed from plain facts (`StageFacts`), the only definition of both; whoever
shows a stage or an open action asks `stage_of` and `waiting_for`. `stage` is the
furthest stage whose entry condition holds; `waiting_for` lists every open action,
earlier ones included, each with the party it waits for, since when, and whether it is
optional (an optional action never holds up a stage). Both are open vocabularies
(docs/stages.md): later stages and actions are added at the end.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

STAGES = ("intake", "expectations", "contract", "sessions", "end_reports", "closing", "closed")
PARTIES = ("client", "coach", "sponsor")


@dataclass(frozen=True)
class StageFacts:
    """What an engagement's stage and open actions are computed from (times are aware)."""

    started_at: datetime
    present: frozenset[str]  # the parties the engagement has
    invitations: Mapping[str, datetime]  # party -> sent and not accepted yet
    intake_at: datetime | None
    expectations: Mapping[str, datetime]  # party -> when it stated its expectations
    terms_at: datetime | None  # the coach proposed the terms (their last change)
    goals: int
    acceptances: Mapping[str, datetime]  # party -> accepted the terms as they are now
    in_force: bool  # the contract is in force (policy.contract_in_force)
    amendments: Mapping[str, datetime]  # party -> an amendment waits for it since
    sessions_planned: int | None
    sessions_held: int
    last_session_at: datetime | None
    end_reports_started: Mapping[str, datetime]  # party -> began its end report
    end_reports_submitted: Mapping[str, datetime]
    sharing_undecided_since: datetime | None  # a result whose sharing the client decides
    unrated: frozenset[str]  # parties that may read the goals and left one unrated
    closing_recorded_at: datetime | None  # the conversation's outcome is recorded
    closed_at: datetime | None


@dataclass(frozen=True)
class Action:
    party: str
    action: str
    since: datetime
    optional: bool = False

    def as_json(self) -> dict[str, object]:
        return {
            "party": self.party,
            "action": self.action,
            "since": self.since.isoformat(),
            "optional": self.optional,
        }


def entered(facts: StageFacts) -> dict[str, datetime]:
    """When each stage whose entry condition holds was entered."""
    times: dict[str, datetime | None] = {
        "intake": facts.started_at,
        "expectations": facts.intake_at,
        "contract": _contract_entered(facts),
        "sessions": _latest(facts.acceptances.values()) if facts.in_force else None,
        "end_reports": _end_reports_entered(facts),
        "closing": _both_submitted(facts),
        "closed": facts.closed_at,
    }
    return {stage: at for stage, at in times.items() if at is not None}


def stage_of(facts: StageFacts) -> str:
    """The furthest stage whose entry condition holds."""
    reached = entered(facts)
    return next(stage for stage in reversed(STAGES) if stage in reached)


def waiting_for(facts: StageFacts) -> list[Action]:
    """Every open action, in the order of the lifecycle; none once the engagement closed."""
    reached = entered(facts)
    if "closed" in reached:
        return []
    return [
        *_joining(facts),
        *_contracting(facts, reached),
        *_sessions(facts, reached),
        *_harvest(facts, reached),
    ]


# ---------------------------------------------------------------- the stages


def _latest(times: Iterable[datetime]) -> datetime | None:
    values = list(times)
    return max(values) if values else None


def _contract_entered(facts: StageFacts) -> datetime | None:
    stated = facts.present <= set(facts.expectations)
    candidates = [
        facts.terms_at,
        _latest(facts.expectations.values()) if stated and facts.present else None,
    ]
    found = [t for t in candidates if t is not None]
    return min(found) if found else None


def _end_reports_entered(facts: StageFacts) -> datetime | None:
    done = (
        facts.sessions_planned is not None
        and facts.sessions_held >= facts.sessions_planned
        and facts.last_session_at is not None
    )
    candidates = [
        facts.last_session_at if done else None,
        min(facts.end_reports_started.values()) if facts.end_reports_started else None,
    ]
    found = [t for t in candidates if t is not None]
    return min(found) if found else None


def _both_submitted(facts: StageFacts) -> datetime | None:
    submitted = facts.end_reports_submitted
    if "client" in submitted and "coach" in submitted:
        return max(submitted["client"], submitted["coach"])
    return None


# ---------------------------------------------------------------- the actions


def _joining(facts: StageFacts) -> list[Action]:
    actions = [
        Action(p, "accept_invitation", facts.invitations[p])
        for p in PARTIES
        if p in facts.invitations
    ]
    if facts.intake_at is None:
        actions.append(Action("coach", "record_intake", facts.started_at))
    return actions


def _contracting(facts: StageFacts, reached: Mapping[str, datetime]) -> list[Action]:
    actions: list[Action] = []
    if "expectations" in reached:
        actions += [
            Action(p, "state_expectations", reached["expectations"], optional=p == "sponsor")
            for p in PARTIES
            if p in facts.present and p not in facts.expectations
        ]
    if "contract" in reached and facts.goals == 0:
        actions.append(Action("coach", "write_goals", reached["contract"]))
    if facts.terms_at is not None and facts.goals > 0 and not facts.in_force:
        actions += [
            Action(p, "accept_contract", facts.terms_at)
            for p in PARTIES
            if p in facts.present and p not in facts.acceptances
        ]
    actions += [
        Action(p, "accept_amendment", facts.amendments[p]) for p in PARTIES if p in facts.amendments
    ]
    return actions


def _sessions(facts: StageFacts, reached: Mapping[str, datetime]) -> list[Action]:
    if stage_of(facts) != "sessions" or facts.sessions_planned is None:
        return []
    if facts.sessions_held >= facts.sessions_planned:
        return []
    return [Action("coach", "log_sessions", reached["sessions"])]


def _harvest(facts: StageFacts, reached: Mapping[str, datetime]) -> list[Action]:
    actions: list[Action] = []
    if "end_reports" in reached:
        actions += [
            Action(p, "write_end_report", reached["end_reports"], optional=p == "sponsor")
            for p in PARTIES
            if p in facts.present and p not in facts.end_reports_submitted
        ]
    if facts.sharing_undecided_since is not None and "sponsor" in facts.present:
        actions.append(Action("client", "decide_sharing", facts.sharing_undecided_since))
    if "closing" in reached:
        actions += [
            Action(p, "rate_attainment", reached["closing"], optional=p == "sponsor")
            for p in PARTIES
            if p in facts.unrated
        ]
        if facts.closing_recorded_at is None:
            actions.append(Action("coach", "record_closing", reached["closing"]))
        else:
            since = max(facts.closing_recorded_at, reached["closing"])
            actions.append(Action("coach", "close", since))
    return actions
