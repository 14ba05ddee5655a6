"""Amendments: once the contract is in force, a goal changes only with every party's yes.

The coach (who writes goals, `policy`) proposes; proposing counts as the coach's own
acceptance. Until every party that may read the goals has accepted (a sponsor whom the
contract keeps from the goals is not asked: `policy.amendment_acceptors`), the goal stays
as accepted (that version is what attainment is scored on); the last acceptance applies
the changes to the goal and puts the amendment in force, in one transaction.
"""

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.frame import StageFrame
from oogst.contracting.models import Amendment, AmendmentAcceptance, Goal
from oogst.contracting.selectors import (
    contract_in_force,
    may_write,
    parties_present,
    sponsor_view,
)
from oogst.contracting.services.goals import GOAL_FIELDS, goal_label
from oogst.engagements.selectors import party_in
from oogst.policy import Content, Party


def _json(value: object) -> object:
    """A goal's field value as JSON keeps it: decimals and dates as text."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # "1.5", "10": not "1.50", not "1E+1"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _python(field: str, value: object) -> object:
    """The inverse of `_json`, for applying an amendment to its goal."""
    if value is None:
        return None
    if field == "weight":
        return Decimal(str(value))
    if field == "due":
        return dt.date.fromisoformat(str(value))
    return value


def _differs(old: object, new: object) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        return old is None or new is None or Decimal(str(old)) != Decimal(str(new))
    return old != new


@transaction.atomic
def amendment_propose(
    *, goal: Goal, actor: Party, person: User | None, reason: str, **new_values: object
) -> Amendment:
    """Propose a change to a goal of a contract in force; keeps only the changed fields."""
    unknown = set(new_values) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"amendment_propose() got unexpected fields: {', '.join(sorted(unknown))}")
    if not may_write(Content.GOALS, engagement_id=goal.engagement_id, party=actor):
        raise PermissionDenied
    if not contract_in_force(engagement_id=goal.engagement_id):
        raise ValidationError(
            _("The contract is not in force yet: change the goal itself."), code="not_in_force"
        )
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if isinstance(new_values.get("text"), str):
        new_values["text"] = str(new_values["text"]).strip()
    changes = {
        field: [_json(getattr(goal, field)), _json(new_values[field])]
        for field in GOAL_FIELDS
        if field in new_values and _differs(getattr(goal, field), new_values[field])
    }
    if not changes:
        raise ValidationError(
            _("Nothing would change: change at least one field of the goal."), code="no_change"
        )
    _validate_as_goal(goal, changes)
    if has_pending(goal):
        raise _one_pending(goal)
    amendment = Amendment(
        goal=goal,
        proposed_by=actor,
        proposed_by_person=person,
        reason=reason.strip(),
        changes=changes,
    )
    amendment.full_clean(validate_constraints=False)  # the database keeps one pending
    try:
        with transaction.atomic():
            amendment.save()
    except IntegrityError:  # another proposal got in first
        raise _one_pending(goal) from None
    _accept(amendment, party=actor, person=person)
    return amendment


def has_pending(goal: Goal) -> bool:
    return goal.amendments.filter(status=Amendment.Status.PENDING).exists()


def _one_pending(goal: Goal) -> ValidationError:
    return ValidationError(
        _(
            "An amendment to %(key)s is already awaiting acceptance; "
            "it has to be accepted before another change can be proposed."
        )
        % {"key": goal.key},
        code="pending",
    )


def _validate_as_goal(goal: Goal, changes: dict[str, list[object]]) -> None:
    """The goal as it would be must still be a valid goal (weight > 0, baseline in range)."""
    future = Goal.objects.get(pk=goal.pk)
    for field, (_old, new) in changes.items():
        setattr(future, field, _python(field, new))
    future.full_clean()


def amendment_version(amendment: Amendment) -> str:
    """A short fingerprint of what accepting `amendment` means: its changes and reason. A
    page that asks to confirm carries it, so nobody accepts a change they did not read."""
    text = json.dumps(
        {"id": amendment.pk, "changes": amendment.changes, "reason": amendment.reason},
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@transaction.atomic
def amendment_check_acceptable(*, amendment: Amendment, party: Party, person: User | None) -> None:
    """Whether `party` may accept `amendment` now, before asking it to confirm: the same
    refusals as `amendment_accept` (PermissionDenied, ValidationError), nothing written."""
    _acceptable(amendment, party=party, person=person)


@transaction.atomic
def amendment_accept(
    *, amendment: Amendment, party: Party, person: User | None, version: str | None = None
) -> AmendmentAcceptance:
    """`party` accepts a pending amendment; the last acceptance puts it in force.

    `version`: the `amendment_version` the party confirmed; if the amendment is no longer
    that one, nothing is accepted (ValidationError, code "changed")."""
    amendment = _acceptable(amendment, party=party, person=person)
    if version is not None and version != amendment_version(amendment):
        raise ValidationError(
            _(
                "The amendment changed after you opened this page, so nothing was accepted. "
                "Read it again below."
            ),
            code="changed",
        )
    return _accept(amendment, party=party, person=person)


def _acceptable(amendment: Amendment, *, party: Party, person: User | None) -> Amendment:
    """The amendment, locked, if `party` may accept it now; refuses otherwise."""
    amendment = Amendment.objects.select_for_update().select_related("goal").get(pk=amendment.pk)
    engagement_id = amendment.goal.engagement_id
    if person is not None and party_in(person=person, engagement_id=engagement_id) != party:
        raise PermissionDenied
    if not may_write(Content.ACCEPTANCE, engagement_id=engagement_id, party=party, author=party):
        raise PermissionDenied
    if party not in acceptors(engagement_id=engagement_id):
        raise PermissionDenied  # the contract keeps the goals, and so their changes, from it
    if amendment.status != Amendment.Status.PENDING:
        raise ValidationError(
            _("This amendment is no longer awaiting acceptance."), code="not_pending"
        )
    earlier = amendment.acceptances.filter(party=party).first()
    if earlier is not None:
        raise ValidationError(_("You already accepted this amendment."), code="already_accepted")
    return amendment


def _accept(amendment: Amendment, *, party: Party, person: User | None) -> AmendmentAcceptance:
    acceptance = AmendmentAcceptance(amendment=amendment, party=party, person=person)
    acceptance.full_clean()
    acceptance.save()
    accepted = set(amendment.acceptances.values_list("party", flat=True))
    if set(acceptors(engagement_id=amendment.goal.engagement_id)) <= accepted:
        _apply(amendment)
    return acceptance


def acceptors(*, engagement_id: int) -> list[Party]:
    """The parties whose acceptance an amendment to a goal of this engagement needs."""
    return policy.amendment_acceptors(
        present=parties_present(engagement_id=engagement_id),
        sponsor_view=sponsor_view(engagement_id=engagement_id),
    )


def _apply(amendment: Amendment) -> None:
    goal = Goal.objects.select_for_update().get(pk=amendment.goal_id)
    for field, (_old, new) in amendment.changes.items():
        setattr(goal, field, _python(field, new))
    goal.full_clean()
    goal.save(update_fields=[*amendment.changes, "updated_at"])
    amendment.status = Amendment.Status.IN_FORCE
    amendment.in_force_at = timezone.now()
    amendment.save(update_fields=["status", "in_force_at", "updated_at"])
    amendment.goal = goal


# ---------------------------------------------------------------- reads


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: object
    new: object

    @property
    def old_shown(self) -> str:
        return _shown(self.old)

    @property
    def new_shown(self) -> str:
        return _shown(self.new)


def _shown(value: object) -> str:
    """A goal's field value as a person reads it, in the active language ("" if empty)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return number_format(value, use_l10n=True, force_grouping=True)
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


@dataclass(frozen=True)
class AmendmentCard:
    amendment: Amendment
    goal_key: str
    changes: tuple[Change, ...]
    accepted_by: tuple[str, ...]
    to_accept: tuple[str, ...]
    viewer_may_accept: bool
    hidden: bool  # the contract keeps the goals, and so their changes, from the viewer


def amendment_cards(
    amendments: list[Amendment] | tuple[Amendment, ...],
    *,
    present: Sequence[str],
    viewer: Party,
    may_read_goals: bool,
) -> tuple[AmendmentCard, ...]:
    """Amendments (prefetched with `acceptances` and `goal`) as the pages show them."""
    cards = []
    for a in amendments:
        accepted = {x.party for x in a.acceptances.all()}
        to_accept = tuple(p for p in present if p not in accepted)
        accepted_by = tuple(p for p in present if p in accepted)
        cards.append(
            AmendmentCard(
                amendment=a,
                goal_key=a.goal.key,
                changes=tuple(
                    Change(
                        field=f,
                        label=str(goal_label(f)),
                        old=_python(f, old),
                        new=_python(f, new),
                    )
                    for f, (old, new) in a.changes.items()
                )
                if may_read_goals
                else (),
                accepted_by=accepted_by,
                to_accept=to_accept,
                viewer_may_accept=a.status == Amendment.Status.PENDING and viewer in to_accept,
                hidden=not may_read_goals,
            )
        )
    return tuple(cards)


def amendments_of(frame: StageFrame) -> tuple[AmendmentCard, ...]:
    """Every amendment of the engagement, pending first, then newest first (one query; the
    parties and what the sponsor may see come from the page's frame)."""
    rows = (
        Amendment.objects.filter(goal__engagement_id=frame.engagement.pk)
        .select_related("goal", "proposed_by_person")
        .prefetch_related("acceptances")
    )
    ordered = sorted(
        rows, key=lambda a: (a.status != Amendment.Status.PENDING, -a.created_at.timestamp())
    )
    return amendment_cards(
        ordered,
        present=policy.amendment_acceptors(
            present=frame.present, sponsor_view=frame.facts.sponsor_view
        ),
        viewer=frame.party,
        may_read_goals=policy.may_read(Content.GOALS, frame.facts),
    )
