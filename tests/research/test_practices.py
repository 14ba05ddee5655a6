"""Good practices: the coach proposes (with consent), staff approve, researchers and
coaches browse and search the approved ones."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from oogst.accounts.models import User
from oogst.research.models import GoodPractice, ResearchConsent
from oogst.research.services.practices import practice_decide, practice_propose
from tests import factories as f
from tests.parties import SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in

SUMMARY = "Door te oefenen met onderhandelen vond de cliënt haar eigen grenzen terug."


def consent(engagement: Any, *parties: str) -> None:
    for party in parties:
        ResearchConsent.objects.create(
            engagement=engagement, party=party, given_on=date(2026, 1, 20)
        )


@pytest.fixture
def consented(trio: Trio) -> Trio:
    consent(trio.engagement, "client", "sponsor")
    return trio


@pytest.fixture
def researcher(db: None) -> User:
    return f.UserFactory(email="rita@example.com", name="Rita Research", is_researcher=True)


@pytest.fixture
def staff(db: None) -> User:
    return f.UserFactory(email="stan@example.com", name="Stan Staff", is_staff=True)


def propose_url(trio: Trio) -> str:
    return reverse("research:practice_propose", args=[trio.engagement.pk])


def proposal(**overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Onderhandelen als sleutel",
        "summary": SUMMARY,
        "result_keys": ["R1", "R3"],
        "suggested_topics": ["onderhandelen"],
        "other_topics": "grenzen, Onderhandelen",
    }
    return {**data, **overrides}


def proposed(trio: Trio, **overrides: Any) -> GoodPractice:
    arguments = {
        "title": "Onderhandelen als sleutel",
        "summary": SUMMARY,
        "result_keys": ["R1"],
        "topics": ["onderhandelen"],
        **overrides,
    }
    return practice_propose(engagement=trio.engagement, coach=trio.bob, **arguments)


# ---------------------------------------------------------------- proposing


def test_the_coach_proposes_an_engagement_with_consent(client: Client, consented: Trio) -> None:
    response = logged_in(client, consented.bob).post(propose_url(consented), proposal())
    assert response.status_code == 302
    practice = GoodPractice.objects.get(engagement=consented.engagement)
    assert practice.status == GoodPractice.Status.PROPOSED
    assert practice.proposed_by == consented.bob
    assert sorted(practice.result_keys) == ["R1", "R3"]
    assert practice.topics == ["onderhandelen", "grenzen"]  # repeats dropped, case ignored
    assert practice.summary == SUMMARY


def test_the_coach_sees_the_results_texts_session_topics_and_the_warning(
    client: Client, consented: Trio
) -> None:
    response = logged_in(client, consented.bob).get(propose_url(consented))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (SHARED_TEXT, UNSHARED_TEXT, SPONSOR_TEXT):
        assert text in page
    assert 'value="onderhandelen"' in page
    assert "Do not name people" in page
    # R1 carries an attribution of 60% by the client: ticked to start with.
    assert 'value="R1"\n' in page or 'value="R1" ' in page
    assert "checked" in page.split('id="result-pick-R1"')[1].split(">")[0]


def test_without_the_sponsors_consent_the_page_says_so_and_offers_no_form(
    client: Client, trio: Trio
) -> None:
    consent(trio.engagement, "client")
    response = logged_in(client, trio.bob).get(propose_url(trio))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Consent for research use is missing" in page
    assert "sponsor" in page.split("Still missing from:")[1].split("</p>")[0]
    assert '<form method="post"\n              class="card form' not in page
    assert 'name="summary"' not in page


def test_proposing_without_consent_is_refused_and_keeps_what_was_typed(
    client: Client, trio: Trio
) -> None:
    consent(trio.engagement, "client")
    response = logged_in(client, trio.bob).post(propose_url(trio), proposal())
    assert response.status_code == 400
    assert "Consent is still missing from: sponsor" in response.content.decode()
    assert SUMMARY in response.content.decode()
    assert not GoodPractice.objects.exists()


def test_withdrawn_consent_counts_as_missing(trio: Trio) -> None:
    consent(trio.engagement, "client", "sponsor")
    ResearchConsent.objects.filter(party="client").update(withdrawn_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match="client"):
        proposed(trio)


def test_an_engagement_without_a_sponsor_needs_only_the_clients_consent(db: None) -> None:
    engagement = f.EngagementFactory()
    coach = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    f.ResultFactory(engagement=engagement, key="R1")
    consent(engagement, "client")
    practice = practice_propose(
        engagement=engagement, coach=coach, title="T", summary="S", result_keys=["R1"], topics=[]
    )
    assert practice.status == GoodPractice.Status.PROPOSED


def test_a_failed_submit_explains_and_keeps_what_was_typed(client: Client, consented: Trio) -> None:
    data = proposal(summary="", result_keys=[], other_topics="grenzen")
    response = logged_in(client, consented.bob).post(propose_url(consented), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Write a summary of what made this engagement work." in page
    assert "Choose at least one result you attribute to the coaching." in page
    assert 'value="Onderhandelen als sleutel"' in page
    assert 'value="grenzen"' in page
    assert 'aria-describedby="result-keys-errors"' in page
    assert not GoodPractice.objects.exists()


def test_a_result_key_of_another_engagement_is_refused(consented: Trio) -> None:
    with pytest.raises(ValidationError) as error:
        proposed(consented, result_keys=["R1", "R99"])
    assert "result_keys" in error.value.message_dict


def test_too_many_topics_are_refused(consented: Trio) -> None:
    with pytest.raises(ValidationError) as error:
        proposed(consented, topics=[f"onderwerp {n}" for n in range(11)])
    assert "topics" in error.value.message_dict


@pytest.mark.parametrize("who", ["alice", "charlie"])
def test_only_the_coach_may_propose(client: Client, consented: Trio, who: str) -> None:
    person = getattr(consented, who)
    logged_in(client, person)
    assert client.get(propose_url(consented)).status_code == 403
    assert client.post(propose_url(consented), proposal()).status_code == 403
    assert not GoodPractice.objects.exists()
    with pytest.raises(PermissionDenied):
        practice_propose(
            engagement=consented.engagement,
            coach=person,
            title="T",
            summary="S",
            result_keys=["R1"],
            topics=[],
        )


def test_an_outsider_gets_404(client: Client, consented: Trio) -> None:
    response = logged_in(client, consented.dave).get(propose_url(consented))
    assert response.status_code == 404


def test_proposing_needs_a_login(client: Client, consented: Trio) -> None:
    response = client.get(propose_url(consented))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_proposing_answers_405_to_another_method(client: Client, consented: Trio) -> None:
    response = logged_in(client, consented.bob).put(propose_url(consented))
    assert response.status_code == 405


def test_a_waiting_proposal_can_be_revised_but_an_approved_one_is_fixed(
    client: Client, consented: Trio, staff: User
) -> None:
    practice = proposed(consented)
    revised = proposed(consented, title="Beter")
    assert revised.pk == practice.pk
    assert revised.title == "Beter"
    practice_decide(practice=revised, staff=staff, approve=True)
    with pytest.raises(ValidationError, match="approved"):
        proposed(consented, title="Nog beter")
    page = logged_in(client, consented.bob).get(propose_url(consented)).content.decode()
    assert "This engagement is an approved good practice." in page
    assert 'name="summary"' not in page


# ---------------------------------------------------------------- review


def review_url(practice: GoodPractice) -> str:
    return reverse("research:practice_review", args=[practice.pk])


def test_staff_approve_a_proposal(client: Client, consented: Trio, staff: User) -> None:
    practice = proposed(consented)
    logged_in(client, staff)
    page = client.get(review_url(practice))
    assert page.status_code == 200
    assert SUMMARY in page.content.decode()
    assert SHARED_TEXT not in page.content.decode()
    response = client.post(review_url(practice), {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == reverse("research:practices")
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.APPROVED
    assert practice.decided_by == staff
    assert practice.decided_at is not None


def test_staff_reject_a_proposal(client: Client, consented: Trio, staff: User) -> None:
    practice = proposed(consented)
    logged_in(client, staff).post(review_url(practice), {"decision": "reject"})
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.REJECTED


def test_staff_cannot_approve_once_consent_is_withdrawn(
    client: Client, consented: Trio, staff: User
) -> None:
    practice = proposed(consented)
    ResearchConsent.objects.filter(party="sponsor").update(withdrawn_on=date(2026, 3, 1))
    response = logged_in(client, staff).post(review_url(practice), {"decision": "approve"})
    assert response.status_code == 400
    assert "Consent is still missing from: sponsor" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.PROPOSED


def test_a_decision_must_be_approve_or_reject(client: Client, consented: Trio, staff: User) -> None:
    practice = proposed(consented)
    response = logged_in(client, staff).post(review_url(practice), {"decision": "maybe"})
    assert response.status_code == 400
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.PROPOSED


@pytest.mark.parametrize("who", ["researcher", "coach"])
def test_only_staff_review(client: Client, consented: Trio, researcher: User, who: str) -> None:
    practice = proposed(consented)
    person = researcher if who == "researcher" else consented.bob
    logged_in(client, person)
    assert client.get(review_url(practice)).status_code == 403
    assert client.post(review_url(practice), {"decision": "approve"}).status_code == 403
    practice.refresh_from_db()
    assert practice.status == GoodPractice.Status.PROPOSED
    with pytest.raises(PermissionDenied):
        practice_decide(practice=practice, staff=person, approve=True)


def test_review_needs_a_login_and_answers_405_and_404(
    client: Client, consented: Trio, staff: User
) -> None:
    practice = proposed(consented)
    assert client.get(review_url(practice)).status_code == 302
    logged_in(client, staff)
    assert client.put(review_url(practice)).status_code == 405
    missing = reverse("research:practice_review", args=[practice.pk + 100])
    assert client.get(missing).status_code == 404


# ---------------------------------------------------------------- browsing


def approved(
    title: str, *, topics: list[str], status: str = "approved", **result: Any
) -> GoodPractice:
    """An engagement with consent, its coach, one result and a practice on it."""
    engagement = f.EngagementFactory()
    coach = f.UserFactory()
    f.ParticipationFactory(engagement=engagement, person=coach, party="coach")
    f.ResultFactory(engagement=engagement, key="R1", text=f"Tekst van {title}", **result)
    consent(engagement, "client")
    return GoodPractice.objects.create(
        engagement=engagement,
        proposed_by=coach,
        title=title,
        summary=f"Samenvatting van {title}",
        result_keys=["R1"],
        topics=topics,
        status=status,
        decided_at=timezone.now(),
    )


@pytest.fixture
def library(db: None) -> dict[str, GoodPractice]:
    return {
        "negotiate": approved("Leren onderhandelen", topics=["onderhandelen"], meaning="outcome"),
        "boundaries": approved(
            "Grenzen stellen",
            topics=["werk-privé"],
            meaning="effect",
            beneficiary="both",
            evidence="observable",
        ),
        "waiting": approved("Nog in beoordeling", topics=["onderhandelen"], status="proposed"),
        "rejected": approved("Afgewezen voorstel", topics=["onderhandelen"], status="rejected"),
    }


def titles(response: Any) -> set[str]:
    page = response.content.decode()
    candidates = ("Leren onderhandelen", "Grenzen stellen", "Nog in beoordeling", "Afgewezen")
    return {t for t in candidates if f">{t}" in page}


def test_researchers_see_approved_practices_only(
    client: Client, library: dict[str, GoodPractice], researcher: User
) -> None:
    response = logged_in(client, researcher).get(reverse("research:practices"))
    assert response.status_code == 200
    assert titles(response) == {"Leren onderhandelen", "Grenzen stellen"}
    page = response.content.decode()
    assert "Samenvatting van Leren onderhandelen" in page
    assert "Tekst van Leren onderhandelen" not in page  # the result's own text
    assert "outcome" in page  # its kind


def test_a_coach_of_any_engagement_may_browse(
    client: Client, library: dict[str, GoodPractice], consented: Trio
) -> None:
    response = logged_in(client, consented.bob).get(reverse("research:practices"))
    assert response.status_code == 200
    assert titles(response) == {"Leren onderhandelen", "Grenzen stellen"}


def test_who_is_no_coach_researcher_or_staff_may_not_browse(
    client: Client, consented: Trio
) -> None:
    for person in (consented.alice, consented.charlie, consented.dave):
        response = logged_in(client, person).get(reverse("research:practices"))
        assert response.status_code == 403


LINK = f'href="{reverse("research:practices")}">Good practices</a>'


def test_the_header_links_to_the_good_practices_only_for_who_may_open_them(
    client: Client, trio: Trio, researcher: User, staff: User
) -> None:
    lone_coach = f.UserFactory(email="nina@example.com", is_coach=True)  # coaches nothing yet
    home = reverse("dashboard:home")
    engagement = reverse("closing:engagement", args=[trio.engagement.pk])
    cases = [
        (trio.alice, (home, engagement), False),  # the client
        (trio.charlie, (home, engagement), False),  # the sponsor
        (trio.bob, (home, engagement), True),  # the coach of an engagement
        (lone_coach, (home,), False),
        (researcher, (home,), True),
        (staff, (home,), True),
    ]
    for person, pages, may in cases:
        logged_in(client, person)
        assert client.get(reverse("research:practices")).status_code == (200 if may else 403)
        for page in pages:
            assert (LINK in client.get(page).content.decode()) is may, (person, page)


def test_browsing_needs_a_login_and_answers_405(client: Client, researcher: User) -> None:
    assert client.get(reverse("research:practices")).status_code == 302
    assert logged_in(client, researcher).post(reverse("research:practices")).status_code == 405


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"topic": "onderhandelen"}, {"Leren onderhandelen"}),
        ({"topic": "werk-privé"}, {"Grenzen stellen"}),
        ({"meaning": "outcome"}, {"Leren onderhandelen"}),
        ({"meaning": "effect"}, {"Grenzen stellen"}),
        ({"beneficiary": "both"}, {"Grenzen stellen"}),
        ({"beneficiary": "client"}, {"Leren onderhandelen"}),
        ({"evidence": "observable"}, {"Grenzen stellen"}),
        ({"evidence": "explicable", "topic": "onderhandelen"}, {"Leren onderhandelen"}),
        ({"meaning": "financial"}, set()),
        ({"q": "grenzen"}, {"Grenzen stellen"}),
        ({"q": "samenvatting leren"}, {"Leren onderhandelen"}),
        ({}, {"Leren onderhandelen", "Grenzen stellen"}),
    ],
)
def test_search_by_topic_and_kind_of_result(
    client: Client,
    library: dict[str, GoodPractice],
    researcher: User,
    query: dict[str, str],
    expected: set[str],
) -> None:
    response = logged_in(client, researcher).get(reverse("research:practices"), query)
    assert response.status_code == 200
    assert titles(response) == expected


def test_only_topics_of_approved_practices_are_offered(
    client: Client, library: dict[str, GoodPractice], researcher: User
) -> None:
    library["waiting"].topics = ["geheim onderwerp"]
    library["waiting"].save(update_fields=["topics"])
    page = logged_in(client, researcher).get(reverse("research:practices")).content.decode()
    assert '<option value="werk-privé">' in page
    assert "geheim onderwerp" not in page


def test_a_practice_whose_consent_is_withdrawn_is_no_longer_shown(
    client: Client, library: dict[str, GoodPractice], researcher: User
) -> None:
    ResearchConsent.objects.filter(engagement=library["negotiate"].engagement).update(
        withdrawn_on=date(2026, 5, 1)
    )
    response = logged_in(client, researcher).get(reverse("research:practices"))
    assert titles(response) == {"Grenzen stellen"}


def test_an_htmx_search_gets_only_the_list(
    client: Client, library: dict[str, GoodPractice], researcher: User
) -> None:
    response = logged_in(client, researcher).get(
        reverse("research:practices"), {"topic": "onderhandelen"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "<html" not in page
    assert 'id="practice-list"' in page
    assert titles(response) == {"Leren onderhandelen"}


def test_staff_see_the_proposals_waiting_for_review(
    client: Client, library: dict[str, GoodPractice], staff: User
) -> None:
    page = logged_in(client, staff).get(reverse("research:practices")).content.decode()
    assert reverse("research:practice_review", args=[library["waiting"].pk]) in page


def test_researchers_get_no_review_links(
    client: Client, library: dict[str, GoodPractice], researcher: User
) -> None:
    page = logged_in(client, researcher).get(reverse("research:practices")).content.decode()
    assert "Nog in beoordeling" not in page
    assert reverse("research:practice_review", args=[library["waiting"].pk]) not in page


def test_the_list_costs_the_same_number_of_queries_however_many_practices(
    client: Client, researcher: User
) -> None:
    approved("Een", topics=["a"])
    logged_in(client, researcher)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("research:practices"))
    for n in range(6):
        approved(f"Meer {n}", topics=[f"t{n}"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("research:practices"))
    assert response.content.decode().count('class="card practice"') == 7
    assert len(many) == len(one)
