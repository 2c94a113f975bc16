"""Excel (.xlsx): every sheet's rows, as values (not formulas).

Rows are read from openpyxl's sheet parser as the cells the file holds, not through `iter_rows()`: that pads every
row to the sheet's stated width and yields every missing row, so one value in the last cell of a sheet (XFD1048576)
makes it yield seventeen thousand million empty cells. Here only cells with a value count, and the bounds are checked
row by row.
"""

import datetime as dt
import io
import zipfile
from contextlib import closing

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile, ExtractionError
from ..limits import Budget
from .text import trim


def read_xlsx(data: bytes, name: str, budget: Budget | None = None) -> list[Line]:
    """Lines from every sheet of a workbook, one per non-empty row, after its title; a row with one value is a
    paragraph."""
    import openpyxl

    budget = budget or Budget(name)
    problem = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, TypeError) as error:
        problem = " ".join(str(error).split())[:300]
    except Exception as error:
        problem = type(error).__name__
    if problem is not None:
        raise CorruptFile(f"{name} is damaged and cannot be opened as an Excel workbook ({problem}).")
    # The title in the workbook's properties, where it has one, is read as the title printed above its tables.
    title = clean(workbook.properties.title or "")
    lines: list[Line] = [Line([title], "the workbook's properties (title)")] if title else []
    sheets = workbook.worksheets
    try:
        for number, sheet in enumerate(sheets, 1):
            label = f"sheet '{sheet.title}', " if len(sheets) > 1 else ""
            problem = _read_sheet(workbook, sheet, number, label, lines, budget)
            if problem is not None:
                raise CorruptFile(f"{name} is damaged: its sheet '{sheet.title}' cannot be read ({problem}).")
    finally:
        workbook.close()
    return lines


def _read_sheet(workbook, sheet, number: int, label: str, lines: list[Line], budget: Budget) -> str | None:
    """Read one sheet's rows into `lines`; a problem with its XML is returned, not raised.

    The sheet's XML parser is closed here, whatever happens: a parser left for the interpreter to finalise at exit,
    held by an exception's traceback, crashes Python 3.12.0 and 3.12.1 (CPython issue 111784).
    """
    from openpyxl.worksheet._reader import WorkSheetParser

    source = sheet._get_source()
    parser = WorkSheetParser(
        source, sheet._shared_strings, data_only=True, epoch=workbook.epoch, date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    try:
        with closing(parser.parse()) as rows:
            for row_number, cells in rows:
                values = {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None}
                budget.cells += len(cells) - len(values)  # empty cells the file holds still cost reading
                if not values:
                    continue
                where = f"{label}row {row_number}"
                width = max(values)
                budget.line(width, where)
                # A row with one value reads as a paragraph: a sheet cannot say whether it was meant as a table row.
                row = trim([_value(values.get(column)) for column in range(1, width + 1)], row=False)
                if any(row):
                    lines.append(Line(row, where, number))
    except ExtractionError:
        raise
    except Exception as error:  # the XML parser's and openpyxl's own errors for a damaged sheet
        return " ".join(f"{type(error).__name__}: {error}".split())[:300]
    finally:
        source.close()
    return None


def _value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if value.time() == dt.time() else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return clean(str(value))
