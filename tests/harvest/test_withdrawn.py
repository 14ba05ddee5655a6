"""A withdrawn result counts in nothing the read side computes: every measure of the
report (register counts, goals and their results, ROI, agenda) is exactly what it would be
had the result never been reported, for every viewer, and the client is not asked to
decide its sharing. Taking the withdrawal back brings everything back as it was."""

from typing import Any

import pytest

from oogst.engagements.models import Engagement
from oogst.harvest.models import OpenAction
from oogst.harvest.selectors import harvest_for, report_for
from oogst.harvest.stages import progress_of
from oogst.harvest.stored import refresh
from oogst.policy import Party
from oogst.results.models import Result
from oogst.results.services.register import result_restore, result_withdraw
from tests.parties import Trio

VIEWERS = (None, Party.CLIENT, Party.COACH, Party.SPONSOR)
REPORTERS = {
    "R1": (Party.CLIENT, "alice"),
    "R2": (Party.CLIENT, "alice"),
    "R3": (Party.SPONSOR, "charlie"),
}


def reports(trio: Trio) -> dict[Party | None, Any]:
    return {v: report_for(engagement_id=trio.engagement.pk, viewer=v) for v in VIEWERS}


def withdraw(trio: Trio, key: str) -> None:
    actor, who = REPORTERS[key]
    result = Result.objects.get(engagement=trio.engagement, key=key)
    result_withdraw(result=result, actor=actor, person=getattr(trio, who))


def agenda_refs(report: Any) -> set[str]:
    return {item["ref"] for item in report["agenda"]}


@pytest.mark.parametrize("key", ["R1", "R2", "R3"])
def test_a_withdrawn_result_counts_as_if_it_had_never_been_reported(trio: Trio, key: str) -> None:
    before = reports(trio)
    withdraw(trio, key)
    withdrawn = reports(trio)
    Result.objects.filter(engagement=trio.engagement, key=key).delete()
    never = reports(trio)

    for viewer in VIEWERS:
        expected = dict(never[viewer])
        if key == "R2" and viewer == Party.SPONSOR:
            # Hidden from the sponsor before, and still: its withdrawal tells it nothing.
            expected["hidden"] += 1
        assert withdrawn[viewer] == expected, viewer
    assert withdrawn[None] != before[None]  # it did count before
    assert key in agenda_refs(before[None]) and key not in agenda_refs(withdrawn[None])


def test_a_withdrawn_result_achieves_no_goal(trio: Trio) -> None:
    def g1(report: Any) -> Any:
        return next(g for g in report["goals"] if g["key"] == "G1")

    assert g1(reports(trio)[None]) | {"attainment": {}} == {
        "key": "G1",
        "status": "achieved",
        "results": ["R1"],
        "attainment": {},
    }
    withdraw(trio, "R1")
    for viewer, report in reports(trio).items():
        assert g1(report)["results"] == [] and g1(report)["status"] == "open", viewer
        assert report["pairs"]["intended_achieved"]["goals_achieved"] == 0, viewer


def test_a_withdrawn_result_is_in_no_return(trio: Trio) -> None:
    before = reports(trio)
    assert before[None]["roi"]["counted"] == ["R3"]
    withdraw(trio, "R3")
    for viewer, report in reports(trio).items():
        assert report["roi"]["counted"] == [], viewer
        assert report["roi"]["benefits"] in (0, 0.0, None), viewer


def test_the_harvest_keeps_the_withdrawn_results_apart_for_those_who_may_read_them(
    trio: Trio,
) -> None:
    withdraw(trio, "R2")
    for viewer, sees in (
        (None, True),
        (Party.CLIENT, True),
        (Party.COACH, True),
        (Party.SPONSOR, False),
    ):
        harvest = harvest_for(engagement_id=trio.engagement.pk, viewer=viewer)
        assert "R2" not in {r.key for r in harvest.view.results}, viewer
        assert [w.result.key for w in harvest.withdrawn] == (["R2"] if sees else []), viewer
        if sees:
            assert harvest.withdrawn[0].by == "client"
            assert harvest.withdrawn[0].by_name == "Alice Aarts"


def test_restoring_brings_every_measure_back(trio: Trio) -> None:
    before = reports(trio)
    withdraw(trio, "R3")
    result = Result.objects.get(engagement=trio.engagement, key="R3")
    result_restore(result=result, actor=Party.SPONSOR, person=trio.charlie)
    assert reports(trio) == before


def decide_sharing(trio: Trio) -> bool:
    engagement = Engagement.objects.get(pk=trio.engagement.pk)
    return any(
        (a.party, a.action) == ("client", "decide_sharing")
        for a in progress_of(engagement).waiting_for
    )


def stored_decide_sharing(trio: Trio) -> bool:
    refresh([trio.engagement.pk])
    return OpenAction.objects.filter(
        engagement=trio.engagement, party="client", action="decide_sharing"
    ).exists()


def test_the_client_is_not_asked_to_decide_on_a_withdrawn_result(trio: Trio) -> None:
    Result.objects.filter(engagement=trio.engagement, key="R2").update(sharing_undecided=True)
    assert decide_sharing(trio) and stored_decide_sharing(trio)

    withdraw(trio, "R2")

    assert not decide_sharing(trio) and not stored_decide_sharing(trio)
    result = Result.objects.get(engagement=trio.engagement, key="R2")
    result_restore(result=result, actor=Party.CLIENT, person=trio.alice)
    assert decide_sharing(trio) and stored_decide_sharing(trio)
