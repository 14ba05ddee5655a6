"""Which engagements practice research may use, and the small-group suppression rules.

Every research read (the aggregates, the overview page, `oogst research stats`, the
anonymised dataset) starts from `included_engagements`: an engagement is included only
while every consent it needs stands (`policy.research_consent_needed`: its client's and,
if it has one, its sponsor's, neither withdrawn). Withdrawal therefore removes an
engagement from every later aggregate and export without any other bookkeeping. The ORM
filter (`consented_q`) and the SQL (`consented_ids_sql`) are both built from the policy's
`RESEARCH_CONSENT`, not written out here.
"""

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    IntegerField,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from oogst import policy
from oogst.contracting.models import Session
from oogst.engagements.models import Engagement, Participation
from oogst.policy import ConsentNeeded
from oogst.research.models import ResearchConsent

#: Parties that give research consent, each for itself (`policy.research_consenters`).
CONSENTING_PARTIES: tuple[str, ...] = tuple(str(p) for p in policy.research_consenters())


def research_k() -> int:
    """The smallest group an aggregate cell may describe (settings.RESEARCH_K, default 5)."""
    return int(getattr(settings, "RESEARCH_K", 5))


def research_standing(user: object, *, coach: bool = False) -> policy.Standing:
    """The facts about `user` that research access goes by (`coach`: gathered by the caller
    that needs it, since it takes a query)."""
    return policy.Standing(
        researcher=bool(getattr(user, "is_researcher", False)),
        staff=bool(getattr(user, "is_staff", False)),
        coach=coach,
    )


def _needs(need: ConsentNeeded) -> list[str]:
    """The parties whose research consent the policy needs `need` (ALWAYS, IF_PRESENT)."""
    return [str(p) for p, n in policy.RESEARCH_CONSENT.items() if n == need]


def _active_consent(party: str) -> Exists:
    return Exists(
        ResearchConsent.objects.filter(
            engagement=OuterRef("pk"), party=party, withdrawn_on__isnull=True
        )
    )


def _present(party: str) -> Exists:
    return Exists(Participation.objects.filter(engagement=OuterRef("pk"), party=party))


def consented_q() -> Q:
    """The engagements whose needed consents all stand (`policy.research_consent_needed`):
    each ALWAYS party's, and each IF_PRESENT party's where the engagement has that party."""
    q = Q()
    for party in _needs(ConsentNeeded.ALWAYS):
        q &= Q(_active_consent(party))
    for party in _needs(ConsentNeeded.IF_PRESENT):
        q &= ~Q(_present(party)) | Q(_active_consent(party))
    return q


def _sql_literal(party: str) -> str:
    # The parties are the policy's own constants; checked all the same, as they are
    # written into the SQL (which `RawSQL` and the temporary table take as text).
    if not party.isidentifier():
        raise ValueError(f"not a party name: {party!r}")
    return f"'{party}'"


def _has(marker: str) -> str:
    return f"MAX(CASE WHEN x.party = {_sql_literal(marker)} THEN 1 ELSE 0 END)"


def consented_ids_sql() -> str:
    """SQL for the ids of the consented engagements, as `consented_q` defines them.

    One grouped pass over the standing consents and the participations of the IF_PRESENT
    parties (a hash aggregate on PostgreSQL) instead of an `EXISTS` per engagement, which
    PostgreSQL plans as per-row subplans because of the `OR` (0.1 s against 0.7 s at
    100,000 engagements). Portable SQL: SQLite runs it as well.
    """
    consents = ResearchConsent._meta.db_table
    participations = Participation._meta.db_table
    asked = ", ".join(_sql_literal(p) for p in policy.research_consenters())
    rows = [
        f"SELECT engagement_id, party FROM {consents}"
        f" WHERE withdrawn_on IS NULL AND party IN ({asked})"
    ]
    conditions = [f"{_has(p)} = 1" for p in _needs(ConsentNeeded.ALWAYS)]
    for p in _needs(ConsentNeeded.IF_PRESENT):
        rows.append(
            f"SELECT engagement_id, {_sql_literal(f'has_{p}')} AS party FROM {participations}"
            f" WHERE party = {_sql_literal(p)}"
        )
        conditions.append(f"({_has(p)} = 1 OR {_has(f'has_{p}')} = 0)")
    return (
        f"SELECT x.engagement_id FROM ({' UNION ALL '.join(rows)}) x"
        f" GROUP BY x.engagement_id HAVING {' AND '.join(conditions)}"
    )


def _first_session_on() -> Subquery:
    return Subquery(
        Session.objects.filter(engagement=OuterRef("pk"))
        .values("engagement")
        .annotate(first=Min("held_on"))
        .values("first")[:1],
        output_field=DateField(),
    )


def _session_count() -> Coalesce:
    counted = Subquery(
        Session.objects.filter(engagement=OuterRef("pk"))
        .values("engagement")
        .annotate(n=Count("pk"))
        .values("n")[:1],
        output_field=IntegerField(),
    )
    return Coalesce(counted, Value(0), output_field=IntegerField())


def _with_topic_sql(topic: str) -> tuple[str, list[Any]]:
    """SQL for the ids of engagements with a session on `topic` (topics is a JSON list)."""
    table = Session._meta.db_table
    if connection.vendor == "postgresql":
        return (
            f"SELECT s.engagement_id FROM {table} s WHERE s.topics @> %s::jsonb",
            [json.dumps([topic])],
        )
    return (
        f"SELECT s.engagement_id FROM {table} s, json_each(s.topics) t WHERE t.value = %s",
        [topic],
    )


def included_engagements(
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    sector: str | None = None,
    sessions_min: int | None = None,
    sessions_max: int | None = None,
    topic: str | None = None,
) -> QuerySet[Engagement]:
    """The engagements research may use, optionally narrowed by the research filters.

    Included: every consent the policy needs has an unwithdrawn `ResearchConsent` (today
    the client's, and the sponsor's if the engagement has a sponsor participation).
    Filters (all optional, combined with AND):

    - `since` / `until`: the engagement's date, inclusive; that date is its first
      session's, else its intake's. An engagement with neither date is left out as soon
      as either bound is given.
    - `sector`: the organisation's sector, exactly.
    - `sessions_min` / `sessions_max`: the number of sessions recorded, inclusive.
    - `topic`: at least one session has this agenda topic, exactly.

    Returns a plain queryset of `Engagement` (no extra selected columns, so it can be
    used in `engagement__in=` or extended with `.values()`/`.annotate()`). It does not
    apply k-suppression: that is for whoever shows the figures (see `suppressed`).
    """
    # The same set as `consented_q()`, found by one grouped pass (see `consented_ids_sql`).
    qs = Engagement.objects.filter(pk__in=RawSQL(consented_ids_sql(), []))
    if since is not None or until is not None:
        qs = qs.alias(
            research_on=Coalesce(_first_session_on(), "intake__held_on", output_field=DateField())
        )
        if since is not None:
            qs = qs.filter(research_on__gte=since)
        if until is not None:
            qs = qs.filter(research_on__lte=until)
    if sector:
        qs = qs.filter(organisation__sector=sector)
    if sessions_min is not None or sessions_max is not None:
        qs = qs.alias(research_sessions=_session_count())
        if sessions_min is not None:
            qs = qs.filter(research_sessions__gte=sessions_min)
        if sessions_max is not None:
            qs = qs.filter(research_sessions__lte=sessions_max)
    if topic:
        sql, params = _with_topic_sql(topic)
        qs = qs.filter(pk__in=RawSQL(sql, params))
    return qs.order_by()


def suppressed(engagements: int, *, k: int | None) -> bool:
    """Whether a cell based on `engagements` engagements must be hidden.

    A cell describing at least one but fewer than k engagements is suppressed; `k=None`
    (the operator's command line without `--k`) suppresses nothing. A zero cell is shown:
    it describes nobody.
    """
    return k is not None and 0 < engagements < k


def sector_choices(*, k: int | None) -> list[str]:
    """The sectors that at least k included engagements share (all sectors when k is None)."""
    rows = (
        included_engagements()
        .exclude(organisation__sector="")
        .values("organisation__sector")
        .annotate(n=Count("pk"))
        .order_by("organisation__sector")
    )
    return [r["organisation__sector"] for r in rows if k is None or r["n"] >= k]


def topic_choices(*, k: int | None) -> list[str]:
    """The session topics that at least k included engagements share."""
    ids_sql, ids_params = included_engagements().values("pk").query.sql_with_params()
    table = Session._meta.db_table
    if connection.vendor == "postgresql":
        source = f"{table} s CROSS JOIN LATERAL jsonb_array_elements_text(s.topics) t(value)"
    else:
        source = f"{table} s, json_each(s.topics) t"
    sql = (
        f"SELECT t.value, COUNT(DISTINCT s.engagement_id) FROM {source} "
        f"WHERE s.engagement_id IN ({ids_sql}) GROUP BY t.value ORDER BY t.value"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, ids_params)
        rows = cursor.fetchall()
    return [str(topic) for topic, n in rows if k is None or n >= k]
