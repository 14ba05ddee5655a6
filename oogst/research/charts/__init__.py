"""Pictures of practice research: stacked bars and histograms, drawn as SVG on the server.

Built only from the figures of `aggregates.stats` after suppression: a suppressed figure
is None here and is drawn as a dashed, empty mark with the words "< k", never as a bar,
so a picture cannot reveal what its table hides. Plain SVG with a title and a
description, drawn with `oogst.harvest.svg` (the harvest's drawing helpers and palette);
every distinction is carried by position, pattern or a word as well as by colour, and
each picture comes with the same figures as a table (`Chart.head` / `Chart.rows`).
"""

from oogst.research.charts.figures import key_figures, party_rates
from oogst.research.charts.pictures import research_charts

__all__ = ["key_figures", "party_rates", "research_charts"]
