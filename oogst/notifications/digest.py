"""A coach's weekly digest: per open engagement it coaches, what waits for whom, in the words
of `harvest.next_step.OTHERS`. Only the engagement's title, the parties and the steps: no
result, note, reflection or goal (the same rule as every message, `compose`)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from oogst.accounts.models import User
from oogst.harvest.models import OpenAction
from oogst.harvest.next_step import OTHERS
from oogst.vocabulary import Party


def waiting(coach: User) -> QuerySet[OpenAction]:
    """The open actions of the open engagements `coach` coaches, that a coach may see."""
    return (
        OpenAction.objects.filter(
            engagement__participations__person=coach,
            engagement__participations__party=Party.COACH,
            engagement__closed_at__isnull=True,
            seen_by_coach=True,
        )
        .select_related("engagement")
        .order_by("engagement__title", "engagement_id", "position")
    )


def items(coach: User) -> list[str]:
    """One line per engagement: its title, then whom it waits for and for what (in the
    active language)."""
    lines: dict[int, tuple[str, list[str]]] = {}
    for open_action in waiting(coach):
        engagement = open_action.engagement
        _title, steps = lines.setdefault(engagement.pk, (engagement.title, []))
        who = _("you") if open_action.party == Party.COACH else str(Party(open_action.party).label)
        step = str(OTHERS.get(open_action.action, open_action.action))
        if open_action.optional:
            step = _("%(step)s (optional)") % {"step": step}
        steps.append(_("%(who)s: %(step)s") % {"who": who, "step": step})
    return [f"{title} — {'; '.join(steps)}" for title, steps in lines.values()]
