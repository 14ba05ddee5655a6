"""Validation: every problem, each with its JSON path and a message naming the culprit."""

from collections.abc import Callable
from typing import Any

import pytest

from oogst.interchange.validation import Problem, validate

from .conftest import load

Doc = dict[str, Any]


def problems_of(change: Callable[[Doc], object]) -> list[Problem]:
    document = load("example.json")
    change(document)
    return validate(document)


def test_the_example_is_valid() -> None:
    assert validate(load("example.json")) == []


def test_a_minimal_document_is_valid() -> None:
    assert (
        validate(
            {
                "format": "oogst/engagement@1",
                "title": "t",
                "organisation": "particulier",
                "parties": {
                    "client": {"name": "A", "email": "a@x.example"},
                    "coach": {"name": "B", "email": "b@x.example"},
                },
            }
        )
        == []
    )


def _set(path: str, value: object) -> Callable[[Doc], None]:
    """A change that sets `value` at a dotted path such as `results.0.goals`."""

    def change(document: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str) -> Callable[[Doc], None]:
    def change(document: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        del node[last]

    return change


CASES = [
    # (change, path, words the message must contain)
    (_set("results.0.colour", "red"), "$.results[0]", ["unknown key `colour`"]),
    (_set("colour", "red"), "$", ["unknown key `colour`"]),
    (_set("parties.manager", {"name": "x", "email": "m@x.example"}), "$.parties", ["`manager`"]),
    (_set("goals.0.scale.3", "x"), "$.goals[0].scale", ["unknown key `3`"]),
    (_set("results.0.goals", ["G9"]), "$.results[0].goals[0]", ["`R1`", "`G9`"]),
    (_set("sessions.1.goals", ["G7"]), "$.sessions[1].goals[0]", ["session 2", "`G7`"]),
    (_set("attainment.0.goal", "G8"), "$.attainment[0].goal", ["`client`", "`G8`"]),
    (
        _set("results.0.attribution.client.share", 1.5),
        "$.results[0].attribution.client.share",
        ["between 0 and 1", "1.5"],
    ),
    (
        _set("results.0.attribution.client.confidence", -0.1),
        "$.results[0].attribution.client.confidence",
        ["between 0 and 1"],
    ),
    (_set("attainment.2.level", 3), "$.attainment[2].level", ["between -2 and 2", "3"]),
    (_set("goals.0.baseline", -3), "$.goals[0].baseline", ["between -2 and 2"]),
    (
        _set("contract.sessions_planned", "3"),
        "$.contract.sessions_planned",
        ["an integer", "a string", '"3"'],
    ),
    (_set("attainment.0.level", "1"), "$.attainment[0].level", ["an integer", "a string"]),
    (_set("attainment.0.level", 1.0), "$.attainment[0].level", ["an integer", "a number"]),
    (_set("attainment.0.level", True), "$.attainment[0].level", ["an integer", "a boolean"]),
    (_set("goals.1.weight", True), "$.goals[1].weight", ["a number", "a boolean", "true"]),
    (_set("contract.costs.amount", True), "$.contract.costs.amount", ["a number", "a boolean"]),
    (
        _set("results.4.shared_with_sponsor", 1),
        "$.results[4].shared_with_sponsor",
        ["a boolean", "an integer"],
    ),
    (_set("goals.1.weight", 0), "$.goals[1].weight", ["greater than 0"]),
    (_set("goals.1.weight", 1.125), "$.goals[1].weight", ["more than 2 decimals"]),
    (_set("contract.rho", 1), "$.contract.rho", ["less than 1"]),
    (_set("contract.rho", 0.3333), "$.contract.rho", ["more than 3 decimals"]),
    (
        _set("results.0.value", {"amount": 100, "unit": "EUR"}),
        "$.results[0].value",
        ["`R1`", "explicable", "observable"],
    ),
    (_set("goals.2.key", "G1"), "$.goals[2].key", ["duplicate goal key `G1`", "$.goals[0]"]),
    (_set("results.3.key", "R1"), "$.results[3].key", ["duplicate result key `R1`"]),
    (_set("sessions.3.number", 2), "$.sessions[3].number", ["duplicate session number 2"]),
    (_set("expectations.1.party", "client"), "$.expectations[1].party", ["`client`", "twice"]),
    (_set("closing.status", "held"), "$.closing.by", ["`declined`"]),
    (_set("contract.costs.currency", "eur"), "$.contract.costs.currency", ["ISO 4217", "eur"]),
    (_set("intake.date", "2026-02-30"), "$.intake.date", ["ISO 8601", "2026-02-30"]),
    (_set("sessions.0.date", "2 februari 2026"), "$.sessions[0].date", ["ISO 8601"]),
    (_set("contract.accepted.client", "20260119"), "$.contract.accepted.client", ["ISO 8601"]),
    (_set("parties.sponsor.email", "marieke"), "$.parties.sponsor.email", ["e-mail"]),
    (
        _set("parties.coach.email", "Sanne@Noordlicht.example"),
        "$.parties.coach.email",
        ["client's e-mail"],
    ),
    (_delete("results.2.meaning"), "$.results[2]", ["missing required key `meaning`"]),
    (_delete("parties.coach"), "$.parties", ["missing required key `coach`"]),
    (_set("format", "oogst/engagement@2"), "$.format", ["oogst/engagement@1"]),
    (_set("language", "de"), "$.language", ["`nl`", "`en`"]),
    (
        _set("results.0.desirability.client", "wanted"),
        "$.results[0].desirability.client",
        ["`desired`"],
    ),
    (_set("results.0.reported_by", "manager"), "$.results[0].reported_by", ["`sponsor`"]),
    (
        _set("contract.sponsor_may_see", ["goals", "everything"]),
        "$.contract.sponsor_may_see[1]",
        ["`attainment`"],
    ),
    (_set("results.0.goals", ["G1", "G1"]), "$.results[0].goals", ["more than once"]),
    (_set("title", ""), "$.title", ["empty"]),
    (_set("title", "x\x00y"), "$.title", ["NUL"]),
    (_set("results.4.value.amount", float("nan")), "$.results[4].value.amount", ["finite"]),
    (_set("goals", {"G1": "x"}), "$.goals", ["a list", "an object"]),
]


@pytest.mark.parametrize(("change", "path", "words"), CASES)
def test_a_problem_is_reported_at_its_path(
    change: Callable[[Doc], None], path: str, words: list[str]
) -> None:
    problems = problems_of(change)
    at_path = [p for p in problems if p.path == path]
    assert at_path, f"no problem at {path}; got {problems}"
    assert any(all(w in p.message for w in words) for p in at_path), at_path


def test_duplicate_rating_is_found() -> None:
    def change(document: Doc) -> None:
        document["attainment"][4]["goal"] = "G1"  # the coach's G2 becomes a second G1

    problems = problems_of(change)
    assert [p.path for p in problems] == ["$.attainment[4]"]
    assert "`coach` rates goal `G1` twice" in problems[0].message


def test_every_problem_is_reported_together() -> None:
    def change(document: Doc) -> None:
        document["results"][0]["colour"] = "red"
        document["results"][2]["goals"] = ["G9"]
        document["results"][5]["attribution"]["coach"]["share"] = 1.5
        document["attainment"][1]["level"] = "3"

    problems = problems_of(change)
    assert [p.path for p in problems] == [
        "$.attainment[1].level",
        "$.results[0]",
        "$.results[2].goals[0]",
        "$.results[5].attribution.coach.share",
    ]


def test_sponsor_statements_need_a_sponsor_in_parties() -> None:
    def change(document: Doc) -> None:
        del document["parties"]["sponsor"]

    paths = {p.path for p in problems_of(change)}
    assert paths == {
        "$.expectations[2].party",
        "$.contract.accepted.sponsor",
        "$.results[0].desirability.sponsor",
        "$.results[1].desirability.sponsor",
        "$.results[2].desirability.sponsor",
        "$.results[4].desirability.sponsor",
        "$.results[5].reported_by",
        "$.results[5].desirability.sponsor",
        "$.results[5].attribution.sponsor",
        "$.research_consent.sponsor",
    }


def test_a_sponsor_may_decline_without_being_a_party() -> None:
    document = load("example.json")
    for key in ("expectations", "results", "research_consent"):
        del document[key]
    del document["parties"]["sponsor"]
    del document["contract"]["accepted"]["sponsor"]
    assert document["closing"]["by"] == "sponsor"
    assert validate(document) == []


def test_not_an_object() -> None:
    assert validate([1, 2]) == [Problem("$", "must be an object, not a list")]


def test_problems_read_as_path_colon_message() -> None:
    problems = problems_of(_set("goals.0.weight", True))
    assert str(problems[0]) == "$.goals[0].weight: must be a number, not a boolean (`true`)"
