"""Writing a seed paper out as Word, PDF and Excel, as a council would hold it: tables as real tables."""

import io
import re
from pathlib import Path

TAGS = re.compile(r"</?b>|\*\*", re.IGNORECASE)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def visible(text: str) -> str:
    """What a reader of the paper sees: no Markdown or HTML markers."""
    text = LINK.sub(r"\1", TAGS.sub("", text))
    return re.sub(r"^#{1,6}\s+", "", text).replace("<br>", "\n").strip()


def blocks(text: str) -> list[tuple[str, object]]:
    """("paragraph", text) and ("table", rows) in order; tab rows with the same number of cells share a table."""
    out: list[tuple[str, object]] = []
    raw = text.split("\n")
    index = 0
    while index < len(raw):
        line = raw[index]
        index += 1
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("|"):
            cells = [visible(cell) for cell in stripped.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue
            kind = ("table", len(cells), "markdown")
        elif "\t" in line:
            cells = [cell.strip() for cell in line.split("\t")]
            kind = ("table", len(cells), "tabs")
        else:
            while line.endswith("  ") and index < len(raw) and raw[index].strip():
                line = line.rstrip() + "\n" + raw[index].strip()
                index += 1
            out.append(("paragraph", visible(line)))
            continue
        previous = out[-1] if out else None
        if previous and previous[0] == "table" and previous[2] == kind:
            previous[1].append(cells)
        else:
            out.append(("table", [cells], kind))
    return [(block[0], block[1]) for block in out]


def to_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for kind, content in blocks(text):
        if kind == "paragraph":
            document.add_paragraph(content)
            continue
        width = max(len(row) for row in content)
        table = document.add_table(rows=len(content), cols=width)
        for row, cells in zip(table.rows, content):
            for cell, value in zip(row.cells, cells):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SLASHED = re.compile(r"\S*\w/\w\S*")
LAYOUT = Path(__file__).with_name("paper.typ")


def _pieces(text: str) -> list[tuple[str, bool]]:
    """Text as (piece, kept on one line): laid out as a word processor would, no line break inside
    "Description/Person"."""
    pieces, at = [], 0
    for match in SLASHED.finditer(text):
        pieces += [(text[at:match.start()], False), (match.group(), True)]
        at = match.end()
    return [piece for piece in [*pieces, (text[at:], False)] if piece[0]]


def to_pdf(text: str) -> bytes:
    """The paper as a PDF laid out by Typst (as Cairn's own papers are), its tables ruled, with auto-width columns."""
    from cairn.reports.pdf import compile_paper

    paper = []
    for kind, content in blocks(text):
        if kind == "paragraph":
            paper.append({"kind": "paragraph", "text": _pieces(content)})
        else:
            paper.append({"kind": "table", "rows": [[_pieces(cell) for cell in cells] for cells in content]})
    return compile_paper({"title": "Paper", "blocks": paper}, layout=LAYOUT)


def to_xlsx(text: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Paper"
    for kind, content in blocks(text):
        rows = [[content]] if kind == "paragraph" else content
        for cells in rows:
            sheet.append([cell if cell else None for cell in cells])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


WRITERS = {"docx": to_docx, "pdf": to_pdf, "xlsx": to_xlsx}
