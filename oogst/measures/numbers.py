"""Numbers as the measures take them: Decimal inside, whatever the caller passes."""

from decimal import Decimal

Number = Decimal | float | int


def to_decimal(x: Number) -> Decimal:
    # Via str, so a float 0.3 becomes Decimal("0.3") and not its binary neighbour.
    return x if isinstance(x, Decimal) else Decimal(str(x))
