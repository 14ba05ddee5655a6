"""Synthetic engagements at scale: `engagements_generate` and its parts.

- `plan`: each engagement drawn as plain data, deterministic for (seed, index);
- `write`: batches written with one `bulk_create` per table;
- `texts`: the Dutch and English word lists;
- `progress`: a dependency-free progress bar.

For load tests, benchmarks and demos: every address ends in `.example`, and generated
people get an unusable password.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from oogst.accounts.models import User
from oogst.research.generate.plan import engagement_plan, population
from oogst.research.generate.write import BulkWriter
from oogst.research.summary import refresh_engagements

DEFAULT_BATCH = 500  # engagements per transaction: a few thousand rows per table


@dataclass(frozen=True)
class Generated:
    engagement_ids: list[int]
    rows: Counter[str] = field(default_factory=Counter)  # rows written per table

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def engagements_generate(
    *,
    count: int,
    seed: int,
    batch: int = DEFAULT_BATCH,
    on_batch: Callable[[int], None] | None = None,
) -> Generated:
    """Write `count` synthetic engagements, the same ones for the same `count` and `seed`.

    Each batch of `batch` engagements is one transaction; `on_batch` hears how many
    engagements each batch wrote (for a progress bar).
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if batch < 1:
        raise ValueError("batch must be at least 1")
    people = population(count=count, seed=seed)
    writer = BulkWriter()
    ids: list[int] = []
    for start in range(0, count, batch):
        planned = [engagement_plan(people, i) for i in range(start, min(count, start + batch))]
        written = writer.write(planned)
        # COPY skips the signals: write the new engagements' research figures now.
        refresh_engagements(written)
        ids += written
        if on_batch is not None:
            on_batch(len(planned))
    # Whoever coaches an engagement holds the coach role (one update, not per row).
    User.objects.filter(participations__party="coach", is_coach=False).update(is_coach=True)
    return Generated(engagement_ids=ids, rows=writer.rows)
