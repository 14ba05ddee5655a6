"""The research filters, and the included engagements derived once for one computation."""

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from oogst.engagements.models import Engagement
from oogst.research.selectors import consented_ids_sql, included_engagements

#: The included engagements of one `compute` call, on PostgreSQL (a temporary table).
INCLUDED_TABLE = "research_included_now"


@dataclass(frozen=True)
class Filters:
    """The research filters, as `included_engagements` takes them."""

    since: dt.date | None = None
    until: dt.date | None = None
    sector: str | None = None
    sessions_min: int | None = None
    sessions_max: int | None = None
    topic: str | None = None

    def as_json(self) -> dict[str, str | int]:
        return {
            k: (v.isoformat() if isinstance(v, dt.date) else v)
            for k, v in asdict(self).items()
            if v not in (None, "")
        }


@contextlib.contextmanager
def included(filters: Filters) -> Iterator[QuerySet[Engagement]]:
    """The included engagements, derived once for all the queries of one call.

    On PostgreSQL they are written to a temporary table (with its statistics) in one
    transaction, and every query reads that instead of deriving the set again; JIT is
    off for the transaction (it cost 50-100 ms a query and saved nothing here). SQLite
    gets the plain queryset.
    """
    eng = included_engagements(**asdict(filters))
    if connection.vendor != "postgresql":
        yield eng
        return
    sql: str
    params: Any
    if filters == Filters():
        # Unfiltered: the consented ids as they are (no join back to the engagements).
        sql, params = consented_ids_sql(), ()
    else:
        sql, params = eng.values("pk").query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        _write_table(cursor, sql, params)
        yield Engagement.objects.filter(pk__in=RawSQL(f"SELECT id FROM {INCLUDED_TABLE}", []))
        # Dropped here as well: inside an outer transaction ON COMMIT comes later.
        cursor.execute(f"DROP TABLE IF EXISTS {INCLUDED_TABLE}")


def _write_table(cursor: CursorWrapper, sql: str, params: Any) -> None:
    """Fill INCLUDED_TABLE with the ids `sql` selects, for this transaction."""
    table = INCLUDED_TABLE
    cursor.execute("SET LOCAL jit = off")
    # Enough memory for the grouping over the consents to stay in memory.
    cursor.execute("SET LOCAL work_mem = '32MB'")
    cursor.execute(f"DROP TABLE IF EXISTS {table}")
    cursor.execute(f"CREATE TEMPORARY TABLE {table} (id bigint) ON COMMIT DROP")
    cursor.execute(f"INSERT INTO {table} (id) {sql}", params)
    cursor.execute(f"ANALYZE {table}")
