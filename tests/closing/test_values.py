"""Values of observable results: who may enter one (the policy's RESULT_VALUE), the page,
and the ROI that follows from it."""

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oogst.closing.services.values import result_value_set
from oogst.policy import Party
from oogst.results.models import Result
from tests import factories as f
from tests.parties import Trio, logged_in


def url(trio: Trio, key: str) -> str:
    return reverse("closing:result_value", args=[trio.engagement.pk, key])


def engagement_url(trio: Trio) -> str:
    """The page that shows the return on investment in full."""
    return reverse("closing:attainment", args=[trio.engagement.pk])


def value_of(trio: Trio, key: str) -> tuple[Decimal | None, str]:
    result = Result.objects.get(engagement=trio.engagement, key=key)
    return result.value_amount, result.value_unit


def shared_observable(trio: Trio) -> Result:
    """R4: the client's, shared with the sponsor, observable and for the organisation."""
    result: Result = f.ResultFactory(
        engagement=trio.engagement,
        key="R4",
        text="Het verzuim in het team is gedaald",
        evidence="observable",
        beneficiary="organisation",
        shared_with_sponsor=True,
        position=4,
    )
    f.JudgementFactory(result=result, party="client", share=Decimal("0.5"), confidence=Decimal(1))
    return result


def coach_observable(trio: Trio) -> Result:
    """R5: reported by the coach, observable."""
    result: Result = f.ResultFactory(
        engagement=trio.engagement,
        key="R5",
        text="Zes teamleden volgden zelf een training",
        reported_by="coach",
        evidence="observable",
        beneficiary="both",
        position=5,
    )
    return result


def without_tokens(html: bytes) -> str:
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html.decode())


def benefits(html: str) -> str:
    match = re.search(r'data-figure="benefits">\s*(.*?)\s*</dd>', html, re.S)
    assert match
    return match.group(1)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Services explain in the active language; these tests read the English."""
    with translation.override("en"):
        yield


# ---------------------------------------------------------------- the service


def test_the_coach_sets_a_value(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    result_value_set(result=r3, actor=Party.COACH, amount=Decimal("52000"), unit="EUR")
    assert value_of(trio, "R3") == (Decimal("52000"), "EUR")


def test_an_empty_unit_is_the_contracts_currency(trio: Trio) -> None:
    result = shared_observable(trio)
    result_value_set(result=result, actor=Party.CLIENT, amount=Decimal(800), unit=" ")
    assert value_of(trio, "R4") == (Decimal(800), "EUR")


def test_none_clears_the_value_and_its_unit(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    result_value_set(result=r3, actor=Party.SPONSOR, amount=None, unit="EUR")
    assert value_of(trio, "R3") == (None, "")


def test_a_negative_amount_is_a_cost_and_is_kept(trio: Trio) -> None:
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    result_value_set(result=r3, actor=Party.COACH, amount=Decimal("-1500"), unit="EUR")
    assert value_of(trio, "R3") == (Decimal("-1500"), "EUR")


def test_an_explicable_result_cannot_carry_a_value(trio: Trio) -> None:
    r1 = Result.objects.get(engagement=trio.engagement, key="R1")
    with pytest.raises(ValidationError) as raised:
        result_value_set(result=r1, actor=Party.CLIENT, amount=Decimal(100), unit="EUR")
    assert "Only an observable result can carry a value" in raised.value.message_dict["amount"][0]
    assert value_of(trio, "R1") == (None, "")


def test_the_client_cannot_value_the_coachs_result(trio: Trio) -> None:
    result = coach_observable(trio)
    with pytest.raises(PermissionDenied):
        result_value_set(result=result, actor=Party.CLIENT, amount=Decimal(10), unit="EUR")
    assert value_of(trio, "R5") == (None, "")


def test_the_sponsor_cannot_reach_an_unshared_result(trio: Trio) -> None:
    r2 = Result.objects.get(engagement=trio.engagement, key="R2")
    with pytest.raises(Result.DoesNotExist):
        result_value_set(result=r2, actor=Party.SPONSOR, amount=None, unit="")


def test_nobody_values_a_result_of_a_closed_engagement(trio: Trio) -> None:
    trio.engagement.closed_at = timezone.now()
    trio.engagement.save(update_fields=["closed_at"])
    r3 = Result.objects.get(engagement=trio.engagement, key="R3")
    with pytest.raises(PermissionDenied):
        result_value_set(result=r3, actor=Party.COACH, amount=Decimal(1), unit="EUR")


# ---------------------------------------------------------------- the page


def test_the_page_shows_the_form_with_the_currency_and_the_cost_hint(
    client: Client, trio: Trio
) -> None:
    response = logged_in(client, trio.bob).get(url(trio, "R3"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<label for="id_amount">' in html and '<label for="id_unit">' in html
    assert re.search(r'name="amount" value="40000', html)
    assert re.search(r'name="unit" value="EUR"', html)
    assert "A negative amount is a cost the coaching caused" in html
    assert 'aria-describedby="id_amount_helptext"' in html


def test_the_coach_sets_a_value_on_the_page(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(url(trio, "R3"), {"amount": "52000", "unit": ""})
    assert response.status_code == 302
    assert response["Location"] == url(trio, "R3")
    assert value_of(trio, "R3") == (Decimal("52000"), "EUR")


def test_the_sponsor_sets_a_value_on_a_shared_result(client: Client, trio: Trio) -> None:
    shared_observable(trio)
    response = logged_in(client, trio.charlie).post(
        url(trio, "R4"), {"amount": "6000", "unit": "EUR"}
    )
    assert response.status_code == 302
    assert value_of(trio, "R4") == (Decimal(6000), "EUR")


def test_the_sponsor_gets_404_on_an_unshared_result_as_on_a_missing_key(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.charlie)
    unshared = client.get(url(trio, "R2"))
    missing = client.get(url(trio, "R99"))
    assert unshared.status_code == missing.status_code == 404
    # The same page, but for the address in the language switch.
    assert without_tokens(unshared.content) == without_tokens(missing.content).replace("R99", "R2")
    assert client.post(url(trio, "R2"), {"amount": "1", "unit": "EUR"}).status_code == 404


def test_the_client_cannot_value_the_coachs_result_on_the_page(client: Client, trio: Trio) -> None:
    coach_observable(trio)
    logged_in(client, trio.alice)
    assert client.get(url(trio, "R5")).status_code == 403
    assert client.post(url(trio, "R5"), {"amount": "1", "unit": "EUR"}).status_code == 403
    assert value_of(trio, "R5") == (None, "")


def test_an_explicable_result_is_rejected_with_a_hint_for_its_reporter(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.alice)
    edit = reverse("results:result_edit", args=[trio.engagement.pk, "R1"])
    page = client.get(url(trio, "R1")).content.decode()
    assert "An explicable result cannot carry a value." in page
    assert f'href="{edit}"' in page
    response = client.post(url(trio, "R1"), {"amount": "2500", "unit": "EUR"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Only an observable result can carry a value" in html
    assert 'value="2500"' in html  # what she typed is kept
    assert value_of(trio, "R1") == (None, "")


def test_the_coach_is_told_only_the_reporter_can_mark_it_observable(
    client: Client, trio: Trio
) -> None:
    html = logged_in(client, trio.bob).get(url(trio, "R1")).content.decode()
    assert "An explicable result cannot carry a value." in html
    assert "Only the client, who reported it, can mark it observable." in html
    assert reverse("results:result_edit", args=[trio.engagement.pk, "R1"]) not in html


def test_an_amount_that_is_no_number_is_explained_and_kept(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(url(trio, "R3"), {"amount": "veel", "unit": "EUR"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Give the amount as a number" in html
    assert 'value="veel"' in html
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in html
    assert value_of(trio, "R3") == (Decimal("40000"), "EUR")


def test_an_empty_amount_removes_the_value(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).post(url(trio, "R3"), {"amount": "", "unit": "EUR"})
    assert response.status_code == 302
    assert value_of(trio, "R3") == (None, "")


def test_a_closed_engagement_refuses_the_page(client: Client, trio: Trio) -> None:
    trio.engagement.closed_at = timezone.now()
    trio.engagement.save(update_fields=["closed_at"])
    assert logged_in(client, trio.bob).get(url(trio, "R3")).status_code == 403


def test_wrong_method_is_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob)
    assert client.put(url(trio, "R3")).status_code == 405
    assert client.patch(url(trio, "R3")).status_code == 405


def test_an_outsider_gets_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(url(trio, "R3")).status_code == 404
    assert client.post(url(trio, "R3"), {"amount": "1", "unit": "EUR"}).status_code == 404
    assert value_of(trio, "R3") == (Decimal("40000"), "EUR")


# ---------------------------------------------------------------- the ROI follows


def test_benefits_change_after_the_sponsor_enters_a_value(client: Client, trio: Trio) -> None:
    logged_in(client, trio.charlie)
    # R3: 40,000 x the sponsor's 30% x 60% = 7,200.
    assert benefits(client.get(engagement_url(trio)).content.decode()) == "€7,200"
    client.post(url(trio, "R3"), {"amount": "50000", "unit": "EUR"})
    html = client.get(engagement_url(trio)).content.decode()
    assert benefits(html) == "€9,000"
    assert "€50,000 × share 30% × confidence 60% = €9,000" in html
    # The value page shows the new return at once too.
    assert benefits(client.get(url(trio, "R3")).content.decode()) == "€9,000"


def test_a_value_in_another_unit_does_not_count_and_says_why(client: Client, trio: Trio) -> None:
    logged_in(client, trio.bob).post(url(trio, "R3"), {"amount": "12", "unit": "uur per week"})
    html = client.get(engagement_url(trio)).content.decode()
    assert benefits(html) == "€0"
    assert re.search(r'data-key="R3"\s+data-reason="other_currency"', html)
    assert "Its value is in uur per week, not in EUR, the currency of the costs." in html
