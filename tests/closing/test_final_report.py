"""The final report of the demo engagement as PDF and HTML: one document per viewer, with
nothing in the sponsor's copy that the sponsor may not read.

The documents are rendered once per module (one PDF per viewer) and read back with
poppler's `pdftotext`, which CI installs: the test reads what a person would read.
"""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.utils import translation

from oogst.closing import final_report as fr
from oogst.harvest import charts
from oogst.harvest.selectors import harvest_for
from oogst.harvest.templatetags.harvest import number, percent
from oogst.interchange import demo
from oogst.interchange.services import engagement_import
from oogst.policy import Party

# The module's fixture needs the test database; the mark makes pytest-django set it up first.
pytestmark = pytest.mark.django_db

KOMPAS = "kompas.json"
# Appended to a result the client shared, so both copies must carry it intact.
ACCENTS = "Ze is weer geïnspireerd en drinkt haar koffie in het café."
ACCENT_RESULT = "R2"
SVG = "{http://www.w3.org/2000/svg}"
LANG = "en"  # interface words in English: the lead translates them later


def squeeze(text: str) -> str:
    """One space for every run of white space: lines break anywhere in a PDF."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode()


def html_text(html: str) -> str:
    return squeeze(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&amp;", "&"))


@dataclass(frozen=True)
class Copy:
    pdf: bytes
    text: str  # pdftotext of the PDF, white space squeezed
    pages: int
    html: str  # the standalone HTML document's words, tags removed
    filename: str
    t_scores: dict[str, float | None]  # from the viewer's computed report
    roi_percent: float | None
    drawn: list[str]  # the words the SVG pictures write, each <text> element's


@dataclass(frozen=True)
class Demo:
    document: dict[str, Any]
    copies: dict[str, Copy]

    def results(self, *, shared: bool) -> list[dict[str, Any]]:
        """The results the sponsor may (shared=True) or may not read."""
        return [
            r
            for r in self.document["results"]
            if (r.get("shared_with_sponsor") or r["reported_by"] == "sponsor") == shared
        ]


def kompas() -> dict[str, Any]:
    document = demo.documents()[demo.FILES.index(KOMPAS)]
    document = json.loads(json.dumps(document))  # a copy to change
    result = next(r for r in document["results"] if r["key"] == ACCENT_RESULT)
    result["text"] += " " + ACCENTS
    return document


@pytest.fixture(scope="module")
def rendered(django_db_setup: None, django_db_blocker: Any) -> Demo:
    """Import the demo, render each copy once, and roll the import back."""
    document = kompas()
    copies = {}
    with django_db_blocker.unblock(), transaction.atomic():
        engagement_id = engagement_import(document=document).pk
        for party in (Party.CLIENT, Party.SPONSOR):
            pdf, filename = fr.render_pdf(engagement_id=engagement_id, viewer=party, lang=LANG)
            raw = pdf_text(pdf)
            html = fr.render_html(engagement_id=engagement_id, viewer=party, lang=LANG)
            harvest = harvest_for(engagement_id=engagement_id, viewer=party)
            copies[party.value] = Copy(
                pdf=pdf,
                text=squeeze(raw),
                pages=raw.count("\f"),
                html=html_text(html),
                filename=filename,
                t_scores={p: t for p, t in harvest.report["gas"].items() if p != "rho"},
                roi_percent=harvest.report["roi"]["roi_percent"],
                drawn=drawn_words(harvest, party),
            )
        transaction.set_rollback(True)
    return Demo(document=document, copies=copies)


def drawn_words(harvest: Any, party: Party) -> list[str]:
    with translation.override(LANG):
        pictures = charts.harvest_charts(harvest.view, harvest.report, viewer=party)
    return [
        squeeze(node.text)
        for chart in pictures
        if chart.svg
        for node in ET.fromstring(str(chart.svg)).iter(f"{SVG}text")
        if node.text and len(node.text.strip()) > 3
    ]


def formatted(t: float) -> str:
    with translation.override(LANG):
        return number(t, 1)


# ---------------------------------------------------------------- a real PDF


@pytest.mark.parametrize("party", ["client", "sponsor"])
def test_the_pdf_is_a_real_pdf_of_several_pages(rendered: Demo, party: str) -> None:
    copy = rendered.copies[party]
    assert copy.pdf.startswith(b"%PDF-")
    assert copy.pages >= 2
    assert f"page 1 of {copy.pages}" in copy.text
    assert (
        copy.filename == f"oogst-coaching-van-een-afdelingsmanager-bij-kompas-software-{party}.pdf"
    )


@pytest.mark.parametrize("party", ["client", "sponsor"])
@pytest.mark.parametrize("kind", ["text", "html"])
def test_each_copy_names_the_engagement_and_every_party(
    rendered: Demo, party: str, kind: str
) -> None:
    words = getattr(rendered.copies[party], kind)
    assert squeeze(rendered.document["title"]) in words
    for person in rendered.document["parties"].values():
        assert person["name"] in words


@pytest.mark.parametrize("kind", ["text", "html"])
def test_a_copy_says_whose_it_is(rendered: Demo, kind: str) -> None:
    assert "Copy for the sponsor" in getattr(rendered.copies["sponsor"], kind)
    assert "Copy for the client" in getattr(rendered.copies["client"], kind)
    assert "Copy for the sponsor" not in getattr(rendered.copies["client"], kind)


# ---------------------------------------------------------------- what each party may read


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_sponsor_copy_lacks_every_result_the_client_did_not_share(
    rendered: Demo, kind: str
) -> None:
    hidden = rendered.results(shared=False)
    assert hidden, "the demo must have results the client keeps from the sponsor"
    sponsor = getattr(rendered.copies["sponsor"], kind)
    for result in hidden:
        assert squeeze(result["text"]) not in sponsor
        # Not even the opening words, as a shortened list would show them.
        assert " ".join(result["text"].split()[:4]) not in sponsor, result["key"]


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_client_copy_has_every_result_in_full(rendered: Demo, kind: str) -> None:
    client = getattr(rendered.copies["client"], kind)
    for result in rendered.document["results"]:
        assert squeeze(result["text"]) in client, result["key"]


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_sponsor_copy_has_the_results_it_may_read(rendered: Demo, kind: str) -> None:
    sponsor = getattr(rendered.copies["sponsor"], kind)
    for result in rendered.results(shared=True):
        assert squeeze(result["text"]) in sponsor, result["key"]


@pytest.mark.parametrize("kind", ["text", "html"])
def test_the_sponsor_copy_counts_the_hidden_results_without_naming_them(
    rendered: Demo, kind: str
) -> None:
    hidden = len(rendered.results(shared=False))
    assert f"{hidden} results are not visible to you." in getattr(rendered.copies["sponsor"], kind)
    assert "results are not visible to you" not in getattr(rendered.copies["client"], kind)


@pytest.mark.parametrize("kind", ["text", "html"])
def test_each_copy_shows_the_t_scores_its_viewer_may_read(rendered: Demo, kind: str) -> None:
    client, sponsor = rendered.copies["client"], rendered.copies["sponsor"]
    # The client reads every rater's score; the contract keeps the others' from the sponsor.
    for party, t in client.t_scores.items():
        assert t is not None, party
        assert formatted(t) in getattr(client, kind), party
    assert sponsor.t_scores["client"] is None
    own = sponsor.t_scores["sponsor"]
    assert own is not None
    assert formatted(own) in getattr(sponsor, kind)
    for party in ("client", "coach"):
        t = client.t_scores[party]
        assert t is not None and formatted(t) != formatted(own)
        assert formatted(t) not in getattr(sponsor, kind), party
    assert "not visible to you" in getattr(sponsor, kind)


@pytest.mark.parametrize("party", ["client", "sponsor"])
def test_dutch_accents_survive_in_the_pdf(rendered: Demo, party: str) -> None:
    text = rendered.copies[party].text
    assert ACCENTS in text
    assert "ï" in text and "é" in text


@pytest.mark.parametrize("party", ["client", "sponsor"])
def test_the_pictures_are_drawn_into_the_pdf(rendered: Demo, party: str) -> None:
    # The words the SVG pictures write, read back from the PDF: WeasyPrint drew them
    # rather than dropping the pictures. (A few may come out merged with a neighbouring
    # text on the same line, hence not all.)
    copy = rendered.copies[party]
    assert len(copy.drawn) > 20
    found = [w for w in copy.drawn if w in copy.text]
    assert len(found) >= 0.9 * len(copy.drawn), set(copy.drawn) - set(found)


def test_the_closing_conversation_says_why_there_was_none(rendered: Demo) -> None:
    notes = squeeze(rendered.document["closing"]["notes"])
    for copy in rendered.copies.values():
        assert "Declined by the sponsor." in copy.text
        assert notes in copy.text
        assert "less can be said about the results for the organisation" in copy.text


def test_each_copy_has_the_return_on_investment_over_what_it_may_read(rendered: Demo) -> None:
    for copy in rendered.copies.values():
        assert copy.roi_percent is not None
        assert "€4,200" in copy.text  # the costs, agreed in the contract
        with translation.override(LANG):
            assert percent(copy.roi_percent) in copy.text


def test_the_divergent_expectations_are_put_in_words(rendered: Demo) -> None:
    for copy in rendered.copies.values():
        assert (
            "The sponsor thinks of financial results; neither the client nor the coach does."
            in (copy.text)
        )


# ---------------------------------------------------------------- the PDF's surroundings


def test_the_pdf_fetches_static_files_and_nothing_else() -> None:
    css, mime_type = fr.static_file(fr.STATIC_BASE + "static/css/report.css")
    assert b"@page" in css
    assert mime_type == "text/css"
    for url in (
        "https://example.com/static/css/report.css",
        "file:///etc/passwd",
        fr.STATIC_BASE + "media/secret.txt",
        fr.STATIC_BASE + "static/../config/settings.py",
        fr.STATIC_BASE + "static/css/none.css",
    ):
        with pytest.raises(fr.ForbiddenFetch):
            fr.static_file(url)


def test_the_page_footer_counts_pages_in_the_report_language() -> None:
    with translation.override("en"):
        css = fr.page_css()
    assert '"page " counter(page) " of " counter(pages)' in css
