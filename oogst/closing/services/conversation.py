"""Writes of the closing three-way conversation (driegesprek), and closing the engagement.

Only the coach writes here (policy `Content.CLOSING`); the facts come from
`contracting.selectors.facts_for`, so once the engagement is closed every function
refuses with PermissionDenied. A broken rule is a ValidationError keyed by the
argument's name, so a form shows it at its field.

The conversation is held with the sponsor present: minutes are kept only for the items
of the sponsor's agenda, never for an item about a result the sponsor may not read.
"""

from collections.abc import Collection
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.closing.models import ClosingConversation, Minute
from oogst.contracting.selectors import facts_for, parties_present
from oogst.engagements.models import Engagement, Participation
from oogst.policy import Content, Party
from oogst.vocabulary import ClosingStatus

ENDED = frozenset({ClosingStatus.HELD, ClosingStatus.DECLINED, ClosingStatus.NOT_HELD})


def _require_coach(engagement: Engagement, actor: Party) -> None:
    if not policy.may_write(Content.CLOSING, facts_for(engagement_id=engagement.pk, party=actor)):
        raise PermissionDenied


def _current(engagement: Engagement) -> ClosingConversation:
    """The engagement's conversation, locked for this transaction, or a new one."""
    found = ClosingConversation.objects.select_for_update().filter(engagement=engagement).first()
    return found or ClosingConversation(engagement=engagement)


def _refuse_after_held(conversation: ClosingConversation, field: str) -> None:
    if conversation.pk is not None and conversation.status == ClosingStatus.HELD:
        raise ValidationError(
            {
                field: [
                    _(
                        "The conversation has already been recorded as held. You can still "
                        "correct what was recorded."
                    )
                ]
            }
        )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": [
                    _(
                        "Say briefly why, for instance “no reply to two invitations”: it "
                        "limits what can be said about the results for the organisation."
                    )
                ]
            }
        )
    return reason


def _save(conversation: ClosingConversation) -> ClosingConversation:
    conversation.full_clean()
    conversation.save()
    return conversation


@transaction.atomic
def conversation_plan(
    *, engagement: Engagement, actor: Party, held_on: date | None
) -> ClosingConversation:
    """Plan the conversation on a date (or plan it again, after a decline or a new date)."""
    _require_coach(engagement, actor)
    conversation = _current(engagement)
    _refuse_after_held(conversation, "held_on")
    if held_on is None:
        raise ValidationError({"held_on": [_("Give the date the conversation is planned for.")]})
    if held_on < timezone.localdate():
        raise ValidationError(
            {
                "held_on": [
                    _(
                        "%(date)s has passed. Plan the conversation for today or later; if it "
                        "already took place, record it as held."
                    )
                    % {"date": date_format(held_on)}
                ]
            }
        )
    if conversation.status in (ClosingStatus.DECLINED, ClosingStatus.NOT_HELD):
        conversation.notes = ""  # the reason belonged to the outcome now replaced
    conversation.status = ClosingStatus.PLANNED
    conversation.declined_by = ""
    conversation.held_on = held_on
    return _save(conversation)


def _check_held(
    *,
    engagement: Engagement,
    held_on: date | None,
    present: list[str],
    minutes: dict[tuple[str, str], str],
    agenda: Collection[tuple[str, str]],
) -> list[str]:
    """The rules of a held conversation; returns who was present, in party order."""
    errors: dict[str, list[str]] = {}
    if held_on is None:
        errors["held_on"] = [_("Give the date the conversation was held.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [
            _(
                "A conversation is recorded as held once it has taken place. %(date)s is in "
                "the future; plan it instead."
            )
            % {"date": date_format(held_on)}
        ]
    parties = parties_present(engagement_id=engagement.pk)
    strangers = sorted(set(present) - set(parties))
    if strangers:
        errors["present"] = [
            _("This engagement has no party %(party)s.") % {"party": ", ".join(strangers)}
        ]
    elif not present:
        errors["present"] = [_("Tick who took part in the conversation.")]
    on_agenda = set(agenda)
    off_agenda = sorted(k for k, text in minutes.items() if text.strip() and k not in on_agenda)
    if off_agenda:
        errors["minutes"] = [
            _(
                "Minutes are kept only for the items discussed with the sponsor; %(items)s is "
                "not one of them."
            )
            % {"items": ", ".join(f"{kind} {ref}" for kind, ref in off_agenda)}
        ]
    if errors:
        raise ValidationError(errors)
    return [p for p in parties if p in present]


@transaction.atomic
def conversation_record_held(
    *,
    engagement: Engagement,
    actor: Party,
    held_on: date | None,
    present: list[str],
    minutes: dict[tuple[str, str], str],
    conclusions: str,
    agenda: Collection[tuple[str, str]],
) -> ClosingConversation:
    """Record that the conversation took place: when, who, the minutes and conclusions.

    `agenda` is the (kind, ref) of every item on the sponsor's agenda, as the view read it
    from the sponsor's harvest: minutes are kept for those items only. Recording again
    corrects the record: the minutes are replaced as a whole.
    """
    _require_coach(engagement, actor)
    conversation = _current(engagement)
    present = _check_held(
        engagement=engagement, held_on=held_on, present=present, minutes=minutes, agenda=agenda
    )
    conversation.status = ClosingStatus.HELD
    conversation.declined_by = ""
    conversation.held_on = held_on
    conversation.present = present
    conversation.conclusions = conclusions.strip()
    _save(conversation)
    conversation.minutes.all().delete()
    for (kind, ref), text in minutes.items():
        if text.strip():
            minute = Minute(conversation=conversation, kind=kind, ref=ref, text=text.strip())
            minute.full_clean()
            minute.save()
    return conversation


def _not_happening(
    *, engagement: Engagement, actor: Party, status: str, by: str, reason: str
) -> ClosingConversation:
    _require_coach(engagement, actor)
    conversation = _current(engagement)
    _refuse_after_held(conversation, "reason")
    reason = _reason(reason)
    conversation.status = status
    conversation.declined_by = by
    conversation.held_on = None
    conversation.present = []
    conversation.notes = reason
    return _save(conversation)


@transaction.atomic
def conversation_decline(
    *, engagement: Engagement, actor: Party, by: str, reason: str
) -> ClosingConversation:
    """Record that a party declined the conversation, and why."""
    _require_coach(engagement, actor)
    if by not in parties_present(engagement_id=engagement.pk):
        raise ValidationError({"by": [_("Choose the party of this engagement that declined.")]})
    return _not_happening(
        engagement=engagement, actor=actor, status=ClosingStatus.DECLINED, by=by, reason=reason
    )


@transaction.atomic
def conversation_not_held(
    *, engagement: Engagement, actor: Party, reason: str
) -> ClosingConversation:
    """Record that the conversation never happened (nobody declined it), and why."""
    return _not_happening(
        engagement=engagement, actor=actor, status=ClosingStatus.NOT_HELD, by="", reason=reason
    )


@transaction.atomic
def engagement_close(*, engagement: Engagement, actor: Party, person: User) -> Engagement:
    """Close the engagement: from now on it is read-only for every party."""
    _require_coach(engagement, actor)
    if not Participation.objects.filter(engagement=engagement, person=person, party=actor).exists():
        raise PermissionDenied
    conversation = ClosingConversation.objects.filter(engagement=engagement).first()
    if conversation is None or conversation.status not in ENDED:
        raise ValidationError(
            _(
                "Record first how the closing conversation went: held, declined or not held. "
                "Then the engagement can be closed."
            )
        )
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.closed_at is not None:
        raise PermissionDenied  # closed meanwhile, by another request
    engagement.closed_at = timezone.now()
    engagement.closed_by = person
    engagement.full_clean()
    engagement.save(update_fields=["closed_at", "closed_by", "updated_at"])
    return engagement
