"""Excel (.xlsx): every sheet's rows, as values (not formulas)."""

import datetime as dt
import io
import zipfile

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile
from .text import trim


def read_xlsx(data: bytes, name: str) -> list[Line]:
    """Lines from every sheet of a workbook, one per non-empty row; a row with one value is a paragraph."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError, TypeError) as error:
        raise CorruptFile(f"{name} is damaged and cannot be opened as an Excel workbook ({error}).") from None
    except Exception as error:
        raise CorruptFile(f"{name} is damaged and cannot be opened as an Excel workbook ({type(error).__name__}).") from None
    lines: list[Line] = []
    try:
        for number, sheet in enumerate(workbook.worksheets, 1):
            label = f"sheet '{sheet.title}'" if len(workbook.worksheets) > 1 else "row"
            for row_number, row in enumerate(sheet.iter_rows(values_only=True), 1):
                # A row with one value reads as a paragraph: a sheet cannot say whether it was meant as a table row.
                cells = trim([_value(value) for value in row], row=False)
                if any(cells):
                    where = f"{label}, row {row_number}" if len(workbook.worksheets) > 1 else f"row {row_number}"
                    lines.append(Line(cells, where, number))
    finally:
        workbook.close()
    return lines


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
