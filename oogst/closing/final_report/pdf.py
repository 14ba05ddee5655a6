"""The final report as a PDF: laid out by WeasyPrint, with what it parses kept warm and the
finished PDF kept in the cache."""

import functools
import hashlib
import threading
from typing import Any

from django.core.cache import cache
from django.utils import translation

from oogst.closing.final_report.build import final_report
from oogst.closing.final_report.collector import collector_paused
from oogst.closing.final_report.document import html_of, page_css, stylesheet_text
from oogst.closing.final_report.fetch import STATIC_BASE, static_fetcher
from oogst.closing.final_report.parts import FinalReport
from oogst.policy import Party

# Laying out a report takes WeasyPrint about a second; the same document is laid out the
# same way, so a PDF is kept for the exact HTML (and stylesheets) it was made of.
# The HTML is one viewer's, policy-filtered, so a key never serves another viewer's text;
# any change to the engagement (or a new day) changes the HTML and so the key.
PDF_CACHE_SECONDS = 60 * 60


def render_pdf(
    *, engagement_id: int, viewer: Party | None, lang: str, cached: bool = True
) -> tuple[bytes, str]:
    """The report as PDF bytes in `lang`, and the file name to offer it under."""
    with translation.override(lang):
        report = final_report(engagement_id=engagement_id, viewer=viewer)
        return pdf_of(report, cached=cached), report.filename


def pdf_of(report: FinalReport, *, cached: bool = True) -> bytes:
    """Lay out one built report (call inside the language it was built in)."""
    html = html_of(report, standalone=False, for_pdf=True)
    css = page_css()
    key = (
        "final-report-pdf:"
        + hashlib.sha256("\0".join((html, css, stylesheet_text())).encode()).hexdigest()
    )
    pdf: bytes | None = cache.get(key) if cached else None
    if pdf is None:
        pdf = _laid_out(html, css)
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    return pdf


def _laid_out(html: str, css: str) -> bytes:
    # Imported here: WeasyPrint loads pango and fonts, which no page but this one needs.
    from weasyprint import HTML

    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=static_fetcher())
    with collector_paused():
        return document.write_pdf(  # type: ignore[no-any-return]
            stylesheets=_stylesheets(stylesheet_text(), css),
            font_config=_fonts(),
            cache=_pictures(),
        )


# ---------------------------------------------------------------- kept from PDF to PDF


@functools.lru_cache(maxsize=8)
def _stylesheets(report_css: str, page_css: str) -> tuple[Any, ...]:
    """The report's stylesheet and the footer's words, parsed once (per language). Both
    come as WeasyPrint's user stylesheets, the footer's last so that its words win."""
    from weasyprint import CSS

    return tuple(CSS(string=text, url_fetcher=static_fetcher()) for text in (report_css, page_css))


_local = threading.local()


def _fonts() -> Any:
    """One FontConfiguration per thread, kept: fontconfig and pango are set up once, and
    pango keeps its fonts and shapes warm from one PDF to the next."""
    fonts = getattr(_local, "fonts", None)
    if fonts is None:
        from weasyprint.text.fonts import FontConfiguration

        fonts = _local.fonts = FontConfiguration()
    return fonts


def _pictures() -> dict[str, Any]:
    """WeasyPrint's images by URL, kept per thread: a picture (a data URL of its own SVG,
    so the URL changes with the picture) is parsed once, not for every PDF. An image keeps
    the layout it was first drawn in alive, so the cache holds a few reports' worth."""
    pictures: dict[str, Any] | None = getattr(_local, "pictures", None)
    if pictures is None or len(pictures) >= 16:
        pictures = _local.pictures = {}
    return pictures
