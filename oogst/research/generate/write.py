"""Write planned engagements fast: one multi-row insert per table per batch.

Django's `bulk_create` spends most of its time building model instances and compiling
SQL, about 5 ms per engagement here; this writes plain tuples instead, with `COPY` on
PostgreSQL and `executemany` on SQLite, about ten times faster. Keys are taken up front
(from the table's sequence on PostgreSQL, after the highest id on SQLite, whose write
lock the transaction holds), so children can point at their parents before either is
written. Every column a model has is written: those not named here get the field's
default, so a new field with a default needs no change here (one without fails loudly).

People and organisations are looked up by e-mail address and name before they are
created, so a coach serves many engagements and a second run reuses the first's people.
"""

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from oogst import policy
from oogst.accounts.models import User
from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal, Session
from oogst.engagements.models import Engagement, Intake, Organisation, Participation
from oogst.measures import model as m
from oogst.research.generate.plan import Planned
from oogst.research.models import ResearchConsent
from oogst.results.models import Judgement, Result

LOOKUP_SIZE = 900  # values per `IN (...)`: under SQLite's old limit of 999 variables
TIMESTAMPS = ("created_at", "updated_at")
LEVELS = tuple(Goal.LEVEL_FIELDS[level] for level in range(-2, 3))


class Table:
    """One table's insert: the fields the writer gives, then every other column's default."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        self.model = model
        self.name = meta.db_table
        given = [cast(models.Field, meta.get_field(name)) for name in fields]  # type: ignore[type-arg]
        named = {f.attname for f in given} | set(TIMESTAMPS)
        rest = [f for f in meta.concrete_fields if f.attname not in named and not f.primary_key]
        self.stamped = all(any(f.attname == t for f in meta.concrete_fields) for t in TIMESTAMPS)
        self.columns = [
            meta.pk.column,
            *(f.column for f in given),
            *(f.column for f in rest),
            *(TIMESTAMPS if self.stamped else ()),
        ]
        self._rest = rest

    def tail(self, now: Any) -> tuple[Any, ...]:
        """The values after the given ones: defaults, then the timestamps."""
        defaults = tuple(_db_value(f, f.get_default()) for f in self._rest)
        return defaults + ((now, now) if self.stamped else ())


def _db_value(field: models.Field, value: Any) -> Any:  # type: ignore[type-arg]
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    if isinstance(field, models.DateTimeField) and value is not None:
        return connection.ops.adapt_datetimefield_value(value)
    return value


class Database:
    """Keys and inserts, the fastest way each backend offers."""

    def __init__(self) -> None:
        self.vendor = connection.vendor
        if self.vendor not in {"postgresql", "sqlite"}:
            raise RuntimeError("generating supports PostgreSQL and SQLite only")
        self.rows: Counter[str] = Counter()

    def keys(self, table: Table, count: int) -> list[int]:
        if count == 0:
            return []
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table.name, table.columns[0], count],
                )
                return [row[0] for row in cursor.fetchall()]
            quoted = connection.ops.quote_name
            cursor.execute(f"SELECT MAX({quoted(table.columns[0])}) FROM {quoted(table.name)}")
            highest = cursor.fetchone()[0] or 0
        return list(range(highest + 1, highest + 1 + count))

    def insert(self, table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
        rows = list(rows)
        if not rows:
            return
        quoted = connection.ops.quote_name
        columns = ", ".join(quoted(c) for c in table.columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # the driver's own cursor, below Django's wrapper
            if self.vendor == "postgresql":
                with raw.copy(f"COPY {quoted(table.name)} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join("?" * len(table.columns))
                raw.executemany(
                    f"INSERT INTO {quoted(table.name)} ({columns}) VALUES ({marks})", rows
                )
        self.rows[table.name] += len(rows)


TABLES = {
    "user": Table(User, ("email", "name", "language", "password")),
    "organisation": Table(Organisation, ("name", "sector")),
    "engagement": Table(
        Engagement, ("title", "language", "organisation", "closed_at", "closed_by")
    ),
    "participation": Table(Participation, ("engagement", "person", "party")),
    "intake": Table(Intake, ("engagement", "held_on", "question")),
    "expectation": Table(Expectation, ("engagement", "party", "meanings", "text")),
    "contract": Table(
        Contract,
        ("engagement", "sessions_planned", "costs_amount", "currency", "sponsor_may_see", "rho"),
    ),
    "acceptance": Table(ContractAcceptance, ("contract", "party", "accepted_on")),
    "goal": Table(
        Goal, ("engagement", "key", "position", "text", "weight", "baseline", "due", *LEVELS)
    ),
    "session": Table(Session, ("engagement", "number", "position", "held_on", "topics")),
    "session_goal": Table(Session.goals.through, ("session", "goal")),
    "result": Table(
        Result,
        (
            "engagement",
            "key",
            "position",
            "text",
            "reported_by",
            "source",
            "meaning",
            "expected",
            "beneficiary",
            "evidence",
            "value_amount",
            "value_unit",
            "shared_with_sponsor",
            "sharing_undecided",
        ),
    ),
    "result_goal": Table(Result.goals.through, ("result", "goal")),
    "judgement": Table(Judgement, ("result", "party", "desirability", "share", "confidence")),
    "rating": Table(AttainmentRating, ("goal", "rater", "level")),
    "closing": Table(
        ClosingConversation, ("engagement", "status", "declined_by", "held_on", "notes", "present")
    ),
    "consent": Table(ResearchConsent, ("engagement", "party", "given_on", "withdrawn_on")),
}


class BulkWriter:
    """Writes batches of planned engagements; remembers the people and organisations."""

    def __init__(self) -> None:
        self.db = Database()
        self.users: dict[str, int] = {}
        self.organisations: dict[str, int] = {}
        # One unusable password for every generated person: nobody logs in as them.
        self.password = make_password(None)

    @property
    def rows(self) -> Counter[str]:
        return self.db.rows

    def write(self, batch: list[Planned]) -> list[int]:
        """Write one batch in one transaction; the new engagements' ids, in order."""
        with transaction.atomic():
            self.now = connection.ops.adapt_datetimefield_value(timezone.now())
            self.tails = {name: table.tail(self.now) for name, table in TABLES.items()}
            plain = [p.engagement for p in batch]
            self._people(plain)
            self._organisations(plain)
            ids = self._keys("engagement", len(batch))
            self._insert(
                "engagement",
                (
                    (
                        eid,
                        e.title,
                        e.language,
                        self.organisations[e.organisation],
                        _moment(p.closed_on),
                        self.users[e.parties["coach"].email] if p.closed_on else None,
                    )
                    for eid, p, e in zip(ids, batch, plain, strict=True)
                ),
            )
            self._start(plain, ids)
            goals = self._goals(plain, ids)
            self._sessions(plain, ids, goals)
            self._results(plain, ids, goals)
            self._end(batch, ids, goals)
        return ids

    def _keys(self, table: str, count: int) -> list[int]:
        return self.db.keys(TABLES[table], count)

    def _insert(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        tail = self.tails[table]
        self.db.insert(TABLES[table], (row + tail for row in rows))

    def _insert_keyed(self, table: str, rows: list[tuple[Any, ...]]) -> list[int]:
        keys = self._keys(table, len(rows))
        self._insert(table, ((key, *row) for key, row in zip(keys, rows, strict=True)))
        return keys

    # -- shared rows ------------------------------------------------------------------

    def _people(self, batch: list[m.Engagement]) -> None:
        wanted: dict[str, tuple[m.Person, str]] = {}
        for e in batch:
            for person in e.parties.values():
                if person.email not in self.users:
                    wanted.setdefault(person.email, (person, e.language))
        emails = list(wanted)
        for i in range(0, len(emails), LOOKUP_SIZE):
            found = User.objects.filter(email__in=emails[i : i + LOOKUP_SIZE])
            self.users.update(found.values_list("email", "id"))
        new = [(email, p.name, language) for email, (p, language) in wanted.items()]
        new = [row for row in new if row[0] not in self.users]
        keys = self._insert_keyed("user", [(*row, self.password) for row in new])
        self.users.update((row[0], key) for row, key in zip(new, keys, strict=True))

    def _organisations(self, batch: list[m.Engagement]) -> None:
        wanted = {
            e.organisation: e.sector for e in batch if e.organisation not in self.organisations
        }
        names = list(wanted)
        for i in range(0, len(names), LOOKUP_SIZE):
            found = Organisation.objects.filter(name__in=names[i : i + LOOKUP_SIZE])
            self.organisations.update(found.values_list("name", "id"))
        new = [(name, sector) for name, sector in wanted.items() if name not in self.organisations]
        keys = self._insert_keyed("organisation", new)
        self.organisations.update((row[0], key) for row, key in zip(new, keys, strict=True))

    # -- per engagement ---------------------------------------------------------------

    def _start(self, batch: list[m.Engagement], ids: list[int]) -> None:
        pairs = list(zip(ids, batch, strict=True))
        self._insert_keyed(
            "participation",
            [
                (eid, self.users[person.email], party)
                for eid, e in pairs
                for party, person in e.parties.items()
            ],
        )
        self._insert_keyed(
            "intake",
            [(eid, e.intake.date, e.intake.question) for eid, e in pairs if e.intake is not None],
        )
        self._insert_keyed(
            "expectation",
            [
                (eid, x.party, json.dumps(list(x.meanings)), x.text)
                for eid, e in pairs
                for x in e.expectations
            ],
        )
        contracts = [(eid, e.contract) for eid, e in pairs if e.contract is not None]
        keys = self._insert_keyed(
            "contract",
            [
                (
                    eid,
                    c.sessions_planned,
                    c.costs.amount if c.costs else None,
                    c.costs.currency if c.costs else "",
                    json.dumps(list(c.sponsor_may_see)),
                    c.rho,
                )
                for eid, c in contracts
            ],
        )
        self._insert_keyed(
            "acceptance",
            [
                (key, party, day)
                for key, (_, c) in zip(keys, contracts, strict=True)
                for party, day in c.accepted.items()
            ],
        )

    def _goals(self, batch: list[m.Engagement], ids: list[int]) -> list[dict[str, int]]:
        """Per engagement of the batch: goal key -> goal id."""
        rows = [
            (
                eid,
                g.key,
                i,
                g.text,
                g.weight,
                g.baseline,
                g.due,
                *(g.scale.get(level, "") for level in range(-2, 3)),
            )
            for eid, e in zip(ids, batch, strict=True)
            for i, g in enumerate(e.goals)
        ]
        keys = iter(self._insert_keyed("goal", rows))
        return [{g.key: next(keys) for g in e.goals} for e in batch]

    def _sessions(
        self, batch: list[m.Engagement], ids: list[int], goals: list[dict[str, int]]
    ) -> None:
        rows, links = [], []
        for eid, e, goal_ids in zip(ids, batch, goals, strict=True):
            for i, s in enumerate(e.sessions):
                rows.append((eid, s.number, i, s.date, json.dumps(list(s.topics))))
                links.append([goal_ids[key] for key in s.goals])
        keys = self._insert_keyed("session", rows)
        self._insert_keyed(
            "session_goal",
            [(key, goal) for key, linked in zip(keys, links, strict=True) for goal in linked],
        )

    def _results(
        self, batch: list[m.Engagement], ids: list[int], goals: list[dict[str, int]]
    ) -> None:
        rows, plain = [], []
        for eid, e, goal_ids in zip(ids, batch, goals, strict=True):
            for i, r in enumerate(e.results):
                rows.append(
                    (
                        eid,
                        r.key,
                        i,
                        r.text,
                        r.reported_by,
                        r.source,
                        r.meaning,
                        r.expected,
                        r.beneficiary,
                        r.evidence,
                        r.value.amount if r.value else None,
                        r.value.unit if r.value else "",
                        r.shared_with_sponsor,
                        # Not shared, and the client decides: she has not decided yet.
                        policy.consent_applies(r.reported_by) and not r.shared_with_sponsor,
                    )
                )
                plain.append((r, goal_ids))
        keys = self._insert_keyed("result", rows)
        self._insert_keyed(
            "result_goal",
            [
                (key, goal_ids[goal])
                for key, (r, goal_ids) in zip(keys, plain, strict=True)
                for goal in r.goals
            ],
        )
        judgements = []
        for key, (r, _) in zip(keys, plain, strict=True):
            for party in m.PARTIES:
                desirability, attribution = r.desirability.get(party), r.attribution.get(party)
                if desirability is None and attribution is None:
                    continue
                judgements.append(
                    (
                        key,
                        party,
                        desirability or "",
                        attribution.share if attribution else None,
                        attribution.confidence if attribution else None,
                    )
                )
        self._insert_keyed("judgement", judgements)

    def _end(self, batch: list[Planned], ids: list[int], goals: list[dict[str, int]]) -> None:
        ratings, closings, consents = [], [], []
        for p, eid, goal_ids in zip(batch, ids, goals, strict=True):
            e = p.engagement
            ratings += [(goal_ids[a.goal], a.rater, a.level) for a in e.attainment]
            if e.closing is not None:
                c = e.closing
                closings.append(
                    (eid, c.status, c.by or "", c.date, c.notes, json.dumps(list(p.present)))
                )
            consents += [(eid, party, c.given, c.withdrawn) for party, c in p.consents.items()]
        self._insert_keyed("rating", ratings)
        self._insert_keyed("closing", closings)
        self._insert_keyed("consent", consents)


def _moment(day: date | None) -> Any:
    if day is None:
        return None
    return connection.ops.adapt_datetimefield_value(datetime.combine(day, time(17), tzinfo=UTC))
