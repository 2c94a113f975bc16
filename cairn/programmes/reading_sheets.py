"""Readings entered in bulk from a spreadsheet (CSV or Excel): a header row naming Period and Value (a Note column is
optional), then a row a period. Bytes in, plain rows out, and what each row would do to the readings held; no
database."""

import csv
import io
from decimal import Decimal, InvalidOperation

from cairn.lib.dates import month_start, parse_date

MAX_ROWS = 1000


class SheetError(ValueError):
    """A spreadsheet that cannot be read as readings, saying where and why."""


def read_readings(name: str, data: bytes) -> list[dict]:
    """{period_start, period_label, value, note} for each filled row; raise SheetError naming the first bad row."""
    rows = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    header_at = next((index for index, row in enumerate(rows[:10])
                      if {"period", "value"} <= {_heading(cell) for cell in row}), None)
    if header_at is None:
        raise SheetError(f"{name}: no header row with a Period and a Value column was found in the first ten rows.")
    headings = [_heading(cell) for cell in rows[header_at]]
    columns = {heading: index for index, heading in reversed(list(enumerate(headings)))}
    readings = []
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        cells = {heading: (_text(row[index]) if index < len(row) else "") for heading, index in columns.items()}
        if not any(cells.values()):
            continue
        if len(readings) == MAX_ROWS:
            raise SheetError(f"{name}: more than {MAX_ROWS} readings; split the spreadsheet.")
        period = row[columns["period"]] if columns["period"] < len(row) else ""
        on = period.date() if hasattr(period, "date") else (parsed.starts_on or parsed.on
                                                               if (parsed := parse_date(_text(period))) else None)
        if on is None:
            raise SheetError(f'{name}, row {number}: "{_text(period)}" is not a month or a date.')
        value = _number(cells["value"])
        if value is None:
            raise SheetError(f'{name}, row {number}: "{cells["value"]}" is not a number.')
        start = month_start(on)
        readings.append({"period_start": start, "period_label": f"{start:%b %y}", "value": value,
                         "note": cells.get("note", "")})
    if not readings:
        raise SheetError(f"{name}: there are no readings under the header row.")
    periods = [reading["period_start"] for reading in readings]
    if twice := sorted({period for period in periods if periods.count(period) > 1}):
        listed = ", ".join(f"{period:%b %Y}" for period in twice)
        raise SheetError(f"{name}: the sheet gives {listed} more than once; keep one row a month.")
    return readings


def plan_sheet(readings: list[dict], held: dict) -> list[dict]:
    """What each row would do, given the readings held by month: {"row", "action": new | revise | same, "reading":
    the reading it revises or matches, or None}."""
    plan = []
    for row in readings:
        reading = held.get(row["period_start"])
        action = "new" if reading is None else "same" if reading.value == row["value"] else "revise"
        plan.append({"row": row, "action": action, "reading": reading})
    return plan


def _heading(cell) -> str:
    return _text(cell).lower().rstrip(":")


def _text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").rstrip("%").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return [row for row in csv.reader(io.StringIO(text, newline=""))]


def _xlsx_rows(data: bytes) -> list[list]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any workbook openpyxl cannot open is refused the same way
        raise SheetError(f"The workbook cannot be opened ({error.__class__.__name__}).") from None
    sheet = book.worksheets[0]
    return [list(row) for _, row in zip(range(MAX_ROWS + 20), sheet.iter_rows(values_only=True))]
