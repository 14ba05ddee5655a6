"""Pictures of the harvest: the engagement drawn as inline SVG, on the server.

Built only from the policy-filtered plain engagement (`Harvest.view`) and the computed
report, never from the database, so the sponsor's pictures show and count only what the
sponsor may read. The markup is plain SVG (svg, title, desc, g, rect, circle, path,
polygon, line, text) with literal colours and px font sizes, no CSS, script or reference:
WeasyPrint must draw the same pictures in the PDF. Every distinction is carried by
position, shape, outline or a word as well as by colour; every text is escaped.
"""

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oogst.harvest.cut import goals_readable
from oogst.harvest.templatetags.harvest import label, number, signed
from oogst.measures import model as m
from oogst.measures.model import PARTIES

WIDTH = 720
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Liberation Sans, Arial, sans-serif"
# The page's palette (static/css/oogst.css): marks and text >= 3:1 (text 4.5:1) on white.
INK, INK_SOFT, LINE, LINE_STRONG = "#1c2320", "#4f5852", "#ddd6c6", "#b9b09b"
GREEN_900, GREEN_800, GREEN_100, GREEN_050 = "#133528", "#1f4d3a", "#e3eee7", "#f0f6f2"
OCHRE_800, OCHRE_050, RUST_800, RUST_TINT = "#6f4a00", "#fcf6e8", "#8a2a1f", "#e8c4bb"
SLATE_800, SUNK, WHITE = "#34485a", "#f3f0e7", "#ffffff"
RATER_COLOUR = {"client": GREEN_800, "coach": OCHRE_800, "sponsor": SLATE_800}
CHIP_H, CHIP_GAP, LINE_H = 20, 6, 26
LEVELS = (-2, -1, 0, 1, 2)


@dataclass(frozen=True)
class Chart:
    """One picture: its SVG (empty when there is nothing to draw; `empty` then says why)
    and the same facts as a table, for whoever does not see the picture."""

    key: str
    title: str
    description: str
    svg: SafeString
    head: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    empty: str = ""


# ---------------------------------------------------------------- drawing


def _n(v: object) -> str:
    return f"{v:.1f}".removesuffix(".0") if isinstance(v, float) else str(v)


def el(tag: str, body: str = "", **attrs: Any) -> str:
    """An SVG element; `font_size=` becomes font-size. `body` must already be markup."""
    pairs = "".join(
        f' {k.replace("_", "-")}="{escape(_n(v))}"' for k, v in attrs.items() if v is not None
    )
    return f"<{tag}{pairs}>{body}</{tag}>" if body else f"<{tag}{pairs}/>"


def text(
    x: float,
    y: float,
    s: str,
    size: int = 12,
    *,
    bold: bool = False,
    fill: str = INK,
    anchor: str | None = None,
    **attrs: Any,
) -> str:
    weight = "700" if bold else attrs.pop("font_weight", None)
    return el(
        "text",
        escape(s),
        x=x,
        y=y,
        font_size=f"{size}px",
        font_weight=weight,
        fill=fill,
        text_anchor=anchor,
        **attrs,
    )


def line(x1: float, y1: float, x2: float, y2: float, stroke: str = LINE, **attrs: Any) -> str:
    return el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, **attrs)


def box(x: float, y: float, w: float, h: float, **attrs: Any) -> str:
    attrs.setdefault("fill", WHITE)
    attrs.setdefault("stroke", LINE)
    return el("rect", x=x, y=y, width=w, height=h, **attrs)


def tip(s: str) -> str:
    """A hover text for the group it opens."""
    return el("title", escape(s))


def svg(chart_id: str, height: float, title: str, desc: str, body: str) -> SafeString:
    inner = el("title", escape(title), id=f"{chart_id}-title")
    inner += el("desc", escape(desc), id=f"{chart_id}-desc") + body
    markup = el(
        "svg",
        inner,
        xmlns="http://www.w3.org/2000/svg",
        role="img",
        viewBox=f"0 0 {WIDTH} {_n(float(height))}",
        width="100%",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        font_family=FONT,
    )
    return mark_safe(markup)  # every text and attribute value went through escape()


def lines_of(s: str, width: float, lines: int, size: int = 12) -> list[str]:
    """`s` cut into at most `lines` lines of about `width` px; an ellipsis ends a cut."""
    chars = max(8, int(width / (size * 0.55)))
    parts = textwrap.wrap(s, chars) or [""]
    if len(parts) > lines:
        rest = " ".join(parts[lines - 1 :])
        parts = [*parts[: lines - 1], textwrap.shorten(rest, chars, placeholder=" …")]
    return parts


def wrapped(x: float, y: float, parts: list[str], size: int = 12, **kw: Any) -> str:
    return "".join(text(x, y + i * (size + 5), p, size, **kw) for i, p in enumerate(parts))


def chip_width(key: str) -> float:
    return 14 + 7.6 * len(key)


def chip(x: float, y: float, key: str, hint: str, disputed: bool = False) -> str:
    """A result's mark: its key in a box; a dispute adds a second, outer outline."""
    w, colour = chip_width(key), RUST_800 if disputed else GREEN_800
    outer = ""
    if disputed:
        outer = box(x - 3, y - 3, w + 6, CHIP_H + 6, rx=6, fill="none", stroke=RUST_800)
    inner = box(x, y, w, CHIP_H, rx=4, stroke=colour, stroke_width=1.5)
    word = text(x + w / 2, y + 14.5, key, bold=True, anchor="middle", fill=colour)
    return el("g", tip(hint) + outer + inner + word)


def chips(
    x: float,
    y: float,
    width: float,
    keys: Sequence[str],
    hints: dict[str, str],
    disputed: Iterable[str] = (),
) -> tuple[str, int]:
    """Result marks flowed into a box `width` wide: the markup and the lines it took."""
    disputed = set(disputed)
    out, cx, row = [], x, 0
    for key in keys:
        w = chip_width(key) + (6 if key in disputed else 0)
        if cx > x and cx + w > x + width:
            cx, row = x, row + 1
        out.append(chip(cx, y + row * LINE_H, key, hints.get(key, key), key in disputed))
        cx += w + CHIP_GAP
    return "".join(out), (row + 1 if keys else 0)


def key_box(x: float, y: float, key: str) -> str:
    """A goal's key, as the page shows it (.key): dark letters on pale green."""
    w = chip_width(key)
    return box(x, y, w, CHIP_H, rx=4, fill=GREEN_100, stroke=GREEN_800) + text(
        x + w / 2, y + 14.5, key, bold=True, anchor="middle", fill=GREEN_900
    )


def hatch(x: float, y: float, w: float, h: float, step: float = 9) -> str:
    """Diagonal lines over a box as one path (no <pattern>, so print and PDF keep it)."""
    d, c = [], step
    while c < w + h:
        x1, x2 = max(0.0, c - h), min(w, c)
        d.append(f"M{_n(x + x1)} {_n(y + c - x1)}L{_n(x + x2)} {_n(y + c - x2)}")
        c += step
    return el("path", d="".join(d), stroke=RUST_TINT, fill="none")


def marker(party: str, x: float, y: float) -> str:
    """A rater's marker: client a circle, coach a square, sponsor a triangle."""
    style: dict[str, Any] = {"fill": RATER_COLOUR[party], "stroke": WHITE, "stroke_width": 1.5}
    if party == "client":
        return el("circle", cx=x, cy=y, r=6.5, **style)
    if party == "coach":
        return el("rect", x=x - 6, y=y - 6, width=12, height=12, **style)
    points = f"{_n(x)},{_n(y - 7.5)} {_n(x + 7.5)},{_n(y + 6)} {_n(x - 7.5)},{_n(y + 6)}"
    return el("polygon", points=points, **style)


def diamond(x: float, y: float, r: float = 7) -> str:
    """The level at the start: a hollow diamond."""
    d = f"M{_n(x)} {_n(y - r)}l{_n(r)} {_n(r)}l{_n(-r)} {_n(r)}l{_n(-r)} {_n(-r)}Z"
    return el("path", d=d, fill=WHITE, stroke=INK_SOFT, stroke_width=1.5)


# ---------------------------------------------------------------- helpers


def goals_hidden(view: m.Engagement, viewer: str | None) -> bool:
    return not goals_readable(view, viewer)


def party_label(party: str) -> str:
    return capfirst(label(party, "party"))


def keys_text(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def hints_of(view: m.Engagement) -> dict[str, str]:
    return {
        r.key: f"{r.key} {textwrap.shorten(r.text, 90, placeholder=' …')}" for r in view.results
    }


def judging_parties(view: m.Engagement) -> list[str]:
    """The parties of the engagement, and any other party that judged a visible result."""
    judged = {p for r in view.results for p in r.desirability}
    return [p for p in PARTIES if p in view.parties or p in judged]


def axis_width(words: Iterable[str]) -> float:
    """Room for a column of bold 12px row labels, right-aligned before the grid."""
    return max(72.0, max(len(w) for w in words) * 7.3 + 18)


def empty(key: str, title: str, sentence: str) -> Chart:
    return Chart(key=key, title=title, description=sentence, svg=mark_safe(""), empty=sentence)


# ---------------------------------------------------------------- (a) goals and results

GOAL_W, STATUS_X, MARKS_X = 400, 416, 536


def goals_chart(view: m.Engagement, report: dict[str, Any], *, viewer: str | None = None) -> Chart:
    """Each goal as a row with the results that achieve it; results with no goal below."""
    title = _("Goals and the results that achieved them")
    if goals_hidden(view, viewer):
        why = _("The contract does not let you see the goals, so this picture is not shown.")
        return empty("goals", title, why)
    if not view.goals:
        return empty("goals", title, _("No goals have been set yet."))
    computed = {g["key"]: g for g in report["goals"]}
    linked = {k for g in report["goals"] for k in g["results"]}
    loose = [r.key for r in view.results if r.key not in linked]
    hints = hints_of(view)
    parts, y = [_goals_header()], 30.0
    for goal in view.goals:
        row, height = _goal_row(y, goal, computed[goal.key], hints)
        parts.append(row)
        y += height
    if loose:
        row, height = _loose_row(y, loose, hints)
        parts.append(row)
        y += height
    desc = _goals_description(report, loose)
    rows = tuple(
        (
            f"{g.key} {g.text}",
            _("achieved") if computed[g.key]["status"] == "achieved" else _("open"),
            keys_text(computed[g.key]["results"]),
        )
        for g in view.goals
    )
    if loose:
        rows += ((_("Results no goal foresaw"), "", keys_text(loose)),)
    return Chart(
        key="goals",
        title=title,
        description=desc,
        svg=svg("chart-goals", y + 4, title, desc, "".join(parts)),
        head=(_("Goal"), _("Status"), _("Achieved by")),
        rows=rows,
    )


def _goals_description(report: dict[str, Any], loose: Sequence[str]) -> str:
    count = len(report["goals"])
    achieved = sum(1 for g in report["goals"] if g["status"] == "achieved")
    first = ngettext(
        "%(achieved)s of %(count)s goal achieved.",
        "%(achieved)s of %(count)s goals achieved.",
        count,
    ) % {"achieved": achieved, "count": count}
    if not loose:
        return f"{first} {_('Every result serves a goal.')}"
    second = ngettext(
        "%(n)s result no goal foresaw: %(keys)s.",
        "%(n)s results no goal foresaw: %(keys)s.",
        len(loose),
    ) % {"n": len(loose), "keys": keys_text(loose)}
    return f"{first} {second}"


def _goals_header() -> str:
    words = ((0, _("Goal")), (STATUS_X, _("Status")), (MARKS_X, _("Achieved by")))
    heads = "".join(text(x, 16, w, 11, bold=True, fill=INK_SOFT) for x, w in words)
    return heads + line(0, 24, WIDTH, 24, LINE_STRONG, stroke_width=1.5)


def _goal_row(
    y: float, goal: m.Goal, computed: dict[str, Any], hints: dict[str, str]
) -> tuple[str, float]:
    key_w = chip_width(goal.key) + 8
    lines = lines_of(goal.text, GOAL_W - key_w, 3, 13)
    marks, mark_lines = chips(MARKS_X, y + 10, WIDTH - MARKS_X, computed["results"], hints)
    height = max(len(lines) * 18, mark_lines * LINE_H) + 20
    label_ = key_box(0, y + 10, goal.key) + wrapped(key_w, y + 25, lines, 13)
    if not marks:
        marks = text(MARKS_X, y + 25, _("no result yet"), font_style="italic", fill=OCHRE_800)
    achieved = computed["status"] == "achieved"
    body = el("g", tip(f"{goal.key} {goal.text}") + label_) + _status(y + 10, achieved) + marks
    return body + line(0, y + height, WIDTH, y + height), height


def _status(y: float, achieved: bool) -> str:
    """A goal's status as the page's badge: a solid pill with a tick, or a dashed one
    with an empty circle."""
    x, word = STATUS_X, _("achieved") if achieved else _("open")
    colour = GREEN_900 if achieved else OCHRE_800
    pill: dict[str, Any] = {"rx": 10, "stroke": colour, "stroke_width": 1.5}
    if achieved:
        pill["fill"] = GREEN_100
        sign = el(
            "path", d=f"M{x + 9} {y + 10}l4 4l7 -8", fill="none", stroke=colour, stroke_width=2
        )
    else:
        pill.update(fill=OCHRE_050, stroke_dasharray="4 3")
        sign = el(
            "circle", cx=x + 13, cy=y + 10, r=4.5, fill="none", stroke=colour, stroke_width=1.5
        )
    width = 34 + 7.4 * len(word)
    return (
        box(x, y, width, CHIP_H, **pill)
        + sign
        + text(x + 24, y + 14.5, word, bold=True, fill=colour)
    )


def _loose_row(y: float, keys: Sequence[str], hints: dict[str, str]) -> tuple[str, float]:
    marks, lines = chips(MARKS_X, y + 16, WIDTH - MARKS_X, keys, hints)
    height = max(36, lines * LINE_H) + 24
    frame = box(
        0, y + 6, WIDTH, height - 6, rx=6, fill=OCHRE_050, stroke=OCHRE_800, stroke_dasharray="4 3"
    )
    words = text(12, y + 30, _("Results no goal foresaw"), 13, bold=True, fill=OCHRE_800)
    words += text(12, y + 48, _("linked to none of the contract's goals"), fill=INK_SOFT)
    return frame + words + marks, height + 2


# ---------------------------------------------------------------- (b) results on the pairs

PANEL_GAP = 14
SIDES, OTHERS = ("desired", "undesired"), ("neutral", "unjudged")


def pairs_chart(view: m.Engagement, report: dict[str, Any], *, viewer: str | None = None) -> Chart:
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


class _Grid:
    """The small multiples: per party desired | undesired x expected | unexpected, and a
    strip below for results the party found neutral or did not judge."""

    TOP = 50.0

    def __init__(self, view: m.Engagement, report: dict[str, Any], parties: list[str]):
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


def _pairs_description(view: m.Engagement, report: dict[str, Any], parties: list[str]) -> str:
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
        % {"party": party_label(p), **de[p]}
        for p in parties
    ]
    if de["disagreements"]:
        keys = keys_text(de["disagreements"])
        sentences.append(_("The parties disagree on %(keys)s.") % {"keys": keys})
    return " ".join(sentences)


# ---------------------------------------------------------------- (b) for whom, how seen

BENEFICIARIES = ("client", "both", "organisation")  # "both" between its two sides
EVIDENCE = ("observable", "explicable")


def sides_chart(view: m.Engagement, report: dict[str, Any], *, viewer: str | None = None) -> Chart:
    """For the client, for both or for the organisation, against observable or explicable."""
    title = _("For whom, and how anyone can tell")
    if not view.results:
        return empty("sides", title, _("No results that you may see yet."))
    hints, disputed = hints_of(view), report["pairs"]["desirability"]["disagreements"]
    axis = axis_width([label(e, "evidence") for e in EVIDENCE])
    col_w = (WIDTH - axis) / len(BENEFICIARIES)
    cells = {
        (b, e): [r.key for r in view.results if r.beneficiary == b and r.evidence == e]
        for b in BENEFICIARIES
        for e in EVIDENCE
    }
    out = [
        text(
            axis + (i + 0.5) * col_w,
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
        lines = max(chips(0, 0, col_w - 16, cells[b, e], {})[1] for b in BENEFICIARIES)
        h = max(1, lines) * LINE_H + 14
        out.append(text(axis - 10, y + 22, label(e, "evidence"), bold=True, anchor="end"))
        for i, b in enumerate(BENEFICIARIES):
            x = axis + i * col_w
            seen = e == "observable"
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
            out.append(chips(x + 8, y + 8, col_w - 16, cells[b, e], hints, disputed)[0])
        y += h
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
        svg=svg("chart-sides", y + 4, title, desc, "".join(out)),
        head=(_("Result"), _("For whom"), _("How it shows")),
        rows=rows,
    )


# ---------------------------------------------------------------- (c) goal attainment

LANE_X, PLOT_X0, PLOT_X1, T_X, LANE_H = 176, 200, 548, 592, 20


def level_x(level: int) -> float:
    return PLOT_X0 + (level + 2) * (PLOT_X1 - PLOT_X0) / 4


def attainment_chart(
    view: m.Engagement, report: dict[str, Any], *, viewer: str | None = None
) -> Chart:
    """Each goal's level per rater on the -2..+2 scale, the level at the start, T per rater."""
    title = _("Goal attainment, goal by goal and party by party")
    if goals_hidden(view, viewer):
        why = _("The contract does not let you see the goals, so there is no attainment to show.")
        return empty("attainment", title, why)
    gas = report["gas"]
    raters = [p for p in PARTIES if gas.get(p) is not None]
    if not view.goals or not raters:
        return empty("attainment", title, _("No attainment ratings that you may see yet."))
    rated = {g["key"]: g["attainment"] for g in report["goals"]}
    blocks, y = [], 30.0
    for goal in view.goals:
        block, h = _goal_lanes(y, goal, rated[goal.key], raters)
        blocks.append(block)
        y += h
    body = _scale(y) + "".join(blocks) + _scale_words(y) + _t_panel(raters, gas)
    desc = " ".join(
        [
            _(
                "Each goal's level on the scale from -2 to +2 as each party rated it,"
                " and the level at the start."
            ),
            *(
                _("%(party)s: T-score %(t)s.") % {"party": party_label(p), "t": number(gas[p], 1)}
                for p in raters
            ),
            _("A T-score of 50 means the goals were reached at the expected level."),
        ]
    )
    rows = tuple(
        (f"{g.key} {g.text}", signed(g.baseline), *(signed(rated[g.key].get(p)) for p in raters))
        for g in view.goals
    )
    return Chart(
        key="attainment",
        title=title,
        description=desc,
        svg=svg("chart-attainment", max(y + 30, 96 + 46 * len(raters)), title, desc, body),
        head=(_("Goal"), _("At the start"), *(party_label(p) for p in raters)),
        rows=(*rows, (_("T-score"), "", *(number(gas[p], 1) for p in raters))),
    )


def _scale(bottom: float) -> str:
    out = []
    for level in LEVELS:
        x = level_x(level)
        out.append(text(x, 16, signed(level), bold=True, anchor="middle"))
        if level == 0:
            out.append(line(x, 24, x, bottom, INK_SOFT, stroke_width=1.5, stroke_dasharray="4 3"))
        else:
            out.append(line(x, 24, x, bottom))
    return "".join(out)


def _scale_words(bottom: float) -> str:
    y = bottom + 18
    return (
        text(PLOT_X0 - 6, y, _("← less than expected"), 11, fill=INK_SOFT)
        + text(level_x(0), y, _("as expected"), 11, anchor="middle", fill=INK_SOFT)
        + text(PLOT_X1 + 6, y, _("more than expected →"), 11, anchor="end", fill=INK_SOFT)
    )


def _goal_lanes(
    y: float, goal: m.Goal, levels: dict[str, int], raters: Sequence[str]
) -> tuple[str, float]:
    key_w = chip_width(goal.key) + 8
    title = key_box(0, y + 6, goal.key)
    lines = lines_of(goal.text, PLOT_X1 - key_w, 1)
    title += wrapped(key_w, y + 20.5, lines, font_weight="600", fill=GREEN_900)
    out = [el("g", tip(f"{goal.key} {goal.text}") + title)]
    for i, party in enumerate(raters):
        cy = y + 42 + i * LANE_H
        out.append(text(LANE_X, cy + 4, label(party, "party"), 11, anchor="end", fill=INK_SOFT))
        level = levels.get(party)
        if level is None:
            out.append(
                text(PLOT_X0 + 8, cy + 4, _("not rated"), 11, fill=INK_SOFT, font_style="italic")
            )
            continue
        x = level_x(level)
        if goal.baseline is not None:
            bx = level_x(goal.baseline)
            out.append(line(bx, cy, x, cy, LINE_STRONG, stroke_width=2))
            out.append(diamond(bx, cy, 10 if goal.baseline == level else 7))
        hint = _("%(party)s: %(level)s") % {"party": party_label(party), "level": signed(level)}
        out.append(el("g", tip(hint) + marker(party, x, cy)))
    height = 34 + len(raters) * LANE_H
    return "".join(out) + line(0, y + height, PLOT_X1 + 14, y + height), height


def _t_panel(raters: Sequence[str], gas: dict[str, Any]) -> str:
    out = [text(T_X, 16, _("T-score"), bold=True, fill=GREEN_900)]
    out.append(line(T_X, 24, WIDTH, 24, LINE_STRONG))
    for i, party in enumerate(raters):
        y = 44 + i * 46
        out.append(marker(party, T_X + 7, y) + text(T_X + 20, y + 4, label(party, "party"), 11))
        t = number(gas[party], 1)
        out.append(text(T_X + 20, y + 28, t, 20, bold=True, fill=GREEN_900, data_rater=party))
    y = 44 + len(raters) * 46
    out.append(diamond(T_X + 7, y, 6) + text(T_X + 20, y + 4, _("at the start"), 11))
    out.append(text(T_X, y + 26, _("50 = as expected"), 11, fill=INK_SOFT))
    return "".join(out)


# ---------------------------------------------------------------- all pictures


def harvest_charts(
    view: m.Engagement, report: dict[str, Any], *, viewer: str | None
) -> tuple[Chart, ...]:
    """The pictures of the engagement page, in the order a coach would show them."""
    return tuple(
        draw(view, report, viewer=viewer)
        for draw in (goals_chart, pairs_chart, sides_chart, attainment_chart)
    )
