"""A withdrawn result counts in no research figure and is no row of the dataset: the
figures (`oogst research stats`, from the summary and from the raw tables) are exactly
those of the same engagements without the result, and the summary hears of the
withdrawal through the signals."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from oogst.engagements.models import Engagement, Participation
from oogst.policy import Party
from oogst.research import dataset
from oogst.research.practice_selectors import results_to_attribute
from oogst.research.summary import refresh_all
from oogst.results.models import Result
from oogst.results.services.register import result_withdraw
from tests.parties import Trio
from tests.research.test_aggregates import consented_set
from tests.research.test_dataset import consent
from tests.research.test_summary import assert_summary_is_exact, stale


def stats() -> dict[str, Any]:
    out = StringIO()
    call_command("research", "stats", "--format", "json", stdout=out)
    figures: dict[str, Any] = json.loads(out.getvalue())
    return figures


def withdraw(result: Result) -> None:
    person = Participation.objects.get(
        engagement_id=result.engagement_id, party=result.reported_by
    ).person
    result_withdraw(result=result, actor=Party(result.reported_by), person=person)


def chosen(engagements: list[Engagement]) -> list[Result]:
    """Results that touch every kind of figure: one linked to a goal and judged with an
    attribution, and one observable with money for the organisation (the ROI)."""
    ids = [e.pk for e in engagements]
    base = Result.objects.filter(engagement_id__in=ids)
    linked = base.filter(goals__isnull=False, judgements__share__isnull=False).first()
    valued = base.filter(
        evidence="observable",
        value_amount__isnull=False,
        beneficiary__in=("organisation", "both"),
        judgements__share__isnull=False,
    ).first()
    assert linked is not None and valued is not None
    return list({r.pk: r for r in (linked, valued)}.values())


@pytest.mark.django_db
def test_withdrawn_results_count_in_no_research_figure() -> None:
    engagements = consented_set(6)
    refresh_all()
    before = stats()
    results = chosen(engagements)

    for result in results:
        withdraw(result)

    assert all(stale(Engagement.objects.get(pk=r.engagement_id)) for r in results)
    withdrawn = stats()
    assert withdrawn != before
    assert withdrawn["pairs"]["expected"] != before["pairs"]["expected"]
    assert_summary_is_exact()  # the summary and the raw tables agree
    Result.objects.filter(pk__in=[r.pk for r in results]).delete()
    assert stats() == withdrawn  # as if they had never been reported


@pytest.fixture
def consented(trio: Trio) -> Trio:
    consent(trio.engagement, "client", "sponsor")
    return trio


def test_a_withdrawn_result_is_no_row_of_the_dataset(consented: Trio) -> None:
    assert sorted(r["result"] for r in dataset.dataset_rows()) == ["R1", "R2", "R3"]
    r1 = Result.objects.get(engagement=consented.engagement, key="R1")
    result_withdraw(result=r1, actor=Party.CLIENT, person=consented.alice)
    assert sorted(r["result"] for r in dataset.dataset_rows()) == ["R2", "R3"]


def test_a_good_practice_rests_on_no_withdrawn_result(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    result_withdraw(result=r3, actor=Party.SPONSOR, person=trio.charlie)
    offered = results_to_attribute(engagement_id=trio.engagement.pk, party=Party.COACH)
    assert sorted(r.key for r in offered) == ["R1", "R2"]
