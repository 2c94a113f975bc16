"""Excel (.xlsx) and CSV exports of a report's tables: one sheet per table, header row frozen, filters on.

Dates are written as dates and money as numbers. Text that a spreadsheet would run as a formula (starting with
= + - @, a tab or a carriage return) is kept as plain text: stored as a text cell in Excel, and given a leading
apostrophe in CSV. Renders only.
"""

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from cairn.lib.cells import looks_like_formula, safe_cell

from .colours import HEADER_FILL
from .ooxml import fixed_zip
from .tables import DATE, INTEGER, MONEY, NUMBER, Sheet, sheets

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Control characters Excel files cannot hold (tab, line feed and carriage return are allowed).
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMATS = {DATE: "dd/mm/yyyy", MONEY: '"£"#,##0.00', NUMBER: "#,##0.###", INTEGER: "0"}


def render_xlsx(report) -> bytes:
    """The report's tables as an Excel workbook, one sheet each."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets(report):
        _worksheet(workbook, sheet)
    when = dt.datetime.combine(report.info.date, dt.time(0, 0))
    workbook.properties.title = report.info.title
    workbook.properties.creator = report.info.organisation or "Cairn"
    workbook.properties.lastModifiedBy = "Cairn"
    workbook.properties.language = "en-GB"
    workbook.properties.created = workbook.properties.modified = when
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which stamps the file with the time it was saved.
    writer = ExcelWriter(workbook, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True))
    writer.save()
    return fixed_zip(buffer.getvalue(), report.info.date)


def render_csv(report) -> bytes:
    """The report's main table as CSV (UTF-8 with a byte order mark, so Excel reads the £ signs)."""
    sheet = sheets(report)[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.title for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return str(safe_cell(value))


def _worksheet(workbook: Workbook, sheet: Sheet) -> None:
    worksheet = workbook.create_sheet(_sheet_title(sheet.name))
    header_font, header_fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL[1:])
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = []
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row=1, column=index, value=column.title)
        cell.font, cell.fill, cell.alignment = header_font, header_fill, wrap
        widths.append(min(max(len(column.title), 10), 40))
    for row_index, row in enumerate(sheet.rows, start=2):
        for index, (column, value) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            if isinstance(value, str):
                value = UNWRITABLE.sub("", value)
            cell = worksheet.cell(row=row_index, column=index, value=value)
            if looks_like_formula(value):
                cell.data_type = "s"
                cell.quotePrefix = True
            elif column.kind in FORMATS and value is not None:
                cell.number_format = FORMATS[column.kind]
            if isinstance(value, str):
                cell.alignment = wrap
                longest = max((len(line) for line in value.splitlines()), default=0)
                widths[index - 1] = min(max(widths[index - 1], longest), 60)
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width + 2
    worksheet.freeze_panes = "A2"
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 1)}"
    worksheet.print_options.gridLines = True
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.print_title_rows = "1:1"


def _sheet_title(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31]
