"""tests/spec_copies holds copies of the spec's files; they must not drift from the originals."""

import json
from pathlib import Path

import pytest

from .conftest import DATA

SPEC = Path(__file__).resolve().parents[2].parent / "shared" / "spec"
COPIES = ["example.json", "example.report.json", "example.report.sponsor.json"]


def test_the_copies_equal_the_spec() -> None:
    if not SPEC.is_dir():
        pytest.skip(f"{SPEC} is not here to compare with")
    for name in COPIES:
        copy = json.loads((DATA / name).read_text(encoding="utf-8"))
        original = json.loads((SPEC / name).read_text(encoding="utf-8"))
        assert copy == original, name
