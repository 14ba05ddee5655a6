"""Picture (b'): for whom the results are, and how anyone can tell."""

from django.utils.translation import gettext as _

from oogst.harvest.charts.marks import LINE_H, chips, hints_of
from oogst.harvest.svg import (
    GREEN_050,
    GREEN_900,
    LINE_STRONG,
    WHITE,
    WIDTH,
    Chart,
    axis_width,
    box,
    empty,
    svg,
    text,
)
from oogst.harvest.templatetags.harvest import label
from oogst.measures import model as m
from oogst.measures.shapes import Report

BENEFICIARIES = ("client", "both", "organisation")  # "both" between its two sides
EVIDENCE = ("observable", "explicable")

Cells = dict[tuple[str, str], list[str]]


def sides_chart(view: m.Engagement, report: Report, *, viewer: str | None = None) -> Chart:
    """For the client, for both or for the organisation, against observable or explicable."""
    title = _("For whom, and how anyone can tell")
    if not view.results:
        return empty("sides", title, _("No results that you may see yet."))
    body, height = _Grid(view, report).draw()
    be, ev = report["pairs"]["beneficiary"], report["pairs"]["evidence"]
    desc = _(
        "For the client %(client)s, for both %(both)s, for the organisation %(organisation)s."
        " Observable %(observable)s, explicable %(explicable)s."
    ) % {**be, **ev}
    rows = tuple(
        (r.key, label(r.beneficiary, "beneficiary"), label(r.evidence, "evidence"))
        for r in view.results
    )
    return Chart(
        key="sides",
        title=title,
        description=desc,
        svg=svg("chart-sides", height, title, desc, body),
        head=(_("Result"), _("For whom"), _("How it shows")),
        rows=rows,
    )


class _Grid:
    """A column per beneficiary, a row per kind of evidence, the results' marks in the cells."""

    def __init__(self, view: m.Engagement, report: Report):
        self.hints, self.disputed = hints_of(view), report["pairs"]["desirability"]["disagreements"]
        self.axis = axis_width([label(e, "evidence") for e in EVIDENCE])
        self.col_w = (WIDTH - self.axis) / len(BENEFICIARIES)
        self.cells: Cells = {
            (b, e): [r.key for r in view.results if r.beneficiary == b and r.evidence == e]
            for b in BENEFICIARIES
            for e in EVIDENCE
        }

    def draw(self) -> tuple[str, float]:
        out = [
            text(
                self.axis + (i + 0.5) * self.col_w,
                16,
                label(b, "beneficiary"),
                bold=True,
                anchor="middle",
                fill=GREEN_900,
            )
            for i, b in enumerate(BENEFICIARIES)
        ]
        y = 26.0
        for e in EVIDENCE:
            row, h = self.row(y, e)
            out.append(row)
            y += h
        return "".join(out), y + 4

    def row(self, y: float, e: str) -> tuple[str, float]:
        col_w = self.col_w
        lines = max(chips(0, 0, col_w - 16, self.cells[b, e], {})[1] for b in BENEFICIARIES)
        h = max(1, lines) * LINE_H + 14
        out = [text(self.axis - 10, y + 22, label(e, "evidence"), bold=True, anchor="end")]
        seen = e == "observable"
        for i, b in enumerate(BENEFICIARIES):
            x = self.axis + i * col_w
            out.append(
                box(
                    x,
                    y,
                    col_w,
                    h,
                    fill=GREEN_050 if seen else WHITE,
                    stroke=LINE_STRONG,
                    stroke_dasharray=None if seen else "5 3",
                )
            )
            keys = self.cells[b, e]
            out.append(chips(x + 8, y + 8, col_w - 16, keys, self.hints, self.disputed)[0])
        return "".join(out), h
