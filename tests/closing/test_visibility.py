"""The viewer's part of an engagement, as the policy cuts it (no database needed)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from oogst.harvest.cut import visible_to
from oogst.measures import model as m
from oogst.policy import Party


def result(key: str, **kw: object) -> m.Result:
    fields: dict[str, object] = {
        "key": key,
        "text": f"text of {key}",
        "reported_by": "client",
        "source": "end_report",
        "goals": ("G1",),
        "meaning": "effect",
        "expected": True,
        "beneficiary": "client",
        "evidence": "explicable",
        "shared_with_sponsor": True,
    }
    fields.update(kw)
    return m.Result(**fields)  # type: ignore[arg-type]


def engagement(**kw: object) -> m.Engagement:
    fields: dict[str, object] = {
        "title": "t",
        "organisation": "o",
        "parties": {p: m.Person(name=p, email=f"{p}@x.example") for p in m.PARTIES},
        "intake": m.Intake(date=date(2026, 1, 5), question="the client's question"),
        "expectations": (m.Expectation(party="sponsor", meanings=("financial",)),),
        "contract": m.Contract(accepted={"client": date(2026, 1, 6)}),
        "goals": (m.Goal(key="G1", text="goal one"),),
        "sessions": (
            m.Session(number=1, date=date(2026, 2, 1), topics=("negotiating",), goals=("G1",)),
        ),
        "results": (
            result("R1"),
            result("R2", shared_with_sponsor=False),
            result("R3", reported_by="coach", shared_with_sponsor=False),
            result("R4", reported_by="sponsor", shared_with_sponsor=False, goals=()),
        ),
        "attainment": (
            m.Rating(goal="G1", rater="client", level=1),
            m.Rating(goal="G1", rater="sponsor", level=0),
        ),
        "closing": m.Closing(status="declined", by="sponsor"),
    }
    fields.update(kw)
    return m.Engagement(**fields)  # type: ignore[arg-type]


def keys(view: m.Engagement) -> list[str]:
    return [r.key for r in view.results]


def test_client_and_coach_read_every_result():
    for party in (Party.CLIENT, Party.COACH):
        view, hidden = visible_to(engagement(), party)
        assert keys(view) == ["R1", "R2", "R3", "R4"]
        assert hidden == 0


def test_sponsor_reads_shared_results_and_its_own_only():
    view, hidden = visible_to(engagement(), Party.SPONSOR)
    assert keys(view) == ["R1", "R4"]
    assert hidden == 2


def test_coach_reported_result_needs_the_clients_consent_too():
    view, _ = visible_to(engagement(), Party.SPONSOR)
    assert "R3" not in keys(view)
    shared = engagement(results=(result("R3", reported_by="coach", shared_with_sponsor=True),))
    view, _ = visible_to(shared, Party.SPONSOR)
    assert keys(view) == ["R3"]


def test_sponsor_sees_no_intake_and_no_session_topics():
    view, _ = visible_to(engagement(), Party.SPONSOR)
    assert view.intake is None
    assert [s.number for s in view.sessions] == [1]
    assert view.sessions[0].topics == ()
    assert view.sessions[0].goals == ()


def test_client_sees_intake_and_topics():
    view, _ = visible_to(engagement(), Party.CLIENT)
    assert view.intake is not None
    assert view.sessions[0].topics == ("negotiating",)


def test_sponsor_without_sessions_held_in_the_contract_sees_no_sessions():
    narrowed = engagement(contract=m.Contract(sponsor_may_see=("goals",)))
    view, _ = visible_to(narrowed, Party.SPONSOR)
    assert view.sessions == ()


def test_hidden_goals_hide_the_links_but_not_expected():
    hidden_goals = engagement(contract=m.Contract(sponsor_may_see=("sessions_held",)))
    view, _ = visible_to(hidden_goals, Party.SPONSOR)
    assert view.goals == ()
    assert all(r.goals == () for r in view.results)
    assert [r.expected for r in view.results] == [True, True]
    assert view.attainment == ()


def test_sponsor_reads_only_its_own_ratings_by_default():
    view, _ = visible_to(engagement(), Party.SPONSOR)
    assert [(a.rater, a.level) for a in view.attainment] == [("sponsor", 0)]


def test_attainment_widening_waits_for_the_clients_acceptance():
    widened = m.Contract(
        sponsor_may_see=("goals", "sessions_held", "attainment"),
        accepted={"coach": date(2026, 1, 6), "sponsor": date(2026, 1, 7)},
    )
    view, _ = visible_to(engagement(contract=widened), Party.SPONSOR)
    assert [a.rater for a in view.attainment] == ["sponsor"]

    accepted = replace(widened, accepted={**widened.accepted, "client": date(2026, 1, 8)})
    view, _ = visible_to(engagement(contract=accepted), Party.SPONSOR)
    assert [a.rater for a in view.attainment] == ["client", "sponsor"]


def test_expectations_and_closing_are_read_by_everyone():
    view, _ = visible_to(engagement(), Party.SPONSOR)
    assert [e.party for e in view.expectations] == ["sponsor"]
    assert view.closing is not None and view.closing.status == "declined"


def test_operator_reads_everything():
    full = engagement()
    view, hidden = visible_to(full, None)
    assert view == full
    assert hidden == 0


def test_without_a_contract_the_default_view_applies():
    view, _ = visible_to(engagement(contract=None), Party.SPONSOR)
    assert [g.key for g in view.goals] == ["G1"]
    assert [a.rater for a in view.attainment] == ["sponsor"]


def test_sponsor_keeps_every_judgement_on_a_result_it_may_read():
    judged = result(
        "R1",
        desirability={"client": "desired", "coach": "undesired"},
        attribution={"client": m.Attribution(share=Decimal("0.5"), confidence=Decimal("0.5"))},
    )
    view, _ = visible_to(engagement(results=(judged,)), Party.SPONSOR)
    assert view.results[0].desirability == {"client": "desired", "coach": "undesired"}
    assert set(view.results[0].attribution) == {"client"}
