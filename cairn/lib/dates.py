"""UK dates: dd/mm/yyyy display, dates of known precision, and April-to-March financial years."""

import calendar
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    NONE = "none"  # "Ongoing", "Immediately", "To be agreed": no date at all


def format_uk(value: dt.date | None) -> str:
    """31/03/2011, or an empty string for no date."""
    return value.strftime("%d/%m/%Y") if value else ""


def month_end(year: int, month: int) -> dt.date:
    """The last day of a month: a month-only target date means the end of that month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def add_months(value: dt.date, months: int) -> dt.date:
    """The first of the month `months` after (or before) the month of `value`."""
    index = value.year * 12 + value.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from start's month to end's month, inclusive."""
    months, current = [], month_start(start)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def format_with_precision(value: dt.date | None, precision: str, text: str = "") -> str:
    """A date as precisely as it was given: 31/03/2011, Mar 2011, 2011; or the words as written."""
    if value is None or precision == Precision.NONE:
        return text
    if precision == Precision.MONTH:
        return value.strftime("%b %Y")
    if precision == Precision.YEAR:
        return str(value.year)
    return format_uk(value)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK local government financial year, 1 April to 31 March, named by its starting year."""

    start_year: int

    @classmethod
    def of(cls, day: dt.date) -> "FinancialYear":
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, label: str) -> "FinancialYear":
        """'2011-12', '2011/12' or '2011/2012' -> FinancialYear(2011)."""
        cleaned = label.strip().replace("/", "-").replace("\u2013", "-")
        first, _, second = cleaned.partition("-")
        start = int(first)
        if second:
            end = int(second)
            end = end if end > 99 else (start // 100) * 100 + end
            if end != start + 1:
                raise ValueError(f"{label!r} is not a financial year: the years must follow each other")
        return cls(start)

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.start_year, 4, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.start_year + 1, 3, 31)

    def __contains__(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def __str__(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"
