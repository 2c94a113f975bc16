"""CSV and TSV: one row per line, the first row naming the columns."""

import csv
import io

from cairn.lib.text import clean

from ..document import Line
from ..errors import EmptyFile
from .text import trim


def read_csv(text: str, name: str, *, tab: bool = False) -> list[Line]:
    """Rows of cells from comma-, semicolon- or tab-separated text."""
    sample = text[:8192]
    if tab:
        dialect = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel
    lines = []
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), 1):
        cells = trim([clean(cell) for cell in row])
        if any(cells):
            lines.append(Line(cells, f"row {number}", 1))
    if not lines:
        raise EmptyFile(f"{name} has no rows.")
    return lines
