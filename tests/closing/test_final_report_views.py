"""The final report in the browser and as a download, and `oogst report --format html|pdf`."""

import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from tests.parties import GOAL_TEXTS, SHARED_TEXT, SPONSOR_TEXT, UNSHARED_TEXT, Trio, logged_in

pytestmark = pytest.mark.django_db
PAGES = ("closing:final_report", "closing:final_report_pdf")


def url(name: str, trio: Trio) -> str:
    return reverse(name, args=[trio.engagement.pk])


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


# ---------------------------------------------------------------- the page


def test_the_client_reads_the_whole_report_in_the_site_frame(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.alice).get(url("closing:final_report", trio))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (SHARED_TEXT, UNSHARED_TEXT, SPONSOR_TEXT, *GOAL_TEXTS):
        assert text in html
    assert html.count("<h1") == 1
    assert f'href="{url("closing:final_report_pdf", trio)}"' in html
    assert "Download PDF" in html
    here = url("closing:final_report", trio)
    assert re.search(rf'href="{here}"\s+aria-current="page"', html)  # its tab is marked
    assert "result is not visible to you" not in html
    assert "results are not visible to you" not in html


def test_the_sponsor_page_leaves_out_what_the_sponsor_may_not_read(
    client: Client, trio: Trio
) -> None:
    response = logged_in(client, trio.charlie).get(url("closing:final_report", trio))
    assert response.status_code == 200
    html = response.content.decode()
    assert SHARED_TEXT in html
    assert SPONSOR_TEXT in html
    assert UNSHARED_TEXT not in html
    assert "1 result is not visible to you." in html


def test_the_page_is_in_the_viewer_language(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.bob, language="nl").get(url("closing:final_report", trio))
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()


# ---------------------------------------------------------------- the download


def test_the_sponsor_downloads_its_own_copy_as_pdf(client: Client, trio: Trio) -> None:
    response = logged_in(client, trio.charlie).get(url("closing:final_report_pdf", trio))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="oogst-coaching-van-een-ict-manager-sponsor.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert SHARED_TEXT in text
    assert SPONSOR_TEXT in text
    assert UNSHARED_TEXT not in text
    assert "Charlie Claes" in text


# ---------------------------------------------------------------- who and how


@pytest.mark.parametrize("name", PAGES)
def test_an_outsider_gets_404(client: Client, trio: Trio, name: str) -> None:
    assert logged_in(client, trio.dave).get(url(name, trio)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_a_post_is_refused_with_405(client: Client, trio: Trio, name: str) -> None:
    assert logged_in(client, trio.alice).post(url(name, trio)).status_code == 405


@pytest.mark.parametrize("name", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client: Client, trio: Trio, name: str) -> None:
    response = client.get(url(name, trio))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# ---------------------------------------------------------------- the command line


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_writes_the_sponsor_pdf_to_a_file(trio: Trio, tmp_path: Path) -> None:
    target = tmp_path / "sponsor.pdf"
    _out, err = run(
        str(trio.engagement.pk), "--as", "sponsor", "--format", "pdf", "--output", str(target)
    )
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF-")
    assert f"Wrote {target}" in err
    text = pdf_text(pdf)
    assert SHARED_TEXT in text
    assert UNSHARED_TEXT not in text


def test_the_command_prints_the_html_report_with_its_stylesheet(trio: Trio) -> None:
    out, _err = run(str(trio.engagement.pk), "--as", "sponsor", "--format", "html")
    assert out.startswith("<!DOCTYPE html>")
    assert "<style>" in out and "@page" in out  # a file that stands on its own
    assert "<link" not in out
    assert SHARED_TEXT in out
    assert UNSHARED_TEXT not in out


def test_the_command_as_operator_reports_everything_in_the_language_asked(trio: Trio) -> None:
    out, _err = run(str(trio.engagement.pk), "--format", "html", "--lang", "en")
    assert '<html lang="en">' in out
    assert "Complete copy (operator)" in out
    for text in (SHARED_TEXT, UNSHARED_TEXT, SPONSOR_TEXT):
        assert text in out


def test_the_command_uses_the_engagement_language_by_default(trio: Trio) -> None:
    trio.engagement.language = "nl"
    trio.engagement.save(update_fields=["language"])
    out, _err = run(str(trio.engagement.pk), "--format", "html")
    assert '<html lang="nl">' in out


def test_the_command_writes_html_to_a_file(trio: Trio, tmp_path: Path) -> None:
    target = tmp_path / "client.html"
    out, _err = run(
        str(trio.engagement.pk), "--as", "client", "--format", "html", "--output", str(target)
    )
    assert out == ""
    assert UNSHARED_TEXT in target.read_text(encoding="utf-8")


def test_a_pdf_without_output_file_is_refused(trio: Trio) -> None:
    with pytest.raises(CommandError, match="--output FILE"):
        run(str(trio.engagement.pk), "--format", "pdf")


def test_an_unknown_format_is_refused(trio: Trio) -> None:
    with pytest.raises(CommandError, match="text, json, html or pdf"):
        run(str(trio.engagement.pk), "--format", "docx")


def test_an_unwritable_output_is_a_clear_error(trio: Trio, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot write"):
        run(
            str(trio.engagement.pk),
            "--format",
            "html",
            "--output",
            str(tmp_path / "missing" / "x.html"),
        )


# ---------------------------------------------------------------- the PDF cache


def test_a_pdf_is_laid_out_again_only_when_its_document_changes(
    trio: Trio, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oogst.closing import final_report as fr
    from oogst.closing.final_report import pdf
    from oogst.policy import Party

    laid_out: list[str] = []

    def fake(html: str, css: str) -> bytes:
        laid_out.append(html)
        return f"%PDF-fake {len(laid_out)}".encode()

    monkeypatch.setattr(pdf, "_laid_out", fake)
    pk = trio.engagement.pk

    first, _ = fr.render_pdf(engagement_id=pk, viewer=Party.SPONSOR, lang="en")
    again, _ = fr.render_pdf(engagement_id=pk, viewer=Party.SPONSOR, lang="en")
    assert again == first
    assert len(laid_out) == 1

    client_copy, _ = fr.render_pdf(engagement_id=pk, viewer=Party.CLIENT, lang="en")
    assert client_copy != first  # another viewer's document: its own PDF
    assert UNSHARED_TEXT in laid_out[-1]

    result = trio.engagement.results.get(key="R1")
    result.text = "Een nieuwe tekst"
    result.save(update_fields=["text"])
    changed, _ = fr.render_pdf(engagement_id=pk, viewer=Party.SPONSOR, lang="en")
    assert changed != first
    assert "Een nieuwe tekst" in laid_out[-1]

    fresh, _ = fr.render_pdf(engagement_id=pk, viewer=Party.SPONSOR, lang="en", cached=False)
    assert len(laid_out) == 4
    assert fresh != changed
