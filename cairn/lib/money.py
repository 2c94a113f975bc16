"""Money in pounds as Decimal: display in the way council papers write it."""

from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def to_pounds(value: Decimal | int | str) -> Decimal:
    """A Decimal rounded to the penny; floats are refused because they cannot hold pounds exactly."""
    if isinstance(value, float):
        raise TypeError("money must not be a float; pass a Decimal, int or string")
    return Decimal(value).quantize(PENNY, rounding=ROUND_HALF_UP)


def format_pounds(value: Decimal | int | None, *, pence: bool = False) -> str:
    """£48,000 (or £48,000.50 with pence); a negative amount shows as -£392,000; None shows as empty."""
    if value is None:
        return ""
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    if pence or amount != amount.to_integral_value():
        return f"{sign}£{amount.quantize(PENNY, rounding=ROUND_HALF_UP):,.2f}"
    return f"{sign}£{amount:,.0f}"


def format_range(low: Decimal | None, high: Decimal | None) -> str:
    """£11,000 to £443,000; a single figure when both ends are the same or one is missing."""
    if low is not None and high is not None and low != high:
        return f"{format_pounds(low)} to {format_pounds(high)}"
    return format_pounds(low if low is not None else high)
