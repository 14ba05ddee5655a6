"""Numbers follow the reader's language: "€ 3.600" and "1.500,5" in Dutch, "€3,600" and
"1,500.5" in English; never a raw "3600.00". A number input keeps the dot its `value`
needs (the browser shows it in the reader's format); a text input shows the number in the
reader's format, as its form reads it back."""

import re
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from oogst.contracting.models import ContractAcceptance, Goal
from oogst.contracting.services.amendments import amendment_propose
from oogst.policy import Party
from tests.parties import Trio, logged_in

RAW = re.compile(r"(?<![\d.,])(3600|40000|1500)([.,]\d+)?(?![\d])")


def visible(html: str) -> str:
    """The text a person reads: no tags, so no attribute values."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page(client: Client, name: str, trio: Trio, *args: object) -> str:
    response = client.get(reverse(name, args=[trio.engagement.pk, *args]))
    assert response.status_code == 200, name
    return response.content.decode()


def test_amounts_and_weights_in_dutch(client: Client, trio: Trio) -> None:
    amendment_propose(
        goal=Goal.objects.get(engagement=trio.engagement, key="G1"),
        actor=Party.COACH,
        person=trio.bob,
        reason="Zwaarder",
        weight=Decimal("1500.5"),
    )
    Goal.objects.filter(engagement=trio.engagement, key="G2").update(weight=Decimal("1250.75"))
    logged_in(client, trio.alice, language="nl")
    contract = page(client, "contracting:contract", trio)
    assert "€ 3.600" in contract
    assert "1.500,5" in visible(contract)  # the amendment's new weight
    assert "gewicht 1.250,75" in visible(contract)  # a goal's weight
    engagement = page(client, "closing:engagement", trio)
    assert "€ 40.000" in engagement
    for html in (contract, engagement, page(client, "results:result", trio, "R3")):
        assert not RAW.search(visible(html)), RAW.search(visible(html))


def test_amounts_and_weights_in_english(client: Client, trio: Trio) -> None:
    amendment_propose(
        goal=Goal.objects.get(engagement=trio.engagement, key="G1"),
        actor=Party.COACH,
        person=trio.bob,
        reason="Heavier",
        weight=Decimal("1500.5"),
    )
    logged_in(client, trio.alice, language="en")
    contract = visible(page(client, "contracting:contract", trio))
    assert "€3,600" in contract and "1,500.5" in contract
    assert not RAW.search(contract)


def test_the_confirmation_of_the_contract_in_dutch(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement).delete()
    logged_in(client, trio.alice, language="nl")
    response = client.post(reverse("contracting:contract_accept", args=[trio.engagement.pk]))
    text = visible(response.content.decode())
    assert "€ 3.600" in text and "0,30" in text  # the costs and rho
    assert not RAW.search(text)


def test_inputs_keep_what_their_type_needs_in_dutch(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement).delete()
    logged_in(client, trio.bob, language="nl")
    terms = page(client, "contracting:contract", trio)
    assert re.search(r'type="number" name="costs_amount" value="3600.00"', terms)
    value = page(client, "closing:result_value", trio, "R3")
    assert re.search(r'type="text" name="amount" value="40000,00"', value)
