"""Picture (b): the results on the pairs expected or not and desired or not, per party."""

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oogst.harvest.charts.marks import (
    LINE_H,
    chip,
    chip_width,
    chips,
    hints_of,
    keys_text,
    party_label,
)
from oogst.harvest.svg import (
    GREEN_050,
    GREEN_900,
    INK_SOFT,
    RUST_800,
    SUNK,
    WIDTH,
    Chart,
    axis_width,
    box,
    empty,
    hatch,
    svg,
    text,
)
from oogst.harvest.templatetags.harvest import label
from oogst.measures import model as m
from oogst.measures.model import PARTIES
from oogst.measures.shapes import Report, tally

PANEL_GAP = 14
SIDES, OTHERS = ("desired", "undesired"), ("neutral", "unjudged")


def pairs_chart(view: m.Engagement, report: Report, *, viewer: str | None = None) -> Chart:
    """Expected or unexpected against desired or undesired: one small grid per party."""
    title = _("Expected or not, desired or not: each party's view")
    if not view.results:
        return empty("pairs", title, _("No results that you may see yet."))
    parties = judging_parties(view)
    grid = _Grid(view, report, parties)
    body, height = grid.draw()
    desc = _pairs_description(view, report, parties)
    rows = tuple(
        (
            r.key,
            _("expected") if r.expected else _("unexpected"),
            *(_judged(r.desirability.get(p, "unjudged")) for p in parties),
        )
        for r in view.results
    )
    return Chart(
        key="pairs",
        title=title,
        description=desc,
        svg=svg("chart-pairs", height, title, desc, body),
        head=(_("Result"), _("Expected"), *(party_label(p) for p in parties)),
        rows=rows,
    )


def _judged(side: str) -> str:
    return _("not judged") if side == "unjudged" else label(side, "desirability")


def judging_parties(view: m.Engagement) -> list[str]:
    """The parties of the engagement, and any other party that judged a visible result."""
    judged = {p for r in view.results for p in r.desirability}
    return [p for p in PARTIES if p in view.parties or p in judged]


class _Grid:
    """The small multiples: per party desired | undesired x expected | unexpected, and a
    strip below for results the party found neutral or did not judge."""

    TOP = 50.0

    def __init__(self, view: m.Engagement, report: Report, parties: list[str]):
        self.results, self.parties, self.hints = view.results, parties, hints_of(view)
        self.disputed = report["pairs"]["desirability"]["disagreements"]
        self.words = (_("expected"), _("unexpected"), _("neither"))
        self.axis = axis_width(self.words)
        gaps = PANEL_GAP * (len(parties) - 1)
        self.cell_w = (WIDTH - self.axis - gaps) / len(parties) / 2

    def keys(self, party: str, side: str, expected: bool | None = None) -> list[str]:
        return [
            r.key
            for r in self.results
            if r.desirability.get(party, "unjudged") == side
            and (expected is None or r.expected == expected)
        ]

    def height(self, boxes: Iterable[list[str]]) -> float:
        lines = max((chips(0, 0, self.cell_w - 16, k, {})[1] for k in boxes), default=0)
        return max(1, lines) * LINE_H + 14

    def draw(self) -> tuple[str, float]:
        ps = self.parties
        rows = {
            e: self.height(self.keys(p, s, e) for p in ps for s in SIDES) for e in (True, False)
        }
        strip_y = self.TOP + rows[True] + rows[False] + 10
        rest = [self.keys(p, s) for p in ps for s in OTHERS]
        # Everyone judged everything either way: no strip for neutral or unjudged results.
        strip_h = self.height(rest) + 16 if any(rest) else -10.0
        x = self.axis - 10
        out = [
            text(x, self.TOP + 22, self.words[0], bold=True, anchor="end"),
            text(x, self.TOP + rows[True] + 22, self.words[1], bold=True, anchor="end"),
        ]
        if any(rest):
            out.append(text(x, strip_y + 18, self.words[2], bold=True, anchor="end", fill=INK_SOFT))
        for i, party in enumerate(ps):
            x = self.axis + i * (2 * self.cell_w + PANEL_GAP)
            out.append(text(x, 16, party_label(party), 13, bold=True, fill=GREEN_900))
            out.append(self.panel(party, x, rows))
            if any(rest):
                out.append(self.strip(party, x, strip_y, strip_h))
        bottom = strip_y + strip_h + 14
        if self.disputed:
            out.append(self.legend(bottom))
            bottom += 32
        return "".join(out), bottom

    def panel(self, party: str, x: float, rows: dict[bool, float]) -> str:
        out = []
        for j, side in enumerate(SIDES):
            cx, y = x + j * self.cell_w, self.TOP
            colour = GREEN_900 if side == "desired" else RUST_800
            out.append(
                text(
                    cx + self.cell_w / 2,
                    40,
                    label(side, "desirability"),
                    11,
                    bold=True,
                    anchor="middle",
                    fill=colour,
                )
            )
            for expected in (True, False):
                h = rows[expected]
                if side == "desired":
                    out.append(box(cx, y, self.cell_w, h, fill=GREEN_050))
                else:
                    out.append(box(cx, y, self.cell_w, h) + hatch(cx, y, self.cell_w, h))
                keys = self.keys(party, side, expected)
                out.append(self.marks(cx + 8, y + 8, keys))
                y += h
        return "".join(out)

    def strip(self, party: str, x: float, y: float, h: float) -> str:
        out = []
        for j, side in enumerate(OTHERS):
            cx = x + j * self.cell_w
            dash = "2 2" if side == "neutral" else "5 3"
            out.append(
                box(
                    cx + 1,
                    y,
                    self.cell_w - 2,
                    h,
                    rx=4,
                    fill=SUNK,
                    stroke=INK_SOFT,
                    stroke_dasharray=dash,
                )
            )
            out.append(text(cx + 8, y + 15, _judged(side), 11, fill=INK_SOFT))
            out.append(self.marks(cx + 8, y + 22, self.keys(party, side)))
        return "".join(out)

    def marks(self, x: float, y: float, keys: list[str]) -> str:
        return chips(x, y, self.cell_w - 16, keys, self.hints, self.disputed)[0]

    def legend(self, y: float) -> str:
        sample = chip(self.axis + 3, y + 3, "R", _("a result the parties disagree on"), True)
        words = _("double outline: one party finds it desired, another undesired")
        return sample + text(self.axis + chip_width("R") + 16, y + 17.5, words, fill=RUST_800)


def _pairs_description(view: m.Engagement, report: Report, parties: list[str]) -> str:
    ex, de = report["pairs"]["expected"], report["pairs"]["desirability"]
    total = ex["expected"] + ex["unexpected"]
    sentences = [
        ngettext(
            "%(n)s result: %(expected)s expected, %(unexpected)s unexpected.",
            "%(n)s results: %(expected)s expected, %(unexpected)s unexpected.",
            total,
        )
        % {"n": total, **ex}
    ]
    unexpected = [r.key for r in view.results if not r.expected]
    if unexpected:
        sentences.append(_("Unexpected: %(keys)s.") % {"keys": keys_text(unexpected)})
    sentences += [
        _(
            "%(party)s: %(desired)s desired, %(undesired)s undesired, %(neutral)s neutral,"
            " %(unjudged)s not judged."
        )
        % {"party": party_label(p), **tally(de, p)}
        for p in parties
    ]
    if de["disagreements"]:
        keys = keys_text(de["disagreements"])
        sentences.append(_("The parties disagree on %(keys)s.") % {"keys": keys})
    return " ".join(sentences)
