"""Word (.docx): paragraphs and tables in the order they appear in the body."""

import io
import zipfile

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile
from .text import trim

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> list[Line]:
    """Lines from a .docx body: one per paragraph, one per table row (merged cells counted once)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
                text = clean(Paragraph(child, document).text)
                if text:
                    lines.append(Line([text], f"paragraph {counts['paragraph']}"))
            elif child.tag == W + "tbl":
                counts["table"] += 1
                _table(Table(child, document), counts["table"], lines)
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return lines


def _table(table, number: int, lines: list[Line]) -> None:
    seen: list = []  # the cell elements themselves: merged cells come back once per column and row they cover
    for row_number, row in enumerate(table.rows, 1):
        cells = []
        for cell in row.cells:
            repeat = any(cell._tc is element for element in seen)
            cells.append("" if repeat else _cell_text(cell))
            if not repeat:
                seen.append(cell._tc)
        cells = trim(cells)
        if any(cells):
            lines.append(Line(cells, f"table {number}, row {row_number}", number))


def _cell_text(cell) -> str:
    parts = [paragraph.text for paragraph in cell.paragraphs]
    for inner in cell.tables:
        for row in inner.rows:
            parts.append(" ".join(c.text for c in row.cells))
    return clean("\n".join(parts))
