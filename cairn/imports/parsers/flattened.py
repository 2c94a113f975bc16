"""Tables flattened into one cell per line (Word or HTML saved as text), rebuilt into rows.

A header is a run of lines that are all column names from the vocabulary (`columns.FIELDS` and
`columns.OTHER_HEADINGS`); a cell may end in "|", in which case a cell runs over lines until one ends in "|" and an
empty cell is a "|" of its own. The rows after the header start at each item reference that follows the one before
("2" after "1"), and a row's cells are laid into the columns by what they look like (a date under the date column,
a post under the lead), keeping their order. Nothing is made up: a column with no cell stays empty.
"""

import re
from dataclasses import dataclass

from cairn.lib.dates import find_dates
from cairn.lib.text import flatten, key

from .columns import OTHER_HEADINGS, REQUIRED_ANY, field_for
from .document import Line, where_span
from .references import Reference, read_reference, split_reference
from .statuses import is_status

# The most columns a header may have, and the most cells one row may run to before it is not taken as a row.
MAX_COLUMNS = 14
MAX_ROW_CELLS = 60
_JOINING = frozenset("of and for the to & in with on at".split())
_LEAD_WORDS = frozenset(
    """officer director head manager member cabinet portfolio councillor cllr team service services executive
    lead chief board committee partnership department directorate group unit coordinator co-ordinator
    commissioner leader mayor assistant deputy corporate strategic""".split()
)


@dataclass
class _Cell:
    text: str
    lines: list[Line]


def _cells(lines: list[Line]) -> list[_Cell]:
    """The cells of a run of one-cell lines: one a line, or, where cells end in "|", up to each "|"."""
    piped = sum(line.text.rstrip().endswith("|") for line in lines)
    if piped < max(3, len(lines) // 4):
        return [_Cell(line.text, [line]) for line in lines]
    cells: list[_Cell] = []
    parts: list[str] = []
    sources: list[Line] = []
    # Paragraphs before the first line that ends a cell are the paper's, not the table's.
    first = next(i for i, line in enumerate(lines) if line.text.rstrip().endswith("|"))
    if first and lines[first].text.strip() == "|":
        cells = [_Cell(line.text, [line]) for line in lines[:first]]
        lines = lines[first:]
    for line in lines:
        text = line.text.rstrip()
        sources.append(line)
        if text.endswith("|"):
            parts.append(text[:-1].strip())
            cells.append(_Cell("\n".join(p for p in parts if p), sources))
            parts, sources = [], []
        else:
            parts.append(text)
    if parts:
        cells.append(_Cell("\n".join(parts), sources))
    return cells


def _heading(text: str) -> str | None:
    """The field a header cell names, "other" for a known column no field holds, or None."""
    if not text or len(text.split()) > 9:
        return None
    name = field_for(text)
    if name:
        return name
    return "other" if key(text) in OTHER_HEADINGS else None


def _heading_like(text: str) -> bool:
    """A short heading nobody listed ("Origin", "Area"): a few capitalised words, no figures, no sentence."""
    words = text.split()
    return 0 < len(words) <= 4 and text[:1].isupper() and not re.search(r"[\d.;,]", text)


def _find_header(cells: list[_Cell], piped: bool) -> tuple[int, int, list[str], list[_Cell]] | None:
    """(start, end, fields, header cells) of the first run of cells that reads as a recommendations header.

    A heading broken over two lines ("Cabinet" / "Member") is joined; headings nobody listed count as columns
    between ones that are listed.
    """
    index = 0
    while index < len(cells):
        found: list[tuple[str, int, int]] = []  # (field, first cell, cells taken)
        end = index
        while end < len(cells) and len(found) < MAX_COLUMNS:
            text = cells[end].text
            name, width = _heading(text), 1
            if name is not None and end + 1 < len(cells) and re.fullmatch(r"\([^()]{1,30}\)", cells[end + 1].text.strip()):
                width = 2  # "Evaluation recommendation" / "(January 2000)": one heading over two lines
            elif name is None and end + 1 < len(cells) and _heading(cells[end + 1].text) is None:
                joined = f"{text} {cells[end + 1].text}"
                if (name := _heading(joined)) is not None and len(joined.split()) <= 5:
                    width = 2
            if name is None and _heading_like(text):
                name = "unknown"
            if name is None:
                break
            found.append((name, end, width))
            end += width
        while found and found[-1][0] == "unknown":
            found.pop()
        # Headings nobody listed open the header only where a row visibly starts (after an empty "|" cell).
        opens_row = found and found[0][1] > 0 and cells[found[0][1] - 1].text == "" and piped
        while found and found[0][0] == "unknown" and not opens_row:
            found.pop(0)
        names = [name for name, _, _ in found]
        fields = [n for n in names if n not in ("other", "unknown")]
        if len(fields) >= 3 and any(n in REQUIRED_ANY for n in fields) and len(names) <= 2 * (len(names) - names.count("unknown")):
            heads = [_Cell(" ".join(c.text for c in cells[first : first + width]),
                           [line for c in cells[first : first + width] for line in c.lines])
                     for _, first, width in found]
            return found[0][1], found[-1][1] + found[-1][2], names, heads
        index = max(end, index + 1)
    return None


def _looks_like_date(text: str) -> bool:
    found = find_dates(text)
    if not found:
        return False
    covered = sum(end - start for start, end, _ in found)
    return len(text.split()) <= 8 or covered * 3 >= len(text)


def _looks_like_lead(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 12 or text.rstrip().endswith(";"):
        return False
    # Posts and names are capitalised but for small joining words ("Head of Housing and Regeneration").
    lower = sum(w[:1].islower() and w.lower() not in _JOINING for w in words)
    lowered = {w.strip(",()/&.").lower() for w in words}
    if lowered & _LEAD_WORDS:
        return lower <= 1
    if lower:
        return False
    capitals = sum(w[:1].isupper() for w in words)
    return len(words) <= 4 and capitals >= len(words) - 1


def _fit(text: str, field: str) -> float:
    """How well a cell suits a column: high for a date under the date column, low for a paragraph under the lead."""
    words = len(text.split())
    if field == "number":
        return 4.0 if read_reference(text) else -6.0
    if field == "due":
        if _looks_like_date(text) or is_status(text):
            return 3.0
        return -2.0 if words > 8 else -0.5
    if field == "lead":
        return 2.0 if _looks_like_lead(text) else (-3.0 if words > 12 else -1.0)
    if field in ("status", "category"):
        return 3.0 if is_status(text) or re.match(r"^[1-4]\b", text) else (-1.0 if words > 6 else 0.0)
    if field in ("text", "evidence", "action", "action_progress", "success_measure", "objective"):
        if read_reference(text) or (_looks_like_date(text) and words <= 4):
            return -2.0
        return 1.0 if words >= 4 else 0.2
    # other columns (priority, agreed, finance manager, saving...): short cells
    return 0.5 if words <= 5 else -1.0


_MANY = ("text", "evidence", "action", "action_progress", "success_measure", "objective", "saving", "other")


def _lay_out(cells: list[_Cell], fields: list[str]) -> list[list[_Cell]]:
    """The row's cells given to its columns in order, as well as they fit (each column takes none or more cells)."""
    n, m = len(cells), len(fields)
    worst = float("-inf")
    # best[i][j]: the best score for the first i cells in the first j columns.
    best = [[worst] * (m + 1) for _ in range(n + 1)]
    choice: list[list[int]] = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for j in range(1, m + 1):
        field = fields[j - 1]
        for i in range(n + 1):
            for taken in range(0, i + 1):
                before = best[i - taken][j - 1]
                if before == worst:
                    continue
                if taken == 0:
                    score = -0.3
                else:
                    group = cells[i - taken : i]
                    score = sum(_fit(cell.text, field) for cell in group)
                    score -= (0.5 if field in _MANY else 3.0) * (taken - 1)
                if before + score > best[i][j]:
                    best[i][j], choice[i][j] = before + score, taken
    laid: list[list[_Cell]] = [[] for _ in fields]
    i = n
    for j in range(m, 0, -1):
        taken = choice[i][j]
        laid[j - 1] = cells[i - taken : i]
        i -= taken
    return laid


def _row_starts(cells: list[_Cell], fields: list[str]) -> list[int] | None:
    """Where each row starts: at an item reference that follows the one before (or, with no number column, at a
    paragraph that begins with one)."""
    numbered = fields[0] == "number" if fields else False
    starts: list[int] = []
    last: Reference | None = None
    for index, cell in enumerate(cells):
        text = flatten(cell.text)
        reference = read_reference(text) if numbered else split_reference(text)[0]
        if reference is None:
            continue
        if last is None:
            if not reference.first and starts:
                continue
        elif not reference.same_list(last) or index - starts[-1] < 2:
            continue
        if numbered and index + 1 < len(cells) and fields[1] in _MANY and len(cells[index + 1].text.split()) < 3:
            continue  # a number followed by a short cell is a priority or score, not a new row
        starts.append(index)
        last = reference
    return starts or None


def _chunks(cells: list[_Cell], width: int) -> list[list[_Cell]] | None:
    """Cells that come exactly a row's width at a time (empty cells kept, as "|" cells are)."""
    if len(cells) < width or len(cells) % width:
        return None
    rows = [cells[i : i + width] for i in range(0, len(cells), width)]
    rows = [row for row in rows if any(cell.text for cell in row)]
    return rows or None


def rebuild(lines: list[Line]) -> tuple[list[Line], int] | None:
    """The lines with a flattened table put back into rows, and the index of its header; None if there is none."""
    singles = [i for i, line in enumerate(lines) if not line.is_row]
    if len(singles) < 6:
        return None
    runs: list[list[int]] = []
    for index in singles:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    for run in runs:
        run_lines = [lines[i] for i in run]
        cells = _cells(run_lines)
        piped = len(cells) != len(run_lines)
        header = _find_header(cells, piped)
        if header is None:
            continue
        start, end, fields, heads = header
        if piped and start > 0 and not cells[start - 1].text:
            # A column with no heading before the first (its cells are often the references).
            start -= 1
            fields, heads = ["unknown", *fields], [cells[start], *heads]
        body = cells[end:]
        rows, consumed = _rows(body, fields, piped)
        if not rows:
            continue
        table = max((line.table or 0 for line in lines), default=0) + 1
        head_lines = [line for cell in cells[start:end] for line in cell.lines]
        header_line = Line([flatten(c.text) for c in heads], where_span(head_lines), table)
        rebuilt = [header_line]
        used = {id(line) for line in head_lines}
        # Empty cells between rows ("|" lines) are the table's and are read.
        used.update(id(line) for cell in body[:consumed] if not cell.text for line in cell.lines)
        for laid in rows:
            sources = [line for group in laid for cell in group for line in cell.lines]
            used.update(id(line) for line in sources)
            rebuilt.append(Line(["\n".join(c.text for c in group) for group in laid], where_span(sources), table))
        first = run[0] + sum(len(c.lines) for c in cells[:start])
        before = lines[:first]
        after = [line for line in lines[first:] if id(line) not in used]
        return before + rebuilt + after, len(before)
    return None


def _rows(body: list[_Cell], fields: list[str], piped: bool) -> tuple[list[list[_Cell]], int]:
    """The rows of a table's body, and how many of its cells they take."""
    width = len(fields)
    if piped and (chunks := _chunks(body[: len(body) - len(body) % width], width)):
        taken = len(body) - len(body) % width
        rest = body[taken:]
        column = _reference_column(chunks)
        if column is not None and len(rest) > column and read_reference(rest[column].text):
            # A last row cut off part-way: its cells in order, the missing ones empty.
            chunks.append(rest + [_Cell("", [])] * (width - len(rest)) if len(rest) < width else rest[:width])
            taken = len(body)
        return [[[cell] for cell in row] for row in chunks], taken
    body = _with_bullets_joined(_before_notes([cell for cell in body if cell.text]))
    starts = _row_starts(body, fields)
    if starts is None:
        return _segment(body, fields)
    rows = []
    end = 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else _table_end(body, start, width)
        row = body[start:end]
        if len(row) > MAX_ROW_CELLS:
            end = start
            break
        rows.append(_lay_out(row, fields))
    return rows, end


_NOTES = re.compile(r"^(?:key|notes?(?:\s.*)?|source:.*|\[(?:[ivx]+|\d+)\].*)$", re.IGNORECASE | re.DOTALL)


def _before_notes(cells: list[_Cell]) -> list[_Cell]:
    """A table's cells up to the key or the notes printed under it ("Notes on the completion", "[i] ...")."""
    end = next((i for i, cell in enumerate(cells) if i and _NOTES.match(cell.text.strip())), len(cells))
    return cells[:end]


def _reference_column(rows: list[list[_Cell]]) -> int | None:
    """The column whose cells are the rows' references, if one is."""
    for column in range(len(rows[0])):
        if sum(bool(read_reference(row[column].text)) for row in rows) * 2 > len(rows):
            return column
    return None


_BULLET = re.compile(r"^\s*[•·\-*–▪○]\s")


def _with_bullets_joined(cells: list[_Cell]) -> list[_Cell]:
    """A bullet point continues the paragraph before it: they are one cell."""
    joined: list[_Cell] = []
    for cell in cells:
        if joined and _BULLET.match(cell.text):
            joined[-1] = _Cell(f"{joined[-1].text}\n{cell.text.strip()}", joined[-1].lines + cell.lines)
        else:
            joined.append(cell)
    return joined


def _segment(body: list[_Cell], fields: list[str]) -> tuple[list[list[_Cell]], int]:
    """Rows with no references to start them, found as the likeliest reading of the cells in column order: each cell
    goes under a column it suits, a row runs left to right, and going back to an earlier column starts a new row."""
    if not body or len(body) > 2000:
        return [], 0
    n, m = len(body), len(fields)
    first = body[0].text

    def emit(k: int, column: int) -> float:
        text = body[k].text
        fit = _fit(text, fields[column])
        if column == 0 and k and text == first:
            fit += 5.0  # the first column repeating its first value ("Economic Development ..."): a new row
        return fit

    worst = float("-inf")
    score = [[worst] * m for _ in range(n)]
    back = [[0] * m for _ in range(n)]
    for column in range(m):
        score[0][column] = emit(0, column) - 0.3 * column
    for k in range(1, n):
        for column in range(m):
            gain = emit(k, column)
            for before in range(m):
                if score[k - 1][before] == worst:
                    continue
                if column == before:
                    step = -0.5 if fields[column] in _MANY else -3.0
                elif column > before:
                    step = -0.3 * (column - before - 1)
                else:
                    step = -2.0 - 0.3 * column
                if score[k - 1][before] + step + gain > score[k][column]:
                    score[k][column], back[k][column] = score[k - 1][before] + step + gain, before
    column = max(range(m), key=lambda c: score[n - 1][c])
    path = [column]
    for k in range(n - 1, 0, -1):
        column = back[k][column]
        path.append(column)
    path.reverse()
    rows: list[list[_Cell]] = []
    laid: list[list[_Cell]] = []
    for k, column in enumerate(path):
        if k == 0 or column < path[k - 1] or (column == path[k - 1] and fields[column] not in _MANY):
            laid = [[] for _ in fields]
            rows.append(laid)  # type: ignore[arg-type]
        laid[column].append(body[k])
    # A row is read only with words in two columns or more, one of them the recommendation's.
    text = fields.index("text") if "text" in fields else None
    kept = [row for row in rows if sum(bool(g) for g in row) >= 2 and (text is None or row[text])]
    return kept, n


def _table_end(body: list[_Cell], start: int, width: int) -> int:
    """Where the last row ends: after as many cells as the header has columns, plus any that continue them
    (a paragraph cut over lines), but not past a heading-like line that starts the next part of the paper."""
    end = start
    taken = 0
    while end < len(body) and taken < width + 2:
        if taken >= width and _heading(body[end].text):
            break
        end += 1
        taken += bool(body[end - 1].text)
    return end
