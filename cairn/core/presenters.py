"""Formatting for templates: pure functions, no queries."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from cairn.lib.dates import format_uk, format_with_precision
from cairn.lib.money import format_pounds


def uk_date(value: dt.date | None) -> str:
    return format_uk(value)


def uk_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def money(value: Decimal | None) -> str:
    return format_pounds(value)


def due(value: dt.date | None, precision: str = "day", text: str = "") -> str:
    return format_with_precision(value, precision, text) or text


def phase_colour(value: str) -> str:
    """A phase colour safe to put in a style block: a hex colour, or grey when it is anything else."""
    import re

    return value if re.fullmatch(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?", value or "") else "#505a5f"


def month_label(value: dt.date) -> str:
    """The grid heading for a month: 'Nov 19'."""
    return value.strftime("%b %y")
