"""Word (.docx): paragraphs and tables in the order they appear in the body.

Tables are walked here, cell element by cell element, rather than through python-docx's grid of cells: that grid
repeats a cell for every column it spans and walks up every vertically merged cell to find its first row, so a small
table can make it do billions of steps, and a damaged table (a span that is not a number, a merge with no row above)
stops it with an error. Here a cell spanning columns is counted against the bounds before anything is made of it.
"""

import io
import re
import zipfile

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile
from ..limits import Budget
from .text import trim

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER = re.compile(r"^\s*\+?\d{1,9}\s*$")


def read_docx(data: bytes, name: str, budget: Budget | None = None) -> list[Line]:
    """Lines from a .docx body: one per paragraph, one per table row (merged cells counted once)."""
    import docx

    budget = budget or Budget(name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as error:
        raise CorruptFile(f"{name} is damaged and cannot be opened as a Word document ({error}).") from None
    except Exception as error:  # lxml raises its own errors for broken XML
        raise CorruptFile(f"{name} is damaged and cannot be opened as a Word document ({type(error).__name__}).") from None

    lines: list[Line] = []
    counts = {"paragraph": 0, "table": 0}

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == W + "p":
                counts["paragraph"] += 1
                where = f"paragraph {counts['paragraph']}"
                budget.line(1, where)
                text = clean(child.text)
                if text:
                    lines.append(Line([text], where))
            elif child.tag == W + "tbl":
                counts["table"] += 1
                _table(child, counts["table"], lines, name, budget)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return lines


def _table(tbl, number: int, lines: list[Line], name: str, budget: Budget) -> None:
    for row_number, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
        where = f"table {number}, row {row_number}"
        tcs = list(tr.iterchildren(W + "tc"))
        spans = [_span(tc, name, f"{where}, cell {index}") for index, tc in enumerate(tcs, 1)]
        budget.line(sum(spans), where)
        cells: list[str] = []
        for index, (tc, span) in enumerate(zip(tcs, spans), 1):
            if _continues_merge(tc):
                # The rest of a cell merged down from the row above: its text was read there.
                if row_number == 1:
                    raise CorruptFile(
                        f"{name} is damaged: {where}, cell {index} continues a merged cell from the row above, but "
                        "it is in the first row of its table. Open it in Word, save it again, and try again."
                    )
                cells.append("")
            else:
                cells.append(_cell_text(tc, name, budget))
            cells.extend([""] * (span - 1))  # a cell spanning columns is counted once, as python-docx's grid has it
        cells = trim(cells)
        if any(cells):
            lines.append(Line(cells, where, number))


def _properties(tc, tag: str):
    properties = tc.find(W + "tcPr")
    return None if properties is None else properties.find(W + tag)


def _span(tc, name: str, where: str) -> int:
    """The grid columns a cell spans (its gridSpan), refusing one that is not a whole number."""
    element = _properties(tc, "gridSpan")
    if element is None:
        return 1
    value = element.get(W + "val")
    if value is None or not _NUMBER.match(value):
        raise CorruptFile(
            f"{name} is damaged: {where} spans “{value}” columns (its gridSpan), which is not a number. Open it in "
            "Word, save it again, and try again."
        )
    return max(int(value), 1)


def _continues_merge(tc) -> bool:
    element = _properties(tc, "vMerge")
    return element is not None and element.get(W + "val", "continue") == "continue"


def _cell_text(tc, name: str, budget: Budget) -> str:
    """A cell's paragraphs, one a line, then the rows of any table inside it, each row's cells on one line."""
    parts = [p.text for p in tc.iterchildren(W + "p")]
    for inner in tc.iterchildren(W + "tbl"):
        for tr in inner.iterchildren(W + "tr"):
            tcs = list(tr.iterchildren(W + "tc"))
            budget.line(len(tcs), "a table inside a cell")
            parts.append(" ".join(_cell_text(cell, name, budget) for cell in tcs))
    return clean("\n".join(parts))
