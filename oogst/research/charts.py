"""Pictures of practice research: stacked bars and histograms, drawn as SVG on the server.

Built only from the figures of `aggregates.stats` after suppression: a suppressed figure
is None here and is drawn as a dashed, empty mark with the words "< k", never as a bar,
so a picture cannot reveal what its table hides. Plain SVG with a title and a
description, like `oogst.harvest.charts` (whose drawing helpers and palette it uses);
every distinction is carried by position, pattern or a word as well as by colour, and
each picture comes with the same figures as a table (`Chart.head` / `Chart.rows`).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from oogst.harvest.charts import (
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
    hatch,
    line,
    svg,
    text,
)
from oogst.harvest.templatetags.harvest import label, number
from oogst.measures.model import MEANINGS, PARTIES
from oogst.measures.pairs import EVIDENCE
from oogst.research.aggregates import CLOSING_STATUSES

Value = int | float | None

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
BENEFICIARY_ORDER = ("client", "both", "organisation")  # "both" between its two sides


@dataclass(frozen=True)
class Segment:
    name: str
    value: Value
    style: str


def suppressed_words(k: int | None) -> str:
    # A no-break space keeps "< 5" together when a narrow table cell wraps.
    return (_("suppressed (< %(k)s)") % {"k": k}).replace("< ", "<\u00a0")


def shown(value: Value, k: int | None, places: int = 0) -> str:
    """A figure for the table: the number, or "suppressed (< k)"."""
    return suppressed_words(k) if value is None else number(value, places)


def percent(value: float | None) -> str:
    return "" if value is None else f"{number(value * 100, 1)} %"


# ---------------------------------------------------------------- stacked bars


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
        if w <= 0:
            continue
        fill, stroke, ink, dashed, hatched = STYLES[s.style]
        out.append(
            box(
                x, y, w, BAR_H, fill=fill, stroke=stroke, stroke_dasharray="4 2" if dashed else None
            )
        )
        if hatched:
            out.append(hatch(x, y, w, BAR_H))
        words = f"{s.name} {number(s.value)}"
        if w >= len(words) * 6.6 + 10:
            out.append(text(x + 6, y + BAR_H / 2 + 4, words, 11, bold=True, fill=ink))
        elif w >= len(number(s.value)) * 7 + 8:
            out.append(text(x + 4, y + BAR_H / 2 + 4, number(s.value), 11, bold=True, fill=ink))
        x += w
    return "".join(out)


def _table(
    bars: Sequence[tuple[str, Sequence[Segment]]], k: int | None, layout: str
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


def stacked(
    key: str,
    title: str,
    bars: Sequence[tuple[str, Sequence[Segment]]],
    k: int | None,
    *,
    intro: str = "",
    layout: str = "long",
) -> Chart:
    """Horizontal bars, each 100 %, split into named parts. When every bar has the same
    parts, one legend names them on top; otherwise each bar has its own below it."""
    if not bars:
        return Chart(key=key, title=title, description=intro, svg=mark_safe(""), empty=intro)
    same = len({tuple(s.name for s in segments) for _name, segments in bars}) == 1
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
    height = y - ROW_H + BAR_H + 10 if same else y
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
        svg=svg(f"chart-{key}", height, title, desc, "".join(body)),
        head=head,
        rows=rows,
    )


# ---------------------------------------------------------------- histograms

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


# ---------------------------------------------------------------- the research pictures


def party_name(party: str) -> str:
    return capfirst(label(party, "party"))


def pairs_charts(stats: dict[str, Any], k: int | None) -> tuple[Chart, Chart, Chart]:
    """The five pairs, summed: goals and foreseen, desirability per party, whom and how."""
    p = stats["pairs"]
    ia, ex, de = p["intended_achieved"], p["expected"], p["desirability"]
    bars: list[tuple[str, list[Segment]]] = [
        (
            _("Goals"),
            [
                Segment(_("achieved"), ia["goals_achieved"], "solid"),
                Segment(_("open"), stats["goals_open"], "ochre"),
            ],
        ),
        (
            _("Results and goals"),
            [
                Segment(_("linked to a goal"), ia["results_linked"], "solid"),
                Segment(_("no goal"), ia["results_unlinked"], "ochre"),
            ],
        ),
        (
            _("Foreseen"),
            [
                Segment(_("expected"), ex["expected"], "solid"),
                Segment(_("unexpected"), ex["unexpected"], "ochre"),
            ],
        ),
    ]
    goals = stacked("pairs-goals", _("Goals, and results expected or not"), bars, k)
    sides = [
        (
            party_name(party),
            [
                Segment(label("desired", "desirability"), de[party]["desired"], "solid"),
                Segment(label("undesired", "desirability"), de[party]["undesired"], "hatch"),
                Segment(label("neutral", "desirability"), de[party]["neutral"], "pale"),
                Segment(_("not judged"), de[party]["unjudged"], "none"),
            ],
        )
        for party in PARTIES
    ]
    judged = stacked(
        "pairs-desirability",
        _("Desired and undesired, per party"),
        sides,
        k,
        layout="by_part",
        intro=_("Results the parties disagree on (one desired, another undesired): %(n)s.")
        % {"n": shown(de["disagreements"], k)},
    )
    who = [
        (
            _("For whom"),
            [
                Segment(label(b, "beneficiary"), p["beneficiary"][b], s)
                for b, s in zip(BENEFICIARY_ORDER, ("solid", "light", "pale"), strict=True)
            ],
        ),
        (
            _("How it shows"),
            [
                Segment(label(e, "evidence"), p["evidence"][e], s)
                for e, s in zip(EVIDENCE, ("solid", "ochre"), strict=True)
            ],
        ),
    ]
    whom = stacked("pairs-sides", _("For whom, and how anyone can tell"), who, k)
    return goals, judged, whom


def closing_chart(stats: dict[str, Any], k: int | None) -> Chart:
    c = stats["closing"]
    styles = {
        "held": "solid",
        "declined": "hatch",
        "not_held": "ochre",
        "planned": "pale",
        "none": "none",
    }
    names = {s: label(s, "closing_status") for s in CLOSING_STATUSES}
    names["none"] = _("none recorded")
    bar = [(_("Engagements"), [Segment(names[s], c[s], styles[s]) for s in CLOSING_STATUSES])]
    return stacked("closing", _("The closing conversation"), bar, k)


def gas_chart(stats: dict[str, Any], k: int | None) -> Chart:
    g = stats["gas"]
    raters = [g["raters"][p] for p in PARTIES]
    intro = _(
        "How many engagements reached each goal attainment T-score, per rater; 50 means"
        " the goals were reached at the expected level."
    )
    return histogram(
        "gas",
        _("Goal attainment (T-scores) per rater"),
        [(party_name(p), r["counts"]) for p, r in zip(PARTIES, raters, strict=True)],
        (_("T-score"), edge_labels(g["bins"])),
        k,
        intro=intro,
        extra=[
            (_("Mean"), [shown(r["mean"], k, 1) for r in raters]),
            (_("Engagements"), [shown(r["engagements"], k) for r in raters]),
        ],
    )


def attribution_chart(stats: dict[str, Any], k: int | None) -> Chart:
    a = stats["attribution"]
    parties = [a["parties"][p] for p in PARTIES]
    bins = edge_labels([{**b, "low": b["low"] or 0, "high": b["high"] or 1} for b in a["bins"]])
    intro = _(
        "How many judgements attribute each part of a result to the coaching (share times"
        " confidence, from 0 to 1), per party."
    )
    return histogram(
        "attribution",
        _("Attributed to the coaching"),
        [(party_name(p), x["counts"]) for p, x in zip(PARTIES, parties, strict=True)],
        (_("Share × confidence"), bins),
        k,
        intro=intro,
        extra=[
            (_("Mean"), [shown(x["mean"], k, 2) for x in parties]),
            (_("Judgements"), [shown(x["judgements"], k) for x in parties]),
        ],
    )


def roi_chart(stats: dict[str, Any], k: int | None) -> Chart:
    r = stats["roi"]
    edges = [f"{number(e)} %" for e in (-100, 0, 100, 300)]
    bins = [
        _("%(n)s or less") % {"n": edges[0]},
        *(_("%(low)s to %(high)s") % {"low": lo, "high": hi} for lo, hi in pairwise(edges)),
        _("%(n)s or more") % {"n": edges[-1]},
    ]
    intro = _(
        "Return on investment of the engagements with agreed costs, counted conservatively:"
        " −100 %% means no benefit could be counted. Engagements: %(n)s;"
        " median: %(median)s."
    ) % {"n": shown(r["engagements"], k), "median": _pct(r["median_percent"], k)}
    return histogram(
        "roi",
        _("Return on investment"),
        [(_("Engagements"), r["counts"])],
        (_("ROI"), bins),
        k,
        intro=intro,
        extra=[(_("Median"), [_pct(r["median_percent"], k)])],
    )


def _pct(value: Value, k: int | None) -> str:
    return suppressed_words(k) if value is None else f"{number(value, 1)} %"


def meanings_chart(stats: dict[str, Any], k: int | None) -> Chart:
    m = stats["meanings"]
    bars = []
    for meaning in MEANINGS:
        row = m["by_meaning"][meaning]
        shared = row["shared"]
        bars.append(
            (
                capfirst(label(meaning, "meaning")),
                [
                    Segment(_("named by every party"), shared, "solid"),
                    Segment(_("named by some parties only"), row["diverging"], "hatch"),
                ],
            )
        )
    intro = _(
        "In how many engagements each meaning of “result” appears in the parties'"
        " expectations, and in how many the parties diverge on it. Engagements with"
        " expectations: %(n)s; where the parties diverge on at least one meaning: %(d)s."
    ) % {"n": shown(m["engagements"], k), "d": shown(m["divergent"], k)}
    chart = stacked(
        "meanings",
        _("What the parties mean by “result”"),
        bars,
        k,
        intro=intro,
        layout="by_bar",
    )
    named_by = [_("named by the %(party)s") % {"party": label(p, "party")} for p in PARTIES]
    rows = tuple(
        (*row, *(shown(m["by_meaning"][meaning]["by_party"][p], k) for p in PARTIES))
        for meaning, row in zip(MEANINGS, chart.rows, strict=True)
    )
    return Chart(
        key=chart.key,
        title=chart.title,
        description=chart.description,
        svg=chart.svg,
        head=(*chart.head, *named_by),
        rows=rows,
    )


def research_charts(stats: dict[str, Any], k: int | None) -> tuple[Chart, ...]:
    """Every picture of the overview, in reading order."""
    return (
        *pairs_charts(stats, k),
        closing_chart(stats, k),
        gas_chart(stats, k),
        attribution_chart(stats, k),
        roi_chart(stats, k),
        meanings_chart(stats, k),
    )


# ---------------------------------------------------------------- figures in words


def share_of(value: float | None, k: int | None, *parts: Value) -> str:
    """A share for reading: suppressed when a figure it derives from is, a dash when
    there is nothing to divide by."""
    if any(part is None for part in parts):
        return suppressed_words(k)
    return "\u2013" if value is None else f"{number(value * 100, 1)} %"


def key_figures(stats: dict[str, Any], k: int | None) -> list[tuple[str, str]]:
    """The headline figures: (label, shown value), suppression spelled out."""
    rates, results, total = stats["rates"], stats["results"], stats["engagements"]
    pairs, meanings = stats["pairs"], stats["meanings"]
    disagreements = pairs["desirability"]["disagreements"]
    return [
        (_("Engagements included"), shown(total, k)),
        (_("Results"), shown(results, k)),
        (
            _("Unexpected results"),
            share_of(rates["unexpected"], k, pairs["expected"]["unexpected"], results),
        ),
        (
            _("Results the parties disagree on"),
            share_of(rates["disagreement"], k, disagreements, results),
        ),
        (
            _("Engagements with at least one disagreement"),
            share_of(
                rates["engagements_with_disagreement"],
                k,
                stats["engagements_with_disagreement"],
                total,
            ),
        ),
        (
            _("Engagements whose parties mean different things by “result”"),
            share_of(
                rates["meanings_divergent"], k, meanings["divergent"], meanings["engagements"]
            ),
        ),
    ]


def party_rates(stats: dict[str, Any], k: int | None) -> list[tuple[str, str, str]]:
    """Per party: the share of its reported results that were unexpected, and the share of
    the results it judged that it found undesired."""
    rates, reported = stats["rates"], stats["reported"]
    sides = stats["pairs"]["desirability"]
    return [
        (
            party_name(p),
            share_of(
                rates["unexpected_by_reporter"][p],
                k,
                reported[p]["unexpected"],
                reported[p]["results"],
            ),
            share_of(
                rates["undesired_by_party"][p],
                k,
                sides[p]["desired"],
                sides[p]["undesired"],
                sides[p]["neutral"],
            ),
        )
        for p in PARTIES
    ]
