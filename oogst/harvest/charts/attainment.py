"""Picture (c): goal attainment, each goal's level per rater on the -2..+2 scale."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from oogst.harvest.charts.marks import (
    chip_width,
    diamond,
    goals_hidden,
    key_box,
    marker,
    party_label,
)
from oogst.harvest.svg import (
    GREEN_900,
    INK_SOFT,
    LINE_STRONG,
    WIDTH,
    Chart,
    el,
    empty,
    line,
    lines_of,
    svg,
    text,
    tip,
    wrapped,
)
from oogst.harvest.templatetags.harvest import label, number, signed
from oogst.measures import model as m
from oogst.measures.model import PARTIES
from oogst.measures.shapes import Gas, Report, t_score

LEVELS = (-2, -1, 0, 1, 2)
LANE_X, PLOT_X0, PLOT_X1, T_X, LANE_H = 176, 200, 548, 592, 20


def level_x(level: int) -> float:
    return PLOT_X0 + (level + 2) * (PLOT_X1 - PLOT_X0) / 4


def attainment_chart(view: m.Engagement, report: Report, *, viewer: str | None = None) -> Chart:
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
    desc = _attainment_description(raters, gas)
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
        rows=(*rows, (_("T-score"), "", *(number(t_score(gas, p), 1) for p in raters))),
    )


def _attainment_description(raters: Sequence[str], gas: Gas) -> str:
    return " ".join(
        [
            _(
                "Each goal's level on the scale from -2 to +2 as each party rated it,"
                " and the level at the start."
            ),
            *(
                _("%(party)s: T-score %(t)s.")
                % {"party": party_label(p), "t": number(t_score(gas, p), 1)}
                for p in raters
            ),
            _("A T-score of 50 means the goals were reached at the expected level."),
        ]
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


def _t_panel(raters: Sequence[str], gas: Gas) -> str:
    out = [text(T_X, 16, _("T-score"), bold=True, fill=GREEN_900)]
    out.append(line(T_X, 24, WIDTH, 24, LINE_STRONG))
    for i, party in enumerate(raters):
        y = 44 + i * 46
        out.append(marker(party, T_X + 7, y) + text(T_X + 20, y + 4, label(party, "party"), 11))
        t = number(t_score(gas, party), 1)
        out.append(text(T_X + 20, y + 28, t, 20, bold=True, fill=GREEN_900, data_rater=party))
    y = 44 + len(raters) * 46
    out.append(diamond(T_X + 7, y, 6) + text(T_X + 20, y + 4, _("at the start"), 11))
    out.append(text(T_X, y + 26, _("50 = as expected"), 11, fill=INK_SOFT))
    return "".join(out)
