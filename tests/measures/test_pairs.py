from decimal import Decimal

from oogst.measures import pairs
from oogst.measures.model import Value

from .build import engagement, goal, result

NOBODY_JUDGED = {"desired": 0, "undesired": 0, "neutral": 0, "unjudged": 0}


def test_empty_engagement_counts_zero_everywhere_for_all_three_parties():
    assert pairs.count(engagement()) == {
        "intended_achieved": {
            "goals": 0,
            "goals_achieved": 0,
            "results_linked": 0,
            "results_unlinked": 0,
        },
        "expected": {"expected": 0, "unexpected": 0},
        "desirability": {
            "client": NOBODY_JUDGED,
            "coach": NOBODY_JUDGED,
            "sponsor": NOBODY_JUDGED,
            "disagreements": [],
        },
        "beneficiary": {"client": 0, "organisation": 0, "both": 0},
        "evidence": {"observable": 0, "explicable": 0},
    }


def test_goals_without_results_are_all_open():
    view = engagement(goals=(goal("G1"), goal("G2")))
    assert pairs.count(view)["intended_achieved"] == {
        "goals": 2,
        "goals_achieved": 0,
        "results_linked": 0,
        "results_unlinked": 0,
    }


def test_links_to_goals_and_a_result_achieving_two_goals():
    view = engagement(
        goals=(goal("G1"), goal("G2"), goal("G3")),
        results=(
            result("R1", goals=("G1", "G2")),
            result("R2", goals=("G1",)),
            result("R3"),
        ),
    )
    assert pairs.count(view)["intended_achieved"] == {
        "goals": 3,
        "goals_achieved": 2,
        "results_linked": 2,
        "results_unlinked": 1,
    }
    assert pairs.results_by_goal(view) == {"G1": ["R1", "R2"], "G2": ["R1"], "G3": []}


def test_links_to_goals_missing_from_the_view_do_not_count():
    # As when the sponsor may not see the goals: the view has none, so nothing links.
    view = engagement(goals=(goal("G1"),), results=(result("R1", goals=("G9",)),))
    counts = pairs.count(view)["intended_achieved"]
    assert counts["goals_achieved"] == 0
    assert counts["results_linked"] == 0
    assert counts["results_unlinked"] == 1


def test_expected_is_the_results_own_flag_not_its_links():
    view = engagement(
        results=(
            result("R1", goals=(), expected=True),
            result("R2", goals=("G1",), expected=False),
            result("R3", goals=()),
        )
    )
    assert pairs.count(view)["expected"] == {"expected": 1, "unexpected": 2}


def test_desirability_per_party_with_unjudged_and_disagreements():
    results = (
        result("R1", desirability={"client": "desired", "coach": "desired"}),
        result(
            "R2", desirability={"client": "desired", "coach": "neutral", "sponsor": "undesired"}
        ),
        result("R3", desirability={"coach": "undesired", "sponsor": "desired"}),
        result("R4", desirability={"client": "undesired", "sponsor": "undesired"}),
        result("R5"),
    )
    d = pairs.count(engagement(results=results))["desirability"]
    assert d["client"] == {"desired": 2, "undesired": 1, "neutral": 0, "unjudged": 2}
    assert d["coach"] == {"desired": 1, "undesired": 1, "neutral": 1, "unjudged": 2}
    assert d["sponsor"] == {"desired": 1, "undesired": 2, "neutral": 0, "unjudged": 2}
    assert d["disagreements"] == ["R2", "R3"]
    assert pairs.disagreements(results) == ["R2", "R3"]


def test_neutral_against_undesired_is_no_disagreement():
    r = result("R1", desirability={"client": "neutral", "sponsor": "undesired"})
    assert pairs.disagreements([r]) == []


def test_beneficiary_and_evidence_counts():
    results = (
        result("R1", beneficiary="client"),
        result("R2", beneficiary="both", evidence="observable", value=Value(Decimal(1), "EUR")),
        result("R3", beneficiary="organisation", evidence="observable", value=None),
        result("R4", beneficiary="both"),
    )
    counts = pairs.count(engagement(results=results))
    assert counts["beneficiary"] == {"client": 1, "organisation": 1, "both": 2}
    assert counts["evidence"] == {"observable": 2, "explicable": 2}
