"""The goals of the contract: the coach writes them until every party has accepted.

Goals are part of the contract, so a change to them after a party accepted clears that
acceptance (the party accepted other goals), just as a change of the terms does. Once
every party accepted, the goals are frozen and a change is an amendment
(`services.amendments`). The SMART check is advisory: it never blocks saving.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from oogst import policy
from oogst.contracting import smart
from oogst.contracting.models import Amendment, ContractAcceptance, Goal
from oogst.contracting.selectors import contract_in_force, may_write
from oogst.engagements.frame import Frame
from oogst.engagements.models import Engagement
from oogst.policy import Content, Party

# The fields of a goal a person writes (and an amendment may change), in form order.
GOAL_FIELDS = (
    "text",
    "weight",
    "level_minus_2",
    "level_minus_1",
    "level_0",
    "level_plus_1",
    "level_plus_2",
    "baseline",
    "due",
)
KEY = re.compile(r"^G(\d+)$")


class GoalsFrozen(ValidationError):
    """The contract is in force: goals change only through an amendment."""


def goal_label(name: str) -> str:
    """The translated label of a field of Goal, as the model names it."""
    field = Goal._meta.get_field(name)
    assert isinstance(field, models.Field)
    return str(field.verbose_name)


def _frozen() -> GoalsFrozen:
    return GoalsFrozen(
        _(
            "Every party has accepted the contract, so its goals are frozen. "
            "Propose an amendment instead."
        ),
        code="frozen",
    )


def _require_open(*, engagement_id: int, actor: Party) -> None:
    if not may_write(Content.GOALS, engagement_id=engagement_id, party=actor):
        raise PermissionDenied
    if contract_in_force(engagement_id=engagement_id):
        raise _frozen()


def _next_key(engagement: Engagement) -> tuple[str, int]:
    keys = Goal.objects.filter(engagement=engagement).values_list("key", "position")
    numbers = [int(match[1]) for key, _p in keys if (match := KEY.match(key))]
    positions = [p for _k, p in keys]
    return f"G{max(numbers, default=0) + 1}", max(positions, default=0) + 1


def _clear_acceptances(engagement: Engagement) -> list[str]:
    """Acceptances given before a change no longer hold; returns the parties cleared."""
    acceptances = ContractAcceptance.objects.filter(contract__engagement=engagement)
    parties = list(acceptances.values_list("party", flat=True))
    acceptances.delete()
    return parties


@transaction.atomic
def goal_create(
    *,
    engagement: Engagement,
    actor: Party,
    text: str,
    weight: Decimal = Decimal(1),
    level_minus_2: str = "",
    level_minus_1: str = "",
    level_0: str = "",
    level_plus_1: str = "",
    level_plus_2: str = "",
    baseline: int | None = None,
    due: dt.date | None = None,
) -> Goal:
    """Add a goal with the next free key (G1, G2...)."""
    Engagement.objects.select_for_update().filter(pk=engagement.pk).first()  # serialise keys
    _require_open(engagement_id=engagement.pk, actor=actor)
    key, position = _next_key(engagement)
    goal = Goal(
        engagement=engagement,
        key=key,
        position=position,
        text=text.strip(),
        weight=weight,
        level_minus_2=level_minus_2,
        level_minus_1=level_minus_1,
        level_0=level_0,
        level_plus_1=level_plus_1,
        level_plus_2=level_plus_2,
        baseline=baseline,
        due=due,
    )
    goal.full_clean()
    goal.save()
    _clear_acceptances(engagement)
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    actor: Party,
    **values: object,
) -> Goal:
    """Change a goal before the contract is in force; `values` are fields of GOAL_FIELDS."""
    unknown = set(values) - set(GOAL_FIELDS)
    if unknown:
        raise TypeError(f"goal_update() got unexpected fields: {', '.join(sorted(unknown))}")
    _require_open(engagement_id=goal.engagement_id, actor=actor)
    if isinstance(values.get("text"), str):
        values["text"] = str(values["text"]).strip()
    changed = [f for f, v in values.items() if getattr(goal, f) != v]
    if not changed:
        return goal
    for field, value in values.items():
        setattr(goal, field, value)
    goal.full_clean()
    goal.save(update_fields=[*changed, "updated_at"])
    _clear_acceptances(goal.engagement)
    return goal


# ---------------------------------------------------------------- reads


def smart_language(engagement: Engagement) -> str:
    """The language the SMART check reads a goal in: the engagement's, else the UI's."""
    if engagement.language in smart.LANGS:
        return engagement.language
    ui = (get_language() or "")[:2]
    return ui if ui in smart.LANGS else smart.DEFAULT_LANG


@dataclass(frozen=True)
class SmartLetter:
    letter: str
    name: str
    ok: bool
    reason: str
    suggestion: str


SMART_NAMES = {
    "S": gettext_lazy("Specific"),
    "M": gettext_lazy("Measurable"),
    "A": gettext_lazy("Acceptable"),
    "R": gettext_lazy("Result-oriented"),
    "T": gettext_lazy("Time-bound"),
}


def smart_for(text: str, *, lang: str) -> tuple[SmartLetter, ...]:
    """The advisory check, letter by letter, for `_smart.html`; empty text: nothing.

    The reasons come in `lang`, the language the goal is written in."""
    if not text.strip():
        return ()
    checked = smart.check(text, lang).to_dict()
    return tuple(
        SmartLetter(
            letter=letter,
            name=str(SMART_NAMES[letter]),
            ok=bool(checked[letter]["ok"]),
            reason=str(checked[letter]["reason"]),
            suggestion=str(checked[letter]["suggestion"]),
        )
        for letter in smart.LETTERS
    )


@dataclass(frozen=True)
class GoalCard:
    goal: Goal
    smart: tuple[SmartLetter, ...]
    pending: bool  # an amendment to this goal awaits acceptance
    levels: tuple[tuple[int, str], ...]  # (level, description) from +2 down to -2


def goals_of(*, engagement_id: int) -> QuerySet[Goal]:
    return Goal.objects.filter(engagement_id=engagement_id).order_by("position", "id")


def goal_cards(frame: Frame) -> tuple[GoalCard, ...] | None:
    """The goals with their SMART check and amendments; None when the viewer may not read
    goals (the sponsor, when the contract keeps them from it). Two queries."""
    engagement = frame.engagement
    if not policy.may_read(Content.GOALS, frame.facts):
        return None
    lang = smart_language(engagement)
    goals = goals_of(engagement_id=engagement.pk).prefetch_related("amendments")
    return tuple(
        GoalCard(
            goal=goal,
            smart=smart_for(goal.text, lang=lang),
            pending=any(a.status == Amendment.Status.PENDING for a in goal.amendments.all()),
            levels=tuple(
                (level, getattr(goal, field))
                for level, field in sorted(Goal.LEVEL_FIELDS.items(), reverse=True)
            ),
        )
        for goal in goals
    )
