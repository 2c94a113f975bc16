"""CSV and TSV: one row per line, the first row naming the columns."""

import csv
import io

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile, EmptyFile, TooMuchWork
from ..limits import Budget
from .text import trim


def read_csv(text: str, name: str, budget: Budget | None = None, *, tab: bool = False) -> list[Line]:
    """Rows of cells from comma-, semicolon- or tab-separated text.

    A carriage return alone ends a row, as a spreadsheet on an old Mac wrote it (the text is read with universal
    newlines, as the csv module asks).
    """
    budget = budget or Budget(name)
    sample = text[:8192]
    if tab:
        dialect = csv.excel_tab
    else:
        try:
            sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
        else:
            # A quote inside a quoted cell is written twice, as every spreadsheet writes it; the sniffer says so only
            # when its sample holds one, and a cell quoting a title further down would otherwise end its row.
            dialect = type("Sniffed", (sniffed,), {"doublequote": True})
    lines = []
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    number = 0
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            raise _refusal(name, number + 1, error) from None
        if row is None:
            break
        number += 1
        budget.line(len(row), f"row {number}")
        cells = trim([clean(cell) for cell in row])
        if any(cells):
            lines.append(Line(cells, f"row {number}", 1))
    if not lines:
        raise EmptyFile(f"{name} has no rows.")
    return lines


def _refusal(name: str, row: int, error: csv.Error) -> CorruptFile | TooMuchWork:
    if "field larger than field limit" in str(error):
        return TooMuchWork(
            f"{name} has a cell of more than {csv.field_size_limit():,} characters (row {row}), more than Cairn reads "
            "in one cell. This is most often a quotation mark that is never closed, so that the rest of the file reads "
            "as one cell: check the quotes in that row, and try again."
        )
    return CorruptFile(f"{name} is not a table Cairn can read: row {row} is damaged ({error}).")
