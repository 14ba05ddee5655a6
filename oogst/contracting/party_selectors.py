"""Reads about changes of the parties: the history on the contract page, the join page.

The history belongs to the contract, which every party reads (`Content.PARTY_CHANGE`).
The join page is the one page a proposed person reads before being a party: the terms as
amended and who is in the engagement, never its content.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from oogst import policy
from oogst.accounts.models import User
from oogst.contracting.models import Contract, Goal, PartyChange
from oogst.contracting.services.parties import amended_terms
from oogst.engagements.frame import Frame
from oogst.engagements.models import Engagement, Participation
from oogst.policy import Content, Facts, Party
from oogst.vocabulary import SponsorView


@dataclass(frozen=True)
class TermChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PartyChangeCard:
    change: PartyChange
    terms: tuple[TermChange, ...]
    viewer_may_agree: bool  # the client, while it waits for her
    viewer_may_withdraw: bool  # the coach, while it is open


def party_changes_of(frame: Frame) -> tuple[PartyChangeCard, ...]:
    """Every change of the parties, open first, then newest first (one query)."""
    facts = frame.facts
    if not policy.may_read(Content.PARTY_CHANGE, facts):
        return ()
    rows = PartyChange.objects.filter(engagement_id=frame.engagement.pk).select_related(
        "person", "replaced_person", "proposed_by", "client_agreed_by", "ended_by"
    )
    ordered = sorted(rows, key=lambda c: (not c.is_open, -c.created_at.timestamp()))
    may_agree = policy.may_admit_party(facts)
    may_withdraw = policy.may_write(Content.PARTY_CHANGE, facts)
    return tuple(
        PartyChangeCard(
            change=c,
            terms=term_changes(c),
            viewer_may_agree=may_agree and c.status == PartyChange.Status.AWAITING_CLIENT,
            viewer_may_withdraw=may_withdraw and c.is_open,
        )
        for c in ordered
    )


def term_changes(change: PartyChange) -> tuple[TermChange, ...]:
    labels = {
        "sponsor_may_see": _("What the sponsor may see"),
        "costs_amount": _("Costs"),
        "currency": _("Currency"),
    }
    return tuple(
        TermChange(label=str(labels[term]), old=_shown(term, old), new=_shown(term, new))
        for term, (old, new) in change.changes.items()
    )


def _shown(term: str, value: object) -> str:
    if term == "sponsor_may_see":
        views = [str(SponsorView(v).label) for v in value] if isinstance(value, list) else []
        return ", ".join(views) or _("only the results the client shares")
    if term == "costs_amount":
        return number_format(Decimal(str(value)), 2, force_grouping=True) if value else "–"
    return str(value or "–")


def open_change(*, engagement_id: int) -> PartyChange | None:
    return (
        PartyChange.objects.filter(engagement_id=engagement_id, status__in=PartyChange.OPEN)
        .select_related("person", "replaced_person")
        .first()
    )


@dataclass(frozen=True)
class JoinPage:
    """What the proposed person reads before joining: who, and the terms as amended."""

    engagement: Engagement
    change: PartyChange
    may_join: bool  # the client agreed, and the engagement is not closed
    people: tuple[tuple[str, str], ...]  # (party, name) of the parties there are
    sessions_planned: int
    costs_amount: Decimal | None
    currency: str
    sponsor_sees: tuple[str, ...]  # labels
    sees_goals: bool  # whether the contract as amended lets the party read the goals
    goal_count: int
    proposed_on: dt.date


def join_page(*, engagement_id: int, person: User) -> JoinPage | None:
    """The open change that proposes `person` in this engagement, or None (then: 404)."""
    change = (
        PartyChange.objects.filter(
            engagement_id=engagement_id, person=person, status__in=PartyChange.OPEN
        )
        .select_related("engagement__organisation")
        .first()
    )
    if change is None:
        return None
    engagement = change.engagement
    contract = Contract.objects.get(engagement=engagement)
    terms = amended_terms(contract, change)
    view: list[str] = terms["sponsor_may_see"]  # type: ignore[assignment]
    may_join = policy.newcomer_may_join(
        client_agreed=change.client_agreed_at is not None,
        closed=engagement.closed_at is not None,
    )
    people = Participation.objects.filter(engagement=engagement).select_related("person")
    present = {p.party: str(p.person) for p in people}
    # Before the client agreed, not even her name: only the coach, who proposed them.
    shown = [p for p in Party if p in present and p != change.party]
    if not may_join:
        shown = [p for p in shown if p == Party.COACH]
    return JoinPage(
        engagement=engagement,
        change=change,
        may_join=may_join,
        people=tuple((p, present[p]) for p in shown),
        sessions_planned=contract.sessions_planned,
        costs_amount=terms["costs_amount"],  # type: ignore[arg-type]
        currency=str(terms["currency"]),
        sponsor_sees=tuple(str(SponsorView(v).label) for v in view),
        sees_goals=policy.may_read(
            Content.GOALS, Facts(viewer=Party(change.party), sponsor_view=frozenset(view))
        ),
        goal_count=Goal.objects.filter(engagement=engagement).count(),
        proposed_on=change.created_at.date(),
    )
