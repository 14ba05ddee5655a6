"""The `import`, `export`, `list` and `report` commands, in-process and once for real."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError

from oogst.engagements.models import Engagement

from .conftest import DATA, load, row_counts, run

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, document: object, name: str = "doc.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def import_example() -> int:
    out, _ = run("import", str(DATA / "example.json"))
    return int(out.splitlines()[-1])


def report_json(engagement_id: int, *options: str) -> dict[str, Any]:
    out, _ = run("report", str(engagement_id), "--format", "json", *options)
    report: dict[str, Any] = json.loads(out)
    return report


# ---------------------------------------------------------------- import


def test_import_prints_a_summary_and_the_new_id_last() -> None:
    out, err = run("import", str(DATA / "example.json"))
    lines = out.splitlines()
    engagement = Engagement.objects.get()
    assert lines[-1] == str(engagement.pk)
    assert "3 goals, 4 sessions, 6 results, 6 attainment ratings" in out
    assert err == ""


def test_import_of_an_invalid_document_lists_every_problem_and_writes_nothing(
    tmp_path: Path,
) -> None:
    document = load("example.json")
    document["results"][0]["colour"] = "red"
    document["results"][2]["goals"] = ["G9"]
    document["results"][5]["attribution"]["coach"]["share"] = 1.5
    document["goals"][0]["weight"] = True
    before = row_counts()
    with pytest.raises(CommandError) as raised:
        run("import", write(tmp_path, document))
    assert raised.value.returncode == 1
    assert "4 problems; nothing was imported" in str(raised.value)
    assert row_counts() == before


def test_import_writes_each_problem_to_stderr(tmp_path: Path, capsys: Any) -> None:
    # call_command passes stderr on; capture it through a StringIO of our own.
    from io import StringIO

    from django.core.management import call_command

    document = load("example.json")
    document["results"][0]["colour"] = "red"
    document["attainment"][0]["level"] = 3
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command("import", write(tmp_path, document), stdout=out, stderr=err)
    assert err.getvalue().splitlines() == [
        "$.attainment[0].level: must be between -2 and 2, not `3`",
        "$.results[0]: unknown key `colour`; allowed here: key, text, reported_by, source, "
        "goals, meaning, expected, desirability, beneficiary, evidence, value, attribution, "
        "shared_with_sponsor",
    ]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (None, "no such file"),
        ("{", "is not valid JSON"),
        ('{"title": "a", "title": "b"}', "appears twice"),
        ('{"x": NaN}', "NaN is not a JSON number"),
    ],
)
def test_import_of_an_unreadable_file(tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "doc.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    before = row_counts()
    with pytest.raises(CommandError, match=words) as raised:
        run("import", str(path))
    assert raised.value.returncode == 1
    assert row_counts() == before


# ---------------------------------------------------------------- export


def test_export_writes_the_document_and_a_note_on_what_it_leaves_out() -> None:
    engagement_id = import_example()
    out, err = run("export", str(engagement_id))
    document = json.loads(out)
    assert document["format"] == "oogst/engagement@1"
    assert document["parties"]["client"]["name"] == "Sanne Verbeek"
    assert "privézaken" in out  # not escaped: ensure_ascii off
    assert out.startswith('{\n  "format"')  # indented by 2
    for words in ("Private notes", "reflections", "end-report prose", "minutes", "amendment"):
        assert words in err


def test_export_import_export_round_trips(tmp_path: Path) -> None:
    first, _ = run("export", str(import_example()))
    out, _ = run("import", write(tmp_path, json.loads(first)))
    second, _ = run("export", out.splitlines()[-1])
    assert json.loads(second) == json.loads(first)


def test_export_of_an_unknown_id_fails() -> None:
    with pytest.raises(CommandError, match="no engagement with id 999") as raised:
        run("export", "999")
    assert raised.value.returncode == 1


# ---------------------------------------------------------------- list


def test_list_as_text_and_as_json() -> None:
    first, second = import_example(), import_example()
    out, _ = run("list")
    assert out.splitlines() == [
        f"{first}\tCoaching van een ICT-manager",
        f"{second}\tCoaching van een ICT-manager",
    ]
    out, _ = run("list", "--format", "json")
    listed = json.loads(out)[0]
    # The example's results the client did not share import as "not decided yet", and the
    # engagement has a sponsor: she is asked (since they were imported).
    decide = listed["waiting_for"].pop()
    assert (decide["party"], decide["action"], decide["optional"]) == (
        "client",
        "decide_sharing",
        False,
    )
    assert listed == {
        "id": first,
        "title": "Coaching van een ICT-manager",
        "organisation": "Noordlicht ICT",
        "parties": {
            "client": "Sanne Verbeek",
            "coach": "Pieter Dekker",
            "sponsor": "Marieke Bos (directie)",
        },
        # The example holds 4 of its 12 sessions and no end report (version 1 has none).
        "stage": "sessions",
        "waiting_for": [
            {
                "party": "coach",
                "action": "log_sessions",
                "since": "2026-01-23T00:00:00+01:00",  # the last acceptance of the contract
                "optional": False,
            }
        ],
    }


def test_list_of_nothing() -> None:
    assert run("list") == ("", "")
    assert json.loads(run("list", "--format", "json")[0]) == []


# ---------------------------------------------------------------- report


def assert_matches(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    """Every key of the expected report, with its exact value."""
    for key, value in expected.items():
        assert actual[key] == value, key


def test_report_for_the_operator_is_the_spec_example() -> None:
    assert_matches(report_json(import_example()), load("example.report.json"))


def test_report_as_sponsor_is_the_spec_example() -> None:
    report = report_json(import_example(), "--as", "sponsor")
    assert_matches(report, load("example.report.sponsor.json"))


def test_report_as_text_reads_as_a_summary() -> None:
    out, _ = run("report", str(import_example()), "--as", "sponsor")
    assert "Report: Coaching van een ICT-manager" in out
    assert "Viewer: sponsor" in out
    assert "Results hidden from this viewer: 1" in out
    assert "G1: achieved; results: R1; attainment: not rated" in out
    assert "disagreements: R5" in out
    assert "costs 3600, benefits 7200.0, ROI 100.0%, benefit-cost ratio 2.0" in out
    assert "declined by the sponsor" in out
    assert "1. unexpected: R5" in out


def test_a_pdf_report_needs_a_file_to_go_to() -> None:
    with pytest.raises(CommandError, match="--output"):
        run("report", str(import_example()), "--format", "pdf")


def test_report_of_an_unknown_id_fails() -> None:
    with pytest.raises(CommandError, match="no engagement with id 999"):
        run("report", "999")


# ---------------------------------------------------------------- the real command line


@pytest.mark.django_db(False)
def test_the_real_oogst_command(tmp_path: Path) -> None:
    oogst = Path(sys.executable).with_name("oogst")
    if not oogst.exists():  # a venv without the console script: the same entry point
        command = [sys.executable, "-c", "from oogst.cli import main; main()"]
    else:
        command = [str(oogst)]
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'oogst.sqlite3'}"}

    def oogst_run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*command, *args], env=env, capture_output=True, text=True, timeout=120, check=False
        )

    assert oogst_run("migrate", "--verbosity", "0").returncode == 0
    imported = oogst_run("import", str(DATA / "example.json"))
    assert imported.returncode == 0, imported.stderr
    engagement_id = imported.stdout.splitlines()[-1]
    report = oogst_run("report", engagement_id, "--as", "sponsor", "--format", "json")
    assert report.returncode == 0, report.stderr
    assert_matches(json.loads(report.stdout), load("example.report.sponsor.json"))

    broken = load("example.json")
    broken["results"][1]["goals"] = ["G9"]
    failed = oogst_run("import", write(tmp_path, broken))
    assert failed.returncode == 1
    assert "$.results[1].goals[0]: result `R2` refers to goal `G9`" in failed.stderr
    assert oogst_run("list").stdout.splitlines() == [
        f"{engagement_id}\tCoaching van een ICT-manager"
    ]
    assert oogst_run("export", "999").returncode == 1
