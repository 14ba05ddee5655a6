"""Attainment ratings: at the end each party rates each goal on its scale, in its own login.

The write (`attainment_rate`) asks the policy and only ever writes the rater's own rows.
The read (`harvest.attainment.attainment_page`) starts from the viewer's harvest, so the
T-scores and the differences between raters cover exactly the ratings the viewer may read.

The goals rated are the goals in force: the accepted version. A pending amendment changes
a goal only once every party accepted it, so until then the goal's row still holds the
accepted text and scale, and that is what is shown and rated.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst import policy
from oogst.closing.models import AttainmentRating
from oogst.contracting.models import Goal
from oogst.contracting.selectors import contract_in_force, facts_for
from oogst.engagements.models import Engagement
from oogst.measures.gas import LEVELS
from oogst.policy import Content, Facts, Party

# Why a party has nothing to rate (phrased on the page).
GOALS_HIDDEN = "goals_hidden"
NO_GOALS = "no_goals"
NOT_IN_FORCE = "not_in_force"


def _valid_level(level: object) -> bool:
    return not isinstance(level, bool) and isinstance(level, int) and level in LEVELS


def nothing_to_rate(facts: Facts, *, engagement_id: int) -> str:
    """Why `facts.viewer` has nothing to rate ("" when it has), read from the database."""
    return why_nothing_to_rate(
        facts,
        has_goals=Goal.objects.filter(engagement_id=engagement_id).exists(),
        in_force=contract_in_force(engagement_id=engagement_id),
    )


def why_nothing_to_rate(facts: Facts, *, has_goals: bool, in_force: bool) -> str:
    if not policy.may_read(Content.GOALS, facts):
        return GOALS_HIDDEN
    if not has_goals:
        return NO_GOALS
    if not in_force:
        return NOT_IN_FORCE
    return ""


NOTHING_TO_RATE_ERRORS = {
    GOALS_HIDDEN: gettext_lazy(
        "The contract does not let you see the goals, so there is nothing for you to rate."
    ),
    NO_GOALS: gettext_lazy("This engagement has no goals to rate."),
    NOT_IN_FORCE: gettext_lazy("The goals are rated once every party has accepted the contract."),
}


@transaction.atomic
def attainment_rate(
    *, engagement: Engagement, party: Party, levels: Mapping[str, int]
) -> list[AttainmentRating]:
    """Record `party`'s own level reached (-2..2) on each goal named in `levels`.

    Goals not named keep the party's earlier rating, if any. Every level is checked before
    anything is written, so a single wrong level changes nothing. Returns the party's
    ratings written, in the goals' order.
    """
    facts = facts_for(engagement_id=engagement.pk, party=party)
    if not policy.may_write(Content.ATTAINMENT, replace(facts, author=party)):
        raise PermissionDenied
    reason = nothing_to_rate(facts, engagement_id=engagement.pk)
    if reason:
        raise ValidationError(str(NOTHING_TO_RATE_ERRORS[reason]))
    goals = list(Goal.objects.filter(engagement=engagement).order_by("position", "id"))
    known = {g.key for g in goals}
    errors: dict[str, list[str]] = {}
    for key, level in levels.items():
        if key not in known:
            errors[key] = [_("This engagement has no goal %(key)s.") % {"key": key}]
        elif not _valid_level(level):
            errors[key] = [_("Choose one of the five levels, from -2 to +2.")]
    if errors:
        raise ValidationError(errors)
    existing = {r.goal_id: r for r in AttainmentRating.objects.filter(goal__in=goals, rater=party)}
    written = []
    for goal in goals:
        if goal.key not in levels:
            continue
        rating = existing.get(goal.pk) or AttainmentRating(goal=goal, rater=party)
        rating.level = levels[goal.key]
        rating.full_clean()
        if rating.pk is None:
            rating.save()
        else:
            rating.save(update_fields=["level", "updated_at"])
        written.append(rating)
    return written


# ---------------------------------------------------------------- the page


@dataclass(frozen=True)
class GoalToRate:
    key: str
    text: str  # as accepted: a pending amendment does not change it
    weight: Decimal
    scale: dict[int, str]
    baseline: int | None
    own: int | None  # the viewer's rating so far
    others: tuple[tuple[str, int], ...]  # (party, level) of other raters the viewer may read
    amendment_pending: bool
