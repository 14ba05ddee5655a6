"""The semantic pass: the rules a schema cannot state (unique keys, references between
goals and results, a value only on an observable result, ...).

It guards every access, since the document may be malformed anywhere.
"""

import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from oogst.interchange.validation.messages import show
from oogst.interchange.validation.problems import JsonPath
from oogst.interchange.validation.schema_pass import is_integer, is_number

PARTIES = ("client", "coach", "sponsor")
# Where the database keeps fewer decimals than a JSON number can carry: refuse rather
# than round silently.
_DECIMALS = {"amount": 2, "weight": 2, "rho": 3, "share": 3, "confidence": 3}


def semantic_problems(document: object) -> Iterator[tuple[JsonPath, str]]:
    if not isinstance(document, dict):
        return
    yield from _every_value(document, ())
    yield from _unique_keys(document, "goals", "goal")
    yield from _unique_keys(document, "results", "result")
    yield from _unique_sessions(document)
    yield from _references(document)
    yield from _values(document)
    yield from _unique_ratings(document)
    yield from _unique_expectations(document)
    yield from _closing(document)
    yield from _statements_need_a_person(document)
    yield from _one_party_per_person(document)


def _items(document: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    items = document.get(key)
    if not isinstance(items, list):
        return []
    return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _every_value(value: object, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    """Numbers that JSON cannot carry, decimals the database cannot keep, NUL characters."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _every_value(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _every_value(item, (*path, i))
    elif isinstance(value, str):
        if "\x00" in value:
            yield path, "must not contain the NUL character"
    elif isinstance(value, float | Decimal) and not math.isfinite(value):
        yield path, f"must be a finite number, not `{value}`"
    elif is_number(None, value) and path and path[-1] in _DECIMALS:
        places = _DECIMALS[str(path[-1])]
        exponent = Decimal(str(value)).as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            yield path, f"has more than {places} decimals, not {show(value)}"


def _unique_keys(
    document: dict[str, Any], list_key: str, noun: str
) -> Iterator[tuple[JsonPath, str]]:
    first: dict[str, int] = {}
    for i, item in _items(document, list_key):
        key = item.get("key")
        if not isinstance(key, str):
            continue
        if key in first:
            yield (
                (list_key, i, "key"),
                f"duplicate {noun} key `{key}`; already used at $.{list_key}[{first[key]}]",
            )
        else:
            first[key] = i


def _unique_sessions(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    first: dict[int, int] = {}
    for i, session in _items(document, "sessions"):
        number = session.get("number")
        if not isinstance(number, int) or isinstance(number, bool):
            continue
        if number in first:
            yield (
                ("sessions", i, "number"),
                f"duplicate session number {number}; already used at $.sessions[{first[number]}]",
            )
        else:
            first[number] = i


def _goal_keys(document: dict[str, Any]) -> set[str]:
    return {
        item["key"] for _, item in _items(document, "goals") if isinstance(item.get("key"), str)
    }


def _references(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    goals = _goal_keys(document)

    def missing(referrer: str, key: object) -> str | None:
        if not isinstance(key, str) or key in goals:
            return None
        return f"{referrer} refers to goal `{key}`, which is not in $.goals"

    for list_key in ("results", "sessions"):
        for i, item in _items(document, list_key):
            label = item.get("key") if list_key == "results" else item.get("number")
            if list_key == "results":
                referrer = f"result `{label}`" if isinstance(label, str) else f"result {i}"
            else:
                referrer = f"session {label}" if is_integer(None, label) else f"session {i}"
            refs = item.get("goals")
            for j, key in enumerate(refs if isinstance(refs, list) else []):
                if message := missing(referrer, key):
                    yield (list_key, i, "goals", j), message
    for i, rating in _items(document, "attainment"):
        rater = rating.get("rater")
        referrer = f"the attainment rating by `{rater}`" if isinstance(rater, str) else "a rating"
        if message := missing(referrer, rating.get("goal")):
            yield ("attainment", i, "goal"), message


def _values(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    for i, result in _items(document, "results"):
        if result.get("evidence") == "explicable" and result.get("value") is not None:
            yield (
                ("results", i, "value"),
                f"result `{result.get('key')}` is explicable: only an observable result "
                "carries a value (use null, or make it observable)",
            )


def _unique_ratings(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    first: dict[tuple[str, str], int] = {}
    for i, rating in _items(document, "attainment"):
        goal, rater = rating.get("goal"), rating.get("rater")
        if not (isinstance(goal, str) and isinstance(rater, str)):
            continue
        if (goal, rater) in first:
            yield (
                ("attainment", i),
                f"`{rater}` rates goal `{goal}` twice; first at $.attainment[{first[goal, rater]}]",
            )
        else:
            first[goal, rater] = i


def _unique_expectations(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    first: dict[str, int] = {}
    for i, expectation in _items(document, "expectations"):
        party = expectation.get("party")
        if not isinstance(party, str):
            continue
        if party in first:
            yield (
                ("expectations", i, "party"),
                f"`{party}` states expectations twice; first at $.expectations[{first[party]}]",
            )
        else:
            first[party] = i


def _closing(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    closing = _dict(document.get("closing"))
    status, by = closing.get("status"), closing.get("by")
    if by is not None and isinstance(status, str) and status != "declined":
        yield (
            ("closing", "by"),
            f"must be null unless the status is `declined` (the status is `{status}`)",
        )


def _statements_need_a_person(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """What the sponsor says, rates, accepts or consents to needs a sponsor in `parties`.

    Client and coach are required anyway. That the sponsor declined the closing
    conversation is a fact about the organisation, not a statement, so it needs no person.
    """
    parties = document.get("parties")
    if not isinstance(parties, dict) or "sponsor" in parties:
        return
    message = "is by the sponsor, but $.parties has no sponsor"
    for i, expectation in _items(document, "expectations"):
        if expectation.get("party") == "sponsor":
            yield ("expectations", i, "party"), message
    contract = _dict(document.get("contract"))
    if "sponsor" in _dict(contract.get("accepted")):
        yield ("contract", "accepted", "sponsor"), message
    for i, result in _items(document, "results"):
        if result.get("reported_by") == "sponsor":
            yield ("results", i, "reported_by"), message
        for judgement in ("desirability", "attribution"):
            if "sponsor" in _dict(result.get(judgement)):
                yield ("results", i, judgement, "sponsor"), message
    for i, rating in _items(document, "attainment"):
        if rating.get("rater") == "sponsor":
            yield ("attainment", i, "rater"), message
    if "sponsor" in _dict(document.get("research_consent")):
        yield ("research_consent", "sponsor"), message


def _one_party_per_person(document: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    first: dict[str, str] = {}
    parties = _dict(document.get("parties"))
    for party in PARTIES:
        email = _dict(parties.get(party)).get("email")
        if not isinstance(email, str):
            continue
        if email.lower() in first:
            yield (
                ("parties", party, "email"),
                f"is also the {first[email.lower()]}'s e-mail address; one person holds "
                "only one party in an engagement",
            )
        else:
            first[email.lower()] = party
