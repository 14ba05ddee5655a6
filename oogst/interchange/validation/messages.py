"""Sentences for what the JSON Schema found: "must be an integer, not a string (`"3"`)"."""

import json
from decimal import Decimal
from typing import Any

from jsonschema import ValidationError as SchemaError


def messages(error: SchemaError) -> list[str]:
    kind, expected, instance, where = (
        error.validator,
        error.validator_value,
        error.instance,
        error.schema,
    )
    match kind:
        case "additionalProperties":
            return _unknown_keys(instance, list(where.get("properties", {})))
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
            return [f"must be {_range(where)}, not {show(instance)}"]
        case "pattern":
            if expected == "^[A-Z]{3}$":
                return [f"must be an upper-case ISO 4217 code such as `EUR`, not {show(instance)}"]
            return [f"must match the pattern `{expected}`, not {show(instance)}"]
        case "minLength":
            if expected == 1:
                return ["must not be empty"]
            return [f"must be at least {expected} characters long"]
        case "maxLength":
            return [f"is too long: {len(instance)} characters, at most {expected}"]
        case "uniqueItems":
            return [_repeated(instance)]
        case "format" if expected == "date":
            return [f"must be an ISO 8601 date such as `2026-03-01`, not {show(instance)}"]
        case "format" if expected == "email":
            return [f"must be an e-mail address, not {show(instance)}"]
    return [error.message]


def _unknown_keys(instance: dict[str, Any], allowed: list[str]) -> list[str]:
    return [
        f"unknown key `{key}`; allowed here: {', '.join(allowed)}"
        for key in instance
        if key not in allowed
    ]


def _repeated(instance: list[object]) -> str:
    seen: list[object] = []
    for item in instance:
        if item in seen:
            return f"lists {show(item)} more than once"
        seen.append(item)
    return "lists an item more than once"


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


def show(instance: object) -> str:
    text = json.dumps(instance, ensure_ascii=False, default=str)
    return f"`{text[:57]}...`" if len(text) > 60 else f"`{text}`"


def _describe(instance: object) -> str:
    if instance is None:
        return "null"
    if isinstance(instance, bool):
        return f"a boolean ({show(instance)})"
    if isinstance(instance, int):
        return f"an integer ({show(instance)})"
    if isinstance(instance, float | Decimal):
        return f"a number ({show(instance)})"
    if isinstance(instance, str):
        return f"a string ({show(instance)})"
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
