"""End report pages: the form, the autosave endpoint and the submission, for each party."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from oogst.policy import Party
from oogst.results.models import EndReport, Result
from oogst.results.services.end_reports import end_report_save_draft, end_report_submit
from tests.parties import Trio, logged_in

CLIENT_PROSE = "Mijn dinsdagen zijn weer van mij alleen"
SPONSOR_PROSE = "Het team draait zonder overuren"


def url(trio: Trio, name: str = "end_report") -> str:
    return reverse(f"results:{name}", args=[trio.engagement.pk])


def form_data(**extra: object) -> dict[str, object]:
    data: dict[str, object] = {
        "report": "1",
        "goal-G1-text": CLIENT_PROSE,
        "goal-G1-result": ["Vrije woensdagmiddag", ""],
        "goal-G2-text": "",
        "goal-G2-result": [""],
        "other-text": "",
        "other-result": ["Salarisverhoging"],
        "summary": "Goed traject.",
    }
    data.update(extra)
    return data


def text_of(response: object) -> str:
    return re.sub(r"\s+", " ", response.content.decode())  # type: ignore[attr-defined]


def client_draft(trio: Trio) -> EndReport:
    return end_report_save_draft(
        engagement=trio.engagement,
        party=Party.CLIENT,
        draft={"goals": {"G1": {"text": CLIENT_PROSE, "results": ["Vrije woensdagmiddag"]}}},
    )


# ---------------------------------------------------------------- the page


def test_the_client_sees_every_goal_with_its_questions(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(url(trio))
    assert response.status_code == 200
    page = text_of(response)
    assert "What did you achieve on this goal?" in page
    assert "Werk en privé weer in evenwicht brengen" in page
    assert "Meer coachend leidinggeven" in page
    assert "What else happened that no goal named?" in page
    assert 'name="goal-G1-result"' in page and 'name="other-result"' in page
    assert 'data-autosave="' + url(trio, "end_report_autosave") + '"' in page
    assert "js/autosave.js" in page
    assert page.count("<h1") == 1


def test_the_coach_writes_his_own_view(client: Client, trio: Trio) -> None:
    page = text_of(logged_in(client, trio.bob).get(url(trio)))
    assert "What did the client achieve on this goal, as you see it?" in page


def test_the_sponsor_writes_a_statement_with_goals_only_if_the_contract_allows(
    client: Client, trio: Trio
) -> None:
    page = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert "Your statement" in page
    assert 'name="goal-G1-text"' in page  # the default contract shows the goals
    trio.engagement.contract.sponsor_may_see = ["sessions_held"]
    trio.engagement.contract.save()
    page = text_of(client.get(url(trio)))
    assert 'name="goal-G1-text"' not in page
    assert "Werk en privé" not in page
    assert 'name="other-result"' in page and 'name="summary"' in page


def test_a_reload_shows_the_saved_draft(client: Client, trio: Trio) -> None:
    client_draft(trio)
    page = text_of(logged_in(client, trio.alice).get(url(trio)))
    assert CLIENT_PROSE in page
    assert 'value="Vrije woensdagmiddag"' in page
    assert "Draft saved at" in page


def test_save_draft_without_javascript(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(url(trio), form_data(action="save"))
    assert response.status_code == 302
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.draft["goals"]["G1"]["text"] == CLIENT_PROSE
    assert "Your draft is saved" in text_of(client.get(url(trio)))


def test_add_another_result_without_javascript_opens_a_line(client: Client, trio: Trio) -> None:
    data = form_data(add="other")
    response = logged_in(client, trio.alice).post(url(trio), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#part-other")
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.draft["other"]["results"] == ["Salarisverhoging", ""]
    page = text_of(client.get(url(trio)))
    assert 'id="id_other-result_1"' in page, "the new, empty line is on the page"


def test_a_too_long_line_is_explained_and_nothing_typed_is_lost(client: Client, trio: Trio) -> None:
    data = form_data(**{"other-result": ["x" * 501], "summary": "Bewaar mij"})
    response = logged_in(client, trio.alice).post(url(trio), data)
    assert response.status_code == 400
    page = text_of(response)
    assert "too long" in page
    assert 'aria-describedby="id_other-result_helptext id_other-result_error"' in page
    assert "Bewaar mij" in page and CLIENT_PROSE in page
    assert not EndReport.objects.exists()


@pytest.mark.parametrize("name", ["end_report"])
def test_wrong_method(client: Client, trio: Trio, name: str) -> None:
    assert logged_in(client, trio.alice).put(url(trio, name)).status_code == 405


@pytest.mark.parametrize("name", ["end_report", "end_report_autosave", "end_report_submit"])
def test_an_outsider_gets_404(client: Client, trio: Trio, name: str) -> None:
    logged_in(client, trio.dave)
    assert client.get(url(trio, "end_report")).status_code == 404
    assert client.post(url(trio, name), form_data(confirm="yes")).status_code == 404
    assert not EndReport.objects.exists()


def test_anonymous_is_sent_to_log_in(client: Client, trio: Trio) -> None:
    response = client.get(url(trio))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# ---------------------------------------------------------------- the autosave endpoint


def test_autosave_saves_and_answers_with_the_time(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(url(trio, "end_report_autosave"), form_data())
    assert response.status_code == 200
    assert re.search(r"Draft saved at \d\d:\d\d", response.content.decode())
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.draft["goals"]["G1"]["results"] == ["Vrije woensdagmiddag", ""]
    assert report.draft["summary"] == "Goed traject."


def test_autosave_rejects_get(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(url(trio, "end_report_autosave"))
    assert response.status_code == 405


def test_autosave_needs_the_csrf_token(trio: Trio) -> None:
    strict = logged_in(Client(enforce_csrf_checks=True), trio.alice)
    response = strict.post(url(trio, "end_report_autosave"), form_data())
    assert response.status_code == 403
    assert not EndReport.objects.exists()


def test_autosave_explains_what_it_refuses(client: Client, trio: Trio) -> None:
    data = form_data(summary="x" * 10_001)
    response = logged_in(client, trio.alice).post(url(trio, "end_report_autosave"), data)
    assert response.status_code == 400
    assert "Not saved" in response.content.decode()
    assert not EndReport.objects.exists()


@pytest.mark.parametrize(
    ("person", "party"), [("bob", "coach"), ("charlie", "sponsor")], ids=["coach", "sponsor"]
)
def test_a_party_only_ever_saves_its_own_report(
    client: Client, trio: Trio, person: str, party: str
) -> None:
    """There is no URL for another party's report: whatever is posted lands in the own."""
    client_draft(trio)
    logged_in(client, getattr(trio, person))
    response = client.post(url(trio, "end_report_autosave"), form_data(party="client"))
    assert response.status_code == 200
    assert EndReport.objects.get(party="client").draft["goals"]["G1"]["text"] == CLIENT_PROSE
    assert EndReport.objects.get(party=party).draft["summary"] == "Goed traject."
    client.post(url(trio, "end_report_submit"), {"confirm": "yes", "party": "client"})
    assert EndReport.objects.get(party="client").submitted_at is None
    assert EndReport.objects.get(party=party).submitted_at is not None


def test_autosave_after_submission_is_refused(client: Client, trio: Trio) -> None:
    client_draft(trio)
    report = end_report_submit(engagement=trio.engagement, party=Party.CLIENT, person=trio.alice)
    response = logged_in(client, trio.alice).post(url(trio, "end_report_autosave"), form_data())
    assert response.status_code == 409
    assert "already submitted" in response.content.decode()
    report.refresh_from_db()
    assert "Salarisverhoging" not in str(report.draft)


# ---------------------------------------------------------------- submission


def test_submit_asks_to_confirm_first_and_saves_what_was_typed(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).post(url(trio, "end_report_submit"), form_data())
    assert response.status_code == 200
    page = text_of(response)
    assert "Once submitted, it is final" in page
    assert "The 2 results you name go into the results register" in page
    assert 'name="confirm" value="yes"' in page
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.submitted_at is None, "not before the confirmation"
    assert report.draft["goals"]["G1"]["text"] == CLIENT_PROSE


def test_submit_confirmed_creates_the_results_and_shows_the_report_read_only(
    client: Client, trio: Trio
) -> None:
    logged_in(client, trio.alice).post(url(trio, "end_report_submit"), form_data())
    response = client.post(url(trio, "end_report_submit"), {"confirm": "yes"})
    assert response.status_code == 302
    assert Result.objects.filter(end_report__party="client").count() == 2
    page = text_of(client.get(url(trio)))
    assert "Your end report is submitted" in page
    assert "Submitted on" in page
    assert CLIENT_PROSE in page
    assert 'name="goal-G1-text"' not in page, "read-only after submission"
    assert reverse("results:result", args=[trio.engagement.pk, "R4"]) in page


def test_a_second_submission_says_so_and_changes_nothing(client: Client, trio: Trio) -> None:
    client_draft(trio)
    logged_in(client, trio.alice).post(url(trio, "end_report_submit"), {"confirm": "yes"})
    count = Result.objects.count()
    response = client.post(url(trio, "end_report_submit"), {"confirm": "yes"}, follow=True)
    assert "already submitted" in text_of(response)
    response = client.post(url(trio, "end_report_submit"), form_data(), follow=True)
    assert "already submitted" in text_of(response)
    assert Result.objects.count() == count
    assert "Salarisverhoging" not in str(EndReport.objects.get(party="client").draft)


def test_an_empty_report_cannot_be_submitted(client: Client, trio: Trio) -> None:
    logged_in(client, trio.alice)
    empty = form_data(
        **{"goal-G1-text": "", "goal-G1-result": [""], "other-result": [""], "summary": " "}
    )
    response = client.post(url(trio, "end_report_submit"), empty)
    assert response.status_code == 400
    assert "Your end report is empty" in text_of(response)
    response = client.post(url(trio, "end_report_submit"), {"confirm": "yes"}, follow=True)
    assert "Your end report is empty" in text_of(response)
    assert not EndReport.objects.filter(submitted_at__isnull=False).exists()


def test_submit_rejects_get(client: Client, trio: Trio) -> None:
    assert logged_in(client, trio.alice).get(url(trio, "end_report_submit")).status_code == 405


# ---------------------------------------------------------------- who reads what


@pytest.mark.parametrize("viewer", ["bob", "charlie"])
def test_the_clients_draft_never_reaches_another_party(
    client: Client, trio: Trio, viewer: str
) -> None:
    client_draft(trio)
    logged_in(client, getattr(trio, viewer))
    for page_url in (url(trio), reverse("closing:engagement", args=[trio.engagement.pk])):
        response = client.get(page_url)
        assert response.status_code == 200
        assert CLIENT_PROSE not in text_of(response), page_url


def test_after_submission_the_coach_reads_the_client_and_the_sponsor_does_not(
    client: Client, trio: Trio
) -> None:
    client_draft(trio)
    end_report_submit(engagement=trio.engagement, party=Party.CLIENT, person=trio.alice)
    coach = text_of(logged_in(client, trio.bob).get(url(trio)))
    assert "The client\u2019s end report, by Alice Aarts" in coach
    assert CLIENT_PROSE in coach
    assert reverse("results:result", args=[trio.engagement.pk, "R4"]) in coach
    sponsor = text_of(logged_in(client, trio.charlie).get(url(trio)))
    assert CLIENT_PROSE not in sponsor
    assert "Vrije woensdagmiddag" not in sponsor
    assert "stay between the two of them" in sponsor


def test_the_client_reads_the_sponsors_statement_once_submitted(client: Client, trio: Trio) -> None:
    end_report_save_draft(
        engagement=trio.engagement, party=Party.SPONSOR, draft={"summary": SPONSOR_PROSE}
    )
    logged_in(client, trio.alice)
    assert SPONSOR_PROSE not in text_of(client.get(url(trio)))
    end_report_submit(engagement=trio.engagement, party=Party.SPONSOR, person=trio.charlie)
    page = text_of(client.get(url(trio)))
    assert "The sponsor\u2019s statement, by Charlie Claes" in page
    assert SPONSOR_PROSE in page


def test_the_page_costs_a_flat_number_of_queries(
    client: Client, trio: Trio, django_assert_max_num_queries: object
) -> None:
    client_draft(trio)
    end_report_submit(engagement=trio.engagement, party=Party.CLIENT, person=trio.alice)
    logged_in(client, trio.bob)
    client.get(url(trio))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url(trio))
    for n in range(20):
        Result.objects.create(
            engagement=trio.engagement,
            key=f"R{100 + n}",
            text="meer",
            reported_by="client",
            meaning="effect",
            expected=False,
            beneficiary="client",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url(trio))
    assert len(many) == len(few)
