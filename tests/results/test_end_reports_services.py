"""End report services: drafts saved as typed, submission into the register, who reads what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oogst.contracting.frame import stage_frame_of
from oogst.contracting.models import Contract
from oogst.policy import Party
from oogst.results.models import EndReport, Judgement, Result
from oogst.results.services import end_reports as services
from oogst.results.services.end_reports import (
    LINE_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    EndReportPage,
    end_report_page,
    end_report_save_draft,
    end_report_submit,
)
from tests.parties import Trio

CLIENT_PROSE = "Ik heb mijn agenda terugveroverd op de dinsdagen"
COACH_PROSE = "Zij stuurt haar team nu met vragen in plaats van opdrachten"
SPONSOR_PROSE = "De afdeling draait stabieler sinds het voorjaar"


def page_for(trio: Trio, viewer: Party) -> EndReportPage:
    """The page as `viewer` (a party of the trio) sees it, through its own frame."""
    person = {"client": trio.alice, "coach": trio.bob, "sponsor": trio.charlie}[viewer]
    frame = stage_frame_of(person=person, engagement_id=trio.engagement.pk)
    assert frame is not None
    return end_report_page(frame)


def client_draft() -> dict:
    return {
        "goals": {
            "G1": {"text": CLIENT_PROSE, "results": ["Vrije woensdagmiddag", "  ", ""]},
            "G2": {"text": "", "results": ["Wekelijks teamoverleg met vragen"]},
            "G99": {"text": "a goal that does not exist", "results": ["ignored"]},
        },
        "other": {"text": "Ik onderhandel beter", "results": ["Salarisverhoging"]},
        "summary": "Het was de moeite waard.",
        "unknown": "dropped",
    }


def submit(trio: Trio, party: Party = Party.CLIENT) -> EndReport:
    person = {Party.CLIENT: trio.alice, Party.COACH: trio.bob, Party.SPONSOR: trio.charlie}
    return end_report_submit(engagement=trio.engagement, party=party, person=person[party])


# ---------------------------------------------------------------- drafts


def test_a_draft_is_saved_and_reloaded_as_typed(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.submitted_at is None
    assert set(report.draft["goals"]) == {"G1", "G2"}, "unknown goal keys are ignored"
    assert "unknown" not in report.draft
    # Lines are kept as typed, empty rows too, so a reloaded page shows the same rows.
    assert report.draft["goals"]["G1"]["results"] == ["Vrije woensdagmiddag", "  ", ""]
    assert report.draft["goals"]["G1"]["text"] == CLIENT_PROSE
    page = page_for(trio, Party.CLIENT)
    assert page.own.report == report
    assert [s.key for s in page.own.sections] == ["G1", "G2", "other"]
    assert not Result.objects.filter(end_report=report).exists(), "a draft creates no results"


def test_saving_again_replaces_the_draft(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    end_report_save_draft(
        engagement=trio.engagement, party=Party.CLIENT, draft={"summary": "Korter."}
    )
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.draft["summary"] == "Korter."
    assert report.draft["goals"] == {}
    assert EndReport.objects.filter(engagement=trio.engagement).count() == 1


@pytest.mark.parametrize(
    ("draft", "field"),
    [
        ({"summary": "x" * (TEXT_MAX_LENGTH + 1)}, "summary"),
        ({"other": {"results": ["x" * (LINE_MAX_LENGTH + 1)]}}, "other-result"),
        ({"other": {"results": ["a"] * 41}}, "other-result"),
        ({"goals": {"G1": {"text": 12}}}, "goal-G1-text"),
        ({"goals": {"G1": {"results": "not a list"}}}, "goal-G1-result"),
    ],
)
def test_a_malformed_or_oversized_draft_is_refused_by_field(
    trio: Trio, draft: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=draft)
    assert field in caught.value.message_dict
    assert not EndReport.objects.filter(engagement=trio.engagement).exists()


def test_the_sponsor_reports_on_no_goal_the_contract_hides(trio: Trio) -> None:
    Contract.objects.filter(engagement=trio.engagement).update(sponsor_may_see=["sessions_held"])
    draft = {"goals": {"G1": {"text": "hidden"}}, "summary": SPONSOR_PROSE}
    report = end_report_save_draft(engagement=trio.engagement, party=Party.SPONSOR, draft=draft)
    assert report.draft["goals"] == {}
    Contract.objects.filter(engagement=trio.engagement).update(sponsor_may_see=["goals"])
    report = end_report_save_draft(engagement=trio.engagement, party=Party.SPONSOR, draft=draft)
    assert report.draft["goals"]["G1"]["text"] == "hidden"


# ---------------------------------------------------------------- submission


def test_submitting_creates_one_result_per_line_with_the_defaults(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    last = max(Result.objects.values_list("position", flat=True))
    report = submit(trio)
    assert report.submitted_at is not None
    assert report.summary == "Het was de moeite waard."
    results = list(Result.objects.filter(end_report=report).order_by("position"))
    # The trio already has R1..R3: the keys continue, and the positions after the last.
    assert [r.key for r in results] == ["R4", "R5", "R6"]
    assert [r.text for r in results] == [
        "Vrije woensdagmiddag",
        "Wekelijks teamoverleg met vragen",
        "Salarisverhoging",
    ]
    assert [r.position for r in results] == [last + 1, last + 2, last + 3]
    assert [[g.key for g in r.goals.all()] for r in results] == [["G1"], ["G2"], []]
    assert [r.expected for r in results] == [True, True, False]
    for r in results:
        assert (r.reported_by, r.source, r.meaning) == ("client", "end_report", "effect")
        assert (r.beneficiary, r.evidence) == ("client", "explicable")
        assert r.shared_with_sponsor is False
        assert [(j.party, j.desirability) for j in r.judgements.all()] == [("client", "desired")]
    # The final report keeps its prose and the key of each line.
    assert report.draft["goals"]["G1"] == {
        "text": CLIENT_PROSE,
        "results": ["Vrije woensdagmiddag"],
        "keys": ["R4"],
    }
    assert report.draft["other"]["keys"] == ["R6"]


def test_keys_continue_after_the_highest_r_number(trio: Trio) -> None:
    Result.objects.filter(engagement=trio.engagement, key="R2").update(key="R17", position=9_000)
    end_report_save_draft(
        engagement=trio.engagement, party=Party.COACH, draft={"other": {"results": ["Rust"]}}
    )
    report = submit(trio, Party.COACH)
    result = Result.objects.get(end_report=report)
    assert (result.key, result.position) == ("R18", 9_001)


def test_sponsor_results_are_for_the_organisation(trio: Trio) -> None:
    end_report_save_draft(
        engagement=trio.engagement,
        party=Party.SPONSOR,
        draft={"summary": SPONSOR_PROSE, "other": {"results": ["Minder verzuim"]}},
    )
    report = submit(trio, Party.SPONSOR)
    result = Result.objects.get(end_report=report)
    assert (result.reported_by, result.beneficiary, result.expected) == (
        "sponsor",
        "organisation",
        False,
    )
    assert Judgement.objects.get(result=result).party == "sponsor"


def test_a_second_submission_is_refused_and_changes_nothing(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    report = submit(trio)
    count = Result.objects.count()
    with pytest.raises(ValidationError) as caught:
        submit(trio)
    assert caught.value.code == "submitted"
    with pytest.raises(ValidationError):
        end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft={})
    assert Result.objects.count() == count
    again = EndReport.objects.get(pk=report.pk)
    assert (again.submitted_at, again.draft) == (report.submitted_at, report.draft)


@pytest.mark.parametrize(
    "draft",
    [None, {}, {"goals": {"G1": {"text": "  ", "results": ["", " "]}}, "summary": "\n"}],
)
def test_an_empty_report_is_refused(trio: Trio, draft: dict | None) -> None:
    if draft is not None:
        end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=draft)
    with pytest.raises(ValidationError) as caught:
        submit(trio)
    assert caught.value.code == "empty"
    assert not EndReport.objects.filter(submitted_at__isnull=False).exists()
    assert Result.objects.count() == 3


def test_a_failed_submission_leaves_no_result_behind(
    trio: Trio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction: when the second result cannot be saved, the first goes too."""
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    record = services._record
    calls = []

    def failing(**kwargs: object) -> Result:
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError("the database said no")
        return record(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "_record", failing)
    with pytest.raises(ValidationError):
        submit(trio)
    assert len(calls) == 2
    assert Result.objects.count() == 3
    report = EndReport.objects.get(engagement=trio.engagement, party="client")
    assert report.submitted_at is None
    assert report.draft["goals"]["G1"]["results"] == ["Vrije woensdagmiddag", "  ", ""]


def test_only_the_person_holding_the_party_submits(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    for person in (trio.bob, trio.dave):
        with pytest.raises(PermissionDenied):
            end_report_submit(engagement=trio.engagement, party=Party.CLIENT, person=person)
    assert Result.objects.count() == 3


# ---------------------------------------------------------------- who reads what


def test_a_draft_is_read_by_nobody_else(trio: Trio) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    for viewer in (Party.COACH, Party.SPONSOR):
        page = page_for(trio, viewer)
        assert page.others == ()
        assert CLIENT_PROSE not in repr(page)


def test_after_submission_the_coach_reads_the_client_and_the_sponsor_does_not(
    trio: Trio,
) -> None:
    end_report_save_draft(engagement=trio.engagement, party=Party.CLIENT, draft=client_draft())
    submit(trio)
    coach = page_for(trio, Party.COACH)
    assert [o.party for o in coach.others] == ["client"]
    (client_report,) = coach.others
    assert client_report.sections[0].text == CLIENT_PROSE
    assert [line.key for line in client_report.sections[0].lines] == ["R4"]
    assert coach.waiting == ("sponsor",)
    sponsor = page_for(trio, Party.SPONSOR)
    assert sponsor.others == () and sponsor.waiting == ()
    assert sponsor.others_confidential
    assert CLIENT_PROSE not in repr(sponsor)


def test_the_client_reads_the_sponsors_submitted_statement(trio: Trio) -> None:
    end_report_save_draft(
        engagement=trio.engagement,
        party=Party.SPONSOR,
        draft={"summary": SPONSOR_PROSE, "other": {"results": ["Minder verzuim"]}},
    )
    before = page_for(trio, Party.CLIENT)
    assert before.others == () and "sponsor" in before.waiting
    submit(trio, Party.SPONSOR)
    after = page_for(trio, Party.CLIENT)
    (statement,) = after.others
    assert statement.summary == SPONSOR_PROSE
    assert [line.key for line in statement.sections[0].lines] == ["R4"]
