"""The anonymised dataset: one row per result of every engagement research may use.

A result its reporter withdrew is no row, and its judgements and goal links count
nowhere (`figures.conditions.counted_results`, as the research figures).

What a row holds (the codebook is `COLUMNS`, in column order):

- the engagement's pseudonym (`research.Pseudonym.code`: random, created on the first
  export that includes the engagement and kept from then on, so rows of two exports can
  be joined, but never derived from the database id) and the result's own key (R1...);
- the result's five distinctions (goal link count, expected, desirability per party,
  beneficiary, observable/explicable), its meaning of "result", where and by whom it was
  reported, and per party the share attributed to the coaching and the confidence;
- of the engagement: the sector, the number of sessions and of goals, the closing
  conversation's status, the GAS T-score per rater, and the contract's costs.

What it never holds: names, e-mail addresses, organisation names, titles, or any free
text (results, goals, expectations, notes, reports, minutes), since free text can name
people. Two fields need a judgement:

- **Values.** A result's value is included only when its unit is a currency code (three
  capital letters, as in the interchange format): an amount of money is a figure, not a
  name. Any other unit is free text ("hours a week at the Utrecht office"), so such a
  result shows `has_value` = true and no amount or unit.
- **Sector.** A sector is an attribute of the organisation, not its name, but a sector
  that only one or two engagements share could point at one organisation. A sector that
  fewer than k engagements of the export share is written as "other" (k = RESEARCH_K,
  default 5). This protects against picking out an organisation by its sector alone; it
  does not protect against combining rare values of several columns (say a large amount
  with an unusual closing status) with outside knowledge. Whoever shares the file still
  decides who may have it.

Rows come in the order of the pseudonyms, not of the database ids, so the row order says
nothing about when an engagement was created.

`dataset_rows` builds the rows lazily, a chunk of engagements at a time with a fixed
number of `values()` queries per chunk, so an export of 600,000 results stays in small,
constant memory; `write_csv`, `write_xlsx` (openpyxl write-only) and `write_parquet`
(pyarrow, in record batches) consume them as they come.
"""

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import batched, islice
from pathlib import Path
from typing import IO, Any, Final

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet

from oogst.closing.models import AttainmentRating
from oogst.contracting.models import Goal, Session
from oogst.engagements.models import Engagement
from oogst.measures import gas
from oogst.measures import model as m
from oogst.research.figures.conditions import counted_judgements, counted_links, counted_results
from oogst.research.models import Pseudonym, new_pseudonym
from oogst.research.selectors import included_engagements, research_k

FORMATS: Final = ("csv", "xlsx", "parquet")
CONTENT_TYPES: Final = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "parquet": "application/vnd.apache.parquet",
}
OTHER_SECTOR: Final = "other"
CHUNK: Final = 500  # engagements per round of queries
BATCH: Final = 10_000  # rows per parquet record batch
_CURRENCY = re.compile(r"^[A-Z]{3}$")
PARTIES = m.PARTIES

# The codebook: column name, type (for parquet), what it holds.
COLUMNS: Final[tuple[tuple[str, str, str], ...]] = (
    ("engagement", "string", "pseudonym of the engagement; stable across exports"),
    ("result", "string", "the result's key within its engagement (R1, R2...)"),
    ("sector", "string", f"organisation sector, '{OTHER_SECTOR}' if fewer than k share it"),
    ("sessions", "int", "number of sessions recorded"),
    ("goals", "int", "number of goals in the contract"),
    ("closing", "string", "closing conversation: planned, held, declined, not_held; empty if none"),
    *((f"gas_t_{p}", "float", f"GAS T-score of the {p}'s ratings; empty if none") for p in PARTIES),
    ("costs_amount", "float", "costs agreed in the contract"),
    ("costs_currency", "string", "currency of the costs"),
    ("reported_by", "string", "party that reported the result: client, coach, sponsor"),
    ("source", "string", "where it was reported: end_report, session, closing, other"),
    ("meaning", "string", "meaning of 'result': product, effect, consequence, ..."),
    ("goals_linked", "int", "distinction 1: number of goals the result achieves"),
    ("expected", "bool", "distinction 2: expected (true) or unexpected (false)"),
    *(
        (f"desirability_{p}", "string", f"distinction 3: desired/undesired/neutral for the {p}")
        for p in PARTIES
    ),
    ("beneficiary", "string", "distinction 4: client, organisation or both"),
    ("evidence", "string", "distinction 5: observable or explicable"),
    ("has_value", "bool", "the result carries a value (amount and unit)"),
    ("monetary", "bool", "that value is money (its unit is a currency code)"),
    ("value_amount", "float", "the amount, only when monetary"),
    ("value_currency", "string", "the currency, only when monetary"),
    *(
        col
        for p in PARTIES
        for col in (
            (f"share_{p}", "float", f"share of the result the {p} attributes to the coaching"),
            (f"confidence_{p}", "float", f"the {p}'s confidence in that share"),
        )
    ),
)
COLUMN_NAMES: Final = tuple(name for name, _, _ in COLUMNS)


# ---------------------------------------------------------------- pseudonyms


def pseudonyms_ensure(*, engagement_ids: Iterable[int]) -> dict[int, str]:
    """The pseudonym of each engagement, creating the missing ones (random, unique)."""
    ids = list(engagement_ids)
    codes = _pseudonyms_of(ids)
    for _attempt in range(5):
        missing = [pk for pk in ids if pk not in codes]
        if not missing:
            return codes
        try:
            with transaction.atomic():
                Pseudonym.objects.bulk_create(
                    [Pseudonym(engagement_id=pk, code=new_pseudonym()) for pk in missing]
                )
        except IntegrityError:
            # Another export created some of them at the same moment, or (once in 2^64)
            # two codes collided: read what exists now and create the rest again.
            pass
        codes = _pseudonyms_of(ids)
    raise RuntimeError("could not create pseudonyms")  # pragma: no cover


def _pseudonyms_of(ids: list[int]) -> dict[int, str]:
    rows = Pseudonym.objects.filter(engagement_id__in=ids).values_list("engagement_id", "code")
    return dict(rows)


# ---------------------------------------------------------------- rows


def dataset_rows(
    engagement_ids: Iterable[int] | QuerySet[Engagement] | None = None, *, k: int | None = None
) -> Iterator[dict[str, Any]]:
    """One dict per result (keys: COLUMN_NAMES) of the included engagements.

    `engagement_ids` narrows the export (it is intersected with the included engagements,
    so a withdrawn consent always wins); `k` is the smallest sector group shown by name
    (default RESEARCH_K). Creates missing pseudonyms as it goes.
    """
    included = included_engagements()
    if engagement_ids is not None:
        narrowed: Any = (
            engagement_ids if isinstance(engagement_ids, QuerySet) else list(engagement_ids)
        )
        included = included.filter(pk__in=narrowed)
    sector_of = dict(included.values_list("pk", "organisation__sector"))
    sectors = _sector_names(sector_of, k=research_k() if k is None else k)
    for id_chunk in batched(sector_of, CHUNK):
        pseudonyms_ensure(engagement_ids=id_chunk)
    ordered = Pseudonym.objects.filter(engagement_id__in=included.values("pk")).order_by("code")
    in_order = list(ordered.values_list("engagement_id", "code"))
    for chunk in batched(in_order, CHUNK):
        yield from _chunk_rows(dict(chunk), sectors)


def _sector_names(sector_of: dict[int, str], *, k: int) -> dict[int, str | None]:
    """engagement id -> the sector as the dataset shows it."""
    counts: dict[str, int] = defaultdict(int)
    for sector in sector_of.values():
        counts[sector] += 1
    return {
        pk: (None if not sector else sector if counts[sector] >= k else OTHER_SECTOR)
        for pk, sector in sector_of.items()
    }


def _chunk_rows(codes: dict[int, str], sectors: dict[int, str | None]) -> Iterator[dict[str, Any]]:
    ids = list(codes)
    engagements = {e["pk"]: e for e in _engagement_facts(ids)}
    results_by_engagement: dict[int, list[Any]] = defaultdict(list)
    results = counted_results().filter(engagement_id__in=ids).order_by("position", "id")
    for row in results.values(
        "id",
        "engagement_id",
        "key",
        "reported_by",
        "source",
        "meaning",
        "expected",
        "beneficiary",
        "evidence",
        "value_amount",
        "value_unit",
    ):
        results_by_engagement[row["engagement_id"]].append(row)
    links = dict(
        counted_links()
        .filter(result__engagement_id__in=ids)
        .values("result_id")
        .annotate(n=Count("goal_id"))
        .values_list("result_id", "n")
    )
    judgements: dict[int, dict[str, Any]] = defaultdict(dict)
    for j in (
        counted_judgements()
        .filter(result__engagement_id__in=ids)
        .values("result_id", "party", "desirability", "share", "confidence")
    ):
        judgements[j["result_id"]][j["party"]] = j
    for pk, code in codes.items():
        facts = engagements[pk]
        common = {"engagement": code, "sector": sectors.get(pk), **facts["common"]}
        for result in results_by_engagement.get(pk, ()):
            yield _row(common, result, links.get(result["id"], 0), judgements[result["id"]])


def _engagement_facts(ids: list[int]) -> Iterator[dict[str, Any]]:
    """Per engagement the columns all its rows share."""
    sessions = dict(
        Session.objects.filter(engagement_id__in=ids)
        .values("engagement_id")
        .annotate(n=Count("id"))
        .values_list("engagement_id", "n")
    )
    goals: dict[int, list[m.Goal]] = defaultdict(list)
    for g in Goal.objects.filter(engagement_id__in=ids).values("id", "engagement_id", "weight"):
        goals[g["engagement_id"]].append(m.Goal(key=str(g["id"]), text="", weight=g["weight"]))
    ratings: dict[int, list[m.Rating]] = defaultdict(list)
    for r in AttainmentRating.objects.filter(goal__engagement_id__in=ids).values(
        "goal_id", "goal__engagement_id", "rater", "level"
    ):
        ratings[r["goal__engagement_id"]].append(
            m.Rating(goal=str(r["goal_id"]), rater=r["rater"], level=r["level"])
        )
    for e in Engagement.objects.filter(pk__in=ids).values(
        "pk", "closing__status", "contract__rho", "contract__costs_amount", "contract__currency"
    ):
        pk = e["pk"]
        rho = e["contract__rho"] if e["contract__rho"] is not None else m.DEFAULT_RHO
        t_scores = gas.t_scores_by_rater(goals[pk], ratings[pk], rho)
        costs = e["contract__costs_amount"]
        currency = e["contract__currency"] or ""
        known = costs is not None and _is_currency(currency)
        yield {
            "pk": pk,
            "common": {
                "sessions": sessions.get(pk, 0),
                "goals": len(goals[pk]),
                "closing": e["closing__status"] or None,
                **{f"gas_t_{p}": t_scores[p] for p in PARTIES},
                "costs_amount": costs,
                "costs_currency": currency if known else None,
            },
        }


def _is_currency(unit: str) -> bool:
    return bool(_CURRENCY.match(unit))


def _row(
    common: dict[str, Any],
    result: dict[str, Any],
    goals_linked: int,
    judgements: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    has_value = result["value_amount"] is not None
    monetary = has_value and _is_currency(result["value_unit"])
    row: dict[str, Any] = {
        **common,
        "result": result["key"],
        "reported_by": result["reported_by"],
        "source": result["source"],
        "meaning": result["meaning"],
        "goals_linked": goals_linked,
        "expected": result["expected"],
        "beneficiary": result["beneficiary"],
        "evidence": result["evidence"],
        "has_value": has_value,
        "monetary": monetary,
        "value_amount": result["value_amount"] if monetary else None,
        "value_currency": result["value_unit"] if monetary else None,
    }
    for party in PARTIES:
        j = judgements.get(party, {})
        row[f"desirability_{party}"] = j.get("desirability") or None
        row[f"share_{party}"] = j.get("share")
        row[f"confidence_{party}"] = j.get("confidence")
    return {name: row[name] for name in COLUMN_NAMES}


# ---------------------------------------------------------------- writers


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV text line by line, the header first: for streaming a download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: Iterable[Any]) -> str:
        writer.writerow(cells)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield line(COLUMN_NAMES)
    for row in rows:
        yield line(_csv_cell(row[name]) for name in COLUMN_NAMES)


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write the rows as CSV (UTF-8, comma, header); returns the number of rows."""
    lines = csv_lines(rows)
    out.write(next(lines))
    n = 0
    for text in lines:
        out.write(text)
        n += 1
    return n


def write_xlsx(rows: Iterable[dict[str, Any]], out: IO[bytes] | str | Path) -> int:
    """Write the rows as one worksheet of an .xlsx file (openpyxl write-only mode)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("results")
    sheet.append(list(COLUMN_NAMES))
    n = 0
    for row in rows:
        sheet.append([row[name] for name in COLUMN_NAMES])
        n += 1
    workbook.save(out)
    return n


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[kind]) for name, kind, _ in COLUMNS])


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: float(v) if isinstance(v, Decimal) else v for k, v in row.items()}


def write_parquet(rows: Iterable[dict[str, Any]], out: IO[bytes] | str | Path) -> int:
    """Write the rows as Parquet, one record batch per BATCH rows (pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        iterator = iter(rows)
        while batch := [_plain(row) for row in islice(iterator, BATCH)]:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def dataset_write(
    *,
    fmt: str,
    out: IO[Any] | str | Path,
    engagement_ids: Iterable[int] | None = None,
    k: int | None = None,
) -> int:
    """Write the dataset in `fmt` (csv, xlsx, parquet) to a path or an open file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    rows = dataset_rows(engagement_ids, k=k)
    if fmt == "csv":
        if isinstance(out, str | Path):
            with open(out, "w", newline="", encoding="utf-8") as text:
                return write_csv(rows, text)
        return write_csv(rows, out)
    if fmt == "xlsx":
        return write_xlsx(rows, out)
    return write_parquet(rows, out)
