"""'Your next step' on the engagement page: each party's own open actions as buttons, and
others' only where the party may read what they concern."""

from django.test import Client
from django.urls import reverse

from oogst.contracting.models import Contract, ContractAcceptance
from oogst.engagements.models import Engagement
from tests.parties import Trio, logged_in


def box(client: Client, trio: Trio) -> str:
    html = client.get(reverse("closing:engagement", args=[trio.engagement.pk])).content.decode()
    start = html.index('id="next-step-heading"')
    return html[start : html.index("</section>", start)]


def test_the_coach_is_sent_to_log_the_sessions(client: Client, trio: Trio) -> None:
    html = box(logged_in(client, trio.bob), trio)
    assert "Log the sessions held" in html
    assert reverse("contracting:session_new", args=[trio.engagement.pk]) in html
    assert "Record the intake" in html  # never recorded for the trio: still open


def test_a_client_who_has_not_accepted_is_sent_to_the_contract(client: Client, trio: Trio) -> None:
    ContractAcceptance.objects.filter(party="client").delete()
    html = box(logged_in(client, trio.alice), trio)
    assert "Accept the contract" in html
    assert reverse("contracting:contract", args=[trio.engagement.pk]) + "#acceptance" in html
    coach = box(logged_in(client, trio.bob), trio)
    assert "Client: accept the contract" in coach


def test_the_sponsor_sees_no_sessions_when_the_contract_hides_them(
    client: Client, trio: Trio
) -> None:
    sponsor = logged_in(client, trio.charlie)
    assert "log the sessions held" in box(sponsor, trio)  # the default view shows sessions
    Contract.objects.filter(engagement=trio.engagement).update(sponsor_may_see=["goals"])
    html = box(sponsor, trio)
    assert "session" not in html.lower()
    assert "intake" not in html.lower()  # the intake is never the sponsor's business
    assert "Nothing waits for you now." in html


def test_results_are_added_only_once_there_are_sessions(client: Client, trio: Trio) -> None:
    url = reverse("closing:engagement", args=[trio.engagement.pk])
    new_result = reverse("results:result_new", args=[trio.engagement.pk])
    assert new_result in logged_in(client, trio.alice).get(url).content.decode()
    ContractAcceptance.objects.filter(party="client").delete()  # back to the contract stage
    assert new_result not in client.get(url).content.decode()


def test_a_closed_engagement_has_no_next_step(client: Client, trio: Trio) -> None:
    Engagement.objects.filter(pk=trio.engagement.pk).update(closed_at="2026-06-01T10:00:00Z")
    html = logged_in(client, trio.bob).get(reverse("closing:engagement", args=[trio.engagement.pk]))
    assert 'id="next-step-heading"' not in html.content.decode()
