from typing import Any

from django.apps import AppConfig


class HarvestConfig(AppConfig):
    name = "oogst.harvest"
    label = "harvest"

    def ready(self) -> None:
        connect_progress_signals()


# How to get from a changed row to its engagement, for the rows that do not point at it.
PATHS: dict[str, tuple[str, ...]] = {
    "engagements.engagement": ("pk",),
    "contracting.contractacceptance": ("contract", "engagement_id"),
    "contracting.amendment": ("goal", "engagement_id"),
    "contracting.amendmentacceptance": ("amendment", "goal", "engagement_id"),
    "contracting.sessionreflection": ("session", "engagement_id"),
    "results.judgement": ("result", "engagement_id"),
    "closing.attainmentrating": ("goal", "engagement_id"),
    "closing.minute": ("conversation", "engagement_id"),
}
# Everything the stage, the open actions or the last activity are computed from.
SOURCES = (
    "engagements.engagement",
    "engagements.participation",
    "engagements.invitation",
    "engagements.intake",
    "contracting.expectation",
    "contracting.contract",
    "contracting.contractacceptance",
    "contracting.goal",
    "contracting.amendment",
    "contracting.amendmentacceptance",
    "contracting.session",
    "contracting.sessionreflection",
    "results.result",
    "results.judgement",
    "results.endreport",
    "closing.attainmentrating",
    "closing.closingconversation",
    "closing.minute",
)


def _engagement_of(instance: Any) -> int | None:
    from django.core.exceptions import ObjectDoesNotExist

    value = instance
    try:
        for name in PATHS.get(instance._meta.label_lower, ("engagement_id",)):
            value = getattr(value, name)
    except ObjectDoesNotExist:  # its parent went first, in a cascade
        return None
    return value if isinstance(value, int) else None


def _saved(sender: type, instance: Any, **kwargs: Any) -> None:
    from oogst.harvest.stored import mark_stale

    engagement_id = _engagement_of(instance)
    mark_stale([engagement_id])
    _refresh_after_commit(engagement_id)


def _refresh_after_commit(engagement_id: int | None) -> None:
    """Rewrite the stored progress once the write is committed, so the actions it opened
    are announced then (`harvest.signals`); a row already rewritten costs one query."""
    from django.db import transaction

    from oogst.engagements.models import Engagement
    from oogst.harvest.stored import refresh_out_of_date, rewrite_after_commit

    if engagement_id is not None and rewrite_after_commit():
        transaction.on_commit(
            lambda: refresh_out_of_date(Engagement.objects.filter(pk=engagement_id)),
            robust=True,
        )


def _deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    from oogst.harvest.stored import mark_stale

    engagement_id = _engagement_of(instance)
    mark_stale([engagement_id], create=False)
    _refresh_after_commit(engagement_id)


def connect_progress_signals() -> None:
    """Mark an engagement's stored progress stale when anything it is computed from changes.

    Signals rather than calls from the services, as for the research figures: the earlier
    stages' services must not call the read side. Bulk writes skip signals; they create
    engagements, whose progress is missing and therefore computed when first read.
    """
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for label in SOURCES:
        model = apps.get_model(label)
        uid = f"harvest-progress-{label}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}-delete")
