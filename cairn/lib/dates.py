"""UK dates: dd/mm/yyyy display, dates of known precision, April-to-March financial years, and reading dates as written."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


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


# Reading dates as council papers write them -------------------------------------------------------------------

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:\d{4}|\d{2})"
_QUALIFIER = r"(?:(?:mid|early|late|end(?:\s+of)?|beginning\s+of|start\s+of|by)[\s-]+)"
# Words that stand where a date would be: the target has no date at all.
NO_DATE = r"(?:on[\s-]?going|immediately|to\s+be\s+(?:a\s+)?(?:agreed|confirmed|decided)|tbc|tba|tbd)"
_DATE = re.compile(
    rf"""(?<![\w/.])(?:
        (?P<numeric>(?P<nd>\d{{1,2}})[/.](?P<nm>\d{{1,2}})[/.](?P<ny>{_YEAR}))(?![\w/])
      | (?P<dmy>{_QUALIFIER}?(?P<d>\d{{1,2}})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm>{_MONTH})(?:,?\s+(?P<dy>{_YEAR}))?)(?![\w])
      | (?P<span>{_QUALIFIER}?(?P<m1>{_MONTH})(?:\s+(?P<y1>{_YEAR}))?\s*[/–—-]\s*(?P<m2>{_MONTH})(?:\s+(?P<y2>{_YEAR}))?)(?![\w])
      | (?P<my>{_QUALIFIER}?(?P<m>{_MONTH})\s*(?P<y>{_YEAR}))(?![\w])
      | (?P<quarter>(?:Q|quarter\s*)(?P<q>[1-4])\s*(?:of\s+)?(?P<qy>(?:19|20)\d{{2}})\s*[/-]\s*(?P<qz>\d{{2}}|(?:19|20)\d{{2}}))(?![\w/])
      | (?P<none>{NO_DATE})(?![\w])
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_YEAR_ONLY = re.compile(rf"^{_QUALIFIER}?(?P<y>(?:19|20)\d{{2}})$", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedDate:
    """A date as written, what it means, how precise it is, and where a span ("March – July 2020") starts."""

    text: str
    on: dt.date | None
    precision: Precision
    starts_on: dt.date | None = None


def full_year(year: str | int) -> int:
    """Two-digit years are in the 2000s: "10" is 2010."""
    year = int(year)
    return 2000 + year if year < 100 else year


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")[:3]]


def _from_match(match: re.Match, year: int | None) -> ParsedDate | None:
    text = match.group().strip()
    try:
        if match.group("numeric"):
            day = dt.date(full_year(match.group("ny")), int(match.group("nm")), int(match.group("nd")))
            return ParsedDate(text, day, Precision.DAY)
        if match.group("dmy"):
            given = match.group("dy")
            if given is None and year is None:
                return ParsedDate(text, None, Precision.NONE)
            day = dt.date(full_year(given) if given else year, _month(match.group("dm")), int(match.group("d")))
            return ParsedDate(text, day, Precision.DAY)
        if match.group("span"):
            first, last = _month(match.group("m1")), _month(match.group("m2"))
            end_year = match.group("y2") or match.group("y1")
            if end_year is None:
                return ParsedDate(text, None, Precision.NONE)
            end_year = full_year(end_year)
            start_year = full_year(match.group("y1")) if match.group("y1") else end_year - (first > last)
            return ParsedDate(text, month_end(end_year, last), Precision.MONTH, dt.date(start_year, first, 1))
        if match.group("quarter"):
            # A quarter of an April-to-March financial year: Q1 is April to June, Q4 January to March.
            start_year, quarter = int(match.group("qy")), int(match.group("q"))
            if full_year(match.group("qz")) % 100 != (start_year + 1) % 100:
                return None
            first = dt.date(start_year + (quarter == 4), (3 * quarter + 1) % 12 or 12, 1)
            last = add_months(first, 2)
            return ParsedDate(text, month_end(last.year, last.month), Precision.MONTH, first)
        if match.group("my"):
            return ParsedDate(text, month_end(full_year(match.group("y")), _month(match.group("m"))), Precision.MONTH)
    except ValueError:  # 31/02/2010 and the like: not a date
        return None
    return ParsedDate(text, None, Precision.NONE)


def find_dates(text: str, *, year: int | None = None) -> list[tuple[int, int, ParsedDate]]:
    """Every date in a cell, with where it starts and ends: "Mar 2010 April 2010" gives two."""
    found = []
    for match in _DATE.finditer(text):
        parsed = _from_match(match, year)
        if parsed is not None:
            found.append((match.start(), match.end(), parsed))
    return found


# Three groups of digits, as dates are typed: "31/02/2013", "13-13-12", "2013.02.31".
_DIGITS = re.compile(r"(?<![\w/.-])\d{1,4}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?\d{1,4}(?![\w/-]|\.\d)")


def unreadable_dates(text: str) -> list[str]:
    """What is written like a date but is not one Cairn can read: "31/02/2013", "13/13/12", "31 February 2013".

    Words with no date in them ("Ongoing", "When funding allows") give none: only dates that cannot be real do.
    """
    read = [(start, end) for start, end, _ in find_dates(text)]
    found = [match.group().strip() for match in _DATE.finditer(text) if _from_match(match, None) is None]
    found += [
        match.group() for match in _DIGITS.finditer(text)
        if not any(start <= match.start() and match.end() <= end for start, end in read)
    ]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=4096)
def parse_date(text: str, *, year: int | None = None) -> ParsedDate | None:
    """A whole cell read as one date ("Mar 2010", "03/09/12", "1 st July 2020", "Ongoing"), or None if it is not one.

    A month-only date means the last day of that month; day-first order; two-digit years are in the 2000s. `year`
    completes a date printed without one ("8 March").
    """
    cleaned = " ".join(text.split()).strip(" .,;:")
    if not cleaned:
        return None
    if match := _YEAR_ONLY.match(cleaned):
        return ParsedDate(cleaned, dt.date(int(match.group("y")), 12, 31), Precision.YEAR)
    match = _DATE.fullmatch(cleaned)
    return _from_match(match, year) if match else None
