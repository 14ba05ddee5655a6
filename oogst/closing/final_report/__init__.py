"""The final report: one document per viewer, in HTML and PDF.

`parts` and `build` make the report's content from the viewer's policy-filtered harvest;
`document` lays it out as HTML; `pdf` has WeasyPrint make a PDF of it (with `fetch`, what
WeasyPrint may read, and `collector`, the garbage collector paused meanwhile).
Strings are translated while the report is built, so build and render inside
`translation.override(lang)`; `render_html` and `render_pdf` do that themselves.
"""

from oogst.closing.final_report.build import final_report, from_harvest
from oogst.closing.final_report.document import (
    html_of,
    page_css,
    render_html,
    report_context,
    stylesheet_text,
)
from oogst.closing.final_report.fetch import STATIC_BASE, ForbiddenFetch, static_file
from oogst.closing.final_report.parts import FinalReport
from oogst.closing.final_report.pdf import pdf_of, render_pdf

__all__ = [
    "STATIC_BASE",
    "FinalReport",
    "ForbiddenFetch",
    "final_report",
    "from_harvest",
    "html_of",
    "page_css",
    "pdf_of",
    "render_html",
    "render_pdf",
    "report_context",
    "static_file",
    "stylesheet_text",
]
