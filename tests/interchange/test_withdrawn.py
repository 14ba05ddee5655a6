"""Format version 1 has no key for a withdrawn result: the export leaves it out (with the
judgements on it and its goal links), says so on stderr, and is still valid. Format @2 is
to carry it."""

from oogst.interchange.services import engagement_export
from oogst.interchange.validation import validate
from oogst.policy import Party
from oogst.results.models import Result
from oogst.results.services.register import result_withdraw
from tests.parties import SPONSOR_TEXT, Trio

from .conftest import run


def test_the_export_leaves_a_withdrawn_result_out(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    before = engagement_export(engagement_id=trio.engagement.pk)
    assert "R3" in {r["key"] for r in before["results"]}

    result_withdraw(result=r3, actor=Party.SPONSOR, person=trio.charlie)

    out, err = run("export", str(trio.engagement.pk))
    assert SPONSOR_TEXT not in out
    document = engagement_export(engagement_id=trio.engagement.pk)
    assert {r["key"] for r in document["results"]} == {"R1", "R2"}
    assert document == {**before, "results": [r for r in before["results"] if r["key"] != "R3"]}
    assert validate(document) == []
    assert "withdrew is left out" in err
