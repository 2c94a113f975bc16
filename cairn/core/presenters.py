"""Formatting for templates: pure functions, no queries."""

import datetime as dt
import re
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


def field_value(record, model_field, value) -> str:
    """A record's field value as a person reads it: a choice's label, a person's name, a UK date, "Yes" or "No"."""
    if value is None or value == "":
        return "(none)"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if hasattr(value, "display_name"):
        return value.display_name
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return uk_datetime(value)
    if isinstance(value, dt.date):
        return format_uk(value)
    return str(value)


def lines(value: str | None):
    """Text as it was typed: its line breaks kept (a blank line stays one), everything else escaped."""
    from markupsafe import Markup, escape

    if not value:
        return ""
    text = re.sub(r"\n{3,}", "\n\n", str(value).replace("\r\n", "\n").replace("\r", "\n").strip("\n"))
    return Markup(str(escape(text)).replace("\n", "<br>\n"))
