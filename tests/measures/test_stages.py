"""Stage and open actions (`measures.stages`), worked through an engagement's life.

Each test builds the facts of one moment by hand and states what a person would expect
the engagement to show: where it stands, and whom it waits for, since when.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from oogst.measures.stages import StageFacts, stage_of, waiting_for

DAY = timedelta(days=1)
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EVERYONE = frozenset({"client", "coach", "sponsor"})
PRIVATE = frozenset({"client", "coach"})


def started(present: frozenset[str] = EVERYONE) -> StageFacts:
    return StageFacts(
        started_at=T0,
        present=present,
        invitations={},
        intake_at=None,
        expectations={},
        terms_at=None,
        goals=0,
        acceptances={},
        in_force=False,
        amendments={},
        sessions_planned=None,
        sessions_held=0,
        last_session_at=None,
        end_reports_started={},
        end_reports_submitted={},
        sharing_undecided_since=None,
        unrated=frozenset(),
        closing_recorded_at=None,
        closed_at=None,
    )


def in_force(present: frozenset[str] = EVERYONE) -> StageFacts:
    return replace(
        started(present),
        intake_at=T0 + DAY,
        expectations=dict.fromkeys(present, T0 + 2 * DAY),
        terms_at=T0 + 3 * DAY,
        goals=2,
        acceptances=dict.fromkeys(present, T0 + 4 * DAY),
        in_force=True,
        sessions_planned=3,
    )


def reported(present: frozenset[str] = EVERYONE) -> StageFacts:
    """All sessions held, client and coach submitted their end reports."""
    return replace(
        in_force(present),
        sessions_held=3,
        last_session_at=T0 + 30 * DAY,
        end_reports_started={"client": T0 + 31 * DAY, "coach": T0 + 32 * DAY},
        end_reports_submitted={"client": T0 + 33 * DAY, "coach": T0 + 34 * DAY},
    )


def actions(facts: StageFacts) -> list[tuple[str, str, datetime, bool]]:
    return [(a.party, a.action, a.since, a.optional) for a in waiting_for(facts)]


def test_a_started_engagement_waits_for_its_invitees_and_the_intake() -> None:
    facts = replace(started(), invitations={"client": T0, "sponsor": T0 + DAY})
    assert stage_of(facts) == "intake"
    assert actions(facts) == [
        ("client", "accept_invitation", T0, False),
        ("sponsor", "accept_invitation", T0 + DAY, False),
        ("coach", "record_intake", T0, False),
    ]


def test_after_the_intake_each_party_states_its_expectations_the_sponsor_optionally() -> None:
    facts = replace(started(), intake_at=T0 + DAY, expectations={"coach": T0 + DAY})
    assert stage_of(facts) == "expectations"
    assert actions(facts) == [
        ("client", "state_expectations", T0 + DAY, False),
        ("sponsor", "state_expectations", T0 + DAY, True),
    ]


def test_the_contract_stage_opens_when_all_stated_and_asks_for_goals() -> None:
    facts = replace(
        started(),
        intake_at=T0 + DAY,
        expectations={"client": T0 + DAY, "coach": T0 + 2 * DAY, "sponsor": T0 + 3 * DAY},
    )
    assert stage_of(facts) == "contract"
    assert actions(facts) == [("coach", "write_goals", T0 + 3 * DAY, False)]


def test_proposed_terms_open_the_contract_stage_before_everyone_stated() -> None:
    facts = replace(started(), intake_at=T0 + DAY, terms_at=T0 + 2 * DAY, goals=1)
    assert stage_of(facts) == "contract"
    assert ("sponsor", "state_expectations", T0 + DAY, True) in actions(facts)
    assert [a for a in actions(facts) if a[1] == "accept_contract"] == [
        ("client", "accept_contract", T0 + 2 * DAY, False),
        ("coach", "accept_contract", T0 + 2 * DAY, False),
        ("sponsor", "accept_contract", T0 + 2 * DAY, False),
    ]


def test_a_party_that_has_not_accepted_holds_up_the_contract() -> None:
    facts = replace(in_force(), acceptances={"coach": T0 + 4 * DAY, "sponsor": T0 + 4 * DAY})
    facts = replace(facts, in_force=False)  # the client has not accepted: not in force
    assert stage_of(facts) == "contract"
    assert actions(facts) == [("client", "accept_contract", T0 + 3 * DAY, False)]


def test_in_force_the_coach_logs_the_sessions_planned() -> None:
    facts = replace(in_force(), sessions_held=1, last_session_at=T0 + 10 * DAY)
    assert stage_of(facts) == "sessions"
    assert actions(facts) == [("coach", "log_sessions", T0 + 4 * DAY, False)]


def test_a_pending_amendment_waits_for_each_party_asked() -> None:
    facts = replace(in_force(), amendments={"client": T0 + 9 * DAY})
    assert ("client", "accept_amendment", T0 + 9 * DAY, False) in actions(facts)
    assert stage_of(facts) == "sessions"


def test_the_last_session_opens_the_end_reports_with_the_sponsors_optional() -> None:
    facts = replace(in_force(), sessions_held=3, last_session_at=T0 + 30 * DAY)
    assert stage_of(facts) == "end_reports"
    assert actions(facts) == [
        ("client", "write_end_report", T0 + 30 * DAY, False),
        ("coach", "write_end_report", T0 + 30 * DAY, False),
        ("sponsor", "write_end_report", T0 + 30 * DAY, True),
    ]


def test_a_started_end_report_opens_the_stage_before_all_sessions_are_held() -> None:
    facts = replace(in_force(), sessions_held=1, end_reports_started={"client": T0 + 20 * DAY})
    assert stage_of(facts) == "end_reports"


def test_closing_waits_for_ratings_and_the_conversation_optional_ones_aside() -> None:
    facts = replace(reported(), unrated=frozenset({"client", "sponsor"}))
    assert stage_of(facts) == "closing"
    assert actions(facts) == [
        ("sponsor", "write_end_report", T0 + 30 * DAY, True),
        ("client", "rate_attainment", T0 + 34 * DAY, False),
        ("sponsor", "rate_attainment", T0 + 34 * DAY, True),
        ("coach", "record_closing", T0 + 34 * DAY, False),
    ]


def test_with_the_outcome_recorded_the_coach_closes() -> None:
    facts = replace(reported(), closing_recorded_at=T0 + 40 * DAY)
    assert [a[1] for a in actions(facts)] == ["write_end_report", "close"]
    assert actions(facts)[-1] == ("coach", "close", T0 + 40 * DAY, False)


def test_a_closed_engagement_waits_for_nobody() -> None:
    facts = replace(reported(), closing_recorded_at=T0 + 40 * DAY, closed_at=T0 + 41 * DAY)
    assert stage_of(facts) == "closed"
    assert waiting_for(facts) == []


def test_without_a_sponsor_nothing_waits_for_one_and_nobody_decides_sharing() -> None:
    facts = replace(
        reported(PRIVATE),
        sharing_undecided_since=T0 + 35 * DAY,
        unrated=frozenset({"client"}),
    )
    assert stage_of(facts) == "closing"
    assert all(a[0] != "sponsor" for a in actions(facts))
    assert all(a[1] != "decide_sharing" for a in actions(facts))


def test_with_a_sponsor_the_client_decides_sharing() -> None:
    facts = replace(reported(), sharing_undecided_since=T0 + 35 * DAY)
    assert ("client", "decide_sharing", T0 + 35 * DAY, False) in actions(facts)


def test_the_stage_is_the_furthest_whose_condition_holds() -> None:
    # Terms proposed and a sponsor's statement started, though the intake is missing: the
    # stage goes by the furthest condition that holds, and the intake still waits.
    facts = replace(started(), terms_at=T0 + DAY, end_reports_started={"sponsor": T0 + 2 * DAY})
    assert stage_of(facts) == "end_reports"
    assert ("coach", "record_intake", T0, False) in actions(facts)


def test_actions_serialise_for_the_json_list() -> None:
    facts = replace(started(), invitations={"client": T0})
    assert waiting_for(facts)[0].as_json() == {
        "party": "client",
        "action": "accept_invitation",
        "since": "2026-03-02T09:00:00+00:00",
        "optional": False,
    }
