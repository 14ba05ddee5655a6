"""The hand-offs that are no open action of the recipient's (docs/notifications.md):

- `end_report_submitted`: client or coach submitted its end report; the other of the two
  is told (the one who submitted is not, nor the sponsor, whose statement is its own);
- `results_shared`: the client shared a result with the sponsor; the sponsor is told *that*,
  never which nor how many: at most one such message a day per engagement (the unique
  constraint on `Message`), so ten results shared in one sitting make one message;
- `closing_planned`: the coach planned the closing conversation (or moved its date); client
  and sponsor are told (the coach planned it herself);
- `engagement_closed`: the coach closed the engagement; every party is told its final report
  is ready, the coach too (it is where she finds the report to keep).

Each is a transition of one row, seen by a `pre_save` snapshot of the field(s) and a
`post_save` comparing: a row created already in that state counts only where a service
creates it so (a planned conversation); an import (`harvest.stored.rewrites_deferred`)
announces nothing. The messages are recorded in the writing transaction and delivered once
it commits (`services.record`).
"""

from collections.abc import Callable
from typing import Any

from django.db.models import Model

from oogst.closing.models import ClosingConversation
from oogst.engagements.models import Engagement
from oogst.harvest.stored import rewrite_after_commit
from oogst.notifications.services import announce
from oogst.results.models import EndReport, Result
from oogst.vocabulary import ClosingStatus, Party

#: The attribute a pre_save snapshot is kept in, on the instance, until its post_save.
BEFORE = "_notifications_before"
#: The fields whose earlier values each watched model needs.
WATCHED: dict[type[Model], tuple[str, ...]] = {
    EndReport: ("submitted_at",),
    Result: ("shared_with_sponsor",),
    ClosingConversation: ("status", "held_on"),
    Engagement: ("closed_at",),
}
#: The other of client and coach, told when one of them submits its end report.
OTHER_OF = {Party.CLIENT: Party.COACH, Party.COACH: Party.CLIENT}


def snapshot(sender: type[Model], instance: Model, *, update_fields: Any = None, **_: Any) -> None:
    """`pre_save`: the watched fields as stored, when this save may change them."""
    fields = WATCHED[sender]
    if instance.pk is None or instance._state.adding:
        setattr(instance, BEFORE, None)  # a new row: nothing before it
        return
    if update_fields is not None and not set(fields) & set(update_fields):
        setattr(instance, BEFORE, "unchanged")
        return
    row = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, BEFORE, row)


def _before(instance: Model) -> dict[str, Any] | str | None:
    """The snapshot (popped), "unchanged", None for a new row, or "unknown" when no
    `pre_save` ran (a `post_save` sent by hand, as the end report's autosave does)."""
    return instance.__dict__.pop(BEFORE, "unknown")  # type: ignore[no-any-return]


def _quiet() -> bool:
    return not rewrite_after_commit()  # an import: no hand-offs


def end_report_saved(sender: type[Model], instance: EndReport, **_: Any) -> None:
    before = _before(instance)
    if _quiet() or isinstance(before, str) or instance.submitted_at is None:
        return
    if before is not None and before["submitted_at"] is not None:
        return  # submitted before
    other = OTHER_OF.get(Party(instance.party))
    if other is not None:
        announce("end_report_submitted", engagement=instance.engagement, parties=[other])


def result_saved(sender: type[Model], instance: Result, **_: Any) -> None:
    before = _before(instance)
    if _quiet() or not isinstance(before, dict) or not instance.shared_with_sponsor:
        return  # a new row is nobody's consent yet (`result_record` makes it unshared)
    if before["shared_with_sponsor"]:
        return
    announce("results_shared", engagement=instance.engagement, parties=[Party.SPONSOR])


def conversation_saved(sender: type[Model], instance: ClosingConversation, **_: Any) -> None:
    before = _before(instance)
    if _quiet() or isinstance(before, str) or instance.status != ClosingStatus.PLANNED:
        return
    if before is not None and (before["status"], before["held_on"]) == (
        ClosingStatus.PLANNED,
        instance.held_on,
    ):
        return  # planned already, for the same day
    announce(
        "closing_planned", engagement=instance.engagement, parties=[Party.CLIENT, Party.SPONSOR]
    )


def engagement_saved(sender: type[Model], instance: Engagement, **_: Any) -> None:
    before = _before(instance)
    if _quiet() or not isinstance(before, dict) or instance.closed_at is None:
        return
    if before["closed_at"] is not None:
        return
    announce("engagement_closed", engagement=instance, parties=list(Party))


def connect() -> None:
    from django.db.models.signals import post_save, pre_save

    receivers: dict[type[Model], Callable[..., None]] = {
        EndReport: end_report_saved,
        Result: result_saved,
        ClosingConversation: conversation_saved,
        Engagement: engagement_saved,
    }
    for model, receiver in receivers.items():
        uid = f"notifications-handoff-{model._meta.label_lower}"
        pre_save.connect(snapshot, sender=model, dispatch_uid=f"{uid}-before")
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-after")
