"""Histograms: one panel per series on one scale; a suppressed count is drawn as a dashed,
empty mark with the words "< k", never as a bar."""

from collections.abc import Sequence

from oogst.harvest.svg import (
    GREEN_800,
    GREEN_900,
    INK,
    INK_SOFT,
    LINE_STRONG,
    SUNK,
    WIDTH,
    Chart,
    box,
    line,
    svg,
    text,
)
from oogst.harvest.templatetags.harvest import number
from oogst.research.charts.figures import Value, shown

PANEL_H, LABEL_H = 96.0, 34.0


def _panel(
    y: float, name: str, counts: Sequence[Value], bins: Sequence[str], k: int | None, top: float
) -> str:
    out = [text(0, y + 16, name, 12, bold=True, fill=GREEN_900)]
    x0, width = 110.0, WIDTH - 110.0
    slot = width / len(counts)
    base = y + PANEL_H
    out.append(line(x0, base, WIDTH, base, LINE_STRONG, stroke_width=1.5))
    for i, (count, word) in enumerate(zip(counts, bins, strict=True)):
        x = x0 + i * slot + slot * 0.15
        w = slot * 0.7
        out.append(text(x + w / 2, base + 16, word, 11, anchor="middle", fill=INK_SOFT))
        if count is None:
            out.append(box(x, base - 22, w, 22, fill=SUNK, stroke=INK_SOFT, stroke_dasharray="4 3"))
            out.append(text(x + w / 2, base - 7, f"< {k}", 11, anchor="middle", fill=INK_SOFT))
            continue
        h = (PANEL_H - 22) * float(count) / top if top else 0
        if h > 0:
            out.append(box(x, base - h, w, h, fill=GREEN_800, stroke=GREEN_900))
        out.append(
            text(x + w / 2, base - h - 5, number(count), 11, bold=True, anchor="middle", fill=INK)
        )
    return "".join(out)


def histogram(
    key: str,
    title: str,
    series: Sequence[tuple[str, Sequence[Value]]],
    bins: tuple[str, Sequence[str]],
    k: int | None,
    *,
    intro: str,
    extra: Sequence[tuple[str, Sequence[str]]] = (),
) -> Chart:
    """One histogram per series, stacked; one scale for all, so panels compare. `bins` is
    (what is binned, the bins' labels); the table has a row per bin, a column per series,
    and the `extra` rows (a mean, a count) below."""
    what, labels = bins
    top = max((float(c) for _n, counts in series for c in counts if c is not None), default=0)
    body, y = [], 0.0
    for name, counts in series:
        body.append(_panel(y, name, counts, labels, k, top))
        y += PANEL_H + LABEL_H
    rows = tuple(
        (label_, *(shown(counts[i], k) for _name, counts in series))
        for i, label_ in enumerate(labels)
    )
    rows += tuple((name, *cells) for name, cells in extra)
    sentences = [intro]
    for name, counts in series:
        parts = ", ".join(f"{b}: {shown(c, k)}" for b, c in zip(labels, counts, strict=True))
        sentences.append(f"{name}: {parts}.")
    desc = " ".join(sentences)
    return Chart(
        key=key,
        title=title,
        description=desc,
        svg=svg(f"chart-{key}", y, title, desc, "".join(body)),
        head=(what, *(name for name, _counts in series)),
        rows=rows,
    )


def edge_labels(bins: Sequence[dict[str, float | None]], fmt: str = "{}") -> list[str]:
    out = []
    for b in bins:
        lo, hi = b["low"], b["high"]
        if lo is None:
            out.append(f"< {fmt.format(number(hi, 1 if hi and hi < 1 else 0))}")
        elif hi is None:
            out.append(f"≥ {fmt.format(number(lo, 1 if lo < 1 else 0))}")
        else:
            places = 1 if hi <= 1 else 0
            out.append(f"{fmt.format(number(lo, places))}\u2013{fmt.format(number(hi, places))}")
    return out
