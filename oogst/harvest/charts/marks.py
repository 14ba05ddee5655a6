"""The marks the harvest's pictures share: a result's chip, a goal's key, a rater's marker,
the level at the start; and the words that go with them."""

import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.text import capfirst

from oogst.harvest.cut import goals_readable
from oogst.harvest.svg import (
    GREEN_100,
    GREEN_800,
    GREEN_900,
    INK_SOFT,
    OCHRE_800,
    RUST_800,
    SLATE_800,
    WHITE,
    box,
    coord,
    el,
    text,
    tip,
)
from oogst.harvest.templatetags.harvest import label
from oogst.measures import model as m

RATER_COLOUR = {"client": GREEN_800, "coach": OCHRE_800, "sponsor": SLATE_800}
CHIP_H, CHIP_GAP, LINE_H = 20, 6, 26


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


def marker(party: str, x: float, y: float) -> str:
    """A rater's marker: client a circle, coach a square, sponsor a triangle."""
    style: dict[str, Any] = {"fill": RATER_COLOUR[party], "stroke": WHITE, "stroke_width": 1.5}
    if party == "client":
        return el("circle", cx=x, cy=y, r=6.5, **style)
    if party == "coach":
        return el("rect", x=x - 6, y=y - 6, width=12, height=12, **style)
    points = (
        f"{coord(x)},{coord(y - 7.5)} {coord(x + 7.5)},{coord(y + 6)} "
        f"{coord(x - 7.5)},{coord(y + 6)}"
    )
    return el("polygon", points=points, **style)


def diamond(x: float, y: float, r: float = 7) -> str:
    """The level at the start: a hollow diamond."""
    d = f"M{coord(x)} {coord(y - r)}l{coord(r)} {coord(r)}l{coord(-r)} {coord(r)}"
    d += f"l{coord(-r)} {coord(-r)}Z"
    return el("path", d=d, fill=WHITE, stroke=INK_SOFT, stroke_width=1.5)


# ---------------------------------------------------------------- words


def goals_hidden(view: m.Engagement, viewer: str | None) -> bool:
    return not goals_readable(view, viewer)


def party_label(party: str) -> str:
    return capfirst(label(party, "party"))


def keys_text(keys: Iterable[str]) -> str:
    return ", ".join(keys)


def hints_of(view: m.Engagement) -> dict[str, str]:
    """Each result's hover text: its key and the start of its text."""
    return {
        r.key: f"{r.key} {textwrap.shorten(r.text, 90, placeholder=' …')}" for r in view.results
    }
