"""The research figures summary (`oogst.research.summary`) stays equal to a computation
from scratch after every kind of change, and `stats` from it equals the raw-table count."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from oogst.closing.models import AttainmentRating, ClosingConversation
from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal
from oogst.contracting.services.parties import (
    party_change_agree,
    party_change_join,
    party_change_propose,
)
from oogst.engagements.models import Engagement, Participation
from oogst.policy import Party
from oogst.research.aggregates import Filters, compute, compute_raw, finish
from oogst.research.generate import engagements_generate
from oogst.research.models import EngagementFigures
from oogst.research.services.consent import research_consent_withdraw
from oogst.research.summary import (
    from_scratch_equals_stored,
    refresh_all,
    refresh_engagements,
    refresh_stale,
)
from oogst.results.models import Judgement, Result
from tests.research.test_aggregates import consented_set, documents, variant


def plain(tree: dict[str, Any], k: int | None) -> dict[str, Any]:
    total = int(tree["engagements"].value or 0)
    return finish(tree, k=k, total=total)[0]


def assert_summary_is_exact(filters: Filters | None = None) -> None:
    """`compute` (summary, refreshing what is out of date) equals the raw-table count, for
    the operator and with k; afterwards every included row equals a fresh computation."""
    filters = filters or Filters()
    for k in (None, 2, 5):
        assert plain(compute(filters, k=k), k) == plain(compute_raw(filters, k=k), k)
    refresh_stale(Engagement.objects.all())
    assert from_scratch_equals_stored() == []


def stale(engagement: Engagement) -> bool:
    row = EngagementFigures.objects.filter(engagement=engagement).first()
    return row is None or row.stale


@pytest.fixture
def engagements(db: None) -> list[Engagement]:
    made = consented_set(6)
    refresh_all()
    assert from_scratch_equals_stored() == []
    return made


def _result(engagement: Engagement) -> Result:
    return Result.objects.filter(engagement=engagement).order_by("pk").first()  # type: ignore[return-value]


def add_result(e: Engagement) -> None:
    r = _result(e)
    r.pk = None
    r.key = "extra-1"
    r.expected = not r.expected
    r.save()
    Judgement.objects.create(
        result=r, party="client", desirability="undesired", share=Decimal("0.5"),
        confidence=Decimal("0.4"),
    )  # fmt: skip
    Judgement.objects.create(result=r, party="coach", desirability="desired")


def edit_result(e: Engagement) -> None:
    r = _result(e)
    r.beneficiary = "both" if r.beneficiary != "both" else "client"
    r.evidence = "observable"
    r.value_amount = Decimal("1234.50")
    r.value_unit = Contract.objects.get(engagement=e).currency
    r.save()


def delete_result(e: Engagement) -> None:
    _result(e).delete()


def change_judgement(e: Engagement) -> None:
    j = Judgement.objects.filter(result__engagement=e).order_by("pk").first()
    assert j is not None
    j.desirability = "undesired" if j.desirability != "undesired" else "desired"
    j.share, j.confidence = Decimal("0.9"), Decimal("0.8")
    j.save()


def delete_judgement(e: Engagement) -> None:
    Judgement.objects.filter(result__engagement=e).order_by("pk").first().delete()  # type: ignore[union-attr]


def unlink_goals(e: Engagement) -> None:
    for r in Result.objects.filter(engagement=e):
        r.goals.clear()


def link_goal(e: Engagement) -> None:
    goal = Goal.objects.filter(engagement=e).order_by("pk").last()
    assert goal is not None
    unlinked = Result.objects.filter(engagement=e, goals__isnull=True).order_by("pk")
    assert unlinked.exists()
    goal.results.add(*unlinked[:2])


def delete_goal(e: Engagement) -> None:
    Goal.objects.filter(engagement=e).order_by("pk").first().delete()  # type: ignore[union-attr]


def change_attainment(e: Engagement) -> None:
    rating = AttainmentRating.objects.filter(goal__engagement=e).order_by("pk").first()
    assert rating is not None
    rating.level = 2 if rating.level != 2 else -2
    rating.save()


def change_closing(e: Engagement) -> None:
    conversation = ClosingConversation.objects.filter(engagement=e).first()
    if conversation is None:
        ClosingConversation.objects.create(engagement=e, status="not_held")
    else:
        conversation.status = "not_held" if conversation.status != "not_held" else "planned"
        conversation.declined_by = ""
        conversation.save()


def change_costs(e: Engagement) -> None:
    contract = Contract.objects.get(engagement=e)
    contract.costs_amount = Decimal("999.00")
    contract.rho = Decimal("0.5")
    contract.save()


def sponsor_joins_late(e: Engagement) -> None:
    """A sponsor proposed once the contract is in force joins with other costs: the
    contract's new terms (and any sharing reset) reach the figures through signals."""
    contract = Contract.objects.get(engagement=e)
    for party in Participation.objects.filter(engagement=e).values_list("party", flat=True):
        ContractAcceptance.objects.get_or_create(
            contract=contract, party=party, defaults={"accepted_on": dt.date(2026, 1, 5)}
        )
    coach = Participation.objects.get(engagement=e, party="coach").person
    client = Participation.objects.get(engagement=e, party="client").person
    change = party_change_propose(
        engagement=e,
        actor=Party.COACH,
        proposed_by=coach,
        party="sponsor",
        name="Late Sponsor",
        email=f"late-sponsor-{e.pk}@example.com",
        sponsor_may_see=["goals"],
        costs_amount=(contract.costs_amount or Decimal(0)) + Decimal(1000),
        currency=contract.currency or "EUR",
        reason="",
        base_url="http://testserver/",
    )
    party_change_agree(change=change, person=client, base_url="http://testserver/")
    party_change_join(change=change, person=change.person)


def change_expectation(e: Engagement) -> None:
    x = Expectation.objects.filter(engagement=e).order_by("pk").first()
    assert x is not None
    x.meanings = ["financial", "outcome"]
    x.save()


CHANGES: dict[str, Callable[[Engagement], None]] = {
    "add a result": add_result,
    "edit a result": edit_result,
    "delete a result": delete_result,
    "change a judgement": change_judgement,
    "delete a judgement": delete_judgement,
    "unlink goals": unlink_goals,
    "link a goal": link_goal,
    "delete a goal": delete_goal,
    "change attainment": change_attainment,
    "change closing status": change_closing,
    "change costs": change_costs,
    "a sponsor joins late": sponsor_joins_late,
    "change an expectation": change_expectation,
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_every_change_marks_the_row_stale_and_stats_stays_exact(
    engagements: list[Engagement], change: str
) -> None:
    target = engagements[0]
    before = plain(compute(Filters(), k=None), None)
    assert not stale(target)

    CHANGES[change](target)

    assert stale(target)
    assert all(not stale(e) for e in engagements if e != target)
    after = plain(compute(Filters(), k=None), None)
    assert not stale(target)
    assert after != before
    assert_summary_is_exact()


def test_withdrawn_consent_leaves_the_totals_at_once(engagements: list[Engagement]) -> None:
    leaving = engagements[2]
    with_it = plain(compute(Filters(), k=None), None)

    research_consent_withdraw(engagement=leaving, party="client")

    without = plain(compute(Filters(), k=None), None)
    assert without["engagements"] == with_it["engagements"] - 1
    assert_summary_is_exact()


def test_filters_apply_to_the_summary_as_to_the_raw_tables(
    engagements: list[Engagement],
) -> None:
    first = min(e.sessions.order_by("held_on").first().held_on for e in engagements)  # type: ignore[union-attr]
    assert_summary_is_exact(Filters(since=first + dt.timedelta(days=1)))
    assert_summary_is_exact(Filters(sessions_min=2, sessions_max=4))
    assert_summary_is_exact(Filters(sector=engagements[0].organisation.sector or "x"))


def test_import_writes_the_rows_of_what_it_imported(db: None, tmp_path: Any) -> None:
    import json

    path = tmp_path / "one.json"
    path.write_text(json.dumps(variant(documents()[0], 41)), encoding="utf-8")
    call_command("import", str(path), stdout=StringIO())

    engagement = Engagement.objects.get()
    assert not stale(engagement)
    assert from_scratch_equals_stored() == []
    assert_summary_is_exact()


def test_a_folder_import_writes_the_rows_of_what_it_imported(db: None, tmp_path: Any) -> None:
    import json

    for i, document in enumerate(documents()):
        path = tmp_path / f"{i}.json"
        path.write_text(json.dumps(variant(document, 50 + i)), encoding="utf-8")
    call_command("import", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    assert Engagement.objects.count() == len(documents())
    assert not any(stale(e) for e in Engagement.objects.all())
    assert from_scratch_equals_stored() == []
    assert_summary_is_exact()


def test_an_import_without_refresh_is_caught_up_by_stats(db: None) -> None:
    made = consented_set(3)  # the service alone: bulk_create, no signals, no rows yet
    assert all(stale(e) for e in made)
    assert_summary_is_exact()
    assert not any(stale(e) for e in made)


def test_generate_writes_the_rows_of_every_batch(db: None) -> None:
    generated = engagements_generate(count=12, seed=3, batch=5)

    assert EngagementFigures.objects.filter(stale=False).count() == 12
    assert from_scratch_equals_stored(generated.engagement_ids) == []
    assert_summary_is_exact()


def test_refresh_rewrites_a_tampered_row(engagements: list[Engagement]) -> None:
    EngagementFigures.objects.filter(engagement=engagements[0]).update(results=999)
    assert from_scratch_equals_stored() != []

    refresh_engagements([engagements[0].pk])

    assert from_scratch_equals_stored() == []
