"""The dataset as a download from the research pages, and `oogst research export`."""

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pyarrow import parquet as pq

from oogst.accounts.models import User
from oogst.research import dataset
from oogst.research.models import Pseudonym
from tests import factories as f
from tests.parties import SHARED_TEXT, Trio, logged_in
from tests.research.test_dataset import consent


@pytest.fixture
def consented(trio: Trio) -> Trio:
    consent(trio.engagement, "client", "sponsor")
    return trio


@pytest.fixture
def researcher(db: None) -> User:
    return f.UserFactory(email="rita@example.com", name="Rita Research", is_researcher=True)


def url(fmt: str) -> str:
    return reverse("research:export", args=[fmt])


def body(response: Any) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_a_researcher_downloads_the_csv(client: Client, consented: Trio, researcher: User) -> None:
    response = logged_in(client, researcher).get(url("csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert ".csv" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = body(response).decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["result"] for row in rows) == ["R1", "R2", "R3"]
    assert {row["engagement"] for row in rows} == {
        Pseudonym.objects.get(engagement=consented.engagement).code
    }
    assert SHARED_TEXT not in text
    assert consented.alice.email not in text


def test_a_researcher_downloads_the_xlsx(client: Client, consented: Trio, researcher: User) -> None:
    response = logged_in(client, researcher).get(url("xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == dataset.CONTENT_TYPES["xlsx"]
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == dataset.COLUMN_NAMES
    assert len(rows) == 4


def test_staff_download_the_parquet(client: Client, consented: Trio) -> None:
    staff = f.UserFactory(email="stan@example.com", is_staff=True)
    response = logged_in(client, staff).get(url("parquet"))
    assert response.status_code == 200
    assert response["Content-Type"] == dataset.CONTENT_TYPES["parquet"]
    table = pq.read_table(io.BytesIO(body(response)))
    assert table.num_rows == 3
    assert tuple(table.column_names) == dataset.COLUMN_NAMES


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "dave"])
@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_no_party_without_the_research_role_may_download(
    client: Client, consented: Trio, who: str, fmt: str
) -> None:
    response = logged_in(client, getattr(consented, who)).get(url(fmt))
    assert response.status_code == 403
    assert not Pseudonym.objects.exists()  # nothing was even built


def test_the_download_needs_a_login(client: Client, consented: Trio) -> None:
    response = client.get(url("csv"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_the_download_answers_405_to_a_post(client: Client, researcher: User) -> None:
    assert logged_in(client, researcher).post(url("csv")).status_code == 405


def test_an_unknown_format_is_404(client: Client, researcher: User) -> None:
    assert logged_in(client, researcher).get(url("json")).status_code == 404


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize("fmt", dataset.FORMATS)
def test_the_command_writes_each_format(consented: Trio, tmp_path: Path, fmt: str) -> None:
    out = io.StringIO()
    path = tmp_path / f"dataset.{fmt}"
    call_command("research", "export", "--format", fmt, "--output", str(path), stdout=out)
    assert "Wrote 3 rows" in out.getvalue()
    if fmt == "csv":
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert len(rows) == 3
    elif fmt == "xlsx":
        assert load_workbook(path).active.max_row == 4
    else:
        assert pq.read_table(path).num_rows == 3


def test_the_command_takes_k_for_the_sector_groups(consented: Trio, tmp_path: Path) -> None:
    path = tmp_path / "dataset.csv"
    call_command("research", "export", "--format", "csv", "--output", str(path), "--k", "1")
    assert {row["sector"] for row in csv.DictReader(path.open(encoding="utf-8"))} == {"ICT"}
    call_command("research", "export", "--format", "csv", "--output", str(path))
    assert {row["sector"] for row in csv.DictReader(path.open(encoding="utf-8"))} == {"other"}


def test_the_command_refuses_a_missing_folder(consented: Trio, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "dataset.csv"
    with pytest.raises(CommandError, match="no folder"):
        call_command("research", "export", "--format", "csv", "--output", str(path))


def test_the_command_refuses_an_unknown_format(db: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        call_command("research", "export", "--format", "json", "--output", str(tmp_path / "x"))
