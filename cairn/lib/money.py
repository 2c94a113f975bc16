"""Money in pounds as Decimal: shown, and read, the way council papers write it."""

import re
from dataclasses import dataclass
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


def as_typed(value: Decimal | None) -> str | None:
    """An amount as a person would type it in a form: "95,000", "-5,000.50"; None stays None."""
    if value is None:
        return None
    return format_pounds(value).replace("£", "")


# Reading money as council papers write it ---------------------------------------------------------------------

_UNITS = {"k": Decimal(1000), "m": Decimal(1_000_000), "million": Decimal(1_000_000), "bn": Decimal(1_000_000_000),
          "billion": Decimal(1_000_000_000), "thousand": Decimal(1000)}
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_AMOUNT = re.compile(
    rf"£\s*(?P<number>{_NUMBER})(?:\s*(?P<unit>k|m|bn|million|billion|thousand)(?![a-z]))?", re.IGNORECASE
)
_BARE = re.compile(rf"^\s*£?\s*(?P<number>{_NUMBER})\s*(?P<unit>k|m|bn|million|billion|thousand)?\s*$", re.IGNORECASE)
_NOTHING = re.compile(r"^\s*(?:none|nil|n/?a|no|-|–|£\s*0|0)\s*\.?\s*$", re.IGNORECASE)
_ANNUAL = re.compile(
    r"\b(?:per\s+annum|p\.?\s?a\b\.?|a\s+year|per\s+year|each\s+year|every\s+year|annual(?:ly)?|yearly|full[\s-]year)",
    re.IGNORECASE,
)
_ONE_OFF = re.compile(r"\bone[\s-]?(?:off|time)\b", re.IGNORECASE)
_UP_TO = re.compile(r"\b(?:up\s+to|maximum\s+of|no\s+more\s+than|at\s+most)\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to)\s*$", re.IGNORECASE)
_EMPTY_LOW = re.compile(r"£\s*(?:-|–|—|to)\s*$", re.IGNORECASE)
_OVER = re.compile(r"\b(?:overspend|over\s*spend|overspent|over|shortfall|pressure|deficit)\b", re.IGNORECASE)
_UNDER = re.compile(r"\b(?:underspend|under\s*spend|underspent|under|surplus)\b", re.IGNORECASE)


# No sum of money in a paper has more digits than this; a longer run of digits after "£" is not an amount.
MAX_DIGITS = 15


def _to_decimal(number: str, unit: str | None) -> Decimal | None:
    if unit is None and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        number = number.replace(".", "")  # "£250.000" is a thousands separator typed as a full stop
    if sum(character.isdigit() for character in number) > MAX_DIGITS:
        return None
    amount = Decimal(number.replace(",", ""))
    if unit:
        amount *= _UNITS[unit.lower()]
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


def find_amounts(text: str) -> list[tuple[int, int, Decimal]]:
    """Every amount in pounds in the text, with where it starts and ends: "£3.265m" is 3265000, "c£250k" 250000."""
    found = [(m.start(), m.end(), _to_decimal(m.group("number"), m.group("unit"))) for m in _AMOUNT.finditer(text)]
    return [(start, end, amount) for start, end, amount in found if amount is not None]


_TYPED = re.compile(
    r"^(?P<minus>-)?\s*£?\s*(?P<minus2>-)?\s*(?P<number>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
    r"\s*(?P<unit>k|m|bn|million|thousand)?$",
    re.IGNORECASE,
)


def read_typed_amount(text: str) -> Decimal | None:
    """An amount as a person types money in a form: "48000", "48,000", "£48,000.50", "-£5,000", "£1.2m", "250k".
    None for anything else: "1e6", "Infinity", "1,00", "12.345" and words are not amounts of money."""
    match = _TYPED.match((text or "").strip())
    if not match or (match.group("minus") and match.group("minus2")):
        return None
    fraction, unit = match.group("fraction"), match.group("unit")
    if fraction is not None and unit is None and len(fraction) > 2:
        return None
    amount = Decimal(match.group("number").replace(",", "") + (f".{fraction}" if fraction else ""))
    if unit:
        amount *= _UNITS[unit.lower()]
    if amount != amount.quantize(PENNY):
        return None  # "£1.2345k" is not a number of pence
    amount = amount.quantize(PENNY) if amount != amount.to_integral_value() else amount.quantize(Decimal(1))
    return -amount if match.group("minus") or match.group("minus2") else amount


def parse_amount(text: str) -> Decimal | None:
    """A cell holding one amount, with or without £ ("800,000", "£ 50,000", "£392k"); None if it holds anything else."""
    match = _BARE.match(text or "")
    return _to_decimal(match.group("number"), match.group("unit")) if match else None


@dataclass(frozen=True)
class Estimate:
    """A saving or cost as a range in pounds, how often it falls, and whether it is cashable."""

    low: Decimal | None
    high: Decimal | None
    period: str | None  # "annual", "one_off", or None when not stated
    cashable: bool | None


def parse_estimate(text: str) -> Estimate | None:
    """Read a saving or cost as written; None for "NONE", "Nil" or "N/A" (there is no estimate).

    "£48,000" is 48,000 to 48,000; "Up to £200,000 per annum" is at most 200,000 a year; "£11,000 - £443,000 per
    annum" a yearly range; "£ - £ 560K" at most 560,000; "non cashable" sets cashable to False.
    """
    if not text or _NOTHING.match(text):
        return None
    lowered = text.lower()
    cashable = False if re.search(r"\bnon[\s-]?cashable\b", lowered) else (True if "cashable" in lowered else None)
    period = "annual" if _ANNUAL.search(text) else ("one_off" if _ONE_OFF.search(text) else None)
    amounts = find_amounts(text)
    low = high = None
    if amounts:
        start, end, first = amounts[0]
        low = high = first
        if _UP_TO.search(text[:start]) or _EMPTY_LOW.search(text[:start]):
            low = None
        if len(amounts) > 1 and _RANGE_JOIN.match(text[end : amounts[1][0]]):
            low, high = first, amounts[1][2]
            if low > high:
                low, high = high, low
    return Estimate(low, high, period, cashable)


def parse_variance(text: str) -> Decimal | None:
    """A projected over- or underspend in the text: "projecting £392k overspend" is 392000, "underspend of £300K" -300000."""
    for start, end, amount in find_amounts(text):
        after, before = text[end : end + 20], text[max(0, start - 20) : start]
        if _OVER.search(after) or _OVER.search(before):
            return amount
        if _UNDER.search(after) or _UNDER.search(before):
            return -amount
    return None
