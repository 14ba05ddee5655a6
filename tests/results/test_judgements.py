"""Each party records only its own judgement of a result: desirability, and the share it
attributes to the coaching with its confidence."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from oogst.policy import Party
from oogst.results.models import Judgement, Result
from oogst.results.services.register import judgement_record
from tests.parties import UNSHARED_TEXT, Trio, logged_in


def judgement_url(trio: Trio, key: str) -> str:
    return reverse("results:judgement", args=[trio.engagement.pk, key])


def result(key: str) -> Result:
    return Result.objects.get(key=key)


def judgements(key: str) -> dict[str, tuple[str, Decimal | None, Decimal | None]]:
    return {
        j.party: (j.desirability, j.share, j.confidence)
        for j in Judgement.objects.filter(result__key=key)
    }


# ---------------------------------------------------------------- judgement_record


def test_a_party_records_its_own_judgement(trio: Trio) -> None:
    before = judgements("R1")
    judgement_record(
        result=result("R1"),
        party=Party.COACH,
        desirability="undesired",
        share=Decimal("0.4"),
        confidence=Decimal("0.5"),
    )
    after = judgements("R1")
    assert after["coach"] == ("undesired", Decimal("0.400"), Decimal("0.500"))
    assert after["client"] == before["client"]  # nobody else's judgement changes


def test_recording_again_replaces_only_the_own_row(trio: Trio) -> None:
    for desirability in ("neutral", "desired"):
        judgement_record(
            result=result("R3"),
            party=Party.SPONSOR,
            desirability=desirability,
            share=None,
            confidence=None,
        )
    assert judgements("R3") == {
        "client": ("undesired", None, None),
        "sponsor": ("desired", None, None),
    }


@pytest.mark.parametrize(
    ("share", "confidence", "field"),
    [
        (Decimal("1.5"), Decimal("0.5"), "share"),
        (Decimal("-0.1"), Decimal("0.5"), "share"),
        (Decimal("0.5"), Decimal("2"), "confidence"),
        (Decimal("0.5"), None, "confidence"),
        (None, Decimal("0.5"), "share"),
    ],
)
def test_attribution_out_of_range_or_incomplete_is_explained(
    trio: Trio, share: Decimal | None, confidence: Decimal | None, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        judgement_record(
            result=result("R1"),
            party=Party.CLIENT,
            desirability="desired",
            share=share,
            confidence=confidence,
        )
    assert field in caught.value.message_dict
    assert judgements("R1")["client"] == ("desired", Decimal("0.600"), Decimal("0.800"))


def test_sponsor_cannot_judge_a_result_it_cannot_read(trio: Trio) -> None:
    with pytest.raises(Result.DoesNotExist):
        judgement_record(
            result=result("R2"),
            party=Party.SPONSOR,
            desirability="undesired",
            share=None,
            confidence=None,
        )
    assert "sponsor" not in judgements("R2")


# ---------------------------------------------------------------- the judgement form


def post(client: Client, trio: Trio, key: str, **data: Any) -> Any:
    values = {"desirability": "desired", "share": "", "confidence": ""}
    values.update(data)
    return client.post(judgement_url(trio, key), values)


def test_coach_judges_in_percentages_and_only_its_own_row_changes(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.bob)
    response = post(client, trio, "R1", desirability="undesired", share="40", confidence="75")
    assert response.status_code == 302
    assert response["Location"] == reverse("results:result", args=[trio.engagement.pk, "R1"])
    assert judgements("R1") == {
        "client": ("desired", Decimal("0.600"), Decimal("0.800")),
        "coach": ("undesired", Decimal("0.400"), Decimal("0.750")),
    }


def test_the_form_cannot_name_another_party(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    post(client, trio, "R1", desirability="undesired", party="client")
    assert judgements("R1")["client"][0] == "desired"
    assert judgements("R1")["coach"][0] == "undesired"


def test_a_share_of_150_percent_is_refused_with_the_values_kept(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post(client, trio, "R1", desirability="neutral", share="150", confidence="70")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Give a percentage from 0% to 100%." in html
    assert 'value="150"' in html and 'value="70"' in html
    neutral = html.split('value="neutral"')[1].split(">")[0]
    assert "checked" in neutral
    assert 'aria-describedby="id_share_helptext id_share_error"' in html
    assert "coach" not in judgements("R1")


def test_a_share_without_confidence_is_refused(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post(client, trio, "R1", share="40")
    assert response.status_code == 400
    assert "Say how confident you are of that share too" in response.content.decode()
    assert "coach" not in judgements("R1")


def test_a_share_that_is_no_number_is_explained(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    response = post(client, trio, "R1", share="veel", confidence="50")
    assert response.status_code == 400
    assert "Give a percentage as a number from 0 to 100" in response.content.decode()


def test_the_judgement_page_shows_the_own_values(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(judgement_url(trio, "R1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="60"' in html and 'value="80"' in html


def test_sponsor_judges_a_shared_result_but_gets_404_on_an_unshared_one(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.charlie)
    assert post(client, trio, "R1", desirability="desired").status_code == 302
    assert judgements("R1")["sponsor"] == ("desired", None, None)
    hidden = post(client, trio, "R2", desirability="undesired")
    assert hidden.status_code == 404
    assert UNSHARED_TEXT not in hidden.content.decode()
    assert client.get(judgement_url(trio, "R2")).status_code == 404
    assert "sponsor" not in judgements("R2")


def test_judgement_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert post(client, trio, "R1").status_code == 404
    assert logged_in(client, trio.alice).put(judgement_url(trio, "R1")).status_code == 405
