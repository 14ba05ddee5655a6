"""Aligning expectations: each party states its own, everyone sees where they diverge."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from oogst.contracting.models import Expectation
from oogst.contracting.phrasing import divergence_sentences
from oogst.contracting.services.expectations import alignment_for, expectation_state
from oogst.engagements.frame import frame_of
from oogst.policy import Party
from tests import factories as f
from tests.parties import Trio, logged_in


def url(trio: Trio) -> str:
    return reverse("contracting:expectations", args=[trio.engagement.pk])


# ---------------------------------------------------------------- the service


def test_a_party_states_its_own_expectations(trio: Trio) -> None:
    expectation = expectation_state(
        engagement=trio.engagement,
        party=Party.SPONSOR,
        actor=Party.SPONSOR,
        meanings=["financial", "performance", "financial"],
        text="  Minder verzuim in het team.  ",
    )
    expectation.refresh_from_db()
    # Canonical order, no duplicates, stripped text; restating replaces the earlier one.
    assert expectation.meanings == ["performance", "financial"]
    assert expectation.text == "Minder verzuim in het team."
    assert Expectation.objects.filter(engagement=trio.engagement, party="sponsor").count() == 1


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.COACH])
def test_nobody_states_another_partys_expectations(trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        expectation_state(
            engagement=trio.engagement,
            party=Party.SPONSOR,
            actor=actor,
            meanings=["financial"],
            text="",
        )
    assert Expectation.objects.get(engagement=trio.engagement, party="sponsor").meanings == [
        "effect",
        "financial",
    ]


def test_an_empty_statement_and_an_unknown_meaning_are_refused(trio: Trio) -> None:
    with pytest.raises(ValidationError):
        expectation_state(
            engagement=trio.engagement,
            party=Party.CLIENT,
            actor=Party.CLIENT,
            meanings=[],
            text=" ",
        )
    with pytest.raises(ValidationError):
        expectation_state(
            engagement=trio.engagement,
            party=Party.CLIENT,
            actor=Party.CLIENT,
            meanings=["happiness"],
            text="",
        )


def test_alignment_names_who_is_missing_and_what_is_shared(trio: Trio) -> None:
    Expectation.objects.filter(engagement=trio.engagement, party="coach").delete()
    alignment = alignment_for(frame_of(person=trio.charlie, engagement_id=trio.engagement.pk))  # type: ignore[arg-type]
    assert alignment.missing == ("coach",)
    assert alignment.shared == ("effect",)
    assert [p.party for p in alignment.parties] == ["client", "coach", "sponsor"]
    assert [p.stated for p in alignment.parties] == [True, False, True]


def test_divergences_are_phrased_in_english() -> None:
    alignment = {
        "meanings": {
            "client": ["effect", "success"],
            "coach": ["effect", "product"],
            "sponsor": ["effect", "financial"],
        },
        "shared": ["effect"],
        "divergent": True,
    }
    with translation.override("en"):
        sentences = divergence_sentences(alignment)
    assert sentences == [
        "The coach thinks of results as a product; neither the client nor the sponsor does.",
        "The client thinks of results as success achieved; neither the coach nor the sponsor does.",
        "The sponsor thinks of financial results; neither the client nor the coach does.",
    ]


def test_divergences_are_phrased_in_dutch(trio: Trio) -> None:
    with translation.override("nl"):
        alignment = alignment_for(frame_of(person=trio.alice, engagement_id=trio.engagement.pk))  # type: ignore[arg-type]
    assert "De opdrachtgever denkt aan financieel resultaat; de klant en de coach niet." in (
        alignment.divergences
    )


# ---------------------------------------------------------------- the page


def test_every_party_sees_all_expectations_and_the_divergences(client: Client, trio: Trio) -> None:
    Expectation.objects.filter(engagement=trio.engagement, party="sponsor").update(
        text="Een beter functionerende afdeling"
    )
    response = logged_in(client, trio.charlie).get(url(trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Een beter functionerende afdeling" in html
    assert "The sponsor thinks of financial results; neither the client nor the coach does." in html
    # The sponsor's own choices are ticked in its form.
    assert 'value="financial" id="id_meanings_6" checked' in html


def test_the_page_says_who_has_not_stated_expectations(client: Client, trio: Trio) -> None:
    Expectation.objects.filter(engagement=trio.engagement, party="coach").delete()
    html = logged_in(client, trio.alice).get(url(trio)).content.decode()
    assert "The coach has not stated expectations yet." in html


def test_a_party_states_expectations_in_its_own_login(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).post(
        url(trio), {"party": "sponsor", "meanings": ["performance"], "text": "Een hogere score"}
    )
    assert response.status_code == 302
    stated = Expectation.objects.get(engagement=trio.engagement, party="sponsor")
    assert stated.meanings == ["performance"]
    assert stated.text == "Een hogere score"


def test_sponsor_cannot_state_the_clients_expectations(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).post(
        url(trio), {"party": "client", "meanings": ["financial"], "text": "Geld"}
    )
    assert response.status_code == 403
    assert Expectation.objects.get(engagement=trio.engagement, party="client").meanings == [
        "effect",
        "success",
    ]


def test_an_empty_statement_keeps_the_page_and_explains(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(url(trio), {"party": "client", "text": "  "})
    assert response.status_code == 400
    assert "Choose at least one meaning" in response.content.decode()


def test_outsider_gets_404(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.dave).get(url(trio)).status_code == 404
    assert logged_in(client, trio.dave).post(url(trio), {"text": "x"}).status_code == 404


def test_expectations_refuse_put(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.alice).put(url(trio)).status_code == 405


def test_anonymous_is_sent_to_login(client: Client, trio: Trio) -> None:
    response = client.get(url(trio))
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_a_party_without_expectations_of_a_new_engagement_sees_an_empty_form(
    client: Client, db: None
) -> None:
    engagement = f.EngagementFactory()
    person = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=person, party="client")
    html = (
        logged_in(client, person)
        .get(reverse("contracting:expectations", args=[engagement.pk]))
        .content.decode()
    )
    assert "State your expectations" in html
    assert "Nobody has stated expectations yet." in html
