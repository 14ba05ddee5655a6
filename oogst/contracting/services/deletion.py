"""Room for mistakes: the coach deletes a goal or a session written by mistake.

Only whoever writes goals (or logs sessions: the coach) deletes them, never once the
engagement is closed (`policy.may_write`, else PermissionDenied), and only while the
contract is not in force: after that the goals change by amendment only and the sessions
held are on record (a reason, not a 403, so the page can say it).

A deletion is refused, with the reason in words, while anything refers to what would go:
for a goal the sessions that served it, an amendment, and whatever the later stages keep
about it (results linked to it, an end report about it, attainment ratings, minutes), which
they say themselves through `signals.goal_references`; for a session the client's
reflection on it, which is hers (`policy.may_write` of `CLIENT_REFLECTION`): nobody else
destroys it. A reason never quotes what the coach may not read: a reflection not shared
with the coach is "something of the client's". The goals a session served are the coach's
own links and go with it.

The goals are part of the contract, so deleting one clears the acceptances given so far,
as changing one does (`services.goals`). Keys and numbers are never renumbered: the other
goals keep theirs, and the other sessions keep their numbers.

A deletion is real: the model's `delete()`, so `post_delete` reaches whoever keeps figures
(the research figures, the stored progress).
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oogst import policy
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Amendment, Goal, Session, SessionReflection
from oogst.contracting.phrasing import PARTY_SUBJECT
from oogst.contracting.selectors import contract_in_force, facts_for
from oogst.contracting.services.goals import _clear_acceptances
from oogst.contracting.signals import goal_references
from oogst.policy import Content, Facts, Party


@dataclass(frozen=True)
class Deletion:
    """What deleting would do, for the confirmation page, in words the viewer may read."""

    refusals: tuple[str, ...]  # why it cannot be deleted now; empty: it can
    consequences: tuple[str, ...]  # what else changes with it

    @property
    def allowed(self) -> bool:
        return not self.refusals


# ---------------------------------------------------------------- goals


def _may_delete_goal(facts: Facts) -> None:
    if not policy.may_write(Content.GOALS, facts):
        raise PermissionDenied


def _goal_refusals(goal: Goal, facts: Facts, *, in_force: bool) -> list[str]:
    if in_force:
        return [
            _(
                "The contract is in force, so its goals can no longer be deleted: a goal "
                "now changes only by an amendment that the parties accept."
            )
        ]
    reasons: list[str] = []
    numbers = [str(n) for n in goal.sessions.order_by("number").values_list("number", flat=True)]
    if numbers:
        reasons.append(
            ngettext(
                "Session %(numbers)s served this goal: untick the goal there first.",
                "Sessions %(numbers)s served this goal: untick the goal there first.",
                len(numbers),
            )
            % {"numbers": ", ".join(numbers)}
        )
    if goal.amendments.filter(status=Amendment.Status.PENDING).exists():
        reasons.append(_("An amendment to %(key)s awaits acceptance.") % {"key": goal.key})
    for _receiver, answer in goal_references.send(sender=Goal, goal=goal, facts=facts):
        reasons.extend(answer or ())
    return reasons


def _goal_consequences(goal: Goal, facts: Facts, accepted: set[str]) -> list[str]:
    said = [
        _("%(key)s and its attainment scale are deleted for good.") % {"key": goal.key},
        _("The other goals keep their keys."),
    ]
    for party in (p for p in Party if p in accepted):
        if party == facts.viewer:
            said.append(_("You have accepted the contract and will have to accept it again."))
        else:
            said.append(
                _("%(party)s has accepted the contract and will have to accept it again.")
                % {"party": capfirst(str(PARTY_SUBJECT[party]))}
            )
    return said


def goal_deletion(frame: StageFrame, goal: Goal) -> Deletion:
    """What deleting `goal` would do, read with the page's frame (PermissionDenied for a
    party that may not write goals, or once closed)."""
    _may_delete_goal(frame.facts)
    refusals = _goal_refusals(goal, frame.facts, in_force=frame.in_force)
    if refusals:
        return Deletion(refusals=tuple(refusals), consequences=())
    return Deletion(
        refusals=(),
        consequences=tuple(_goal_consequences(goal, frame.facts, set(frame.accepted))),
    )


@transaction.atomic
def goal_delete(*, goal: Goal, actor: Party) -> list[str]:
    """Delete a goal written by mistake; returns the parties whose acceptance it cleared.

    A ValidationError (code "referred") carries every reason it is refused."""
    facts = facts_for(engagement_id=goal.engagement_id, party=actor)
    _may_delete_goal(facts)
    goal = Goal.objects.select_for_update().select_related("engagement").get(pk=goal.pk)
    refusals = _goal_refusals(
        goal, facts, in_force=contract_in_force(engagement_id=goal.engagement_id)
    )
    if refusals:
        raise ValidationError(refusals, code="referred")
    engagement = goal.engagement
    goal.delete()
    return _clear_acceptances(engagement)


# ---------------------------------------------------------------- sessions


def _may_delete_session(facts: Facts) -> None:
    # A session goes with its topics and the coach's notes: whoever writes all three.
    writes = (
        policy.may_write(Content.SESSIONS_HELD, facts)
        and policy.may_write(Content.SESSION_TOPICS, facts)
        and policy.may_write(Content.COACH_SESSION_NOTES, replace(facts, author=Party.COACH))
    )
    if not writes:
        raise PermissionDenied


def _reflection_refusal(session: Session, facts: Facts) -> str | None:
    """The client's reflection is hers: the session that carries it stays. Named only as
    far as the viewer may read it (the coach: only once she shared it)."""
    shared = (
        SessionReflection.objects.filter(session=session)
        .values_list("shared_with_coach", flat=True)
        .first()
    )
    if shared is None:
        return None
    about = replace(facts, author=Party.CLIENT, shared_with_coach=shared)
    if policy.may_write(Content.CLIENT_REFLECTION, about):
        return None  # the client herself, or the operator
    if policy.may_read(Content.CLIENT_REFLECTION, about):
        return _(
            "The client wrote a reflection on this session and shared it with you. It is "
            "hers and nobody else deletes it, so the session stays."
        )
    return _(
        "Something of the client's refers to this session. It is hers and nobody else "
        "deletes it, so the session stays."
    )


def _session_refusals(session: Session, facts: Facts, *, in_force: bool) -> list[str]:
    if in_force:
        return [
            _(
                "The contract is in force, so the sessions held are on record and can no "
                "longer be deleted. A session logged with a mistake can still be corrected."
            )
        ]
    reflection = _reflection_refusal(session, facts)
    return [reflection] if reflection else []


def _session_consequences(session: Session) -> list[str]:
    said = [_("Its date, its topics and your notes on it are deleted for good.")]
    keys = [g.key for g in session.goals.order_by("position", "id")]
    if keys:
        said.append(
            ngettext(
                "It no longer counts as serving goal %(keys)s; the goal itself stays.",
                "It no longer counts as serving goals %(keys)s; the goals themselves stay.",
                len(keys),
            )
            % {"keys": ", ".join(keys)}
        )
    said.append(_("The other sessions keep their numbers: nothing is renumbered."))
    return said


def session_deletion(frame: StageFrame, session: Session) -> Deletion:
    """What deleting `session` would do, read with the page's frame (PermissionDenied for a
    party that may not log sessions, or once closed)."""
    _may_delete_session(frame.facts)
    refusals = _session_refusals(session, frame.facts, in_force=frame.in_force)
    if refusals:
        return Deletion(refusals=tuple(refusals), consequences=())
    return Deletion(refusals=(), consequences=tuple(_session_consequences(session)))


@transaction.atomic
def session_delete(*, session: Session, actor: Party) -> None:
    """Delete a session logged by mistake, with the links to the goals it served.

    A ValidationError (code "referred") carries the reason it is refused."""
    facts = facts_for(engagement_id=session.engagement_id, party=actor)
    _may_delete_session(facts)
    session = Session.objects.select_for_update().get(pk=session.pk)
    refusals = _session_refusals(
        session, facts, in_force=contract_in_force(engagement_id=session.engagement_id)
    )
    if refusals:
        raise ValidationError(refusals, code="referred")
    session.delete()
