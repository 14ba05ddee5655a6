"""Fixtures for the interchange tests: the spec's example and ways to run the commands."""

import copy
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from oogst.engagements.models import Engagement
from oogst.interchange.services import engagement_import

DATA = Path(__file__).resolve().parent.parent / "spec_copies"
_cache: dict[str, Any] = {}


def load(name: str) -> Any:
    """A file of tests/spec_copies as parsed JSON (a fresh copy each time: tests mutate it)."""
    if name not in _cache:
        _cache[name] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return copy.deepcopy(_cache[name])


def run(*args: str) -> tuple[str, str]:
    """Run an `oogst` command in-process; its stdout and stderr."""
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model, the many-to-many tables included."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture
def example() -> dict[str, Any]:
    return load("example.json")


@pytest.fixture
def imported(db: None, example: dict[str, Any]) -> Engagement:
    return engagement_import(document=example)
