"""The final report: one document per viewer, in HTML and PDF.

Everything comes from `harvest_for(engagement_id=, viewer=)`, the policy-filtered view and
the report computed over it, so the sponsor's copy holds nothing the sponsor may not read;
of what it may not read it only learns how many results there are. The only extra reads
are the conclusions, the parties present and the minutes of the closing conversation, and
only when the policy lets the viewer read the closing conversation (the view has it).

Strings are translated while the report is built, so build and render inside
`translation.override(lang)`; `render_html` and `render_pdf` do that themselves.
"""

import base64
import contextlib
import datetime as dt
import functools
import gc
import hashlib
import mimetypes
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oogst.closing.models import Minute
from oogst.closing.services.values import RoiBreakdown, roi_breakdown
from oogst.contracting.services.goals import SmartLetter, smart_for, smart_language
from oogst.engagements.models import Engagement
from oogst.harvest import presenters
from oogst.harvest.agenda import KIND_LABELS, sponsor_perspective_missing
from oogst.harvest.cut import goals_readable, sponsor_view_of
from oogst.harvest.selectors import Harvest, harvest_for
from oogst.measures import model as m
from oogst.measures import roi
from oogst.measures.model import PARTIES
from oogst.policy import Facts, Party

STYLESHEET = "css/report.css"
WHITESPACE = re.compile(r"\s+")

ROI_REASONS = {
    roi.NO_COSTS: gettext_lazy("no costs agreed"),
    roi.NO_VALUE: gettext_lazy("no money value"),
    roi.OTHER_CURRENCY: gettext_lazy("another unit than the contract's currency"),
    roi.NOT_FOR_ORGANISATION: gettext_lazy("not for the organisation"),
    roi.NO_ATTRIBUTION: gettext_lazy("nobody estimated the share owed to the coaching"),
}


@dataclass(frozen=True)
class GoalPart:
    card: presenters.GoalCard  # text, status, and the scale with each visible rater's level
    smart: tuple[SmartLetter, ...]

    @property
    def smart_ok(self) -> int:
        return sum(s.ok for s in self.smart)


@dataclass(frozen=True)
class Side:
    label: Any
    rows: tuple[presenters.ResultRow, ...]


@dataclass(frozen=True)
class PairTable:
    number: int
    title: Any
    sides: tuple[Side, ...]


@dataclass(frozen=True)
class Judgements:
    """Pair 3 is judged per party: one row per result with each party's judgement."""

    rows: tuple[presenters.ResultRow, ...]


@dataclass(frozen=True)
class MinuteLine:
    label: str  # the agenda kind's heading
    ref: str
    subject: str  # the goal's or result's text as the viewer reads it
    text: str


@dataclass(frozen=True)
class ClosingPart:
    closing: m.Closing
    present: tuple[str, ...]
    conclusions: str
    minutes: tuple[MinuteLine, ...]
    sponsor_missing: bool  # nothing about the organisation was discussed with the sponsor


@dataclass(frozen=True)
class RoiLine:
    key: str
    text: str
    value: m.Value
    factor: Decimal  # the least favourable share * confidence
    benefit: Decimal


@dataclass(frozen=True)
class Excluded:
    key: str
    reason: str


@dataclass(frozen=True)
class FinalReport:
    engagement: Engagement  # title and organisation for the site's frame; no content
    engagement_id: int
    slug: str
    viewer: str  # "" for the operator
    viewer_name: str
    lang: str
    made_on: dt.date
    page: presenters.Page
    contract: m.Contract | None
    goals: tuple[GoalPart, ...]
    goals_hidden: bool  # the contract keeps the goals from this sponsor
    pairs: tuple[PairTable, ...]
    judgements: Judgements
    disagreements: tuple[presenters.ResultRow, ...]
    closing: ClosingPart | None
    roi: RoiBreakdown | None  # result by result (closing/_roi.html); None: the operator
    roi_lines: tuple[RoiLine, ...]  # the operator's plainer table
    roi_excluded: tuple[Excluded, ...]

    @property
    def rows(self) -> tuple[presenters.ResultRow, ...]:
        return self.page.register.rows

    @property
    def filename(self) -> str:
        return f"oogst-{self.slug}-{self.viewer or 'operator'}.pdf"


# ---------------------------------------------------------------- building


def final_report(*, engagement_id: int, viewer: Party | None) -> FinalReport:
    """The report as `viewer` may read it (None: the operator), in the active language."""
    harvest = harvest_for(engagement_id=engagement_id, viewer=viewer)
    return from_harvest(harvest)


def from_harvest(harvest: Harvest) -> FinalReport:
    view, report = harvest.view, harvest.report
    party = str(harvest.viewer or "")
    page = presenters.page(view, report, viewer=party)
    rows = page.register.rows
    lang = smart_language(harvest.engagement)
    goals = tuple(GoalPart(card=card, smart=smart_for(card.text, lang=lang)) for card in page.goals)
    outcome = roi.compute(view.results, view.contract.costs if view.contract else None)
    texts = {r.key: r.text for r in view.results}
    return FinalReport(
        engagement=harvest.engagement,
        engagement_id=harvest.engagement.pk,
        slug=slugify(harvest.engagement.title)[:60] or str(harvest.engagement.pk),
        viewer=party,
        viewer_name=view.parties[party].name if party in view.parties else "",
        lang=translation.get_language() or settings.LANGUAGE_CODE,
        made_on=timezone.localdate(),
        page=page,
        contract=view.contract,
        goals=goals,
        goals_hidden=not goals_readable(view, party),
        pairs=_pairs(rows),
        judgements=Judgements(rows=rows),
        disagreements=tuple(r for r in rows if r.disagreement),
        closing=_closing(harvest, {**texts, **{g.key: g.text for g in view.goals}}),
        roi=_roi(harvest),
        roi_lines=_roi_lines(view, outcome.counted),
        roi_excluded=tuple(
            Excluded(key=key, reason=str(ROI_REASONS.get(reason, reason)))
            for key, reason in outcome.excluded
            if reason != roi.NO_COSTS
        ),
    )


def _roi(harvest: Harvest) -> RoiBreakdown | None:
    if harvest.viewer is None:
        return None
    # As on paper nobody acts: a closed engagement's facts offer no "enter a value" link.
    facts = Facts(
        viewer=harvest.viewer, sponsor_view=sponsor_view_of(harvest.view.contract), closed=True
    )
    return roi_breakdown(
        harvest.view, engagement_id=harvest.engagement.pk, viewer=harvest.viewer, facts=facts
    )


def _roi_lines(view: m.Engagement, counted: tuple[str, ...]) -> tuple[RoiLine, ...]:
    lines = []
    for r in view.results:
        if r.key in counted and r.value is not None:
            lines.append(
                RoiLine(
                    key=r.key,
                    text=r.text,
                    value=r.value,
                    factor=roi.conservative_factor(r.attribution, r.value.amount),
                    benefit=roi.benefit(r.value, r.attribution),
                )
            )
    return tuple(lines)


def _pairs(rows: tuple[presenters.ResultRow, ...]) -> tuple[PairTable, ...]:
    def side(label: Any, keep: Any) -> Side:
        return Side(label=label, rows=tuple(r for r in rows if keep(r)))

    return (
        PairTable(
            1,
            _("Intended goal and achieved product"),
            (
                side(_("Achieves a goal of the contract"), lambda r: r.goals),
                side(_("Achieves no goal"), lambda r: not r.goals),
            ),
        ),
        PairTable(
            2,
            _("Expected and unexpected"),
            (
                side(_("Expected"), lambda r: r.expected),
                side(_("Unexpected"), lambda r: not r.expected),
            ),
        ),
        PairTable(
            4,
            _("For the client and for the organisation"),
            (
                side(_("For the client"), lambda r: r.beneficiary == "client"),
                side(_("For the organisation"), lambda r: r.beneficiary == "organisation"),
                side(_("For both"), lambda r: r.beneficiary == "both"),
            ),
        ),
        PairTable(
            5,
            _("Explicable and observable"),
            (
                side(_("Observable"), lambda r: r.evidence == "observable"),
                side(_("Explicable"), lambda r: r.evidence == "explicable"),
            ),
        ),
    )


def _closing(harvest: Harvest, texts: dict[str, str]) -> ClosingPart | None:
    # The view holds the closing conversation only when the policy lets the viewer read
    # it; its conclusions and minutes are read under the same condition.
    if harvest.view.closing is None:
        return None
    row = harvest.engagement.closing
    minutes = Minute.objects.filter(conversation=row).order_by("id")
    return ClosingPart(
        closing=harvest.view.closing,
        present=tuple(p for p in PARTIES if p in (row.present or [])),
        conclusions=row.conclusions,
        minutes=tuple(
            MinuteLine(
                label=str(KIND_LABELS.get(minute.kind, minute.kind)),
                ref=minute.ref,
                subject=texts[minute.ref],
                text=minute.text,
            )
            for minute in minutes
            # Minutes are about the agenda held with the sponsor; a ref the viewer may
            # not read (should one ever slip in) stays out with its text.
            if minute.ref in texts
        ),
        sponsor_missing=sponsor_perspective_missing(harvest.report),
    )


# ---------------------------------------------------------------- rendering


def report_context(report: FinalReport) -> dict[str, Any]:
    return {"report": report, "page": report.page}


def render_html(
    *, engagement_id: int, viewer: Party | None, lang: str, standalone: bool = False
) -> str:
    """The report as a whole HTML document in `lang`, ready for WeasyPrint.

    `standalone` puts the stylesheet inside the document (for a file handed to someone);
    otherwise the document links it. (`render_pdf` lays out a variant of its own that
    names no stylesheet and holds the pictures as images: see `_document`.)
    """
    with translation.override(lang):
        report = final_report(engagement_id=engagement_id, viewer=viewer)
        return _document(report, standalone=standalone)


def _document(report: FinalReport, *, standalone: bool, for_pdf: bool = False) -> str:
    context = report_context(report)
    if standalone:
        context["inline_css"] = stylesheet_text() + page_css()
    elif for_pdf:
        # `_laid_out` hands WeasyPrint the stylesheets, parsed once; the pictures go in as
        # images, so their SVG is no part of the HTML WeasyPrint parses and styles.
        context["no_css"] = True
        context["pictures"] = {c.key: picture_url(c.svg) for c in report.page.charts if c.svg}
    html = render_to_string("closing/final_report_document.html", context)
    # The templates are indented for people; a run of white space means one space to HTML
    # (no <pre> in the report), and a third less text makes WeasyPrint's parsing faster.
    return WHITESPACE.sub(" ", html).strip()


def render_pdf(
    *, engagement_id: int, viewer: Party | None, lang: str, cached: bool = True
) -> tuple[bytes, str]:
    """The report as PDF bytes in `lang`, and the file name to offer it under."""
    with translation.override(lang):
        report = final_report(engagement_id=engagement_id, viewer=viewer)
        return pdf_of(report, cached=cached), report.filename


# Laying out a report takes WeasyPrint about a second; the same document is laid out the
# same way, so a PDF is kept for the exact HTML (and stylesheets) it was made of.
# The HTML is one viewer's, policy-filtered, so a key never serves another viewer's text;
# any change to the engagement (or a new day) changes the HTML and so the key.
PDF_CACHE_SECONDS = 60 * 60


def pdf_of(report: FinalReport, *, cached: bool = True) -> bytes:
    """Lay out one built report (call inside the language it was built in)."""
    html = _document(report, standalone=False, for_pdf=True)
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
    with _collector_paused():
        return document.write_pdf(  # type: ignore[no-any-return]
            stylesheets=_stylesheets(stylesheet_text(), css),
            font_config=_fonts(),
            cache=_pictures(),
        )


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


_collector_lock = threading.Lock()
_collector_pausers = 0
_collector_was_enabled = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while WeasyPrint lays a report out.

    Laying out creates some hundred thousand objects that live until the PDF is written;
    each time that many survive, Python's collector walks the whole heap (Django and all),
    about a fifth of a second per PDF. WeasyPrint's garbage is collected afterwards as
    usual. The collector is switched back on when the last render running ends.
    """
    global _collector_pausers, _collector_was_enabled
    with _collector_lock:
        if _collector_pausers == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pausers += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pausers -= 1
            if _collector_pausers == 0 and _collector_was_enabled:
                gc.enable()


PICTURE_URL = "data:image/svg+xml;base64,"


def picture_url(svg: str) -> str:
    """A picture's SVG as a data URL, for an <img> in the PDF's document."""
    return PICTURE_URL + base64.b64encode(svg.encode()).decode("ascii")


# ---------------------------------------------------------------- the PDF's surroundings

# A made-up origin: every relative or /static/ reference resolves under it, and the fetcher
# answers only for it, from the project's static files. Nothing reaches the network.
STATIC_BASE = "https://oogst.invalid/"


class ForbiddenFetch(ValueError):
    pass


def static_file(url: str) -> tuple[bytes, str]:
    """The bytes and type of the static file `url` names under STATIC_BASE, or an error."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}/" != STATIC_BASE or not parts.path.startswith(prefix):
        raise ForbiddenFetch(f"the final report fetches only static files, not {url}")
    relative = unquote(parts.path.removeprefix(prefix))
    found = finders.find(relative) if ".." not in relative.split("/") else None
    if not isinstance(found, str):
        raise ForbiddenFetch(f"no static file {relative}")
    with open(found, "rb") as file:
        return file.read(), mimetypes.guess_type(found)[0] or "application/octet-stream"


@functools.cache
def static_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the project's static files and nothing else:
    no network, no other file, not even when a text in the report names one."""
    from urllib.request import OpenerDirector

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            # No handlers at all: URLFetcher's would open the network (and building its
            # HTTPS handler alone costs a tenth of a second per PDF).
            OpenerDirector.__init__(self)
            self._fail_on_errors = False

        def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
            if url.startswith(PICTURE_URL):  # the report's own pictures (picture_url)
                body = base64.b64decode(url.removeprefix(PICTURE_URL), validate=True)
                return URLFetcherResponse(url, body, {"Content-Type": "image/svg+xml"})
            body, mime_type = static_file(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime_type})

    return StaticFetcher()


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
