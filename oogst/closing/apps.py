from typing import Any

from django.apps import AppConfig


class ClosingConfig(AppConfig):
    name = "oogst.closing"
    label = "closing"

    def ready(self) -> None:
        from oogst.contracting.signals import goal_references

        goal_references.connect(_goal_references, dispatch_uid="closing-goal-references")


def _goal_references(sender: type, *, goal: Any, facts: Any, **kwargs: Any) -> list[str]:
    """Before a goal is deleted: the attainment ratings of it and the minutes about it.

    A rating is named by its rater only, never its level (rated blind): that a party has
    rated shows as much as its open action does (`policy.may_see_action`)."""
    from django.utils.text import capfirst
    from django.utils.translation import gettext as _

    from oogst import policy
    from oogst.closing.models import AttainmentRating, Minute
    from oogst.contracting.phrasing import PARTY_SUBJECT
    from oogst.policy import Party

    reasons = []
    raters = set(AttainmentRating.objects.filter(goal=goal).values_list("rater", flat=True))
    for rater in (p for p in Party if p in raters):
        subject = capfirst(str(PARTY_SUBJECT[rater]))
        if rater == facts.viewer:
            reasons.append(_("You have rated how far this goal was attained."))
        elif policy.may_see_action(facts, action="rate_attainment", party=rater):
            reasons.append(
                _("%(party)s has rated how far this goal was attained.") % {"party": subject}
            )
        else:
            reasons.append(
                _("%(party)s has written something about this goal that only they can read.")
                % {"party": subject}
            )
    minutes = Minute.objects.filter(
        conversation__engagement_id=goal.engagement_id, kind="open_goal", ref=goal.key
    )
    if minutes.exists():
        reasons.append(_("The minutes of the closing conversation speak of this goal."))
    return reasons
