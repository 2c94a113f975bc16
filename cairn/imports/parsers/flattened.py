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


def _find_header(cells: list[_Cell]) -> tuple[int, int, list[str]] | None:
    """(start, end, fields) of the first run of cells that reads as a recommendations header."""
    index = 0
    while index < len(cells):
        names: list[str] = []
        end = index
        while end < len(cells) and len(names) < MAX_COLUMNS and (name := _heading(cells[end].text)):
            if name != "other" and name in names and name != "lead":
                break
            names.append(name)
            end += 1
        fields = [n for n in names if n != "other"]
        if len(fields) >= 3 and any(n in REQUIRED_ANY for n in fields):
            return index, end, names
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
    if not words or len(words) > 12 or text.rstrip().endswith((".", ";")) and len(words) > 3:
        return False
    # Posts and names are capitalised but for small joining words ("Head of Housing and Regeneration").
    if sum(w[:1].islower() and w.lower() not in _JOINING for w in words) > 1:
        return False
    lowered = {w.strip(",()/&").lower() for w in words}
    if lowered & _LEAD_WORDS:
        return True
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


def _lay_out(cells: list[_Cell], fields: list[str], exact: bool) -> list[list[_Cell]]:
    """The row's cells given to its columns in order, as well as they fit (each column takes none or more cells)."""
    if exact and len(cells) == len(fields):
        return [[cell] for cell in cells]
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
                    if taken > 1 and field not in _MANY:
                        score -= 3.0 * (taken - 1)
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
        elif not reference.follows(last) or index - starts[-1] < 2:
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
        header = _find_header(cells)
        if header is None:
            continue
        start, end, fields = header
        body = cells[end:]
        piped = len(cells) != len(run_lines)
        rows, consumed = _rows(body, fields, piped)
        if not rows:
            continue
        table = max((line.table or 0 for line in lines), default=0) + 1
        head_lines = [line for cell in cells[start:end] for line in cell.lines]
        header_line = Line([flatten(c.text) for c in cells[start:end]], where_span(head_lines), table)
        rebuilt = [header_line]
        used = {id(line) for line in head_lines}
        # Empty cells between rows ("|" lines) are the table's and are read.
        used.update(id(line) for cell in body[:consumed] if not cell.text for line in cell.lines)
        for row in rows:
            laid = _lay_out(row, fields, exact=piped)
            sources = [line for cell in row for line in cell.lines]
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
    if piped and (chunks := _chunks(_trim_after(body, width), width)):
        return chunks, len(body) - len(body) % width
    starts = _row_starts(body, fields)
    if starts is None:
        return [], 0
    rows = []
    end = 0
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else _table_end(body, start, width)
        row = [cell for cell in body[start:end] if cell.text]
        if len(row) > MAX_ROW_CELLS:
            end = start
            break
        rows.append(row)
    return rows, end


def _trim_after(body: list[_Cell], width: int) -> list[_Cell]:
    """A piped table's cells up to where its whole rows end (any words after it stay as they were)."""
    return body[: len(body) - len(body) % width]


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
