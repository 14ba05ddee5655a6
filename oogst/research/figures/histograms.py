"""The GAS, attribution and ROI cells, from scores (the raw tables) or counts (the summary)."""

from decimal import ROUND_HALF_UP, Decimal

from oogst.measures.model import PARTIES
from oogst.research.figures.cells import (
    ATTRIBUTION_EDGES,
    CENT,
    GAS_EDGES,
    ROI_EDGES,
    Cell,
    as_decimal,
    bin_index,
    bins_of,
    roi_bin,
)
from oogst.research.figures.shapes import Attributed, Attribution, Gas, Rater, Roi

#: Per rater: how many T-scores, their sum, and how many fall in each bin of GAS_EDGES.
type GasSums = dict[str, tuple[int, Decimal, list[int]]]


def gas_figures(scores: dict[str, list[Decimal]]) -> Gas[Cell]:
    """The GAS histograms from each rater's T-scores."""
    summed: GasSums = {}
    for party in PARTIES:
        ts = scores[party]
        counts = [0] * (len(GAS_EDGES) + 1)
        for t in ts:
            counts[bin_index(float(t), GAS_EDGES)] += 1
        summed[party] = (len(ts), sum(ts, Decimal(0)), counts)
    return gas_cells(summed)


def gas_cells(summed: GasSums) -> Gas[Cell]:
    """The GAS cells from each rater's number of T-scores, their sum and bin counts."""
    raters: dict[str, Rater[Cell]] = {}
    for party in PARTIES:
        n, total, counts = summed[party]
        mean = float((as_decimal(total) / n).quantize(CENT, ROUND_HALF_UP)) if n else None
        raters[party] = {
            "engagements": Cell(n, n),
            "mean": Cell(mean, n),
            "counts": [Cell(c, c) for c in counts],
        }
    return {"bins": bins_of(GAS_EDGES), "raters": raters}


def attribution_cells(parties: dict[str, Attributed[Cell]]) -> Attribution[Cell]:
    """The attribution histograms around each party's cells."""
    return {"bins": bins_of(ATTRIBUTION_EDGES), "parties": parties}


def roi_median(ordered: list[Decimal]) -> float | None:
    """The median of sorted ROI percentages, as `roi_figures` gives it."""
    n = len(ordered)
    if not n:
        return None
    if n % 2:
        return float(ordered[n // 2])
    return float(((ordered[n // 2 - 1] + ordered[n // 2]) / 2).quantize(CENT))


def roi_figures(
    rois: list[Decimal], *, counts: list[int] | None = None, median: float | None = None
) -> Roi[Cell]:
    """The ROI cells: from the percentages, or from counts and a median found elsewhere."""
    if counts is not None:
        return _roi_cells(sum(counts), median, counts)
    counts = [0] * (len(ROI_EDGES) + 1)
    for roi in rois:
        counts[roi_bin(float(roi))] += 1
    return _roi_cells(len(rois), roi_median(sorted(rois)), counts)


def _roi_cells(n: int, median: float | None, counts: list[int]) -> Roi[Cell]:
    return {
        "engagements": Cell(n, n),
        "median_percent": Cell(median, n),
        "bins": [
            {"low": None, "high": -100.0, "only": -100.0},
            *bins_of(ROI_EDGES)[1:],
        ],
        "counts": [Cell(c, c) for c in counts],
    }
