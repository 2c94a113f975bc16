"""Writing a seed paper out as Word, PDF and Excel, as a council would hold it: tables as real tables."""

import html
import io
import re

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


CSS = """
@page { size: A4 landscape; margin: 12mm; }
body { font: 8pt sans-serif; }
p { margin: 0 0 5pt; }
table { border-collapse: collapse; margin: 0 0 6pt; }
tr { break-inside: avoid; }
td { border: 0.6pt solid #000; min-width: 14pt; padding: 1pt 2pt; vertical-align: top; }
"""


SLASHED = re.compile(r"\S*\w/\w\S*")


def _html(text: str) -> str:
    # Laid out as a word processor would: no line break inside "Description/Person".
    escaped = html.escape(text)
    return SLASHED.sub(lambda m: f'<span style="white-space: nowrap">{m.group()}</span>', escaped).replace("\n", "<br>")


def to_html(text: str) -> str:
    parts = [f"<html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"]
    for kind, content in blocks(text):
        if kind == "paragraph":
            parts.append(f"<p>{_html(content)}</p>")
            continue
        width = max(len(row) for row in content)
        parts.append("<table>")
        for cells in content:
            padded = cells + [""] * (width - len(cells))
            parts.append("<tr>" + "".join(f"<td>{_html(c)}</td>" for c in padded) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)


def to_pdf(text: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=to_html(text)).write_pdf()


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
