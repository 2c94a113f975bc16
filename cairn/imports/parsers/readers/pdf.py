"""PDF: ruled tables cell by cell, and the text around them as paragraphs, page by page in reading order."""

import io
from collections import defaultdict
from collections.abc import Callable
from statistics import median

from cairn.lib.text import clean

from ..document import Line
from ..errors import CorruptFile, EmptyFile, PasswordProtected, TooMuchWork
from ..limits import MAX_PAGES, Budget, too_many_pages
from .streams import check_streams
from .text import trim

BULLETS = ("-", "•", "·", "●", "▪", "◦", "*")


def read_pdf(
    data: bytes, name: str, progress: Callable[[int, int, str], None] | None = None, budget: Budget | None = None
) -> tuple[list[Line], int]:
    """Lines from a PDF's text layer, and its number of pages; scanned pages (no text) cannot be read.

    `progress(done, total, step)` is told after each page, for a background task to show how far it has got.
    """
    import pdfplumber

    budget = budget or Budget(name)
    # Counted before pdfminer is given the file: it inflates each compressed part whole, however large it becomes.
    check_streams(data, budget)
    pages_counted = page_count(data)
    if pages_counted is not None and pages_counted > MAX_PAGES:
        raise too_many_pages(name, pages_counted)
    problem = None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as error:
        problem = _open_error(error, name)
    if problem is not None:
        raise problem
    if len(pages) > MAX_PAGES:
        pdf.close()
        raise too_many_pages(name, len(pages))
    lines: list[Line] = []
    table_number = 0
    any_text = False
    try:
        for page_number, page in enumerate(pages, 1):
            if progress is not None:
                progress(page_number - 1, len(pages), f"Reading page {page_number} of {len(pages)}")
            # A small y_tolerance: neighbouring cells set their lines a point or two apart, and a larger one chains
            # those lines together and interleaves their letters.
            words = page.extract_words(keep_blank_chars=False, use_text_flow=False, y_tolerance=1, extra_attrs=["size"])
            any_text = any_text or bool(words)
            tables = page.find_tables({"explicit_horizontal_lines": _open_ends(page.edges)}) if words else []
            items: list[tuple[float, int, Line]] = []
            grids = []
            for table in tables:
                table_number += 1
                grids.append((table_number, table, [row.cells for row in table.rows]))
            cell_words: dict[tuple, list[dict]] = defaultdict(list)
            free = []
            for word in words:
                place = _cell_of(word, grids)
                (cell_words[place] if place else free).append(word)
            for number, table, rows in grids:
                for row_number, cells in enumerate(rows, 1):
                    texts = trim([_cell_text(cell_words.get((number, row_number, c), [])) for c in range(len(cells))])
                    if any(texts):
                        top = min(bbox[1] for bbox in cells if bbox)
                        items.append((top, 0, Line(texts, f"page {page_number}, table {number}, row {row_number}", number)))
            for top, line_cells in _paragraphs(free):
                items.append((top, 1, Line(line_cells, f"page {page_number}, line {round(top)}")))
            items.sort(key=lambda item: (item[0], item[1]))
            for _, _, line in items:
                budget.line(len(line.cells), line.where)
                lines.append(line)
    except (PasswordProtected, EmptyFile, TooMuchWork):
        raise
    except Exception as error:
        problem = CorruptFile(f"{name} is damaged: Cairn could not read its pages ({type(error).__name__}).")
    finally:
        pdf.close()
    if problem is not None:
        raise problem
    if not any_text:
        raise EmptyFile(f"{name} has no text to read: it may be a scanned image. Cairn needs a PDF with a text layer.")
    return lines, len(pages)


def page_count(data: bytes) -> int | None:
    """The pages of a PDF as pdfium counts them (quickly, without reading them), or None if it cannot open it."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return None
    try:
        return len(document)
    finally:
        document.close()


def _open_error(error: Exception, name: str) -> Exception:
    chain, current = [], error
    while current is not None:
        chain.append(type(current).__name__ + " " + str(current))
        current = current.__cause__ or current.__context__
    described = " ".join(chain).lower()
    if "password" in described or "encrypt" in described:
        return PasswordProtected(f"{name} is protected by a password. Remove the password and try again.")
    return CorruptFile(f"{name} is damaged and cannot be opened as a PDF.")


def _open_ends(edges: list[dict]) -> list[dict]:
    """A rule across the foot (or head) of a page's table whose column rules run on with none drawn there: a row that
    runs on over the page is printed with its sides and no foot (or no head), and its cells would not close."""
    vertical = [edge for edge in edges if edge["orientation"] == "v"]
    if len(vertical) < 3:
        return []
    horizontal = [edge for edge in edges if edge["orientation"] == "h"]
    rules = []
    for y in (max(edge["bottom"] for edge in vertical), min(edge["top"] for edge in vertical)):
        columns = [edge for edge in vertical if abs(edge["bottom"] - y) <= 1 or abs(edge["top"] - y) <= 1]
        if len(columns) < 3:
            continue
        left, right = min(edge["x0"] for edge in columns), max(edge["x0"] for edge in columns)
        drawn = [h for h in horizontal if abs(h["top"] - y) <= 3 and h["x0"] <= right and h["x1"] >= left]
        if sum(min(h["x1"], right) - max(h["x0"], left) for h in drawn) < (right - left) / 2:
            rules.append({"object_type": "closing_edge", "orientation": "h", "x0": left, "x1": right,
                          "width": right - left, "top": y, "bottom": y, "height": 0})
    return rules


def _cell_of(word: dict, grids) -> tuple | None:
    x, y = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    for number, table, rows in grids:
        x0, top, x1, bottom = table.bbox
        if not (x0 <= x <= x1 and top <= y <= bottom):
            continue
        for row_number, cells in enumerate(rows, 1):
            for column, bbox in enumerate(cells):
                if bbox and bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]:
                    return (number, row_number, column)
    return None


def _text_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their height on the page, each line left to right."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= 0.5 * max(word["size"], 1):
            rows[-1].append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w["x0"]) for row in rows]


def _cell_text(words: list[dict]) -> str:
    """A cell's words: wrapped lines joined with spaces, a blank line between paragraphs kept, and a line break
    where a little space sets a paragraph apart (as a word processor, or Cairn, prints each step on its own)."""
    if not words:
        return ""
    parts: list[str] = []
    previous = None
    for row in _text_lines(words):
        text = " ".join(w["text"] for w in row)
        if previous is not None:
            gap, size = row[0]["top"] - previous[0]["bottom"], previous[0]["size"]
            parts.append("\n\n" if gap > 0.8 * size else "\n" if gap > 0.3 * size else _wrap(previous[-1]["text"]))
        parts.append(text)
        previous = row
    return clean("".join(parts))


def _paragraphs(words: list[dict]) -> list[tuple[float, list[str]]]:
    """Text outside tables as paragraphs; a line with wide gaps between words is an unruled table row."""
    rows = _text_lines(words)
    if not rows:
        return []
    right = max(row[-1]["x1"] for row in rows)
    size = median(w["size"] for w in words)
    out: list[tuple[float, list[str]]] = []
    current: list[list[dict]] = []

    def flush() -> None:
        if current:
            text = ""
            for row in current:
                text += (_wrap(text.split(" ")[-1]) if text else "") + " ".join(w["text"] for w in row)
            text = clean(text)
            if text:
                out.append((current[0][0]["top"], [text]))
            current.clear()

    for row in rows:
        segments = _segments(row)
        if len(segments) > 1:
            flush()
            out.append((row[0]["top"], trim([clean(" ".join(w["text"] for w in seg)) for seg in segments])))
            continue
        if current:
            previous = current[-1]
            gap = row[0]["top"] - previous[0]["bottom"]
            same_size = abs(row[0]["size"] - previous[0]["size"]) < 0.6
            ran_to_margin = previous[-1]["x1"] >= right - 10 * size
            if gap > 0.45 * row[0]["size"] or not same_size or not ran_to_margin or row[0]["text"].startswith(BULLETS):
                flush()
        current.append(row)
    flush()
    return out


def _wrap(last_word: str) -> str:
    """What joins a wrapped line to the next: nothing after a word broken at its hyphen ("Stockton-" "on-Tees"),
    else a space (word processors do not break a line after a slash, so "Children/" ended at a space)."""
    if len(last_word) > 1 and last_word[-1] == "-" and last_word[-2].isalpha():
        return ""
    return " "


def _segments(row: list[dict]) -> list[list[dict]]:
    segments = [[row[0]]]
    for previous, word in zip(row, row[1:]):
        if word["x0"] - previous["x1"] > 3 * max(word["size"], 1):
            segments.append([word])
        else:
            segments[-1].append(word)
    return segments
