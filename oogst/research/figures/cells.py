"""What every research figure shares: the cell, the bins and their edges, the decimals."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField

from oogst.research.figures.shapes import Bin

CLOSING_STATUSES: tuple[str, ...] = ("held", "declined", "not_held", "planned", "none")
# T-score bins of width 10 centred on 50 ("as expected"); the ends are open.
GAS_EDGES: tuple[float, ...] = (25, 35, 45, 55, 65, 75)
# share x confidence, 0..1 in fifths; 1.0 falls in the last bin.
ATTRIBUTION_EDGES: tuple[float, ...] = (0.2, 0.4, 0.6, 0.8)
# ROI %: -100 exactly means nothing counted as benefit.
ROI_EDGES: tuple[float, ...] = (-100, 0, 100, 300)

#: T-scores, ROI percentages and means are rounded to cents, as the report rounds them.
CENT = Decimal("0.01")
#: What the database's sums of weights, levels and amounts are read as.
DECIMAL = DecimalField(max_digits=20, decimal_places=6)


@dataclass(frozen=True)
class Cell:
    """One figure and the number of engagements it is based on (None: not counted)."""

    value: int | float | None
    engagements: int | None


def as_decimal(x: object) -> Decimal:
    """A database number as a Decimal (SQLite returns floats where PostgreSQL has numerics)."""
    return x if isinstance(x, Decimal) else Decimal(str(x))


def engagements_of(row: Mapping[str, object]) -> int | None:
    """The distinct engagement count of a grouped row, when it was asked for (key "e")."""
    e = row.get("e")
    return None if e is None else int(str(e))


def bin_index(x: float, edges: tuple[float, ...]) -> int:
    """Which of len(edges)+1 bins x falls in: bin i is [edges[i-1], edges[i])."""
    for i, edge in enumerate(edges):
        if x < edge:
            return i
    return len(edges)


def roi_bin(x: float) -> int:
    """ROI bins: exactly -100 (no counted benefit), below 0, 0..100, 100..300, 300 and up."""
    if x <= ROI_EDGES[0]:
        return 0
    return bin_index(x, ROI_EDGES)


def bins_of(edges: tuple[float, ...]) -> list[Bin]:
    """[{"low", "high"}] for the bins between and around `edges` (None: open end)."""
    lows: list[float | None] = [None, *edges]
    highs: list[float | None] = [*edges, None]
    return [{"low": lo, "high": hi} for lo, hi in zip(lows, highs, strict=True)]
