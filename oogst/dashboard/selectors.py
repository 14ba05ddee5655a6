"""The dashboard's rows: one per engagement the person takes part in, read from the stored
progress (`harvest.models`), filtered and ordered in the database and shown as the
viewer may see it.

Each row is the viewer's view: its own open actions, the others' only where
`policy.may_see_action` let it see them when they were stored (`OpenAction.seen_by_*`),
and the last activity among what it may read. Reading a page costs the same number of
queries for 5 engagements or 500.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.urls import reverse

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Participation
from oogst.harvest.models import OpenAction
from oogst.harvest.next_step import OTHERS, OWN
from oogst.harvest.stages import prefetched
from oogst.harvest.stored import refresh_out_of_date
from oogst.vocabulary import Party, Stage

PER_PAGE = 25
ACTIVE_STAGES = [s for s in Stage if s != Stage.CLOSED]


@dataclass(frozen=True)
class Filters:
    """What the person asked for; anything it cannot mean is ignored (the whole list)."""

    stage: str = ""
    mine: bool = False
    search: str = ""
    archive: bool = False

    @classmethod
    def from_query(cls, query: dict[str, str]) -> "Filters":
        archive = query.get("view") == "archive"
        stage = query.get("stage", "")
        return cls(
            stage=stage if stage in ACTIVE_STAGES and not archive else "",
            mine=query.get("mine") == "1" and not archive,
            search=query.get("q", "").strip()[:100],
            archive=archive,
        )

    @property
    def narrowed(self) -> bool:
        return bool(self.stage or self.mine or self.search)


@dataclass(frozen=True)
class Waiting:
    party: str
    words: str
    since: datetime
    optional: bool
    url: str = ""  # the page where the viewer does it (its own actions only)


@dataclass(frozen=True)
class Row:
    engagement_id: int
    title: str
    client: str
    organisation: str
    party: str  # the viewer's
    stage: str
    stage_since: datetime | None
    own: tuple[Waiting, ...]
    others: tuple[Waiting, ...]
    last_activity: datetime | None

    @property
    def next_url(self) -> str:
        """The viewer's first open step, or the engagement page when it has none."""
        steps = [w for w in self.own if w.url and not w.optional] or [w for w in self.own if w.url]
        return steps[0].url if steps else reverse("closing:engagement", args=[self.engagement_id])


def participations(person: User, filters: Filters) -> QuerySet[Participation]:
    """The person's engagements as asked for, those waiting for it first, then the most
    recently active. Brings the stored progress up to date first."""
    refresh_out_of_date(Engagement.objects.filter(participations__person=person))
    found = (
        Participation.objects.filter(person=person)
        .filter(engagement__closed_at__isnull=not filters.archive)
        .select_related("engagement__organisation", "engagement__progress")
        .annotate(waits_for_me=Exists(_own_actions()), activity=_activity())
    )
    if filters.stage:
        found = found.filter(engagement__progress__stage=filters.stage)
    if filters.mine:
        found = found.filter(waits_for_me=True)
    if filters.search:
        found = found.filter(_matching(filters.search))
    return found.order_by("-waits_for_me", F("activity").desc(nulls_last=True), "-engagement_id")


def stage_counts(person: User) -> dict[str, int]:
    """How many of the person's open engagements stand at each stage."""
    rows = (
        Participation.objects.filter(person=person, engagement__closed_at__isnull=True)
        .values_list("engagement__progress__stage")
        .order_by()
        .annotate(n=Count("pk"))
    )
    return {stage: n for stage, n in rows if stage}


def rows_of(page: list[Participation]) -> list[Row]:
    """The rows of one page, as each row's viewer may see them (two queries)."""
    prefetch_related_objects(
        page,
        Prefetch(
            "engagement__participations",
            queryset=Participation.objects.filter(party=Party.CLIENT).select_related("person"),
            to_attr="clients",
        ),
        Prefetch("engagement__open_actions", to_attr="actions"),
    )
    return [_row(p) for p in page]


def _row(participation: Participation) -> Row:
    engagement = participation.engagement
    progress = engagement.progress
    party = participation.party
    actions: list[OpenAction] = prefetched(engagement, "actions")
    clients: list[Participation] = prefetched(engagement, "clients")
    return Row(
        engagement_id=engagement.pk,
        title=engagement.title,
        client=clients[0].person.name if clients else "",
        organisation=engagement.organisation.name,
        party=party,
        stage=progress.stage,
        stage_since=progress.stage_since,
        own=tuple(_own(a) for a in actions if a.party == party),
        others=tuple(_other(a) for a in actions if a.party != party and a.seen_by(party)),
        last_activity=getattr(progress, f"last_activity_{party}"),
    )


def _own(action: OpenAction) -> Waiting:
    words, name, anchor = OWN.get(action.action, (OTHERS.get(action.action, action.action), "", ""))
    url = reverse(name, args=[action.engagement_id]) + anchor if name else ""
    return Waiting(action.party, str(words), action.since, action.optional, url)


def _other(action: OpenAction) -> Waiting:
    words = OTHERS.get(action.action, action.action)
    return Waiting(action.party, str(words), action.since, action.optional)


def _own_actions() -> QuerySet[OpenAction]:
    return OpenAction.objects.filter(engagement=OuterRef("engagement"), party=OuterRef("party"))


def _activity() -> Case:
    """The last activity the row's viewer may read (stored per party)."""
    return Case(
        *[When(party=p, then=F(f"engagement__progress__last_activity_{p}")) for p in Party.values],
        default=Value(None),
        output_field=DateTimeField(),
    )


def _matching(search: str) -> Q:
    """The client's name, the organisation or the engagement's title contains `search`."""
    client = Participation.objects.filter(
        engagement=OuterRef("engagement"), party=Party.CLIENT, person__name__icontains=search
    )
    return (
        Q(engagement__organisation__name__icontains=search)
        | Q(engagement__title__icontains=search)
        | Q(Exists(client))
    )
