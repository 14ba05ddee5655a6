"""Check a document against the interchange format, version 1, reporting every problem.

Two passes over the same document: the JSON Schema (`schema/engagement-1.schema.json`)
for shapes and types, then the rules a schema cannot state (unique keys, references
between goals and results, a value only on an observable result, ...). Both passes run
whatever the other found, so one run lists everything that is wrong. The semantic pass
guards every access, since the document may be malformed anywhere.
"""

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema import ValidationError as SchemaError
from jsonschema.protocols import Validator
from jsonschema.validators import extend

FORMAT = "oogst/engagement@1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "engagement-1.schema.json"
PARTIES = ("client", "coach", "sponsor")

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (`$.results[2].value`) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def validate(document: object) -> list[Problem]:
    """Every problem of `document` (parsed JSON), in document order; empty when valid."""
    found = [*_schema_problems(document), *_semantic_problems(document)]
    unique = dict.fromkeys(found)  # a problem found twice is reported once
    ordered = sorted(unique, key=lambda item: _sort_key(item[0]))
    return [Problem(path=render_path(path), message=message) for path, message in ordered]


def render_path(path: JsonPath) -> str:
    out = "$"
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _sort_key(path: JsonPath) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)


# The schema pass ----------------------------------------------------------------------


def _is_integer(_checker: object, instance: object) -> bool:
    # Strict: 3.0 and true are not integers, whatever JSON Schema itself allows.
    return isinstance(instance, int) and not isinstance(instance, bool)


def _is_number(_checker: object, instance: object) -> bool:
    return isinstance(instance, int | float | Decimal) and not isinstance(instance, bool)


_StrictValidator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": _is_integer, "number": _is_number}
    ),
)

_format_checker = FormatChecker(formats=())


@_format_checker.checks("date")
def _is_date(instance: object) -> bool:
    return not isinstance(instance, str) or parse_date(instance) is not None


@_format_checker.checks("email", raises=ValidationError)
def _is_email(instance: object) -> bool:
    if isinstance(instance, str):
        validate_email(instance)
    return True


def parse_date(text: str) -> date | None:
    """The date of an ISO 8601 calendar date `YYYY-MM-DD`, or None."""
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@cache
def schema() -> dict[str, Any]:
    with SCHEMA_PATH.open(encoding="utf-8") as f:
        loaded: dict[str, Any] = json.load(f)
    return loaded


@cache
def _validator() -> Validator:
    return _StrictValidator(schema(), format_checker=_format_checker)


def _schema_problems(document: object) -> Iterator[tuple[JsonPath, str]]:
    for error in _validator().iter_errors(document):
        path = tuple(error.absolute_path)
        for message in _messages(error):
            yield path, message


def _messages(error: SchemaError) -> list[str]:
    kind, expected, instance, where = (
        error.validator,
        error.validator_value,
        error.instance,
        error.schema,
    )
    match kind:
        case "additionalProperties":
            allowed = list(where.get("properties", {}))
            return [
                f"unknown key `{key}`; allowed here: {', '.join(allowed)}"
                for key in instance
                if key not in allowed
            ]
        case "required":
            return [f"missing required key `{key}`" for key in expected if key not in instance]
        case "type":
            types = [expected] if isinstance(expected, str) else expected
            return [f"must be {_or([_a(t) for t in types])}, not {_describe(instance)}"]
        case "enum":
            options = [f"`{o}`" if o is not None else "null" for o in expected]
            return [f"must be one of {_or(options)}, not {_describe(instance)}"]
        case "const":
            return [f"must be `{expected}`, not {_describe(instance)}"]
        case "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum":
            return [f"must be {_range(where)}, not {_show(instance)}"]
        case "pattern":
            if expected == "^[A-Z]{3}$":
                return [f"must be an upper-case ISO 4217 code such as `EUR`, not {_show(instance)}"]
            return [f"must match the pattern `{expected}`, not {_show(instance)}"]
        case "minLength":
            if expected == 1:
                return ["must not be empty"]
            return [f"must be at least {expected} characters long"]
        case "maxLength":
            return [f"is too long: {len(instance)} characters, at most {expected}"]
        case "uniqueItems":
            seen: list[object] = []
            for item in instance:
                if item in seen:
                    return [f"lists {_show(item)} more than once"]
                seen.append(item)
            return ["lists an item more than once"]
        case "format" if expected == "date":
            return [f"must be an ISO 8601 date such as `2026-03-01`, not {_show(instance)}"]
        case "format" if expected == "email":
            return [f"must be an e-mail address, not {_show(instance)}"]
    return [error.message]


_ARTICLES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean (true or false)",
    "null": "null",
}


def _a(json_type: str) -> str:
    return _ARTICLES.get(json_type, json_type)


def _or(options: list[str]) -> str:
    if len(options) <= 1:
        return "".join(options)
    return f"{', '.join(options[:-1])} or {options[-1]}"


def _show(instance: object) -> str:
    text = json.dumps(instance, ensure_ascii=False, default=str)
    return f"`{text[:57]}...`" if len(text) > 60 else f"`{text}`"


def _describe(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return f"a boolean ({_show(instance)})"
    if isinstance(instance, int):
        return f"an integer ({_show(instance)})"
    if isinstance(instance, float | Decimal):
        return f"a number ({_show(instance)})"
    if isinstance(instance, str):
        return f"a string ({_show(instance)})"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, dict):
        return "an object"
    return type(instance).__name__


def _range(where: dict[str, Any]) -> str:
    low = (
        f"at least {where['minimum']}"
        if "minimum" in where
        else f"greater than {where['exclusiveMinimum']}"
        if "exclusiveMinimum" in where
        else ""
    )
    high = (
        f"at most {where['maximum']}"
        if "maximum" in where
        else f"less than {where['exclusiveMaximum']}"
        if "exclusiveMaximum" in where
        else ""
    )
    if "minimum" in where and "maximum" in where:
        return f"between {where['minimum']} and {where['maximum']}"
    return " and ".join(part for part in (low, high) if part)


# The semantic pass --------------------------------------------------------------------

# Where the database keeps fewer decimals than a JSON number can carry: refuse rather
# than round silently.
_DECIMALS = {"amount": 2, "weight": 2, "rho": 3, "share": 3, "confidence": 3}


def _semantic_problems(document: object) -> Iterator[tuple[JsonPath, str]]:
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
    elif _is_number(None, value) and path and path[-1] in _DECIMALS:
        places = _DECIMALS[str(path[-1])]
        exponent = Decimal(str(value)).as_tuple().exponent
        if isinstance(exponent, int) and -exponent > places:
            yield path, f"has more than {places} decimals, not {_show(value)}"


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
                referrer = f"session {label}" if _is_integer(None, label) else f"session {i}"
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
