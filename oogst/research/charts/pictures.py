"""The pictures of the research overview, from the figures of `aggregates.stats`."""

from dataclasses import replace
from itertools import pairwise
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from oogst.harvest.svg import Chart
from oogst.harvest.templatetags.harvest import label, number
from oogst.measures.model import MEANINGS, PARTIES
from oogst.measures.pairs import EVIDENCE
from oogst.research.aggregates import CLOSING_STATUSES
from oogst.research.charts.bars import Segment, stacked
from oogst.research.charts.figures import party_name, shown, shown_percent
from oogst.research.charts.histograms import edge_labels, histogram

BENEFICIARY_ORDER = ("client", "both", "organisation")  # "both" between its two sides


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


# ---------------------------------------------------------------- the five pairs


def pairs_charts(stats: dict[str, Any], k: int | None) -> tuple[Chart, Chart, Chart]:
    """The five pairs, summed: goals and foreseen, desirability per party, whom and how."""
    return _goals_chart(stats, k), _desirability_chart(stats, k), _sides_chart(stats, k)


def _goals_chart(stats: dict[str, Any], k: int | None) -> Chart:
    ia, ex = stats["pairs"]["intended_achieved"], stats["pairs"]["expected"]
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
    return stacked("pairs-goals", _("Goals, and results expected or not"), bars, k)


def _desirability_chart(stats: dict[str, Any], k: int | None) -> Chart:
    de = stats["pairs"]["desirability"]
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
    return stacked(
        "pairs-desirability",
        _("Desired and undesired, per party"),
        sides,
        k,
        layout="by_part",
        intro=_("Results the parties disagree on (one desired, another undesired): %(n)s.")
        % {"n": shown(de["disagreements"], k)},
    )


def _sides_chart(stats: dict[str, Any], k: int | None) -> Chart:
    p = stats["pairs"]
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
    return stacked("pairs-sides", _("For whom, and how anyone can tell"), who, k)


# ---------------------------------------------------------------- the other pictures


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
    ) % {"n": shown(r["engagements"], k), "median": shown_percent(r["median_percent"], k)}
    return histogram(
        "roi",
        _("Return on investment"),
        [(_("Engagements"), r["counts"])],
        (_("ROI"), bins),
        k,
        intro=intro,
        extra=[(_("Median"), [shown_percent(r["median_percent"], k)])],
    )


def meanings_chart(stats: dict[str, Any], k: int | None) -> Chart:
    m = stats["meanings"]
    intro = _(
        "In how many engagements each meaning of “result” appears in the parties'"
        " expectations, and in how many the parties diverge on it. Engagements with"
        " expectations: %(n)s; where the parties diverge on at least one meaning: %(d)s."
    ) % {"n": shown(m["engagements"], k), "d": shown(m["divergent"], k)}
    chart = stacked(
        "meanings",
        _("What the parties mean by “result”"),
        _meaning_bars(m),
        k,
        intro=intro,
        layout="by_bar",
    )
    # The table adds a column per party: how many engagements in which it named the meaning.
    named_by = [_("named by the %(party)s") % {"party": label(p, "party")} for p in PARTIES]
    rows = tuple(
        (*row, *(shown(m["by_meaning"][meaning]["by_party"][p], k) for p in PARTIES))
        for meaning, row in zip(MEANINGS, chart.rows, strict=True)
    )
    return replace(chart, head=(*chart.head, *named_by), rows=rows)


def _meaning_bars(m: dict[str, Any]) -> list[tuple[str, list[Segment]]]:
    bars = []
    for meaning in MEANINGS:
        row = m["by_meaning"][meaning]
        parts = [
            Segment(_("named by every party"), row["shared"], "solid"),
            Segment(_("named by some parties only"), row["diverging"], "hatch"),
        ]
        bars.append((capfirst(label(meaning, "meaning")), parts))
    return bars
