"""Reads about sessions, as one party may see them.

`sessions_page` asks the policy item by item: whether the viewer sees the sessions at
all (the sponsor only if the contract allows), and per session its topics, the goals it
served, the coach's notes and the client's reflection. What the policy refuses is not
put in the page at all, so no template can show it by mistake.
"""

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Goal, Session, SessionReflection
from oogst.policy import Content, Facts, Party

SUGGESTIONS_MAX = 24
# Enough of the coach's recent sessions to find the topics that keep coming back.
SUGGESTIONS_SCAN = 500


@dataclass(frozen=True)
class GoalServed:
    key: str
    text: str


@dataclass(frozen=True)
class Reflection:
    text: str
    shared_with_coach: bool


@dataclass(frozen=True)
class SessionRow:
    number: int
    held_on: date
    # None where the viewer may not read it (not the same as empty).
    topics: list[str] | None
    goals: list[GoalServed] | None
    coach_notes: str | None
    reflection: Reflection | None
    may_edit: bool
    may_reflect: bool


@dataclass(frozen=True)
class SessionsPage:
    viewer: Party
    sees_sessions: bool  # false: the contract keeps the sessions from the sponsor
    sees_content: bool  # topics and goals served; false for the sponsor
    may_log: bool
    planned: int | None
    sessions: list[SessionRow]

    @property
    def held(self) -> int:
        return len(self.sessions)


def _reflection(session: Session, facts: Facts) -> Reflection | None:
    try:
        reflection: SessionReflection = session.reflection
    except SessionReflection.DoesNotExist:
        return None
    about = replace(facts, author=Party.CLIENT, shared_with_coach=reflection.shared_with_coach)
    if not policy.may_read(Content.CLIENT_REFLECTION, about):
        return None
    return Reflection(text=reflection.text, shared_with_coach=reflection.shared_with_coach)


def _row(session: Session, facts: Facts, *, may_edit: bool, may_reflect: bool) -> SessionRow:
    sees_content = policy.may_read(Content.SESSION_TOPICS, facts)
    sees_goals = sees_content and policy.may_read(Content.GOALS, facts)
    notes_facts = replace(facts, author=Party.COACH)
    return SessionRow(
        number=session.number,
        held_on=session.held_on,
        topics=list(session.topics) if sees_content else None,
        goals=[GoalServed(g.key, g.text) for g in session.goals.all()] if sees_goals else None,
        coach_notes=(
            session.coach_notes
            if policy.may_read(Content.COACH_SESSION_NOTES, notes_facts)
            else None
        ),
        reflection=_reflection(session, facts) if sees_content else None,
        may_edit=may_edit,
        may_reflect=may_reflect,
    )


def sessions_page(frame: StageFrame) -> SessionsPage:
    """The sessions of an engagement as the frame's party may see them, oldest first."""
    facts, party, engagement_id = frame.facts, frame.party, frame.engagement.pk
    planned = frame.contract.sessions_planned if frame.contract is not None else None
    may_log = policy.may_write(Content.SESSIONS_HELD, facts) and policy.may_write(
        Content.SESSION_TOPICS, facts
    )
    sees_sessions = policy.may_read(Content.SESSIONS_HELD, facts)
    sees_content = sees_sessions and policy.may_read(Content.SESSION_TOPICS, facts)
    rows: list[SessionRow] = []
    if sees_sessions:
        may_reflect = policy.may_write(
            Content.CLIENT_REFLECTION, replace(facts, author=Party.CLIENT)
        )
        sessions = Session.objects.filter(engagement_id=engagement_id).order_by("number")
        if sees_content:
            sessions = sessions.select_related("reflection").prefetch_related("goals")
        else:
            # Nothing but the number and the date leaves the database.
            sessions = sessions.only("id", "number", "held_on")
        rows = [
            _row(s, facts, may_edit=may_log, may_reflect=may_reflect and sees_content)
            for s in sessions
        ]
    return SessionsPage(
        viewer=party,
        sees_sessions=sees_sessions,
        sees_content=sees_content,
        may_log=may_log,
        planned=planned,
        sessions=rows,
    )


def session_for_reflection(*, engagement_id: int, number: int) -> Session | None:
    return (
        Session.objects.filter(engagement_id=engagement_id, number=number)
        .select_related("reflection")
        .prefetch_related("goals")
        .first()
    )


def session_goals(*, engagement_id: int) -> list[Goal]:
    """The engagement's goals, to tick which ones a session served."""
    return list(Goal.objects.filter(engagement_id=engagement_id).order_by("position", "id"))


def topic_suggestions(*, engagement_id: int, coach: User) -> list[str]:
    """Topics to pick from: this engagement's first, then those of the coach's others.

    Within each group the most frequent come first; the same topic in another case is
    offered once, as first written.
    """
    own: Counter[str] = Counter()
    other: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    rows = (
        Session.objects.filter(
            engagement__participations__person=coach,
            engagement__participations__party=Party.COACH,
        )
        .order_by("-held_on", "-id")
        .values_list("engagement_id", "topics")[:SUGGESTIONS_SCAN]
    )
    for session_engagement, topics in rows:
        for topic in topics or ():
            key = str(topic).casefold()
            spelling.setdefault(key, str(topic))
            (own if session_engagement == engagement_id else other)[key] += 1
    ordered = [k for k, _n in own.most_common()]
    ordered += [k for k, _n in other.most_common() if k not in own]
    return [spelling[k] for k in ordered[:SUGGESTIONS_MAX]]
