"""The final report as an HTML document, and the CSS it carries.

Strings are translated while the report is built, so build and render inside
`translation.override(lang)`; `render_html` does that itself.
"""

import re
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from oogst.closing.final_report.build import final_report
from oogst.closing.final_report.fetch import picture_url
from oogst.closing.final_report.parts import FinalReport
from oogst.policy import Party

STYLESHEET = "css/report.css"
WHITESPACE = re.compile(r"\s+")


def report_context(report: FinalReport) -> dict[str, Any]:
    return {"report": report, "page": report.page}


def render_html(
    *, engagement_id: int, viewer: Party | None, lang: str, standalone: bool = False
) -> str:
    """The report as a whole HTML document in `lang`, ready for WeasyPrint.

    `standalone` puts the stylesheet inside the document (for a file handed to someone);
    otherwise the document links it. (`render_pdf` lays out a variant of its own that
    names no stylesheet and holds the pictures as images: see `html_of`.)
    """
    with translation.override(lang):
        report = final_report(engagement_id=engagement_id, viewer=viewer)
        return html_of(report, standalone=standalone)


def html_of(report: FinalReport, *, standalone: bool, for_pdf: bool = False) -> str:
    context = report_context(report)
    if standalone:
        context["inline_css"] = stylesheet_text() + page_css()
    elif for_pdf:
        # `pdf._laid_out` hands WeasyPrint the stylesheets, parsed once; the pictures go in
        # as images, so their SVG is no part of the HTML WeasyPrint parses and styles.
        context["no_css"] = True
        context["pictures"] = {c.key: picture_url(c.svg) for c in report.page.charts if c.svg}
    html = render_to_string("closing/final_report_document.html", context)
    # The templates are indented for people; a run of white space means one space to HTML
    # (no <pre> in the report), and a third less text makes WeasyPrint's parsing faster.
    return WHITESPACE.sub(" ", html).strip()


# ---------------------------------------------------------------- the CSS


def stylesheet_text() -> str:
    found = finders.find(STYLESHEET)
    assert isinstance(found, str), STYLESHEET
    with open(found, encoding="utf-8") as file:
        return file.read()


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_css() -> str:
    """The footer's "page X of Y" in the active language, as CSS for the page margins."""
    # Translators: the footer of every page of the final report; keep both placeholders.
    words = _("page {page} of {pages}")
    parts: list[str] = []
    rest = words
    for placeholder, counter in (("{page}", "counter(page)"), ("{pages}", "counter(pages)")):
        before, _sep, rest = rest.partition(placeholder)
        if before:
            parts.append(_css_string(before))
        parts.append(counter)
    if rest:
        parts.append(_css_string(rest))
    return "@page { @bottom-right { content: " + " ".join(parts) + "; } }\n"
