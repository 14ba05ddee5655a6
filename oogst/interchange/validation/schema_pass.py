"""The schema pass: shapes and types, by the JSON Schema `schema/engagement-1.schema.json`,
with strict numbers and checked dates and e-mail addresses."""

import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from jsonschema.validators import extend

from oogst.interchange.validation.messages import messages
from oogst.interchange.validation.problems import JsonPath

FORMAT = "oogst/engagement@1"
SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "engagement-1.schema.json"


def is_integer(_checker: object, instance: object) -> bool:
    # Strict: 3.0 and true are not integers, whatever JSON Schema itself allows.
    return isinstance(instance, int) and not isinstance(instance, bool)


def is_number(_checker: object, instance: object) -> bool:
    return isinstance(instance, int | float | Decimal) and not isinstance(instance, bool)


_StrictValidator = extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine_many(
        {"integer": is_integer, "number": is_number}
    ),
)

_format_checker = FormatChecker(formats=())


@_format_checker.checks("date")  # type: ignore[untyped-decorator]
def _is_date(instance: object) -> bool:
    return not isinstance(instance, str) or parse_date(instance) is not None


@_format_checker.checks("email", raises=ValidationError)  # type: ignore[untyped-decorator]
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


def schema_problems(document: object) -> Iterator[tuple[JsonPath, str]]:
    for error in _validator().iter_errors(document):
        path = tuple(error.absolute_path)
        for message in messages(error):
            yield path, message
