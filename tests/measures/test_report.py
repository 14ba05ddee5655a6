"""The report of the spec's example engagement, key by key, for the operator and the sponsor.

The expected values are copied from spec/example.report.json and
spec/example.report.sponsor.json: the spec, not this code, is the judge.
"""

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from oogst.harvest.cut import visible_to
from oogst.measures import report
from oogst.measures.model import Closing, Money, Rating, Value
from oogst.policy import Party

from .build import attribution, contract, engagement, goal, result
from .example_engagement import example_engagement

CLOSING = {
    "status": "declined",
    "by": "sponsor",
    "date": None,
    "notes": "De coach stelde een afsluitend driegesprek voor; de directie ging daar niet op in.",
}
ALIGNMENT = {
    "meanings": {
        "client": ["effect", "success"],
        "coach": ["product", "effect"],
        "sponsor": ["performance", "financial"],
    },
    "shared": [],
    "divergent": True,
}
ROI = {"costs": 3600, "benefits": 7200.0, "roi_percent": 100.0, "bcr": 2.0, "counted": ["R6"]}


def judged(desired: int, undesired: int, neutral: int, unjudged: int) -> dict[str, int]:
    return {"desired": desired, "undesired": undesired, "neutral": neutral, "unjudged": unjudged}


@pytest.fixture(scope="module")
def full() -> dict:
    return report.compute(example_engagement(), hidden=0)


@pytest.fixture(scope="module")
def sponsor() -> dict:
    view, hidden = visible_to(example_engagement(), Party.SPONSOR)
    return report.compute(view, hidden=hidden)


class TestExampleReport:
    def test_keys(self, full):
        assert set(full) == {
            "goals",
            "pairs",
            "alignment",
            "gas",
            "roi",
            "closing",
            "hidden",
            "agenda",
            "attainment_differences",
        }

    def test_goals(self, full):
        assert full["goals"] == [
            {
                "key": "G1",
                "status": "achieved",
                "results": ["R1"],
                "attainment": {"client": 1, "coach": 1},
            },
            {
                "key": "G2",
                "status": "achieved",
                "results": ["R2"],
                "attainment": {"client": 1, "coach": 0},
            },
            {
                "key": "G3",
                "status": "achieved",
                "results": ["R3"],
                "attainment": {"client": 0, "coach": 0},
            },
        ]

    def test_pairs(self, full):
        assert full["pairs"] == {
            "intended_achieved": {
                "goals": 3,
                "goals_achieved": 3,
                "results_linked": 3,
                "results_unlinked": 3,
            },
            "expected": {"expected": 3, "unexpected": 3},
            "desirability": {
                "client": judged(6, 0, 0, 0),
                "coach": judged(4, 0, 1, 1),
                "sponsor": judged(4, 1, 0, 1),
                "disagreements": ["R5"],
            },
            "beneficiary": {"client": 3, "organisation": 1, "both": 2},
            "evidence": {"observable": 2, "explicable": 4},
        }

    def test_alignment(self, full):
        assert full["alignment"] == ALIGNMENT

    def test_gas(self, full):
        assert full["gas"] == {"rho": 0.3, "client": 59.13, "coach": 54.56, "sponsor": None}

    def test_roi(self, full):
        assert full["roi"] == ROI
        assert isinstance(full["roi"]["costs"], int)

    def test_closing_and_hidden(self, full):
        assert full["closing"] == CLOSING
        assert full["hidden"] == 0

    def test_agenda(self, full):
        assert full["agenda"] == [
            {"kind": "unexpected", "ref": "R4"},
            {"kind": "unexpected", "ref": "R5"},
            {"kind": "unexpected", "ref": "R6"},
            {"kind": "disagreement", "ref": "R5"},
            {"kind": "organisation", "ref": "R2"},
            {"kind": "organisation", "ref": "R3"},
            {"kind": "organisation", "ref": "R6"},
            {"kind": "explicable", "ref": "R1"},
            {"kind": "explicable", "ref": "R2"},
            {"kind": "explicable", "ref": "R3"},
            {"kind": "attribution", "ref": "R3"},
        ]

    def test_is_json_ready(self, full):
        assert json.loads(json.dumps(full)) == full


class TestExampleReportForSponsor:
    def test_goals_without_others_attainment(self, sponsor):
        assert sponsor["goals"] == [
            {"key": "G1", "status": "achieved", "results": ["R1"], "attainment": {}},
            {"key": "G2", "status": "achieved", "results": ["R2"], "attainment": {}},
            {"key": "G3", "status": "achieved", "results": ["R3"], "attainment": {}},
        ]

    def test_pairs_over_shared_results_only(self, sponsor):
        assert sponsor["pairs"] == {
            "intended_achieved": {
                "goals": 3,
                "goals_achieved": 3,
                "results_linked": 3,
                "results_unlinked": 2,
            },
            "expected": {"expected": 3, "unexpected": 2},
            "desirability": {
                "client": judged(5, 0, 0, 0),
                "coach": judged(3, 0, 1, 1),
                "sponsor": judged(4, 1, 0, 0),
                "disagreements": ["R5"],
            },
            "beneficiary": {"client": 2, "organisation": 1, "both": 2},
            "evidence": {"observable": 2, "explicable": 3},
        }

    def test_alignment_gas_roi_closing(self, sponsor):
        assert sponsor["alignment"] == ALIGNMENT
        assert sponsor["gas"] == {"rho": 0.3, "client": None, "coach": None, "sponsor": None}
        assert sponsor["roi"] == ROI
        assert sponsor["closing"] == CLOSING

    def test_hidden_counts_the_unshared_result(self, sponsor):
        assert sponsor["hidden"] == 1

    def test_agenda_without_the_unshared_result(self, sponsor):
        assert sponsor["agenda"] == [
            {"kind": "unexpected", "ref": "R5"},
            {"kind": "unexpected", "ref": "R6"},
            {"kind": "disagreement", "ref": "R5"},
            {"kind": "organisation", "ref": "R2"},
            {"kind": "organisation", "ref": "R3"},
            {"kind": "organisation", "ref": "R6"},
            {"kind": "explicable", "ref": "R1"},
            {"kind": "explicable", "ref": "R2"},
            {"kind": "explicable", "ref": "R3"},
            {"kind": "attribution", "ref": "R3"},
        ]


def test_sponsor_without_goals_in_contract_sees_no_links():
    snapshot = example_engagement()
    assert snapshot.contract is not None
    narrowed = replace(
        snapshot, contract=replace(snapshot.contract, sponsor_may_see=("sessions_held",))
    )
    view, hidden = visible_to(narrowed, Party.SPONSOR)
    out = report.compute(view, hidden=hidden)
    assert out["goals"] == []
    assert out["pairs"]["intended_achieved"] == {
        "goals": 0,
        "goals_achieved": 0,
        "results_linked": 0,
        "results_unlinked": 5,
    }
    assert out["pairs"]["expected"] == {"expected": 3, "unexpected": 2}
    kinds = {item["kind"] for item in out["agenda"]}
    assert "open_goal" not in kinds
    assert "explicable" not in kinds


def test_empty_engagement_without_contract():
    out = report.compute(engagement(), hidden=0)
    del out["pairs"]  # all zeros, see test_pairs
    assert out == {
        "goals": [],
        "alignment": {"meanings": {}, "shared": [], "divergent": False},
        "gas": {"rho": 0.3, "client": None, "coach": None, "sponsor": None},
        "roi": {"costs": None, "benefits": 0.0, "roi_percent": None, "bcr": None, "counted": []},
        "closing": None,
        "hidden": 0,
        "agenda": [],
        "attainment_differences": [],
    }


def test_open_goal_and_its_attainment():
    view = engagement(
        goals=(goal("G1"),),
        attainment=(Rating("G1", "sponsor", -1), Rating("G1", "client", 2)),
    )
    assert report.compute(view, hidden=2)["goals"] == [
        {"key": "G1", "status": "open", "results": [], "attainment": {"client": 2, "sponsor": -1}}
    ]
    assert report.compute(view, hidden=2)["hidden"] == 2


def test_rho_comes_from_the_contract():
    view = engagement(
        contract=contract(rho=Decimal("0")),
        goals=(goal("G1"), goal("G2")),
        attainment=(Rating("G1", "coach", 1), Rating("G2", "coach", 1)),
    )
    gas = report.compute(view, hidden=0)["gas"]
    assert gas["rho"] == 0.0
    assert gas["coach"] == 64.14  # 50 + 20 / sqrt(2)


def test_roi_numbers_are_rounded_bcr_to_four_places():
    # 1000 * 0.3 * 0.7 = 210 against 900.5: bcr 0.23320..., roi -76.6796...%
    view = engagement(
        contract=contract("900.5"),
        results=(
            result(
                "R1",
                beneficiary="organisation",
                evidence="observable",
                value=Value(Decimal(1000), "EUR"),
                attribution={"coach": attribution("0.3", "0.7")},
            ),
        ),
    )
    assert report.compute(view, hidden=0)["roi"] == {
        "costs": 900.5,
        "benefits": 210.0,
        "roi_percent": -76.68,
        "bcr": 0.2332,
        "counted": ["R1"],
    }


def test_rounding_is_half_up():
    assert report.rounded(Decimal("0.125")) == 0.13
    assert report.rounded(Decimal("2.00005"), 4) == 2.0001
    assert report.plain_amount(Decimal("3600.00")) == 3600
    assert report.plain_amount(Decimal("12.5")) == 12.5


def test_costs_of_zero_report_nulls():
    view = engagement(contract=replace(contract(), costs=Money(Decimal(0), "EUR")))
    assert report.compute(view, hidden=0)["roi"] == {
        "costs": None,
        "benefits": 0.0,
        "roi_percent": None,
        "bcr": None,
        "counted": [],
    }


def test_closing_date_is_iso():
    view = engagement(closing=Closing("held", None, date(2026, 10, 1), "Goed gesprek."))
    assert report.compute(view, hidden=0)["closing"] == {
        "status": "held",
        "by": None,
        "date": "2026-10-01",
        "notes": "Goed gesprek.",
    }
