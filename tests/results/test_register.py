"""The results register's write side: one result's page, adding and correcting a result,
and the sponsor's view as a preview. Judgements and consent have their own test files."""

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oogst.closing.services.conversation import engagement_close
from oogst.policy import Party
from oogst.results.models import Judgement, Result
from oogst.results.services.register import result_next_key, result_record, result_update
from tests import factories as f
from tests.parties import SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in

HTMX = {"HTTP_HX_REQUEST": "true"}


def without_tokens(html: bytes) -> str:
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


def result_url(trio: Trio, key: str) -> str:
    return reverse("results:result", args=[trio.engagement.pk, key])


def new_url(trio: Trio) -> str:
    return reverse("results:result_new", args=[trio.engagement.pk])


def edit_url(trio: Trio, key: str) -> str:
    return reverse("results:result_edit", args=[trio.engagement.pk, key])


def preview_url(trio: Trio) -> str:
    return reverse("results:sponsor_preview", args=[trio.engagement.pk])


def form_data(**changes: Any) -> dict[str, Any]:
    data = {
        "text": "Ik zeg vaker nee tegen vergaderingen zonder agenda",
        "goal_keys": ["G1"],
        "expected": "auto",
        "meaning": "effect",
        "beneficiary": "client",
        "evidence": "explicable",
        "value_amount": "",
        "value_unit": "",
        "desirability": "desired",
        "source": "session",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def record(trio: Trio, actor: Party = Party.CLIENT, **changes: Any) -> Result:
    arguments: dict[str, Any] = {
        "engagement": trio.engagement,
        "actor": actor,
        "text": "Een nieuw resultaat",
        "goal_keys": [],
        "meaning": "effect",
        "beneficiary": "client",
        "evidence": "explicable",
    }
    arguments.update(changes)
    return result_record(**arguments)


# ---------------------------------------------------------------- result_record


def test_keys_continue_the_r_numbering(trio: Trio) -> None:
    f.ResultFactory(engagement=trio.engagement, key="R9", position=9)
    f.ResultFactory(engagement=trio.engagement, key="extra", position=10)
    assert result_next_key(engagement_id=trio.engagement.pk) == "R10"
    result = record(trio)
    assert result.key == "R10"
    others = Result.objects.exclude(pk=result.pk).values_list("position", flat=True)
    assert result.position == max(others) + 1  # last in the register
    assert record(trio).key == "R11"


def test_expected_follows_the_goal_links_by_default(trio: Trio) -> None:
    assert record(trio, goal_keys=["G1"]).expected is True
    assert record(trio, goal_keys=[]).expected is False


def test_expected_can_be_overridden_either_way(trio: Trio) -> None:
    assert record(trio, goal_keys=[], expected=True).expected is True
    assert record(trio, goal_keys=["G2"], expected=False).expected is False


def test_recording_stores_the_reporters_own_desirability_only(trio: Trio) -> None:
    result = record(trio, actor=Party.COACH, desirability="undesired", source="closing")
    assert result.reported_by == "coach" and result.source == "closing"
    assert not result.shared_with_sponsor
    judgements = list(Judgement.objects.filter(result=result).values_list("party", "desirability"))
    assert judgements == [("coach", "undesired")]


def test_an_explicable_result_cannot_carry_a_value(trio: Trio) -> None:
    with pytest.raises(ValidationError) as caught:
        record(trio, evidence="explicable", value_amount=Decimal("100"), value_unit="EUR")
    assert "value_amount" in caught.value.message_dict
    assert not Result.objects.filter(text="Een nieuw resultaat").exists()


def test_an_observable_result_carries_a_value_with_its_unit(trio: Trio) -> None:
    result = record(trio, evidence="observable", value_amount=Decimal("2500"), value_unit="EUR")
    assert result.value_amount == Decimal("2500") and result.value_unit == "EUR"
    with pytest.raises(ValidationError) as caught:
        record(trio, evidence="observable", value_amount=Decimal("5"))
    assert "value_unit" in caught.value.message_dict


def test_the_database_also_refuses_a_value_on_an_explicable_result(trio: Trio) -> None:
    with pytest.raises(IntegrityError):
        Result.objects.filter(key="R1").update(value_amount=Decimal("1"), value_unit="EUR")


def test_unknown_goal_and_empty_text_are_explained(trio: Trio) -> None:
    with pytest.raises(ValidationError) as caught:
        record(trio, text="   ", goal_keys=["G7"])
    assert set(caught.value.message_dict) == {"text"}
    with pytest.raises(ValidationError) as caught:
        record(trio, goal_keys=["G7"])
    assert "G7" in caught.value.message_dict["goal_keys"][0]


def test_sponsor_cannot_link_goals_the_contract_hides(trio: Trio) -> None:
    trio.engagement.contract.sponsor_may_see = []
    trio.engagement.contract.save()
    with pytest.raises(ValidationError) as caught:
        record(trio, actor=Party.SPONSOR, goal_keys=["G1"])
    assert "goal_keys" in caught.value.message_dict
    assert record(trio, actor=Party.SPONSOR).reported_by == "sponsor"


# ---------------------------------------------------------------- result_update


def test_only_the_reporter_updates_a_result(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    arguments: dict[str, Any] = {
        "text": "Veranderd",
        "goal_keys": [],
        "meaning": "outcome",
        "beneficiary": "organisation",
        "evidence": "observable",
    }
    with pytest.raises(PermissionDenied):
        result_update(result=r3, actor=Party.CLIENT, **arguments)
    updated = result_update(result=r3, actor=Party.SPONSOR, **arguments)
    assert updated.text == "Veranderd" and updated.value_amount is None


def test_sponsor_cannot_update_a_result_it_may_not_read(trio: Trio) -> None:
    r2 = Result.objects.get(engagement=trio.engagement, key="R2")
    with pytest.raises(Result.DoesNotExist):
        result_update(
            result=r2,
            actor=Party.SPONSOR,
            text="x",
            goal_keys=[],
            meaning="effect",
            beneficiary="client",
            evidence="explicable",
        )


# ---------------------------------------------------------------- the result page


def test_client_reads_a_result_with_its_distinctions_and_judgements(
    client: Client, trio: Trio
) -> None:
    response = logged_in(client, trio.alice).get(result_url(trio, "R1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert SHARED_TEXT in html
    assert "Reported by Alice Aarts (client), in: end report" in html
    assert "Werk en privé weer in evenwicht brengen" in html  # the goal it achieves
    assert "60%" in html and "80%" in html and "48%" in html  # share times confidence
    assert "Edit the result" in html
    assert reverse("results:consent", args=[trio.engagement.pk, "R1"]) in html


def test_disagreement_is_highlighted_on_the_result_page(client: Client, trio: Trio) -> None:
    html = logged_in(client, trio.bob).get(result_url(trio, "R3")).content.decode()
    assert "result--disagreement" in html
    assert "The parties disagree on this result" in html
    assert "Client: undesired." in html and "Sponsor: desired." in html
    assert "judgement--contested" in html
    calm = logged_in(client, trio.bob).get(result_url(trio, "R1")).content.decode()
    assert "result--disagreement" not in calm and "judgement--contested" not in calm


def test_sponsor_reads_a_shared_result_with_every_judgement(client: Client, trio: Trio) -> None:
    f.JudgementFactory(
        result=Result.objects.get(key="R1"),
        party="coach",
        desirability="neutral",
        share=Decimal("0.25"),
        confidence=Decimal("0.5"),
    )
    response = logged_in(client, trio.charlie).get(result_url(trio, "R1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert SHARED_TEXT in html
    assert "48%" in html  # the client's share times confidence
    assert "13%" in html  # the coach's 25% times 50%
    assert "neutral" in html
    assert "Edit the result" not in html  # not the sponsor's result
    assert reverse("results:consent", args=[trio.engagement.pk, "R1"]) not in html


def test_sponsor_gets_the_same_404_for_an_unshared_result_and_a_missing_key(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.charlie)
    hidden = client.get(result_url(trio, "R2"))
    missing = client.get(result_url(trio, "R99"))
    assert hidden.status_code == missing.status_code == 404
    # The same page, but for the address itself (the language switch returns to it).
    same = without_tokens(missing.content).replace("/results/R99/", "/results/R2/")
    assert without_tokens(hidden.content) == same
    assert UNSHARED_TEXT not in hidden.content.decode()
    assert client.get(result_url(trio, "R3")).status_code == 200  # its own result


def test_result_page_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.dave).get(result_url(trio, "R1")).status_code == 404
    assert logged_in(client, trio.alice).post(result_url(trio, "R1")).status_code == 405


def test_result_page_needs_a_login(client: Client, trio: Trio) -> None:
    response = client.get(result_url(trio, "R1"))
    assert response.status_code == 302 and "login" in response["Location"]


# ---------------------------------------------------------------- adding a result


def test_the_new_result_form_has_sensible_defaults(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(new_url(trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="goal-pick-G1"' in html and 'id="goal-pick-G2"' in html
    for name, value in (
        ("expected", "auto"),
        ("beneficiary", "client"),
        ("evidence", "explicable"),
        ("desirability", "desired"),
    ):
        assert f'name="{name}" value="{value}"' in html
        checked = html.split(f'name="{name}" value="{value}"')[1].split(">")[0]
        assert "checked" in checked, name
    assert reverse("results:suggest_goals", args=[trio.engagement.pk]) in html
    assert html.count("<h1") == 1


def test_client_adds_a_result_and_lands_on_its_page(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(new_url(trio), form_data())
    assert response.status_code == 302
    assert response["Location"] == result_url(trio, "R4")
    result = Result.objects.get(engagement=trio.engagement, key="R4")
    assert result.reported_by == "client" and result.source == "session"
    assert result.expected is True
    assert [g.key for g in result.goals.all()] == ["G1"]
    assert result.judgements.get().desirability == "desired"


def test_expected_follows_the_goals_in_the_form_with_an_explicit_override(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.bob)
    client.post(new_url(trio), form_data(goal_keys=[], text="Onverwacht"))
    client.post(new_url(trio), form_data(goal_keys=[], text="Toch verwacht", expected="expected"))
    client.post(new_url(trio), form_data(goal_keys=["G2"], text="Toch niet", expected="unexpected"))
    expected = dict(Result.objects.filter(reported_by="coach").values_list("text", "expected"))
    assert expected == {"Onverwacht": False, "Toch verwacht": True, "Toch niet": False}


def test_a_value_on_an_explicable_result_is_refused_and_the_input_kept(
    client: Client, trio: Trio
) -> None:
    data = form_data(value_amount="1500", value_unit="EUR", text="Mijn getypte tekst")
    response = logged_in(client, trio.alice).post(new_url(trio), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Only an observable result carries a value." in html
    assert "Mijn getypte tekst" in html and 'value="1500"' in html and 'value="EUR"' in html
    assert "has-value-error" in html  # the value fields stay visible with their error
    assert 'aria-describedby="id_value_amount_error' in html or "id_value_amount_error" in html
    assert not Result.objects.filter(text="Mijn getypte tekst").exists()


def test_an_observable_result_with_a_value_is_added(client: Client, trio: Trio) -> None:
    data = form_data(evidence="observable", value_amount="1500", value_unit="EUR", goal_keys=[])
    response = logged_in(client, trio.charlie).post(new_url(trio), data)
    assert response.status_code == 302
    result = Result.objects.get(key="R4")
    assert result.value_amount == Decimal("1500") and result.reported_by == "sponsor"


def test_an_empty_text_is_explained(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(new_url(trio), form_data(text=""))
    assert response.status_code == 400
    assert "Describe the result in a sentence or two." in response.content.decode()


def test_new_result_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.dave).get(new_url(trio)).status_code == 404
    assert logged_in(client, trio.dave).post(new_url(trio), form_data()).status_code == 404
    assert logged_in(client, trio.alice).put(new_url(trio)).status_code == 405
    assert not Result.objects.filter(key="R4").exists()


# ---------------------------------------------------------------- editing a result


def test_reporter_edits_the_distinctions(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    form = client.get(edit_url(trio, "R1")).content.decode()
    assert SHARED_TEXT in form and "Reported" not in form.split("<form")[1].split("</form>")[0]
    response = client.post(
        edit_url(trio, "R1"),
        form_data(text="Bijgewerkt", goal_keys=["G2"], beneficiary="both", source=None),
    )
    assert response.status_code == 302
    r1 = Result.objects.get(key="R1")
    assert r1.text == "Bijgewerkt" and r1.beneficiary == "both" and r1.source == "end_report"
    assert [g.key for g in r1.goals.all()] == ["G2"]
    assert r1.shared_with_sponsor  # editing does not touch the client's consent


def test_client_cannot_edit_the_coachs_result(client: Client, trio: Trio) -> None:
    coach_result = f.ResultFactory(
        engagement=trio.engagement, key="R4", reported_by="coach", text="Van de coach"
    )
    logged_in(client, trio.alice)
    assert client.get(edit_url(trio, "R4")).status_code == 403
    assert client.post(edit_url(trio, "R4"), form_data(text="Gekaapt")).status_code == 403
    coach_result.refresh_from_db()
    assert coach_result.text == "Van de coach"
    assert "Edit the result" not in client.get(result_url(trio, "R4")).content.decode()


def test_sponsor_edit_of_an_unshared_result_is_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.charlie)
    assert client.get(edit_url(trio, "R2")).status_code == 404
    assert client.get(edit_url(trio, "R1")).status_code == 403  # readable, not its own
    assert client.get(edit_url(trio, "R3")).status_code == 200  # its own


def test_edit_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.dave).get(edit_url(trio, "R1")).status_code == 404
    assert logged_in(client, trio.alice).delete(edit_url(trio, "R1")).status_code == 405


def test_edit_form_shows_the_override_when_expected_differs_from_the_goals(
    client: Client, trio: Trio
) -> None:
    f.ResultFactory(engagement=trio.engagement, key="R4", expected=True, text="Zonder doel")
    html = logged_in(client, trio.alice).get(edit_url(trio, "R4")).content.decode()
    checked = html.split('name="expected" value="expected"')[1].split(">")[0]
    assert "checked" in checked


# ---------------------------------------------------------------- preview as sponsor


def test_preview_as_sponsor_shows_what_the_sponsor_sees(client: Client, trio: Trio) -> None:
    for person in (trio.alice, trio.bob):
        response = logged_in(client, person).get(preview_url(trio))
        html = response.content.decode()
        assert response.status_code == 200
        assert "This is what the sponsor sees now" in html
        assert SHARED_TEXT in html and SPONSOR_TEXT in html
        assert UNSHARED_TEXT not in html
        assert "The sponsor sees 2 results." in html
        assert "1 result exists that it may not read" in html


def test_preview_follows_the_clients_consent(client: Client, trio: Trio) -> None:
    Result.objects.filter(key="R2").update(shared_with_sponsor=True)
    html = logged_in(client, trio.alice).get(preview_url(trio)).content.decode()
    assert UNSHARED_TEXT in html and "The sponsor sees 3 results." in html
    assert "may not read" not in html


def test_preview_is_not_for_the_sponsor(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.charlie).get(preview_url(trio)).status_code == 403
    assert logged_in(client, trio.dave).get(preview_url(trio)).status_code == 404
    assert logged_in(client, trio.alice).post(preview_url(trio)).status_code == 405


# ---------------------------------------------------------------- goal suggestions


def suggest(client: Client, trio: Trio, text: str) -> Any:
    url = reverse("results:suggest_goals", args=[trio.engagement.pk])
    return client.get(url, {"text": text}, **HTMX)


def test_suggestions_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    assert suggest(logged_in(client, trio.dave), trio, "evenwicht").status_code == 404
    url = reverse("results:suggest_goals", args=[trio.engagement.pk])
    assert logged_in(client, trio.alice).post(url).status_code == 405


def test_suggestions_for_empty_text_are_empty(client: Client, trio: Trio) -> None:
    response = suggest(logged_in(client, trio.alice), trio, "  ")
    assert response.status_code == 200
    assert "goal-pick-" not in response.content.decode()


def test_suggestions_list_the_fitting_goals_best_first(client: Client, trio: Trio) -> None:
    f.GoalFactory(engagement=trio.engagement, key="G3", text="Minder overuren maken", position=3)
    logged_in(client, trio.alice)
    text = "Ik ben vaker thuis bij het gezin en maak minder overuren"
    html = suggest(client, trio, text).content.decode()
    assert "<html" not in html
    order = re.findall(r'for="goal-pick-(G\d)"', html)
    assert order == ["G3", "G1"]  # G2 does not fit at all and is left out
    assert "probably unexpected" not in html
    other = suggest(client, trio, "Ik geef nu coachend leiding aan mijn team").content.decode()
    assert re.findall(r'for="goal-pick-(G\d)"', other)[0] == "G2"


def test_a_result_no_goal_fits_is_probably_unexpected(client: Client, trio: Trio) -> None:
    text = "De bonus is uitbetaald na de onderhandeling met de directeur"
    html = suggest(logged_in(client, trio.alice), trio, text).content.decode()
    assert "probably unexpected" in html
    assert "goal-pick-" not in html


def test_sponsor_gets_no_suggestions_when_the_contract_hides_the_goals(
    client: Client, trio: Trio
) -> None:
    text = "Ik ben vaker thuis bij het gezin"
    assert "goal-pick-G1" in suggest(logged_in(client, trio.charlie), trio, text).content.decode()
    trio.engagement.contract.sponsor_may_see = []
    trio.engagement.contract.save()
    html = suggest(client, trio, text).content.decode()
    assert "goal-pick-" not in html and "Werk en privé" not in html


def test_preview_costs_the_same_queries_however_many_results(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    with CaptureQueriesContext(connection) as few:
        assert client.get(preview_url(trio)).status_code == 200
    for n in range(10):
        result = f.ResultFactory(
            engagement=trio.engagement, key=f"R{n + 10}", shared_with_sponsor=True
        )
        f.JudgementFactory(result=result, party="client")
        result.goals.add(trio.engagement.goals.get(key="G1"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(preview_url(trio)).status_code == 200
    assert len(many) == len(few)


# ---------------------------------------------------------------- a closed engagement


@pytest.mark.parametrize("who", ["alice", "bob", "charlie"])
def test_a_closed_engagement_offers_and_takes_no_new_result(
    client: Client, trio: Trio, who: str
) -> None:
    engagement_close(engagement=trio.engagement, actor=Party.COACH, person=trio.bob)
    logged_in(client, getattr(trio, who))
    page = client.get(reverse("closing:engagement", args=[trio.engagement.pk])).content.decode()
    assert new_url(trio) not in page
    before = Result.objects.count()
    for response in (client.get(new_url(trio)), client.post(new_url(trio), form_data())):
        assert response.status_code == 403
        assert "This engagement is closed, so no result can be added" in response.content.decode()
    assert Result.objects.count() == before
