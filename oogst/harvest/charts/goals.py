"""Picture (a): each goal with the results that achieve it; results no goal foresaw below."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oogst.harvest.charts.marks import (
    CHIP_H,
    LINE_H,
    chip_width,
    chips,
    goals_hidden,
    hints_of,
    key_box,
    keys_text,
)
from oogst.harvest.svg import (
    GREEN_100,
    GREEN_900,
    INK_SOFT,
    LINE_STRONG,
    OCHRE_050,
    OCHRE_800,
    WIDTH,
    Chart,
    box,
    el,
    empty,
    line,
    lines_of,
    svg,
    text,
    tip,
    wrapped,
)
from oogst.measures import model as m
from oogst.measures.shapes import Report

GOAL_W, STATUS_X, MARKS_X = 400, 416, 536


def goals_chart(view: m.Engagement, report: Report, *, viewer: str | None = None) -> Chart:
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
    body, height = _goals_body(view, computed, loose)
    desc = _goals_description(report, loose)
    return Chart(
        key="goals",
        title=title,
        description=desc,
        svg=svg("chart-goals", height, title, desc, body),
        head=(_("Goal"), _("Status"), _("Achieved by")),
        rows=_goals_rows(view, computed, loose),
    )


def _goals_body(
    view: m.Engagement, computed: dict[str, Any], loose: Sequence[str]
) -> tuple[str, float]:
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
    return "".join(parts), y + 4


def _goals_rows(
    view: m.Engagement, computed: dict[str, Any], loose: Sequence[str]
) -> tuple[tuple[str, ...], ...]:
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
    return rows


def _goals_description(report: Report, loose: Sequence[str]) -> str:
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
