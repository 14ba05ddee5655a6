"""The pure half: document -> plain engagement -> document (no database)."""

from datetime import date
from decimal import Decimal
from typing import Any

from oogst.interchange.document import parse, serialize
from oogst.measures import model as m

from .conftest import load

MINIMAL: dict[str, Any] = {
    "format": "oogst/engagement@1",
    "title": "t",
    "organisation": "particulier",
    "parties": {
        "coach": {"name": "B", "email": "b@x.example"},
        "client": {"name": "A", "email": "a@x.example"},
    },
    "contract": {},
    "goals": [{"key": "G1", "text": "g"}],
    "results": [
        {
            "key": "R1",
            "text": "r1",
            "reported_by": "client",
            "source": "session",
            "goals": ["G1"],
            "meaning": "effect",
            "beneficiary": "client",
            "evidence": "explicable",
        },
        {
            "key": "R2",
            "text": "r2",
            "reported_by": "coach",
            "source": "other",
            "goals": [],
            "meaning": "effect",
            "beneficiary": "client",
            "evidence": "observable",
            "value": {"amount": 12.5, "unit": "hours"},
        },
    ],
}


def test_parse_applies_the_defaults() -> None:
    e = parse(MINIMAL)
    assert e.language == "nl"
    assert e.sector == ""
    assert e.intake is None and e.closing is None
    assert e.contract == m.Contract(
        sessions_planned=12,
        costs=None,
        sponsor_may_see=("goals", "sessions_held"),
        accepted={},
        rho=Decimal("0.3"),
    )
    assert e.goals[0].weight == Decimal(1)
    assert [r.expected for r in e.results] == [True, False]
    assert [r.shared_with_sponsor for r in e.results] == [False, False]
    assert e.results[0].desirability == {} and e.results[0].attribution == {}
    assert e.results[1].value == m.Value(amount=Decimal("12.5"), unit="hours")


def test_parse_reads_numbers_as_exact_decimals_and_dates() -> None:
    e = parse(load("example.json"))
    share = e.results[0].attribution["client"].share
    assert share == Decimal("0.6") and str(share) == "0.6"
    assert e.contract is not None and e.contract.costs == m.Money(Decimal(3600), "EUR")
    assert e.contract.accepted["sponsor"] == date(2026, 1, 23)
    assert e.closing is not None
    assert (e.closing.status, e.closing.by, e.closing.date) == ("declined", "sponsor", None)
    assert e.goals[0].scale[-2] == "Werkweken worden langer"
    assert e.research_consent == {"client": date(2026, 10, 5), "sponsor": date(2026, 10, 9)}


def test_parse_keeps_the_order_of_goals_results_and_sessions() -> None:
    document = load("example.json")
    document["goals"].reverse()
    document["results"].reverse()
    document["sessions"].reverse()
    e = parse(document)
    assert [g.key for g in e.goals] == ["G3", "G2", "G1"]
    assert [r.key for r in e.results] == ["R6", "R5", "R4", "R3", "R2", "R1"]
    assert [s.number for s in e.sessions] == [4, 3, 2, 1]
    assert [x["key"] for x in serialize(e)["results"]] == ["R6", "R5", "R4", "R3", "R2", "R1"]


def test_parse_canonicalises_what_has_no_order_of_its_own() -> None:
    e = parse(load("example.json"))
    coach = next(x for x in e.expectations if x.party == "coach")
    assert coach.meanings == ("product", "effect")  # the document says effect, product
    assert [(a.goal, a.rater) for a in e.attainment][:3] == [
        ("G1", "client"),
        ("G1", "coach"),
        ("G2", "client"),
    ]
    assert list(e.parties) == ["client", "coach", "sponsor"]


def test_serialize_writes_json_numbers_and_iso_dates() -> None:
    document = serialize(parse(load("example.json")))
    assert document["contract"]["costs"] == {"amount": 3600, "currency": "EUR"}
    assert isinstance(document["contract"]["costs"]["amount"], int)
    assert document["contract"]["rho"] == 0.3
    assert document["goals"][0]["weight"] == 1 and isinstance(document["goals"][0]["weight"], int)
    assert document["results"][0]["attribution"] == {"client": {"share": 0.6, "confidence": 0.8}}
    assert document["contract"]["accepted"]["client"] == "2026-01-19"
    assert document["goals"][0]["due"] == "2026-09-30"
    assert list(document["goals"][0]["scale"]) == ["-2", "-1", "0", "1", "2"]


def test_parse_of_serialize_gives_the_same_engagement() -> None:
    for document in (load("example.json"), MINIMAL):
        e = parse(document)
        assert parse(serialize(e)) == e


def test_serialize_of_parse_gives_back_the_example() -> None:
    original = load("example.json")
    written = serialize(parse(original))
    # What may differ: defaults written out, and what parse canonicalises (the order of
    # meanings and of ratings).
    for result in original["results"]:
        assert "expected" not in result
        result["expected"] = bool(result["goals"])
    for document in (original, written):
        for expectation in document["expectations"]:
            expectation["meanings"].sort()
        document["attainment"].sort(key=lambda a: (a["goal"], a["rater"]))
    assert written == original


def test_serialized_documents_are_valid() -> None:
    from oogst.interchange.validation import validate

    assert validate(serialize(parse(MINIMAL))) == []
