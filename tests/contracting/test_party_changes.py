"""Nobody joins or widens an engagement without the client (issue 9).

A party added or replaced once the contract is in force is an amendment of the terms: the
coach proposes, the client agrees, the new person accepts the contract as amended, and
only then reads anything. These tests walk that path through the pages, as each person.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from oogst.accounts.models import User
from oogst.contracting.models import Amendment, Contract, ContractAcceptance, Goal, PartyChange
from oogst.contracting.selectors import contract_in_force
from oogst.contracting.services.amendments import amendment_accept, amendment_propose
from oogst.contracting.services.parties import (
    party_change_agree,
    party_change_join,
    party_change_propose,
)
from oogst.engagements.models import Engagement, Invitation, Participation
from oogst.policy import Party
from oogst.results.models import Result
from tests import factories as f
from tests.contracting.confirm import accept_confirmed
from tests.contracting.test_amendments import amend_data
from tests.engagement_urls import engagement_urls
from tests.parties import SHARED_TEXT, UNSHARED_TEXT, Trio, logged_in

BASE = "http://testserver/"
LEGACY_SHARED = "Ik durf nee te zeggen tegen extra projecten"
PRIVATE_TEXT = "Ik slaap weer door"


class Private:
    """A private engagement in force: alice (client) and bob (coach), no sponsor."""

    def __init__(self) -> None:
        self.engagement = f.EngagementFactory(title="Loopbaancoaching van Alice")
        self.alice = f.UserFactory(email="alice@private.example", name="Alice Aarts")
        self.bob = f.UserFactory(email="bob@private.example", name="Bob Bakker")
        self.dave = f.UserFactory(email="dave@private.example", name="Dave Dekker")
        for person, party in ((self.alice, "client"), (self.bob, "coach")):
            f.ParticipationFactory(engagement=self.engagement, person=person, party=party)
        f.ExpectationFactory(engagement=self.engagement, party="client", text="Rust in mijn hoofd")
        contract = f.ContractFactory(engagement=self.engagement, costs_amount=Decimal("2400"))
        for party in ("client", "coach"):
            f.ContractAcceptanceFactory(contract=contract, party=party)
        self.goal = f.GoalFactory(engagement=self.engagement, key="G1", text="Rust in mijn week")
        f.SessionFactory(engagement=self.engagement, number=1)
        # Marked shared while there was no sponsor: from an import, or from before this rule.
        f.ResultFactory(
            engagement=self.engagement, key="R1", text=LEGACY_SHARED, shared_with_sponsor=True
        )
        f.ResultFactory(engagement=self.engagement, key="R2", text=PRIVATE_TEXT, position=2)


@pytest.fixture
def private(db: None) -> Private:
    return Private()


def propose(client: Client, coach: User, engagement: Engagement, **extra: object):  # type: ignore[no-untyped-def]
    data = {
        "action": "propose",
        "propose-name": "Dave Dekker",
        "propose-email": "dave@private.example",
        "propose-sponsor_may_see": ["goals", "sessions_held"],
        "propose-costs_amount": "3000",
        "propose-currency": "EUR",
        "propose-reason": "De werkgever betaalt vanaf nu mee.",
    }
    data.update({f"propose-{k}": v for k, v in extra.items()})
    return logged_in(client, coach).post(reverse("contracting:invite", args=[engagement.pk]), data)


def answer(client: Client, person: User, change: PartyChange, what: str = "agree"):  # type: ignore[no-untyped-def]
    url = reverse("contracting:party_change_answer", args=[change.engagement_id, change.pk])
    return logged_in(client, person).post(url, {"answer": what})


def join(client: Client, person: User, engagement: Engagement):  # type: ignore[no-untyped-def]
    return logged_in(client, person).post(reverse("contracting:join", args=[engagement.pk]))


def pages_answer_as_for_an_outsider(client: Client, person: User, engagement: Engagement) -> None:
    """Every page of the engagement but the join page: 404, as for a stranger."""
    logged_in(client, person)
    urls = engagement_urls(engagement.pk)
    urls.pop("contracting:join")
    for name, url in urls.items():
        assert client.get(url).status_code in (404, 405), name
    for name in ("closing:engagement", "closing:final_report_pdf", "results:sponsor_preview"):
        assert client.get(urls[name], HTTP_HX_REQUEST="true").status_code == 404, name


# ---------------------------------------------------------------- 1. in force needs the client


def test_the_coach_alone_does_not_put_a_contract_in_force(client: Client, db: None) -> None:
    coach = f.UserFactory(email="solo@example.com")
    engagement = f.EngagementFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    f.ContractFactory(engagement=engagement)
    accept_confirmed(
        logged_in(client, coach), reverse("contracting:contract_accept", args=[engagement.pk])
    )
    assert ContractAcceptance.objects.filter(party="coach").exists()
    assert not contract_in_force(engagement_id=engagement.pk)
    # So the goals are not frozen: the coach can still change a goal directly.
    goal = f.GoalFactory(engagement=engagement, key="G1")
    response = client.get(reverse("contracting:goal_edit", args=[engagement.pk, goal.key]))
    assert response.status_code == 200
    assert "The goals are frozen" not in response.content.decode()
    page = client.get(reverse("contracting:contract", args=[engagement.pk])).content.decode()
    assert "The contract is in force" not in page


def test_a_private_contract_is_in_force_once_client_and_coach_accepted(private: Private) -> None:
    assert contract_in_force(engagement_id=private.engagement.pk)
    ContractAcceptance.objects.filter(party="client").delete()
    assert not contract_in_force(engagement_id=private.engagement.pk)


def test_the_migration_lists_contracts_in_force_without_the_client(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "oogst.contracting.migrations.0004_contracts_in_force_need_the_client"
    )
    lone = f.EngagementFactory(title="Alleen de coach tekende")
    f.ParticipationFactory(engagement=lone, party="coach")
    contract = f.ContractFactory(engagement=lone)
    f.ContractAcceptanceFactory(contract=contract, party="coach")
    Private()  # in force with the client: not listed

    migration.report(apps, None)
    out = capsys.readouterr().out
    assert "1 contract(s) counted as in force without the client's acceptance" in out
    assert f"engagement {lone.pk} “Alleen de coach tekende”: accepted by coach" in out
    assert "Loopbaancoaching van Alice" not in out
    assert not contract_in_force(engagement_id=lone.pk)  # it awaits acceptance again


def test_the_migration_says_when_nothing_changes(
    private: Private, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "oogst.contracting.migrations.0004_contracts_in_force_need_the_client"
    )
    migration.report(apps, None)
    assert "Every contract in force has the client's acceptance" in capsys.readouterr().out


# ---------------------------------------------------------------- 2. a sponsor added late


def test_a_sponsor_added_late_reads_nothing_until_the_client_agreed_and_it_accepted(
    client: Client, private: Private
) -> None:
    engagement = private.engagement
    response = propose(client, private.bob, engagement)
    assert response.status_code == 302
    change = PartyChange.objects.get()
    assert (change.kind, change.status, change.person) == ("add", "awaiting_client", private.dave)
    assert change.changes == {
        "costs_amount": ["2400.00", "3000.00"],
    }
    # In Dave's language (Dutch): he joins only after the client, and sees nothing until then.
    assert "tot die tijd zie je niets van het traject" in mail.outbox[-1].body
    # The proposal changes nothing yet: no party, the contract in force as it was.
    assert not Participation.objects.filter(engagement=engagement, party="sponsor").exists()
    assert contract_in_force(engagement_id=engagement.pk)
    assert Contract.objects.get().costs_amount == Decimal("2400")

    pages_answer_as_for_an_outsider(client, private.dave, engagement)
    waiting = client.get(reverse("contracting:join", args=[engagement.pk])).content.decode()
    assert "The client has not agreed yet" in waiting
    for secret in (LEGACY_SHARED, PRIVATE_TEXT, "Rust in mijn week", "Rust in mijn hoofd"):
        assert secret not in waiting
    assert join(client, private.dave, engagement).status_code == 400
    assert not Participation.objects.filter(party="sponsor").exists()

    assert answer(client, private.alice, change).status_code == 302
    change.refresh_from_db()
    assert change.status == "awaiting_newcomer"
    assert change.client_agreed_by == private.alice
    assert mail.outbox[-1].to == ["dave@private.example"]
    assert reverse("contracting:join", args=[engagement.pk]) in mail.outbox[-1].body
    pages_answer_as_for_an_outsider(client, private.dave, engagement)

    response = join(client, private.dave, engagement)
    assert response.status_code == 302
    assert response["Location"] == reverse("closing:engagement", args=[engagement.pk])
    change.refresh_from_db()
    assert change.status == "in_force" and change.joined_at is not None
    assert Participation.objects.get(engagement=engagement, party="sponsor").person == private.dave
    assert ContractAcceptance.objects.filter(contract__engagement=engagement, party="sponsor")
    assert contract_in_force(engagement_id=engagement.pk)
    assert Contract.objects.get().costs_amount == Decimal("3000")
    page = client.get(reverse("closing:engagement", args=[engagement.pk])).content.decode()
    assert PRIVATE_TEXT not in page and LEGACY_SHARED not in page
    goals = client.get(reverse("contracting:goals", args=[engagement.pk])).content.decode()
    assert "Rust in mijn week" in goals  # the default view: goals


def test_the_history_of_the_terms_shows_who_did_what_and_when(
    client: Client, private: Private
) -> None:
    change = _proposed(private)
    party_change_agree(change=change, person=private.alice, base_url=BASE)
    party_change_join(change=change, person=private.dave)
    html = (
        logged_in(client, private.alice)
        .get(reverse("contracting:contract", args=[private.engagement.pk]))
        .content.decode()
    )
    section = html[html.index('id="party-changes"') :]
    assert "Dave Dekker as the sponsor" in section
    assert "Proposed by Bob Bakker on" in section
    assert "Alice Aarts (client) agreed on" in section
    assert "Dave Dekker accepted the contract as amended and joined on" in section
    assert "Costs: 2,400.00" in re.sub(r"\s+", " ", section)


def test_goals_stay_frozen_while_a_party_is_added(client: Client, private: Private) -> None:
    change = _proposed(private)
    for step in ("proposed", "agreed", "joined"):
        if step == "agreed":
            party_change_agree(change=change, person=private.alice, base_url=BASE)
        if step == "joined":
            party_change_join(change=change, person=private.dave)
        response = logged_in(client, private.bob).post(
            reverse("contracting:goal_edit", args=[private.engagement.pk, "G1"]),
            {"text": "Een ander doel, zomaar", "weight": "1"},
        )
        assert response.status_code == 409, step  # refused, and pointed to amendments
        assert reverse("contracting:amendment_new", args=[private.engagement.pk, "G1"]) in (
            response.content.decode()
        ), step
        assert Goal.objects.get(key="G1").text == "Rust in mijn week", step


@pytest.mark.parametrize("who", ["alice", "dave"])
def test_only_the_coach_proposes_a_party(client: Client, private: Private, who: str) -> None:
    response = propose(client, getattr(private, who), private.engagement)
    assert response.status_code in (403, 404)
    assert not PartyChange.objects.exists()


def test_only_the_client_agrees(client: Client, private: Private) -> None:
    change = _proposed(private)
    assert answer(client, private.bob, change).status_code == 403
    assert answer(client, private.dave, change).status_code == 404  # no party: an outsider
    change.refresh_from_db()
    assert change.status == "awaiting_client"
    with pytest.raises(PermissionDenied):
        party_change_agree(change=change, person=private.bob, base_url=BASE)


def test_nobody_else_can_join_in_the_persons_place(client: Client, private: Private) -> None:
    change = _proposed(private)
    party_change_agree(change=change, person=private.alice, base_url=BASE)
    stranger = f.UserFactory(email="eve@example.com")
    assert join(client, stranger, private.engagement).status_code == 404
    with pytest.raises(PermissionDenied):
        party_change_join(change=change, person=private.bob)
    assert not Participation.objects.filter(party="sponsor").exists()


def test_the_client_can_decline_and_the_link_dies(client: Client, private: Private) -> None:
    change = _proposed(private)
    token_mail = mail.outbox[-1].body
    assert answer(client, private.alice, change, "decline").status_code == 302
    change.refresh_from_db()
    assert (change.status, change.ended_by) == ("declined", private.alice)
    assert not Invitation.objects.filter(person=private.dave).exists()
    link = re.search(r"http://testserver(/invitations/[\w-]+/)", token_mail)
    assert link and Client().get(link[1]).status_code == 404
    assert join(client, private.dave, private.engagement).status_code == 404
    assert not Participation.objects.filter(party="sponsor").exists()


def test_the_coach_can_withdraw(client: Client, private: Private) -> None:
    change = _proposed(private)
    url = reverse("contracting:party_change_withdraw", args=[private.engagement.pk, change.pk])
    assert logged_in(client, private.alice).post(url).status_code == 403
    assert logged_in(client, private.bob).post(url).status_code == 302
    change.refresh_from_db()
    assert change.status == "withdrawn"
    assert join(client, private.dave, private.engagement).status_code == 404


def test_one_change_of_the_parties_at_a_time(client: Client, private: Private) -> None:
    _proposed(private)
    response = propose(client, private.bob, private.engagement, email="eve@example.com")
    assert response.status_code == 400
    assert "A change of the parties is already waiting" in response.content.decode()
    assert PartyChange.objects.count() == 1


def test_a_party_is_proposed_only_to_a_contract_in_force(private: Private) -> None:
    ContractAcceptance.objects.filter(party="client").delete()
    with pytest.raises(ValidationError, match="not in force yet"):
        _proposed(private)


def test_only_the_sponsor_comes_in_late(private: Private) -> None:
    with pytest.raises(ValidationError, match="only the sponsor"):
        _proposed(private, party="client")


def test_a_bad_proposal_is_explained_and_changes_nothing(client: Client, private: Private) -> None:
    response = propose(client, private.bob, private.engagement, email="not an address")
    assert response.status_code == 400
    assert "This is not an e-mail address" in response.content.decode()
    response = propose(client, private.bob, private.engagement, email="alice@private.example")
    assert "Alice Aarts already takes part in this engagement as the client" in (
        response.content.decode()
    )
    assert not PartyChange.objects.exists()
    assert not mail.outbox


def test_a_closed_engagement_takes_no_new_party(client: Client, private: Private) -> None:
    change = _proposed(private)
    party_change_agree(change=change, person=private.alice, base_url=BASE)
    Engagement.objects.update(closed_at="2026-11-30T12:00:00Z")
    assert join(client, private.dave, private.engagement).status_code == 400
    assert not Participation.objects.filter(party="sponsor").exists()


def test_the_home_page_shows_where_joining_stands(client: Client, private: Private) -> None:
    change = _proposed(private)
    home = logged_in(client, private.dave).get(reverse("dashboard:home")).content.decode()
    assert "Engagements you are about to join" in home
    assert reverse("contracting:join", args=[private.engagement.pk]) in home
    party_change_agree(change=change, person=private.alice, base_url=BASE)
    party_change_join(change=change, person=private.dave)
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Engagements you are about to join" not in home


# ---------------------------------------------------------------- 3. consent needs a sponsor


def test_without_a_sponsor_the_client_cannot_share_and_is_told_why(
    client: Client, private: Private
) -> None:
    url = reverse("results:result", args=[private.engagement.pk, "R2"])
    html = logged_in(client, private.alice).get(url).content.decode()
    assert "This engagement has no sponsor, so there is nobody to share this result with" in html
    assert "Share R2 with the sponsor" not in html
    consent = reverse("results:consent", args=[private.engagement.pk, "R2"])
    assert client.post(consent, {"shared": "1"}).status_code == 403
    assert not Result.objects.get(key="R2").shared_with_sponsor


def test_results_shared_before_the_sponsor_existed_go_back_to_not_decided(
    client: Client, private: Private
) -> None:
    change = _proposed(private)
    party_change_agree(change=change, person=private.alice, base_url=BASE)
    party_change_join(change=change, person=private.dave)
    r1 = Result.objects.get(key="R1")
    assert (r1.shared_with_sponsor, r1.sharing_undecided) == (False, True)
    sponsor_page = (
        logged_in(client, private.dave)
        .get(reverse("closing:engagement", args=[private.engagement.pk]))
        .content.decode()
    )
    assert LEGACY_SHARED not in sponsor_page
    assert (
        client.get(reverse("results:result", args=[private.engagement.pk, "R1"])).status_code == 404
    )

    page = (
        logged_in(client, private.alice)
        .get(reverse("closing:engagement", args=[private.engagement.pk]))
        .content.decode()
    )
    assert "Decide whether the sponsor may read 1 result" in page
    assert LEGACY_SHARED in page
    result_page = client.get(reverse("results:result", args=[private.engagement.pk, "R1"]))
    assert "not decided yet" in result_page.content.decode()
    client.post(reverse("results:consent", args=[private.engagement.pk, "R1"]), {"shared": "1"})
    r1.refresh_from_db()
    assert (r1.shared_with_sponsor, r1.sharing_undecided) == (True, False)
    page = client.get(reverse("closing:engagement", args=[private.engagement.pk])).content.decode()
    assert "Decide whether the sponsor may read" not in page


# ---------------------------------------------------------------- 4. replacing the sponsor


def test_replacing_the_sponsor_is_an_amendment_after_which_the_old_one_reads_nothing(
    client: Client, trio: Trio
) -> None:
    eva = f.UserFactory(email="eva@example.com", name="Eva Evers")
    change = proposed(
        trio.engagement,
        trio.bob,
        name="Eva Evers",
        email="eva@example.com",
        costs_amount=Decimal("3600"),
        reason="Charlie is vertrokken.",
    )
    assert (change.kind, change.replaced_person) == ("replace", trio.charlie)
    engagement_page = reverse("closing:engagement", args=[trio.engagement.pk])
    # Until Eva joined, Charlie is the sponsor and reads what he read; Eva reads nothing.
    assert logged_in(client, trio.charlie).get(engagement_page).status_code == 200
    pages_answer_as_for_an_outsider(client, eva, trio.engagement)
    party_change_agree(change=change, person=trio.alice, base_url=BASE)
    party_change_join(change=change, person=eva)

    pages_answer_as_for_an_outsider(client, trio.charlie, trio.engagement)
    html = logged_in(client, eva).get(engagement_page).content.decode()
    assert SHARED_TEXT in html  # the client's consent was for the sponsor, and stays
    assert UNSHARED_TEXT not in html
    assert Result.objects.get(key="R1").shared_with_sponsor
    assert Participation.objects.get(engagement=trio.engagement, party="sponsor").person == eva
    assert not Invitation.objects.filter(person=trio.charlie).exists()
    assert contract_in_force(engagement_id=trio.engagement.pk)


def test_a_sponsor_invited_before_the_contract_is_a_plain_invitation(
    client: Client, private: Private
) -> None:
    ContractAcceptance.objects.all().delete()
    response = logged_in(client, private.bob).post(
        reverse("contracting:invite", args=[private.engagement.pk]),
        {"party": "sponsor", "sponsor-name": "Dave", "sponsor-email": "dave@private.example"},
    )
    assert response.status_code == 302
    assert Participation.objects.filter(party="sponsor", person=private.dave).exists()
    assert not PartyChange.objects.exists()


# ---------------------------------------------------------------- helpers


def _proposed(private: Private, party: str = "sponsor") -> PartyChange:
    return proposed(private.engagement, private.bob, party=party)


def proposed(engagement: Engagement, coach: User, **overrides: object) -> PartyChange:
    """A change of the parties as the coach proposes it (Dave as the sponsor, by default)."""
    arguments: dict[str, object] = {
        "party": "sponsor",
        "name": "Dave Dekker",
        "email": "dave@private.example",
        "sponsor_may_see": ["goals", "sessions_held"],
        "costs_amount": Decimal("3000"),
        "currency": "EUR",
        "reason": "",
        **overrides,
    }
    return party_change_propose(
        engagement=engagement,
        actor=Party.COACH,
        proposed_by=coach,
        base_url=BASE,
        **arguments,  # type: ignore[arg-type]
    )


# ---------------------------------------------------------------- 5. amendments it may not read


def test_a_sponsor_kept_from_the_goals_is_not_asked_to_accept_their_amendment(
    client: Client, trio: Trio
) -> None:
    Contract.objects.filter(engagement=trio.engagement).update(sponsor_may_see=["sessions_held"])
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    response = logged_in(client, trio.bob).post(
        reverse("contracting:amendment_new", args=[trio.engagement.pk, "G1"]),
        amend_data(goal, text="Werk en privé in balans: hooguit 45 uur per week"),
    )
    assert response.status_code == 302
    amendment = Amendment.objects.get(goal=goal)
    sponsor_view = logged_in(client, trio.charlie).get(
        reverse("contracting:contract", args=[trio.engagement.pk])
    )
    assert "Accept the amendment" not in sponsor_view.content.decode()
    refused = client.post(
        reverse("contracting:amendment_accept", args=[trio.engagement.pk, amendment.pk])
    )
    assert refused.status_code == 403
    with pytest.raises(PermissionDenied):
        amendment_accept(amendment=amendment, party=Party.SPONSOR, person=trio.charlie)

    accept_confirmed(
        logged_in(client, trio.alice),
        reverse("contracting:amendment_accept", args=[trio.engagement.pk, amendment.pk]),
    )
    amendment.refresh_from_db()
    goal.refresh_from_db()
    assert amendment.status == "in_force"  # client and coach: all it needs
    assert goal.text == "Werk en privé in balans: hooguit 45 uur per week"


def test_a_sponsor_who_reads_the_goals_is_still_asked(trio: Trio) -> None:
    goal = Goal.objects.get(engagement=trio.engagement, key="G1")
    amendment = amendment_propose(
        goal=goal, actor=Party.COACH, person=trio.bob, reason="", text="Een scherper doel"
    )
    amendment_accept(amendment=amendment, party=Party.CLIENT, person=trio.alice)
    amendment.refresh_from_db()
    assert amendment.status == "pending"
    amendment_accept(amendment=amendment, party=Party.SPONSOR, person=trio.charlie)
    amendment.refresh_from_db()
    assert amendment.status == "in_force"


def test_the_invitation_link_leads_a_late_sponsor_to_the_join_page(
    client: Client, private: Private
) -> None:
    proposed(
        private.engagement,
        private.bob,
        name="Nina Nieuw",
        email="nina@example.com",
        sponsor_may_see=["goals"],
        costs_amount=None,
    )
    link = re.search(r"http://testserver(/invitations/[\w-]+/)", mail.outbox[-1].body)
    assert link
    password = "een-lang-nieuw-wachtwoord-93"
    response = client.post(link[1], {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert response["Location"] == reverse("contracting:join", args=[private.engagement.pk])
    page = client.get(response["Location"]).content.decode()
    assert "De klant heeft nog niet ingestemd" in page  # Nina's language: Dutch
    assert "Loopbaancoaching van Alice" in page  # the title, as in the mail; nothing more
    for secret in (LEGACY_SHARED, PRIVATE_TEXT, "Rust in mijn week", "Rust in mijn hoofd"):
        assert secret not in page


def test_after_closing_nobody_proposes_agrees_or_withdraws(
    client: Client, private: Private
) -> None:
    change = _proposed(private)
    Engagement.objects.update(closed_at="2026-11-30T12:00:00Z")
    mail.outbox.clear()
    response = propose(client, private.bob, private.engagement, email="eve@example.com")
    assert response.status_code == 403
    assert answer(client, private.alice, change).status_code == 403
    withdraw = reverse("contracting:party_change_withdraw", args=[private.engagement.pk, change.pk])
    assert logged_in(client, private.bob).post(withdraw).status_code == 403
    change.refresh_from_db()
    assert change.status == "awaiting_client"
    assert PartyChange.objects.count() == 1 and not mail.outbox
