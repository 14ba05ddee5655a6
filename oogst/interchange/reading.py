"""Read a document from a file into plain JSON values, with messages a person can act on."""

import json
import sys
from pathlib import Path
from typing import Any


class UnreadableDocument(Exception):
    """The file is missing, not UTF-8, or not JSON; the message says which and where."""


def read_document(path: str) -> object:
    """The parsed JSON of the file at `path` (`-`: standard input)."""
    try:
        raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UnreadableDocument(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UnreadableDocument(f"{path}: cannot be read ({error.strerror})") from None
    name = "standard input" if path == "-" else path
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(
            f"{name}: is not UTF-8 text (byte {error.start} cannot be decoded)"
        ) from None
    return parse_json(text, name=name)


def parse_json(text: str, *, name: str) -> object:
    """Strict JSON: no NaN or Infinity, and no key twice in one object (JSON would keep
    only the last one, silently)."""
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj: dict[str, Any] = {}
        for key, value in items:
            if key in obj:
                duplicates.append(key)
            obj[key] = value
        return obj

    def constant(word: str) -> None:
        raise ValueError(f"{word} is not a JSON number")

    try:
        document = json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise UnreadableDocument(
            f"{name}: is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:
        raise UnreadableDocument(f"{name}: is not valid JSON: {error}") from None
    if duplicates:
        keys = ", ".join(f"`{key}`" for key in dict.fromkeys(duplicates))
        raise UnreadableDocument(f"{name}: a key appears twice in one JSON object: {keys}")
    return document
