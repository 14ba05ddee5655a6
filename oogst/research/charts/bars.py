"""Stacked bars: each bar 100 %, split into named parts; a bar with a suppressed part is
drawn as one dashed, empty mark, so its other parts cannot tell how big that part is."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from oogst.harvest.svg import (
    GREEN_050,
    GREEN_100,
    GREEN_800,
    GREEN_900,
    INK,
    INK_SOFT,
    LINE,
    LINE_STRONG,
    OCHRE_050,
    OCHRE_800,
    RUST_800,
    SUNK,
    WHITE,
    WIDTH,
    Chart,
    box,
    empty,
    hatch,
    svg,
    text,
)
from oogst.harvest.templatetags.harvest import number
from oogst.research.charts.figures import Value, shown

# Segment styles: fill, stroke, text colour, dashed outline, hatched.
STYLES: dict[str, tuple[str, str, str, bool, bool]] = {
    "solid": (GREEN_800, GREEN_800, WHITE, False, False),
    "light": (GREEN_100, GREEN_800, GREEN_900, False, False),
    "pale": (GREEN_050, LINE_STRONG, INK, False, False),
    "hatch": (WHITE, RUST_800, RUST_800, False, True),
    "ochre": (OCHRE_050, OCHRE_800, OCHRE_800, True, False),
    "none": (SUNK, INK_SOFT, INK_SOFT, True, False),
}
AXIS, BAR_H, ROW_H = 168.0, 28.0, 46.0


@dataclass(frozen=True)
class Segment:
    name: str
    value: Value
    style: str


Bars = Sequence[tuple[str, Sequence[Segment]]]


def stacked(
    key: str,
    title: str,
    bars: Bars,
    k: int | None,
    *,
    intro: str = "",
    layout: str = "long",
) -> Chart:
    """Horizontal bars, each 100 %, split into named parts. When every bar has the same
    parts, one legend names them on top; otherwise each bar has its own below it."""
    if not bars:
        return empty(key, title, intro)
    same = len({tuple(s.name for s in segments) for _name, segments in bars}) == 1
    body, height = _body(bars, k, same)
    sentences = [intro] if intro else []
    for name, segments in bars:
        parts = ", ".join(f"{s.name} {shown(s.value, k)}" for s in segments)
        sentences.append(f"{name}: {parts}.")
    desc = " ".join(sentences)
    head, rows = _table(bars, k, layout if same else "long")
    return Chart(
        key=key,
        title=title,
        description=desc,
        svg=svg(f"chart-{key}", height, title, desc, body),
        head=head,
        rows=rows,
    )


def _body(bars: Bars, k: int | None, same: bool) -> tuple[str, float]:
    body, y = [], 6.0
    if same:
        legend, y = _legend(y, bars[0][1])
        body.append(legend)
    y += 8
    for name, segments in bars:
        body.append(_bar(y, name, segments, k))
        if same:
            y += ROW_H
        else:  # each bar its own legend, so a part too small for its name is still named
            legend, y = _legend(y + BAR_H + 6, segments)
            body.append(legend)
            y += 12
    return "".join(body), (y - ROW_H + BAR_H + 10 if same else y)


def _swatch(x: float, y: float, style: str, w: float = 14, h: float = 14) -> str:
    fill, stroke, _ink, dashed, hatched = STYLES[style]
    out = box(x, y, w, h, fill=fill, stroke=stroke, stroke_dasharray="3 2" if dashed else None)
    return out + (hatch(x, y, w, h, 5) if hatched else "")


def _legend(y: float, segments: Sequence[Segment]) -> tuple[str, float]:
    out, x = [], AXIS
    for s in segments:
        w = 22 + 7 * len(s.name)
        if x + w > WIDTH and x > AXIS:
            x, y = AXIS, y + 22
        out.append(_swatch(x, y, s.style) + text(x + 20, y + 11.5, s.name, 11, fill=INK))
        x += w + 14
    return "".join(out), y + 22


def _bar(y: float, name: str, segments: Sequence[Segment], k: int | None) -> str:
    out = [text(AXIS - 10, y + BAR_H / 2 + 4, name, 12, bold=True, anchor="end")]
    width = WIDTH - AXIS - 4
    if any(s.value is None for s in segments):
        # A bar with a hidden part would let its other parts tell how big that part is.
        out.append(box(AXIS, y, width, BAR_H, fill=SUNK, stroke=INK_SOFT, stroke_dasharray="5 3"))
        words = _(
            "suppressed (< %(k)s): a part of this bar describes fewer than %(k)s engagements"
        ) % {"k": k}
        out.append(text(AXIS + 10, y + BAR_H / 2 + 4, words, 11, fill=INK_SOFT))
        return "".join(out)
    total = sum(float(s.value or 0) for s in segments)
    if not total:
        out.append(box(AXIS, y, width, BAR_H, fill=WHITE, stroke=LINE, stroke_dasharray="2 2"))
        out.append(text(AXIS + 10, y + BAR_H / 2 + 4, _("none"), 11, fill=INK_SOFT))
        return "".join(out)
    x = AXIS
    for s in segments:
        w = width * float(s.value or 0) / total
        if w > 0:
            out.append(_segment(x, y, w, s))
            x += w
    return "".join(out)


def _segment(x: float, y: float, w: float, s: Segment) -> str:
    """One part of a bar, `w` wide, with its name and number if they fit, else the number."""
    fill, stroke, ink, dashed, hatched = STYLES[s.style]
    dash = "4 2" if dashed else None
    out = box(x, y, w, BAR_H, fill=fill, stroke=stroke, stroke_dasharray=dash)
    if hatched:
        out += hatch(x, y, w, BAR_H)
    words = f"{s.name} {number(s.value)}"
    if w >= len(words) * 6.6 + 10:
        out += text(x + 6, y + BAR_H / 2 + 4, words, 11, bold=True, fill=ink)
    elif w >= len(number(s.value)) * 7 + 8:
        out += text(x + 4, y + BAR_H / 2 + 4, number(s.value), 11, bold=True, fill=ink)
    return out


def _table(
    bars: Bars, k: int | None, layout: str
) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The figures of stacked bars as a table: "long" (a row per bar and part), "by_part"
    (a row per part, a column per bar) or "by_bar" (a row per bar, a column per part)."""
    if layout == "by_part":
        parts = [s.name for s in bars[0][1]]
        head = ("", *(name for name, _segments in bars))
        rows = tuple(
            (part, *(shown(segments[i].value, k) for _name, segments in bars))
            for i, part in enumerate(parts)
        )
        return head, rows
    if layout == "by_bar":
        head = ("", *(s.name for s in bars[0][1]))
        return head, tuple((name, *(shown(s.value, k) for s in segs)) for name, segs in bars)
    long = tuple((f"{name}: {s.name}", shown(s.value, k)) for name, segs in bars for s in segs)
    return ("", _("Number")), long
