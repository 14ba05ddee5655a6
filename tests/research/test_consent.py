"""Research consent: the client and the sponsor each give and withdraw their own."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from oogst.research import dataset
from oogst.research.aggregates import stats
from oogst.research.models import ResearchConsent
from oogst.research.selectors import included_engagements
from oogst.research.services.consent import (
    may_consent,
    research_consent_give,
    research_consent_withdraw,
)
from tests.parties import Trio, logged_in


def url(trio: Trio) -> str:
    return reverse("research:consent", args=[trio.engagement.pk])


def active(trio: Trio) -> set[str]:
    return set(
        ResearchConsent.objects.filter(
            engagement=trio.engagement, withdrawn_on__isnull=True
        ).values_list("party", flat=True)
    )


# ---------------------------------------------------------------- services


def test_only_client_and_sponsor_consent() -> None:
    assert may_consent("client") and may_consent("sponsor")
    assert not may_consent("coach") and not may_consent(None)


def test_giving_and_withdrawing_is_recorded_with_dates(trio: Trio) -> None:
    given = research_consent_give(
        engagement=trio.engagement, party="client", on=dt.date(2026, 10, 1)
    )
    assert given.given_on == dt.date(2026, 10, 1) and given.withdrawn_on is None

    withdrawn = research_consent_withdraw(engagement=trio.engagement, party="client")

    assert withdrawn.pk == given.pk
    assert withdrawn.withdrawn_on is not None and withdrawn.withdrawn_on >= given.given_on
    again = research_consent_give(engagement=trio.engagement, party="client")
    assert again.pk == given.pk and again.withdrawn_on is None


def test_the_coach_cannot_consent_for_the_parties(trio: Trio) -> None:
    with override("en"), pytest.raises(ValidationError, match="Only the client and the sponsor"):
        research_consent_give(engagement=trio.engagement, party="coach")
    assert not ResearchConsent.objects.exists()


def test_a_second_consent_and_a_withdrawal_without_consent_are_refused(trio: Trio) -> None:
    with override("en"), pytest.raises(ValidationError, match="no consent of yours"):
        research_consent_withdraw(engagement=trio.engagement, party="sponsor")
    research_consent_give(engagement=trio.engagement, party="sponsor")
    with override("en"), pytest.raises(ValidationError, match="already gave"):
        research_consent_give(engagement=trio.engagement, party="sponsor")


def test_the_engagement_enters_research_only_with_both_consents(trio: Trio) -> None:
    research_consent_give(engagement=trio.engagement, party="client")
    assert not included_engagements().exists()
    research_consent_give(engagement=trio.engagement, party="sponsor")
    assert list(included_engagements()) == [trio.engagement]
    assert stats(k=None)["engagements"] == 1

    research_consent_withdraw(engagement=trio.engagement, party="client")

    assert not included_engagements().exists()
    assert stats(k=None)["engagements"] == 0


def test_an_engagement_without_or_with_withdrawn_consent_is_in_no_export(trio: Trio) -> None:
    def exported() -> int:
        return sum(1 for _row in dataset.dataset_rows(k=1))

    assert exported() == 0  # no consent yet
    research_consent_give(engagement=trio.engagement, party="client")
    research_consent_give(engagement=trio.engagement, party="sponsor")
    assert exported() == trio.engagement.results.count() > 0

    research_consent_withdraw(engagement=trio.engagement, party="sponsor")

    assert exported() == 0


# ---------------------------------------------------------------- the page


def test_the_client_gives_consent_on_the_page(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    page = client.get(url(trio))
    assert page.status_code == 200
    assert "Give my consent" in page.content.decode()

    response = client.post(url(trio), {"action": "give", "agree": "on"})

    assert response.status_code == 302
    assert active(trio) == {"client"}
    after = client.get(url(trio)).content.decode()
    assert "Withdraw my consent" in after
    assert "This engagement is not used in practice research." in after


def test_the_sponsor_withdraws_its_own_consent(client: Client, trio: Trio) -> None:
    research_consent_give(engagement=trio.engagement, party="client")
    research_consent_give(engagement=trio.engagement, party="sponsor")
    logged_in(client, trio.charlie)
    assert "This engagement is used in practice research." in client.get(url(trio)).content.decode()

    response = client.post(url(trio), {"action": "withdraw"})

    assert response.status_code == 302
    assert active(trio) == {"client"}


def test_giving_without_the_tick_explains_and_keeps_nothing(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)

    response = client.post(url(trio), {"action": "give"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Tick the box to give your consent." in html
    assert 'aria-describedby="id_agree_error"' in html
    assert not ResearchConsent.objects.exists()


def test_a_second_consent_on_the_page_is_explained(client: Client, trio: Trio) -> None:
    research_consent_give(engagement=trio.engagement, party="client", on=dt.date(2026, 10, 1))
    logged_in(client, trio.alice)

    response = client.post(url(trio), {"action": "give", "agree": "on"})

    assert response.status_code == 400
    assert "You already gave your consent" in response.content.decode()


def test_the_coach_sees_the_status_but_cannot_consent(client: Client, trio: Trio) -> None:
    research_consent_give(engagement=trio.engagement, party="client", on=dt.date(2026, 10, 1))
    logged_in(client, trio.bob)

    page = client.get(url(trio)).content.decode()
    assert "consented on" in page and "has not consented" in page
    assert "Give my consent" not in page and "Withdraw my consent" not in page

    assert client.post(url(trio), {"action": "give", "agree": "on"}).status_code == 403
    assert client.post(url(trio), {"action": "withdraw"}).status_code == 403
    assert active(trio) == {"client"}


def test_an_outsider_gets_404(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(url(trio)).status_code == 404
    assert client.post(url(trio), {"action": "give", "agree": "on"}).status_code == 404
    assert not ResearchConsent.objects.exists()


def test_anonymous_is_sent_to_log_in(client: Client, trio: Trio) -> None:
    response = client.get(url(trio))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_wrong_method_is_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    assert client.put(url(trio)).status_code == 405
    assert client.delete(url(trio)).status_code == 405
