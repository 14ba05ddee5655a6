"""Keeping the stored progress (`harvest.models`) equal to what `measures.stages` says.

The research figures summary (`research.summary`) is the pattern:

- every write through the ORM to something the stage, the open actions or the last
  activity depend on marks the engagement's row stale (`mark_stale`, from the signal
  receivers in `harvest.apps`); a missing row is out of date too (bulk writers such as
  `oogst import` skip the signals, but only for engagements they create);
- whoever reads the stored rows first rewrites the out-of-date ones among those it
  reads (`refresh_out_of_date`), in a fixed number of queries however many there are;
- a rewrite locks the rows before it reads, so a write meanwhile is either read or
  marks the row stale again after it;
- after every write's transaction commits, the engagement's row is rewritten at once
  (`harvest.apps`), so that an action that opened is known then: the rewrite sends
  `harvest.signals.actions_opened` for the actions that were not stored before (never
  for the first computation of an engagement, its starting point).

An open action keeps the `since` it was first stored with: it says when the action
opened, and a later rewrite does not move it.
"""

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db import transaction
from django.db.models import Q, QuerySet

from oogst import base, policy
from oogst.engagements.models import Engagement
from oogst.harvest.activity import last_activity
from oogst.harvest.models import OpenAction, Progress
from oogst.harvest.signals import actions_opened
from oogst.harvest.stages import RECORDED, prefetch_stage_facts, progress_from, stage_facts
from oogst.harvest.stages import Progress as Computed
from oogst.harvest.stages import sponsor_view as sponsor_view_of
from oogst.measures import stages
from oogst.policy import Facts, Party

#: Engagements rewritten per round.
CHUNK = 500

_paused = threading.local()


@contextmanager
def rewrites_deferred() -> Iterator[None]:
    """Writes in this block leave their engagements' rows stale instead of rewriting them
    after the commit: for bulk writers of new engagements (`oogst import`), whose first
    computation announces nothing anyway and is done when a page first reads them."""
    previous = getattr(_paused, "on", False)
    _paused.on = True
    try:
        yield
    finally:
        _paused.on = previous


def rewrite_after_commit() -> bool:
    return not getattr(_paused, "on", False)


def mark_stale(engagement_ids: Iterable[int | None], *, create: bool = True) -> None:
    """Mark these engagements' rows out of date (`oogst.base.mark_stale`)."""
    base.mark_stale(Progress, engagement_ids, create=create)


def out_of_date(engagements: QuerySet[Engagement]) -> QuerySet[Engagement]:
    return engagements.filter(Q(progress__isnull=True) | Q(progress__stale=True))


def refresh_out_of_date(engagements: QuerySet[Engagement]) -> int:
    """Rewrite the rows of these engagements that are missing or stale; how many."""
    ids = list(out_of_date(engagements).values_list("pk", flat=True))
    return refresh(ids) if ids else 0


def refresh(engagement_ids: Iterable[int]) -> int:
    """Rewrite the stored progress of these engagements; how many were written."""
    ids = sorted(set(engagement_ids))
    for start in range(0, len(ids), CHUNK):
        _refresh_chunk(ids[start : start + CHUNK])
    return len(ids)


@transaction.atomic
def _refresh_chunk(ids: list[int]) -> None:
    Progress.objects.bulk_create([Progress(engagement_id=i) for i in ids], ignore_conflicts=True)
    list(Progress.objects.select_for_update().filter(engagement_id__in=ids))
    engagements = prefetch_stage_facts(
        list(Engagement.objects.filter(pk__in=ids).select_related("closed_by"))
    )
    opened = _stored_since(ids)
    computed_before = set(
        Progress.objects.filter(engagement_id__in=ids)
        .exclude(stage="")
        .values_list("engagement_id", flat=True)
    )
    rows, actions, news = [], [], {}
    for engagement in engagements:
        facts = stage_facts(engagement)
        computed = progress_from(facts)
        viewers = {party: _viewer_facts(engagement, party) for party in Party}
        rows.append(_progress_row(engagement, facts, computed, viewers))
        actions += _action_rows(engagement, computed, opened, viewers)
        if engagement.pk in computed_before:
            news[engagement.pk] = [
                a for a in computed.waiting_for if (engagement.pk, a.party, a.action) not in opened
            ]
    Progress.objects.bulk_update(
        rows,
        [
            "stage",
            "stage_since",
            "last_activity_client",
            "last_activity_coach",
            "last_activity_sponsor",
            "stale",
        ],
    )
    OpenAction.objects.filter(engagement_id__in=ids).delete()
    OpenAction.objects.bulk_create(actions)
    for engagement_id, new in news.items():
        if new:
            actions_opened.send(sender=Progress, engagement_id=engagement_id, actions=new)


def _stored_since(ids: list[int]) -> dict[tuple[int, str, str], datetime]:
    rows = OpenAction.objects.filter(engagement_id__in=ids).values_list(
        "engagement_id", "party", "action", "since"
    )
    return {(e, p, a): since for e, p, a, since in rows}


def _viewer_facts(engagement: Engagement, party: Party) -> Facts:
    """The facts every question of `party` about this engagement starts from."""
    contract = getattr(engagement, "contract", None)
    accepted = {a.party for a in contract.acceptances.all()} if contract else set()
    sponsor_view = sponsor_view_of(contract, accepted)
    has_sponsor = any(p.party == Party.SPONSOR for p in engagement.participations.all())
    # Blind attainment ratings (`policy.unblinded`), from the goals, ratings and closing
    # `prefetch_stage_facts` has read: another's rating moves no date while it is hidden.
    goals = engagement.goals.all()
    rated_all = bool(goals) and all(any(r.rater == party for r in g.ratings.all()) for g in goals)
    closing = getattr(engagement, "closing", None)
    return Facts(
        viewer=party,
        sponsor_view=sponsor_view,
        closed=engagement.closed_at is not None,
        has_sponsor=has_sponsor,
        rated_all=rated_all,
        ratings_open=closing is not None and closing.status in RECORDED,
    )


def _progress_row(
    engagement: Engagement,
    facts: stages.StageFacts,
    computed: Computed,
    viewers: dict[Party, Facts],
) -> Progress:
    reached = stages.entered(facts)
    row = Progress(
        engagement_id=engagement.pk,
        stage=computed.stage,
        stage_since=reached[computed.stage],
        stale=False,
    )
    for party, viewer in viewers.items():
        setattr(row, f"last_activity_{party}", last_activity(engagement, viewer))
    return row


def _action_rows(
    engagement: Engagement,
    computed: Computed,
    opened: dict[tuple[int, str, str], datetime],
    viewers: dict[Party, Facts],
) -> list[OpenAction]:
    return [
        OpenAction(
            engagement_id=engagement.pk,
            party=a.party,
            action=a.action,
            since=opened.get((engagement.pk, a.party, a.action), a.since),
            optional=a.optional,
            position=position,
            **{
                f"seen_by_{party}": policy.may_see_action(facts, action=a.action, party=a.party)
                for party, facts in viewers.items()
            },
        )
        for position, a in enumerate(computed.waiting_for)
    ]
