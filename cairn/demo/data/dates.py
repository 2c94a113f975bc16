"""Dates in the demo data, written relative to the day it is loaded so the demo always looks current.

The data says `Month(-3)` (three months ago, a month-only target like "August 2026"), `Day(45)`
("45 days from today") or `Words("Ongoing")` (no date at all); `resolve()` turns them into what the models
store. Text may name dates the same way: "{M-7}" is "March 2026", "{D+20}" is "24 November 2026", "{FY-1}" is
"2025-26".
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from cairn.lib.dates import FinancialYear, Precision, add_months, month_end


@dataclass(frozen=True)
class Month:
    """A date given only as a month, `offset` months from the current one; it means the end of that month."""

    offset: int
    written: str = "%B %Y"  # how the paper wrote it, as a strftime pattern


@dataclass(frozen=True)
class Day:
    """An exact day, `offset` days from today."""

    offset: int
    written: str = "%d/%m/%Y"


@dataclass(frozen=True)
class Words:
    """No date, only words: "Ongoing", "Immediately", "To be agreed"."""

    text: str


When = Month | Day | Words


@dataclass(frozen=True)
class Resolved:
    on: dt.date | None
    precision: str
    text: str


def month_of(today: dt.date, offset: int) -> dt.date:
    """The first day of the month `offset` months from today's."""
    return add_months(today, offset)


def resolve(when: When | None, today: dt.date) -> Resolved:
    """The stored form of a relative date: the date, its precision and the words as written."""
    if when is None:
        return Resolved(None, Precision.NONE, "")
    if isinstance(when, Words):
        return Resolved(None, Precision.NONE, when.text)
    if isinstance(when, Month):
        first = month_of(today, when.offset)
        return Resolved(month_end(first.year, first.month), Precision.MONTH, first.strftime(when.written))
    day = today + dt.timedelta(days=when.offset)
    return Resolved(day, Precision.DAY, day.strftime(when.written))


def wednesday_on_or_after(day: dt.date) -> dt.date:
    """Committees in the demo meet on Wednesdays."""
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


def spent_so_far(projected_outturn: int, today: dt.date) -> Decimal:
    """Spending this financial year to date, in step with the projected outturn, to the nearest £1,000."""
    months_gone = (today.year - FinancialYear.of(today).start_year) * 12 + today.month - 3
    return (Decimal(projected_outturn) * months_gone / 12 / 1000).quantize(Decimal(1)) * 1000


def long_date(day: dt.date) -> str:
    """'4 March 2026', as a committee paper writes it."""
    return f"{day.day} {day:%B %Y}"


_TOKEN = re.compile(r"\{(M|D|FY)([+-]\d+)\}")


def fill(text: str, today: dt.date) -> str:
    """Text with its {M-7}, {D+20} and {FY-1} dates written out."""

    def written(match: re.Match) -> str:
        kind, offset = match.group(1), int(match.group(2))
        if kind == "M":
            return month_of(today, offset).strftime("%B %Y")
        if kind == "FY":
            return str(FinancialYear(FinancialYear.of(today).start_year + offset))
        return long_date(today + dt.timedelta(days=offset))

    return _TOKEN.sub(written, text)
