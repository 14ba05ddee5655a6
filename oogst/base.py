"""What every Oogst model shares."""

from collections.abc import Iterable

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def mark_stale(
    model: type[models.Model], engagement_ids: Iterable[int | None], *, create: bool
) -> None:
    """Mark the per-engagement summary rows of `model` (an `engagement` key and a `stale`
    flag: the research figures, the stored progress) out of date.

    With `create` (after a save: the engagement exists) a missing row is written as a
    stale one, so that a rewrite running at the same moment waits for this transaction.
    After a delete only existing rows are marked: the engagement itself may be going, and
    a missing row is out of date anyway.
    """
    ids = sorted({i for i in engagement_ids if i is not None})
    if not ids:
        return
    if create:
        model._default_manager.bulk_create(
            [model(engagement_id=i, stale=True) for i in ids],
            update_conflicts=True,
            unique_fields=["engagement"],
            update_fields=["stale"],
        )
    else:
        model._default_manager.filter(engagement_id__in=ids, stale=False).update(stale=True)
