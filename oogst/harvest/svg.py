"""Drawing pictures as inline SVG on the server: the document, its elements, the palette.

Shared by the harvest's pictures (`oogst.harvest.charts`) and practice research's
(`oogst.research.charts`); nothing here knows an engagement. The markup is plain SVG (svg,
title, desc, g, rect, circle, path, polygon, line, text) with literal colours and px font
sizes, no CSS, script or reference: WeasyPrint must draw the same pictures in the PDF.
Every text and attribute value is escaped.
"""

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 720
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Liberation Sans, Arial, sans-serif"
# The page's palette (static/css/oogst.css): marks and text >= 3:1 (text 4.5:1) on white.
INK, INK_SOFT, LINE, LINE_STRONG = "#1c2320", "#4f5852", "#ddd6c6", "#b9b09b"
GREEN_900, GREEN_800, GREEN_100, GREEN_050 = "#133528", "#1f4d3a", "#e3eee7", "#f0f6f2"
OCHRE_800, OCHRE_050, RUST_800, RUST_TINT = "#6f4a00", "#fcf6e8", "#8a2a1f", "#e8c4bb"
SLATE_800, SUNK, WHITE = "#34485a", "#f3f0e7", "#ffffff"


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


def empty(key: str, title: str, sentence: str) -> Chart:
    """A picture with nothing to draw, and the sentence that says why."""
    return Chart(key=key, title=title, description=sentence, svg=mark_safe(""), empty=sentence)


def svg(chart_id: str, height: float, title: str, desc: str, body: str) -> SafeString:
    """The whole picture, `WIDTH` wide, named by its title and description."""
    inner = el("title", escape(title), id=f"{chart_id}-title")
    inner += el("desc", escape(desc), id=f"{chart_id}-desc") + body
    markup = el(
        "svg",
        inner,
        xmlns="http://www.w3.org/2000/svg",
        role="img",
        viewBox=f"0 0 {WIDTH} {coord(float(height))}",
        width="100%",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        font_family=FONT,
    )
    return mark_safe(markup)  # every text and attribute value went through escape()


# ---------------------------------------------------------------- elements


def coord(v: object) -> str:
    """A value as markup writes it: a whole float loses its ".0", others keep one place."""
    return f"{v:.1f}".removesuffix(".0") if isinstance(v, float) else str(v)


def el(tag: str, body: str = "", **attrs: Any) -> str:
    """An SVG element; `font_size=` becomes font-size. `body` must already be markup."""
    pairs = "".join(
        f' {k.replace("_", "-")}="{escape(coord(v))}"' for k, v in attrs.items() if v is not None
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


def hatch(x: float, y: float, w: float, h: float, step: float = 9) -> str:
    """Diagonal lines over a box as one path (no <pattern>, so print and PDF keep it)."""
    d, c = [], step
    while c < w + h:
        x1, x2 = max(0.0, c - h), min(w, c)
        d.append(f"M{coord(x + x1)} {coord(y + c - x1)}L{coord(x + x2)} {coord(y + c - x2)}")
        c += step
    return el("path", d="".join(d), stroke=RUST_TINT, fill="none")


# ---------------------------------------------------------------- words in a picture


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


def axis_width(words: Iterable[str]) -> float:
    """Room for a column of bold 12px row labels, right-aligned before the grid."""
    return max(72.0, max(len(w) for w in words) * 7.3 + 18)
