"""Pictures of the harvest: the engagement drawn as inline SVG, on the server.

Built only from the policy-filtered plain engagement (`Harvest.view`) and the computed
report, never from the database, so the sponsor's pictures show and count only what the
sponsor may read. Drawn with `oogst.harvest.svg`; every distinction is carried by
position, shape, outline or a word as well as by colour.
"""

from oogst.harvest.charts.attainment import attainment_chart
from oogst.harvest.charts.goals import goals_chart
from oogst.harvest.charts.pairs import pairs_chart
from oogst.harvest.charts.sides import sides_chart
from oogst.harvest.svg import Chart
from oogst.measures import model as m
from oogst.measures.shapes import Report

__all__ = [
    "Chart",
    "attainment_chart",
    "goals_chart",
    "harvest_charts",
    "pairs_chart",
    "sides_chart",
]


def harvest_charts(view: m.Engagement, report: Report, *, viewer: str | None) -> tuple[Chart, ...]:
    """The pictures of the engagement page, in the order a coach would show them."""
    return tuple(
        draw(view, report, viewer=viewer)
        for draw in (goals_chart, pairs_chart, sides_chart, attainment_chart)
    )
