"""A freshly started engagement has no terms yet: the coach proposes them on the contract page."""

from decimal import Decimal

from django.test import Client
from django.urls import reverse

from oogst.contracting.models import Contract
from oogst.engagements.services import engagement_start
from tests import factories as f


def test_the_contract_page_of_a_new_engagement_invites_the_first_proposal(
    db: None, client: Client
) -> None:
    coach = f.UserFactory(email="coach@example.com", is_coach=True)
    engagement = engagement_start(coach=coach, title="Nieuw traject", organisation="Acme")
    client.force_login(coach)
    url = reverse("contracting:contract", args=[engagement.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "sessions_planned": "10",
            "costs_amount": "3000",
            "currency": "EUR",
            "sponsor_may_see": ["goals", "sessions_held"],
            "rho": "0.3",
        },
    )
    assert response.status_code in (200, 302)
    contract = Contract.objects.get(engagement=engagement)
    assert contract.costs_amount == Decimal("3000")
