"""Action plans without a header row (seed 001): objective, action, "date and lead", progress, read by content."""

import re
from dataclasses import dataclass, field

from cairn.lib.dates import find_dates
from cairn.lib.text import flatten

from .document import Line, Work, where_span
from .extraction import DocumentInfo, Progress, Recommendation, Step
from .recommendations import split_status
from .steps import read_revision, segment, split_date_leads

_ITEM = re.compile(r"(?<!\S)(?P<n>\d{1,2})\.?\s+(?=[a-z])")
_LIST_LINE = re.compile(r"^\+?\s*(?P<n>\d{1,2})[.)]?\s+\S")
_SENTENCE_END = (".", "!", "?", ":", ";")


@dataclass
class _Row:
    objective: str | None
    lines: list[Line] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    date_leads: list[str] = field(default_factory=list)
    progress: list[str] = field(default_factory=list)


def _starts_with_date(cell: str) -> bool:
    found = find_dates(flatten(cell))
    return bool(found) and found[0][0] == 0


def date_column(cells: list[str]) -> int | None:
    """Where the "date and lead" cell is: the second or third cell, after an action, starting with a date."""
    for index in (1, 2):
        if index < len(cells) and cells[index - 1] and _starts_with_date(cells[index]):
            return index
    return None


def looks_like(lines: list[Line]) -> bool:
    """Three or more rows with an action followed by a date (and usually a lead)."""
    return sum(1 for line in lines if line.is_row and date_column(line.cells) is not None) >= 3


def numbered_items(text: str) -> tuple[str, list[str]]:
    """An opening and its numbered sub-targets ("1. increase ... 2. support ..."), if it has two or more."""
    positions, expected = [], 1
    for match in _ITEM.finditer(text):
        if int(match.group("n")) == expected:
            positions.append((match.start(), match.end()))
            expected += 1
    if len(positions) < 2:
        return text, []
    items = [
        text[end : positions[i + 1][0] if i + 1 < len(positions) else len(text)].strip()
        for i, (_start, end) in enumerate(positions)
    ]
    return text[: positions[0][0]].strip(), items


def _carries_on(text: str, part: str) -> bool:
    if not text or text.endswith(_SENTENCE_END):
        return False
    if part[0].islower():
        return True
    # "Woodlands was closed in October" / "2001 and the premises..." is one sentence; "7 Achieved." is a new point.
    return part[0].isdigit() and not _LIST_LINE.match(part)


def join_progress(parts: list[str]) -> str | None:
    """Progress lines: a line that carries on a sentence joins it; a new point starts a new line."""
    text = ""
    for part in (flatten(p) for p in parts):
        if part:
            text = f"{text} {part}" if _carries_on(text, part) else (f"{text}\n{part}" if text else part)
    return text or None


def parse(work: Work, info: DocumentInfo) -> list[Recommendation]:
    """One recommendation per row; lines below a row, and lines without a date, continue it."""
    rows: list[_Row] = []
    objective = None
    for index, line in enumerate(work.lines):
        if index in work.used:
            continue
        current = rows[-1] if rows else None
        if not line.is_row:
            if current is not None and (match := _LIST_LINE.match(line.text)):
                number, expected = int(match.group("n")), _next_item(" ".join(current.actions))
                if number == expected:
                    current.actions.append(line.text)
                elif number < expected:
                    current.progress.append(line.text)
                else:
                    continue
                current.lines.append(line)
                work.use(index)
            continue
        cells = line.cells
        column = date_column(cells)
        if column is not None:
            if column == 2 and cells[0]:
                objective = flatten(cells[0])
            rows.append(_Row(objective, [line], [cells[column - 1]], [cells[column]], [" ".join(cells[column + 1 :])]))
            work.use(index)
            continue
        if current is None:
            continue
        offset = 1 if not cells[0] else 0
        action, date_lead, rest = line.cell(offset), line.cell(offset + 1), " ".join(cells[offset + 2 :])
        if date_lead and len(date_lead) <= 2 and not action and not rest.strip():
            work.warn(line.where, f"Stray fragment not placed: {date_lead}")
            work.use(index)
            continue
        current.lines.append(line)
        current.actions.append(action)
        current.date_leads.append(date_lead)
        current.progress.append(rest)
        work.use(index)
    recommendations = []
    for row in rows:
        rec = _recommendation(row, work)
        if rec is None:
            work.not_held("row with no action", row.lines)
        else:
            recommendations.append(rec)
    return recommendations


def _next_item(text: str) -> int:
    _intro, items = numbered_items(text)
    return len(items) + 1 if items else (2 if re.search(r"(?<!\S)1\.?\s+[a-z]", text) else 1)


def _recommendation(row: _Row, work: Work) -> Recommendation | None:
    action_text = " ".join(flatten(part) for part in row.actions if flatten(part))
    if not action_text:
        return None
    dated, revision, leading = split_date_leads(" ".join(part for part in row.date_leads if part))
    where = row.lines[0].where
    if leading:
        work.warn(where, f"Not placed (before the first date): {leading}")
    intro, items = numbered_items(action_text)
    if items:
        texts = items
        text = intro or items[0]
    else:
        texts = segment(action_text, max(1, len(dated)))
        text = action_text
    steps = []
    for number, action in enumerate(texts):
        if dated:
            written, parsed, lead = dated[min(number, len(dated) - 1)] if len(dated) != len(texts) else dated[number]
        else:
            written, parsed, lead = None, None, None
        steps.append(Step(action=action, due_text=written, due=parsed.on if parsed else None, lead=lead))
    if revision and steps:
        # Written after the last date and lead, so it revises the last step.
        steps[-1].revisions.append(read_revision(revision))
    elif revision:
        work.warn(where, f"Not held in the extraction (revised timescale): {revision}")
    status, evidence = _status_of_lines(join_progress(row.progress) or "")
    progress = Progress(evidence=evidence, status=status) if (evidence or status) else None
    return Recommendation(
        text=text, objective=row.objective, steps=steps, lead=steps[0].lead if steps else None, progress=progress,
        where=where_span(row.lines),
    )


def _status_of_lines(text: str) -> tuple[str | None, str | None]:
    """A status word opening the progress ("Achieved."), apart from the evidence that follows."""
    if not text:
        return None, None
    first, _, rest = text.partition("\n")
    status, remainder = split_status(first)
    if status is None:
        return None, text
    return status, "\n".join(filter(None, [remainder, rest])) or None
