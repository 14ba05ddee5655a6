"""The contract: the coach proposes the terms, every party accepts in its own login."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from oogst.contracting.models import Contract, ContractAcceptance, Expectation, Goal
from oogst.contracting.selectors import contract_in_force, sponsor_view
from oogst.contracting.services.contract import contract_accept, contract_update
from oogst.engagements.models import Engagement
from oogst.policy import DEFAULT_SPONSOR_VIEW, Party
from tests import factories as f
from tests.contracting.confirm import accept_confirmed, version_on
from tests.parties import GOAL_TEXTS, Trio, logged_in

TERMS = {
    "sessions_planned": 10,
    "costs_amount": Decimal("3000"),
    "currency": "EUR",
    "sponsor_may_see": ["goals", "sessions_held"],
    "rho": Decimal("0.3"),
}


@pytest.fixture
def open_trio(trio: Trio) -> Trio:
    """The trio before anyone accepted the contract."""
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement).delete()
    return trio


def u(name: str, trio: Trio) -> str:
    return reverse(f"contracting:{name}", args=[trio.engagement.pk])


def accepted(trio: Trio) -> set[str]:
    return set(
        ContractAcceptance.objects.filter(contract__engagement=trio.engagement).values_list(
            "party", flat=True
        )
    )


def form_data(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "sessions_planned": "10",
        "costs_amount": "3000",
        "currency": "EUR",
        "sponsor_may_see": ["goals", "sessions_held"],
        "rho": "0.3",
    }
    return {**data, **overrides}


# ---------------------------------------------------------------- the services


def test_coach_proposes_the_terms_of_a_new_engagement(db: None) -> None:
    engagement = f.EngagementFactory()
    contract = contract_update(engagement=engagement, actor=Party.COACH, **TERMS)
    contract.refresh_from_db()
    assert contract.sessions_planned == 10
    assert contract.costs_amount == Decimal("3000")


@pytest.mark.parametrize("actor", [Party.CLIENT, Party.SPONSOR])
def test_only_the_coach_proposes_terms(open_trio: Trio, actor: Party) -> None:
    with pytest.raises(PermissionDenied):
        contract_update(engagement=open_trio.engagement, actor=actor, **TERMS)
    assert Contract.objects.get(engagement=open_trio.engagement).sessions_planned == 12


def test_each_party_accepts_once(open_trio: Trio) -> None:
    first = contract_accept(
        engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice
    )
    assert first.accepted_on == timezone.localdate()
    # In English whatever ran before (outside a request the default language is Dutch).
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        contract_accept(engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice)
    assert "You already accepted on" in refused.value.messages[0]
    assert ContractAcceptance.objects.filter(contract__engagement=open_trio.engagement).count() == 1


def test_a_person_accepts_only_as_their_own_party(open_trio: Trio) -> None:
    with pytest.raises(PermissionDenied):
        contract_accept(
            engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.charlie
        )
    with pytest.raises(PermissionDenied):
        contract_accept(engagement=open_trio.engagement, party=Party.SPONSOR, person=open_trio.dave)
    assert accepted(open_trio) == set()


def test_nothing_to_accept_before_the_coach_proposed_terms(db: None) -> None:
    engagement = f.EngagementFactory()
    person = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=person, party="client")
    with pytest.raises(ValidationError):
        contract_accept(engagement=engagement, party=Party.CLIENT, person=person)


def test_the_contract_is_in_force_once_every_party_accepted(open_trio: Trio) -> None:
    for party, person in (
        (Party.CLIENT, open_trio.alice),
        (Party.COACH, open_trio.bob),
    ):
        contract_accept(engagement=open_trio.engagement, party=party, person=person)
        assert not contract_in_force(engagement_id=open_trio.engagement.pk)
    contract_accept(engagement=open_trio.engagement, party=Party.SPONSOR, person=open_trio.charlie)
    assert contract_in_force(engagement_id=open_trio.engagement.pk)


def test_changing_terms_clears_the_acceptances(trio: Trio) -> None:
    ContractAcceptance.objects.filter(
        contract__engagement=trio.engagement, party="sponsor"
    ).delete()
    contract_update(
        engagement=trio.engagement, actor=Party.COACH, **{**TERMS, "sessions_planned": 8}
    )
    assert accepted(trio) == set()


def test_saving_the_same_terms_keeps_the_acceptances(trio: Trio) -> None:
    ContractAcceptance.objects.filter(
        contract__engagement=trio.engagement, party="sponsor"
    ).delete()
    same = {**TERMS, "sessions_planned": 12, "costs_amount": Decimal("3600.00")}
    contract_update(engagement=trio.engagement, actor=Party.COACH, **same)
    assert accepted(trio) == {"client", "coach"}


def test_terms_are_frozen_once_every_party_accepted(trio: Trio) -> None:
    with pytest.raises(ValidationError):
        contract_update(
            engagement=trio.engagement, actor=Party.COACH, **{**TERMS, "sessions_planned": 8}
        )
    assert Contract.objects.get(engagement=trio.engagement).sessions_planned == 12
    assert accepted(trio) == {"client", "coach", "sponsor"}


def test_widening_waits_for_the_clients_acceptance(open_trio: Trio) -> None:
    widened = {**TERMS, "sponsor_may_see": ["goals", "sessions_held", "attainment"]}
    contract_update(engagement=open_trio.engagement, actor=Party.COACH, **widened)
    eid = open_trio.engagement.pk
    assert sponsor_view(engagement_id=eid) == DEFAULT_SPONSOR_VIEW
    contract_accept(engagement=open_trio.engagement, party=Party.SPONSOR, person=open_trio.charlie)
    contract_accept(engagement=open_trio.engagement, party=Party.COACH, person=open_trio.bob)
    assert "attainment" not in sponsor_view(engagement_id=eid)
    contract_accept(engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice)
    assert "attainment" in sponsor_view(engagement_id=eid)


def test_a_narrowing_takes_effect_at_once(open_trio: Trio) -> None:
    contract_update(
        engagement=open_trio.engagement, actor=Party.COACH, **{**TERMS, "sponsor_may_see": []}
    )
    assert sponsor_view(engagement_id=open_trio.engagement.pk) == frozenset()


# ---------------------------------------------------------------- the page


def test_contract_page_shows_terms_goals_and_acceptances(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).get(u("contract", trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "€3,600" in html
    assert GOAL_TEXTS[0] in html
    assert html.count("ctr-acceptance--done") == 3
    assert "The contract is in force" in html
    assert 'name="sessions_planned"' not in html  # nobody edits terms in force


def test_contract_page_warns_about_missing_and_divergent_expectations(
    client: Client, open_trio: Trio
) -> None:
    Expectation.objects.filter(engagement=open_trio.engagement, party="coach").delete()
    html = logged_in(client, open_trio.alice).get(u("contract", open_trio)).content.decode()
    assert "The coach has not stated expectations yet." in html
    assert "The sponsor thinks of financial results; the client does not." in html
    # A warning, not a barrier: the accept button is there.
    assert f'action="{u("contract_accept", open_trio)}"' in html


def test_contract_page_shows_who_still_has_to_accept(client: Client, open_trio: Trio) -> None:
    contract_accept(engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice)
    html = logged_in(client, open_trio.bob).get(u("contract", open_trio)).content.decode()
    assert html.count("has not accepted yet") == 2
    assert html.count("ctr-acceptance--done") == 1


def test_the_page_says_a_widening_waits_for_the_client(client: Client, open_trio: Trio) -> None:
    Contract.objects.filter(engagement=open_trio.engagement).update(
        sponsor_may_see=["goals", "sessions_held", "attainment"]
    )
    logged_in(client, open_trio.charlie)
    waiting = "Attainment ratings will be visible to the sponsor once the client accepts."
    assert waiting in client.get(u("contract", open_trio)).content.decode()
    contract_accept(engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice)
    assert waiting not in client.get(u("contract", open_trio)).content.decode()


def test_coach_edits_the_terms_and_the_page_says_whose_acceptance_is_cleared(
    client: Client, open_trio: Trio
) -> None:
    contract_accept(engagement=open_trio.engagement, party=Party.CLIENT, person=open_trio.alice)
    logged_in(client, open_trio.bob)
    before = client.get(u("contract", open_trio)).content.decode()
    assert "If you change them, their acceptance no longer holds" in before
    response = client.post(
        u("contract", open_trio), form_data(sessions_planned="8", rho="0.25"), follow=True
    )
    html = response.content.decode()
    assert (
        "The client had accepted the contract before this change and has to accept again." in html
    )
    contract = Contract.objects.get(engagement=open_trio.engagement)
    assert (contract.sessions_planned, contract.rho) == (8, Decimal("0.25"))
    assert accepted(open_trio) == set()


def test_the_terms_form_keeps_what_was_typed(client: Client, open_trio: Trio) -> None:
    response = logged_in(client, open_trio.bob).post(
        u("contract", open_trio), form_data(sessions_planned="0", costs_amount="4321", rho="1.5")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Plan at least one session." in html
    assert 'value="4321"' in html
    assert 'aria-describedby="id_sessions_planned_error"' in html
    assert Contract.objects.get(engagement=open_trio.engagement).sessions_planned == 12


@pytest.mark.parametrize("person", ["alice", "charlie"])
def test_client_and_sponsor_cannot_edit_the_contract(
    client: Client, open_trio: Trio, person: str
) -> None:
    response = logged_in(client, getattr(open_trio, person)).post(
        u("contract", open_trio), form_data(sessions_planned="3")
    )
    assert response.status_code == 403
    assert Contract.objects.get(engagement=open_trio.engagement).sessions_planned == 12


def test_a_party_accepts_in_its_own_login(client: Client, open_trio: Trio) -> None:
    response = accept_confirmed(
        logged_in(client, open_trio.charlie), u("contract_accept", open_trio)
    )
    assert response.status_code == 302
    assert accepted(open_trio) == {"sponsor"}


# ---------------------------------------------------------------- confirming an acceptance


def test_the_accept_button_shows_what_is_accepted_and_accepts_nothing_yet(
    client: Client, open_trio: Trio
) -> None:
    response = logged_in(client, open_trio.alice).post(u("contract_accept", open_trio))
    html = response.content.decode()
    assert response.status_code == 200
    assert "What you accept as the client" in html
    assert "Sessions planned" in html and ">12<" in html
    assert "€3,600" in html
    assert "What the sponsor may see" in html and "The sessions held (count and dates)" in html
    assert GOAL_TEXTS[0] in html and GOAL_TEXTS[1] in html
    assert "Het verwachte niveau" in html  # the levels of the goals' scales
    assert 'name="confirm" value="yes"' in html and "Yes, I accept" in html
    assert f'href="{u("contract", open_trio)}#acceptance"' in html  # the way back
    assert accepted(open_trio) == set()


def test_a_post_without_the_confirmation_or_the_version_never_accepts(
    client: Client, open_trio: Trio
) -> None:
    logged_in(client, open_trio.alice)
    version = version_on(client.post(u("contract_accept", open_trio)))
    for data in ({"version": version}, {"confirm": "yes"}, {"confirm": "no", "version": version}):
        response = client.post(u("contract_accept", open_trio), data)
        assert response.status_code == 200
        assert "Yes, I accept" in response.content.decode()
    assert accepted(open_trio) == set()
    data = {"confirm": "yes", "version": version}
    assert client.post(u("contract_accept", open_trio), data).status_code == 302
    assert accepted(open_trio) == {"client"}


def test_terms_changed_after_the_page_was_shown_are_not_accepted(
    client: Client, open_trio: Trio
) -> None:
    logged_in(client, open_trio.alice)
    version = version_on(client.post(u("contract_accept", open_trio)))
    contract_update(
        engagement=open_trio.engagement, actor=Party.COACH, **{**TERMS, "sessions_planned": 7}
    )
    response = client.post(u("contract_accept", open_trio), {"confirm": "yes", "version": version})
    html = response.content.decode()
    assert response.status_code == 409
    assert "changed after you opened this page, so nothing was accepted" in html
    assert ">7<" in html  # the new terms, to read again
    assert version_on(response) != version
    assert accepted(open_trio) == set()


def test_a_goal_changed_after_the_page_was_shown_is_not_accepted(
    client: Client, open_trio: Trio
) -> None:
    logged_in(client, open_trio.charlie)
    version = version_on(client.post(u("contract_accept", open_trio)))
    Goal.objects.filter(engagement=open_trio.engagement, key="G2").update(level_plus_2="Veel")
    response = client.post(u("contract_accept", open_trio), {"confirm": "yes", "version": version})
    assert response.status_code == 409
    assert accepted(open_trio) == set()
    with pytest.raises(ValidationError) as refused:
        contract_accept(
            engagement=open_trio.engagement,
            party=Party.SPONSOR,
            person=open_trio.charlie,
            version=version,
        )
    assert refused.value.code == "changed"


def test_the_sponsor_confirms_without_the_goals_the_contract_keeps_from_it(
    client: Client, open_trio: Trio
) -> None:
    Contract.objects.filter(engagement=open_trio.engagement).update(
        sponsor_may_see=["sessions_held"]
    )
    html = (
        logged_in(client, open_trio.charlie).post(u("contract_accept", open_trio)).content.decode()
    )
    assert "The contract keeps the goals from you." in html
    assert GOAL_TEXTS[0] not in html


def test_the_confirmation_says_a_widening_waits_for_the_client(
    client: Client, open_trio: Trio
) -> None:
    Contract.objects.filter(engagement=open_trio.engagement).update(
        sponsor_may_see=["goals", "sessions_held", "attainment"]
    )
    waits = "takes effect only once the client accepts"
    sponsor = logged_in(client, open_trio.charlie).post(u("contract_accept", open_trio))
    assert waits in sponsor.content.decode()
    assert "Your acceptance opens this to the sponsor." not in sponsor.content.decode()
    client_page = logged_in(client, open_trio.alice).post(u("contract_accept", open_trio))
    assert waits in client_page.content.decode()
    assert "Your acceptance opens this to the sponsor." in client_page.content.decode()


def test_a_closed_engagement_asks_nobody_to_confirm(client: Client, open_trio: Trio) -> None:
    Engagement.objects.filter(pk=open_trio.engagement.pk).update(closed_at=timezone.now())
    logged_in(client, open_trio.alice)
    assert client.post(u("contract_accept", open_trio)).status_code == 403
    assert accepted(open_trio) == set()


def test_whoever_accepted_already_is_not_asked_to_confirm(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob).post(u("contract_accept", trio))
    assert response.status_code == 400
    assert "Yes, I accept" not in response.content.decode()


def test_a_second_acceptance_is_refused_with_the_date(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(contract__engagement=trio.engagement, party="client").update(
        accepted_on=dt.date(2026, 1, 19)
    )
    response = logged_in(client, trio.alice).post(u("contract_accept", trio))
    assert response.status_code == 400
    assert "You already accepted on Jan. 19, 2026." in response.content.decode()
    assert ContractAcceptance.objects.filter(contract__engagement=trio.engagement).count() == 3


def test_contract_outsider_404_and_wrong_method_405(client: Client, trio: Trio) -> None:
    logged_in(client, trio.dave)
    assert client.get(u("contract", trio)).status_code == 404
    assert client.post(u("contract_accept", trio)).status_code == 404
    logged_in(client, trio.alice)
    assert client.get(u("contract_accept", trio)).status_code == 405
    assert client.delete(u("contract", trio)).status_code == 405


def test_coach_proposes_terms_for_a_new_engagement_in_the_form(client: Client, db: None) -> None:
    engagement = f.EngagementFactory()
    coach = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    logged_in(client, coach)
    url = reverse("contracting:contract", args=[engagement.pk])
    html = client.get(url).content.decode()
    assert "The coach has not proposed the terms yet." in html
    assert 'value="12"' in html  # the default number of sessions
    assert client.post(url, form_data()).status_code == 302
    assert Contract.objects.get(engagement=engagement).costs_amount == Decimal("3000")
