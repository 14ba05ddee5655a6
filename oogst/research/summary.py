"""The research figures summary: one `EngagementFigures` row per engagement.

`aggregates.stats` adds these rows up instead of counting over the raw tables (about
600,000 results and 1.5 million judgements at 100,000 engagements). A row holds the
engagement's own counts with the same definitions as the raw-table aggregates (the same
query expressions, from `oogst.research.figures`, run grouped by engagement: see
`figures.rows`; `aggregates.compute_raw` still counts from the raw tables, and the tests
compare the two), so the sums equal them.

Staying correct:

- a row is *out of date* when it is missing or marked `stale`. Every write through the
  ORM to something a row depends on (results, judgements, goals and their links to
  results, attainment ratings, the contract, the closing conversation, expectations)
  marks the engagement's row stale (`mark_stale`, from the signal receivers registered
  in `oogst.research.apps`);
- `stats` first rewrites the out-of-date rows of the engagements it includes
  (`refresh_stale`), in the same call and transaction, then adds up. A rewrite locks
  the rows before it reads the raw tables, so a concurrent write is either read or
  marks the row stale again after it (see `refresh_engagements`);
- bulk writers that skip the signals (`oogst generate`'s COPY, `oogst import`'s
  `bulk_create`) create new engagements, whose rows are missing and so out of date
  anyway; both also call `refresh_engagements` for what they wrote, so the next `stats`
  has nothing left to do.

Who is included (consent) and the research filters (period, sector, sessions, topic) are
not stored: `stats` applies them to the raw tables at every call.
"""

from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from oogst import base
from oogst.engagements.models import Engagement
from oogst.research.figures.rows import figures_from_scratch
from oogst.research.models import EngagementFigures

#: Engagements rewritten per round (a few thousand rows per table).
CHUNK = 2000


def mark_stale(engagement_ids: Iterable[int | None], *, create: bool = True) -> None:
    """Mark these engagements' rows out of date (`oogst.base.mark_stale`; a refresh running
    at the same moment waits for this transaction, see `refresh_engagements`)."""
    base.mark_stale(EngagementFigures, engagement_ids, create=create)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def refresh_engagements(engagement_ids: Iterable[int]) -> int:
    """Rewrite the rows of these engagements from the raw tables; how many were written."""
    ids = sorted(set(engagement_ids))
    written = 0
    columns = [f.name for f in EngagementFigures._meta.concrete_fields if not f.primary_key]
    with transaction.atomic():
        for chunk in _chunks(ids):
            # Make sure every row exists, then lock them all, and only then read the raw
            # tables: a write that marks one stale meanwhile either committed before the
            # lock (and is read) or waits for this transaction and marks the row stale
            # again afterwards, so a row computed from data older than a write cannot
            # stay marked fresh.
            EngagementFigures.objects.bulk_create(
                [EngagementFigures(engagement_id=e, stale=True) for e in chunk],
                ignore_conflicts=True,
            )
            list(
                EngagementFigures.objects.select_for_update()
                .filter(engagement_id__in=chunk)
                .values_list("pk", flat=True)
            )
            rows = figures_from_scratch(chunk)
            EngagementFigures.objects.bulk_create(
                [EngagementFigures(engagement_id=e, stale=False, **row) for e, row in rows.items()],
                update_conflicts=True,
                unique_fields=["engagement"],
                update_fields=columns,
            )
            written += len(rows)
    return written


def refresh_stale(engagements: QuerySet[Engagement]) -> int:
    """Rewrite the out-of-date rows (missing or stale) among `engagements`."""
    table = EngagementFigures._meta.db_table
    out_of_date = engagements.filter(
        ~Q(pk__in=RawSQL(f"SELECT engagement_id FROM {table} WHERE NOT stale", []))
    )
    ids = list(out_of_date.values_list("pk", flat=True))
    return refresh_engagements(ids) if ids else 0


def refresh_all() -> int:
    """Rewrite every engagement's row (after a bulk write that did not say which)."""
    return refresh_engagements(Engagement.objects.values_list("pk", flat=True))


def from_scratch_equals_stored(ids: Iterable[int] | None = None) -> list[str]:
    """Where the stored rows differ from a computation from scratch (for tests)."""
    wanted = (
        sorted(ids) if ids is not None else list(Engagement.objects.values_list("pk", flat=True))
    )
    fresh = figures_from_scratch(wanted)
    stored = {
        f.engagement_id: f for f in EngagementFigures.objects.filter(engagement_id__in=wanted)
    }
    problems = []
    for e, row in fresh.items():
        have = stored.get(e)
        if have is None:
            problems.append(f"{e}: no row")
            continue
        if have.stale:
            problems.append(f"{e}: stale")
        for key, value in row.items():
            got = getattr(have, key)
            if (got != value) and not (got is None and value is None):
                problems.append(f"{e}.{key}: stored {got!r}, from scratch {value!r}")
    return problems
