"""Check a document against the interchange format, version 1, reporting every problem.

Two passes over the same document: the JSON Schema (`schema/engagement-1.schema.json`)
for shapes and types, then the rules a schema cannot state (unique keys, references
between goals and results, a value only on an observable result, ...). Both passes run
whatever the other found, so one run lists everything that is wrong.

- `schema_pass`: the schema, strict about numbers, dates and e-mail addresses.
- `messages`: the schema's findings as sentences; `semantic_pass`: the other rules.
- `problems`: a problem and its JSON path (`$.results[2].value`).
"""

from oogst.interchange.validation.problems import JsonPath, Problem, render_path, sort_key
from oogst.interchange.validation.schema_pass import (
    FORMAT,
    SCHEMA_PATH,
    parse_date,
    schema,
    schema_problems,
)
from oogst.interchange.validation.semantic_pass import semantic_problems

__all__ = [
    "FORMAT",
    "SCHEMA_PATH",
    "JsonPath",
    "Problem",
    "parse_date",
    "render_path",
    "schema",
    "validate",
]


def validate(document: object) -> list[Problem]:
    """Every problem of `document` (parsed JSON), in document order; empty when valid."""
    found = [*schema_problems(document), *semantic_problems(document)]
    unique = dict.fromkeys(found)  # a problem found twice is reported once
    ordered = sorted(unique, key=lambda item: sort_key(item[0]))
    return [Problem(path=render_path(path), message=message) for path, message in ordered]
