"""The research figures summary: one `EngagementFigures` row per engagement.

`aggregates.stats` adds these rows up instead of counting over the raw tables (about
600,000 results and 1.5 million judgements at 100,000 engagements). A row holds the
engagement's own counts with the same definitions as the raw-table aggregates in
`aggregates` (the same query expressions, run grouped by engagement; `compute_raw` there
still counts from the raw tables, and the tests compare the two), so the sums equal them.

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
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from oogst.closing.models import ClosingConversation
from oogst.contracting.models import Expectation, Goal
from oogst.engagements.models import Engagement
from oogst.measures.model import MEANINGS, PARTIES
from oogst.measures.pairs import BENEFICIARIES, DESIRABILITIES, EVIDENCE
from oogst.research.models import COUNT_COLUMNS, EngagementFigures
from oogst.results.models import Judgement, Result

_MICRO = Decimal("0.000001")
#: Engagements rewritten per round (a few thousand rows per table).
CHUNK = 2000


def mark_stale(engagement_ids: Iterable[int | None], *, create: bool = True) -> None:
    """Mark these engagements' rows out of date.

    With `create` (after a save: the engagement exists) a missing row is written as a
    stale one, so that a refresh running at the same moment waits for this transaction
    (see `refresh_engagements`). After a delete only existing rows are marked: the
    engagement itself may be going, and a missing row is out of date anyway.
    """
    ids = sorted({i for i in engagement_ids if i is not None})
    if not ids:
        return
    if create:
        EngagementFigures.objects.bulk_create(
            [EngagementFigures(engagement_id=i, stale=True) for i in ids],
            update_conflicts=True,
            unique_fields=["engagement"],
            update_fields=["stale"],
        )
    else:
        EngagementFigures.objects.filter(engagement_id__in=ids, stale=False).update(stale=True)


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


# ---------------------------------------------------------------- one engagement's figures


def _blank() -> dict[str, Any]:
    return {
        **dict.fromkeys(COUNT_COLUMNS, 0),
        **{f"f_{p}_sum": Decimal(0) for p in PARTIES},
        **{f"gas_{p}": None for p in PARTIES},
        "closing": "",
        "roi": None,
    }


def result_cells() -> dict[str, Q | None]:
    """The result counts of a row, as conditions on `Result` (as `aggregates._results`)."""
    linked = Exists(Result.goals.through.objects.filter(result_id=OuterRef("pk")))
    return {
        "results": None,
        "expected": Q(expected=True),
        "linked": Q(linked),
        **{f"beneficiary_{b}": Q(beneficiary=b) for b in BENEFICIARIES},
        **{f"evidence_{e}": Q(evidence=e) for e in EVIDENCE},
        **{f"reported_{p}": Q(reported_by=p) for p in PARTIES},
        **{f"unexpected_{p}": Q(reported_by=p, expected=False) for p in PARTIES},
    }


def figures_from_scratch(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The summary rows of these engagements, computed from the raw tables."""
    from oogst.research.aggregates import (
        ATTRIBUTION_EDGES,
        gas_scores,
        roi_percents,
    )

    rows = {e: _blank() for e in ids}
    spec = {f"n_{name}": Count("pk", filter=q) for name, q in result_cells().items()}
    for counted in (
        Result.objects.filter(engagement_id__in=ids).values("engagement").annotate(**spec)
    ):
        rows[int(counted["engagement"])].update(
            {k[2:]: v for k, v in dict(counted).items() if k.startswith("n_")}
        )

    # Disagreement: a result one party judged desired and another undesired.
    disagreeing = (
        Judgement.objects.filter(
            result__engagement_id__in=ids, desirability__in=("desired", "undesired")
        )
        .values("result", "result__engagement")
        .annotate(sides=Count("desirability", distinct=True))
        .filter(sides=2)
        .order_by()
    )
    for found in disagreeing:
        rows[found["result__engagement"]]["disagreements"] += 1

    judged = (
        Judgement.objects.filter(result__engagement_id__in=ids, desirability__in=DESIRABILITIES)
        .values("result__engagement", "party", "desirability")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for side in judged:
        if side["party"] in PARTIES:
            rows[side["result__engagement"]][f"d_{side['party']}_{side['desirability']}"] = side[
                "n"
            ]

    achieved = Exists(Result.goals.through.objects.filter(goal_id=OuterRef("pk")))
    goals = (
        Goal.objects.filter(engagement_id__in=ids)
        .values("engagement")
        .annotate(goals=Count("pk"), goals_achieved=Count("pk", filter=Q(achieved)))
        .order_by()
    )
    for goal in goals:
        rows[int(goal["engagement"])].update(
            goals=goal["goals"], goals_achieved=goal["goals_achieved"]
        )

    for e, status in ClosingConversation.objects.filter(engagement_id__in=ids).values_list(
        "engagement_id", "status"
    ):
        rows[e]["closing"] = status

    for e, rater, t in gas_scores(ids):
        if rater in PARTIES:
            rows[e][f"gas_{rater}"] = t

    whens = [
        When(f__lt=Decimal(str(edge)), then=Value(i)) for i, edge in enumerate(ATTRIBUTION_EDGES)
    ]
    attributed = (
        Judgement.objects.filter(
            result__engagement_id__in=ids, share__isnull=False, confidence__isnull=False
        )
        .annotate(f=F("share") * F("confidence"))
        .annotate(
            bin=Case(*whens, default=Value(len(ATTRIBUTION_EDGES)), output_field=IntegerField())
        )
        .values("result__engagement", "party", "bin")
        .annotate(n=Count("pk"), s=Sum("f"))
        .order_by()
    )
    for r in attributed:
        p = r["party"]
        if p not in PARTIES:
            continue
        row = rows[r["result__engagement"]]
        row[f"f_{p}_bin_{r['bin']}"] += r["n"]
        row[f"f_{p}_n"] += r["n"]
        s = r["s"] if isinstance(r["s"], Decimal) else Decimal(str(r["s"]))
        row[f"f_{p}_sum"] = (row[f"f_{p}_sum"] + s).quantize(_MICRO)

    for e, roi in roi_percents(ids).items():
        rows[e]["roi"] = roi

    _meanings(ids, rows)
    return rows


def _meanings(ids: list[int], rows: dict[int, dict[str, Any]]) -> None:
    """As `aggregates._meanings`, per engagement: the stating parties are those with an
    expectation (one row each); a meaning diverges when fewer parties name it than state;
    the engagement diverges when any meaning named in it does."""
    stating: dict[int, int] = {}
    named: dict[int, dict[str, set[str]]] = {}
    for e, party, meanings in Expectation.objects.filter(engagement_id__in=ids).values_list(
        "engagement_id", "party", "meanings"
    ):
        stating[e] = stating.get(e, 0) + 1
        for meaning in meanings if isinstance(meanings, list) else []:
            named.setdefault(e, {}).setdefault(str(meaning), set()).add(party)
    for e, p in stating.items():
        row = rows[e]
        row["stated"] = 1
        per = named.get(e, {})
        row["divergent"] = int(any(len(parties) < p for parties in per.values()))
        for meaning in MEANINGS:
            parties = per.get(meaning)
            if parties is None:
                continue
            row[f"m_{meaning}_named"] = 1
            row[f"m_{meaning}_diverging"] = int(len(parties) < p)
            for party in PARTIES:
                row[f"m_{meaning}_{party}"] = int(party in parties)


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
