"""`oogst import FOLDER`: every *.json document, each on its own, with a summary."""

import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from oogst.accounts.models import User
from oogst.engagements.models import Engagement, Organisation

from .conftest import load, row_counts

pytestmark = pytest.mark.django_db


def document(n: int) -> dict[str, Any]:
    """The spec's example with its own title, organisation and people."""
    doc = load("example.json")
    doc["title"] = f"Engagement {n}"
    doc["organisation"] = f"Organisation {n}"
    for party, person in doc["parties"].items():
        person["email"] = f"{party}{n}@folder.example"
    return doc


def write(folder: Path, name: str, content: object) -> None:
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    (folder / name).write_text(text, encoding="utf-8")


def run(path: Path) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_two_valid_documents_are_imported_and_the_invalid_one_is_named(tmp_path: Path) -> None:
    bad = document(3)
    bad["results"][1]["colour"] = "red"
    bad["attainment"][0]["level"] = 7
    write(tmp_path, "a.json", document(1))
    write(tmp_path, "b-bad.json", bad)
    write(tmp_path, "c.json", document(2))
    write(tmp_path, "notes.txt", "not a document: ignored")

    out, err, error = run(tmp_path)

    assert error is not None and error.returncode == 1
    assert "1 of 3 documents failed" in str(error)
    assert "Imported 2 of 3 documents" in out
    assert "  b-bad.json:" in out
    assert "$.attainment[0].level: must be between -2 and 2, not `7`" in out
    assert "$.results[1]: unknown key `colour`" in out
    assert "a.json" not in out and "c.json" not in out
    assert "3/3 documents" in err  # the progress bar
    assert sorted(Engagement.objects.values_list("title", flat=True)) == [
        "Engagement 1",
        "Engagement 2",
    ]
    # Nothing of the bad document: no organisation, no person.
    assert not Organisation.objects.filter(name="Organisation 3").exists()
    assert not User.objects.filter(email__endswith="3@folder.example").exists()


def test_a_folder_import_writes_what_the_valid_documents_alone_write(tmp_path: Path) -> None:
    good, mixed = tmp_path / "good", tmp_path / "mixed"
    good.mkdir()
    mixed.mkdir()
    write(good, "1.json", document(1))
    before = row_counts()
    run(good)
    once = row_counts()
    bad = document(2)
    bad["goals"][0]["weight"] = -1
    write(mixed, "1.json", document(1))  # the same again: people are reused
    write(mixed, "2.json", bad)
    run(mixed)
    twice = row_counts()

    first = {label: once[label] - before[label] for label in once}
    second = {label: twice[label] - once[label] for label in once}
    assert first["engagements.Engagement"] == 1
    shared = {"accounts.User": 0, "engagements.Organisation": 0}  # found again, not added
    assert second == {**first, **shared}


def test_unreadable_files_are_reported_with_their_reason(tmp_path: Path) -> None:
    write(tmp_path, "broken.json", '{"format": ')
    (tmp_path / "latin1.json").write_bytes('{"title": "caf\xe9"}'.encode("latin-1"))
    write(tmp_path, "ok.json", document(1))

    out, _, error = run(tmp_path)

    assert error is not None
    assert "Imported 1 of 3 documents" in out
    assert "  broken.json:\n    is not valid JSON" in out
    assert "  latin1.json:\n    is not UTF-8 text" in out


def test_only_the_first_problems_are_listed_and_the_rest_counted(tmp_path: Path) -> None:
    bad = document(1)
    for result in bad["results"]:
        result["colour"] = "red"
    write(tmp_path, "bad.json", bad)

    out, _, error = run(tmp_path)

    assert error is not None
    listed = [line for line in out.splitlines() if "unknown key `colour`" in line]
    assert len(listed) == 3
    assert f"... and {len(bad['results']) - 3} more" in out
    assert Engagement.objects.count() == 0


def test_a_folder_of_valid_documents_succeeds(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path, f"{n}.json", document(n))

    out, _, error = run(tmp_path)

    assert error is None
    assert "Imported 3 of 3 documents" in out
    assert "Not imported" not in out
    assert Engagement.objects.count() == 3


def test_a_folder_without_documents_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "readme.txt", "nothing here")

    _, _, error = run(tmp_path)

    assert error is not None and "no *.json documents" in str(error)


def test_one_file_still_prints_the_new_id_last(tmp_path: Path) -> None:
    write(tmp_path, "one.json", document(1))

    out, _, error = run(tmp_path / "one.json")

    assert error is None
    assert out.splitlines()[-1] == str(Engagement.objects.get().pk)
