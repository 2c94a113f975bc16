"""Recommendations tables with a header row (progress updates and action plans, seeds 000 and 002; CSV and Excel)."""

import re

from cairn.lib.money import parse_estimate
from cairn.lib.text import flatten, key

from .columns import IGNORE, Columns, read_header
from .document import Line, Work, where_span
from .extraction import DocumentInfo, Progress, Recommendation, Saving
from .steps import build_steps

_CATEGORY = re.compile(r"^\s*(?:category\s*)?(?P<code>[1-4])(?![\d.,])\s*[.:)–-]?\s*(?P<reason>.*)$", re.IGNORECASE | re.DOTALL)
_STATUS = re.compile(
    r"^(?P<status>not achieved|partially achieved|partly achieved|achieved|completed|complete|on track|off track)"
    r"(?:\s*[.:;,–-]\s*|\s+(?=[A-Z0-9(\"'‘“])|\s*$)",
    re.IGNORECASE,
)


def find_header(
    lines: list[Line], mapping: dict[str, str] | None = None, *, spreadsheet: bool = False
) -> tuple[int, Columns] | None:
    """The first row that reads as a recommendations table header (in a spreadsheet, only its first row)."""
    for index, line in enumerate(lines[:1] if spreadsheet else lines):
        if (line.is_row or spreadsheet) and (columns := read_header(line.cells, mapping, least=1 if spreadsheet else 3)):
            return index, columns
    return None


def split_status(text: str) -> tuple[str | None, str | None]:
    """A leading status word ("Achieved." or "Achieved") apart from the rest of the progress text."""
    text = flatten(text)
    if not text:
        return None, None
    if match := _STATUS.match(text):
        rest = text[match.end() :].strip()
        return match.group("status"), rest or None
    return None, text


def parse_assessment(text: str) -> tuple[int | None, str | None]:
    """ "3 Delay due to competing work pressures." is category 3 and its reason."""
    text = flatten(text)
    if not text:
        return None, None
    if match := _CATEGORY.match(text):
        return int(match.group("code")), match.group("reason").strip() or None
    return None, text


def parse_table(work: Work, start: int, columns: Columns, info: DocumentInfo, *, announce: bool) -> list[Recommendation]:
    """Recommendations from the rows after a header; rows with no number continue the one above (page breaks)."""
    lines = work.lines
    header = lines[start]
    work.use(start)
    if announce:
        for index, name in sorted(columns.fields.items()):
            how = "as asked" if index in columns.explicit else "from its heading"
            work.warn(header.where_cell(index), f"Column '{columns.labels[index]}' read as {name} ({how}).")
    for index, label in columns.labels.items():
        if columns.explicit.get(index) == IGNORE:
            work.warn(header.where_cell(index), f"Column '{label}' ignored as asked.")
    header_key = [key(cell) for cell in header.cells]
    number_column = columns.index("number")
    first_text = columns.index("text") if columns.index("text") is not None else min(columns.fields)
    records: list[tuple[dict[str, list[str]], list[Line]]] = []
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.is_row:
            continue
        if [key(cell) for cell in line.cells] == header_key:
            work.use(index)  # the header repeated at the top of a page
            continue
        work.use(index)
        values: dict[str, str] = {}
        for column, cell in enumerate(line.cells):
            if not cell:
                continue
            name = columns.fields.get(column)
            if name is None:
                if columns.explicit.get(column) != IGNORE:
                    label = columns.labels.get(column, "")
                    work.warn(line.where_cell(column, label), f"Not held in the extraction (column '{label}'): {cell}")
                continue
            values[name] = cell
        if not values:
            continue
        anchor = number_column if number_column is not None else first_text
        starts = bool(line.cell(anchor)) or not records
        if starts:
            records.append(({}, []))
        fields, sources = records[-1]
        sources.append(line)
        for name, cell in values.items():
            fields.setdefault(name, []).append(cell)
    as_at = columns.as_at or info.as_at
    result = []
    for fields, sources in records:
        rec = _recommendation(fields, as_at)
        if rec is None:
            work.not_held("row with no recommendation", sources)
            continue
        rec.where = where_span(sources)
        result.append(rec)
    return result


def _joined(fields: dict[str, list[str]], name: str) -> str:
    return " ".join(part.strip() for part in fields.get(name, []) if part.strip())


def _recommendation(fields: dict[str, list[str]], as_at) -> Recommendation | None:
    actions = _joined(fields, "action")
    progress_text = ""
    if "action_progress" in fields:
        combined = _joined(fields, "action_progress")
        first, _, rest = combined.partition("\n\n")
        actions = " ".join(filter(None, [actions, first]))
        progress_text = "\n".join(flatten(part) for part in rest.split("\n\n") if part.strip())
    text = flatten(_joined(fields, "text")) or flatten(actions)
    if not text:
        return None
    lead = flatten(_joined(fields, "lead")) or None
    steps = build_steps(actions, _joined(fields, "success_measure"), _joined(fields, "due"), lead)
    saving_text = flatten(_joined(fields, "saving"))
    estimate = parse_estimate(saving_text) if saving_text else None
    saving = None
    if estimate is not None:
        saving = Saving(saving_text, estimate.low, estimate.high, estimate.period, estimate.cashable)
    evidence = flatten(_joined(fields, "evidence")) or progress_text or None
    status = flatten(_joined(fields, "status")) or None
    if status is None and evidence:
        status, evidence = split_status(evidence)
    category, reason = parse_assessment(_joined(fields, "category"))
    savings_to_date = flatten(_joined(fields, "savings_to_date")) or None
    progress = None
    if any(value is not None for value in (evidence, status, category, reason, savings_to_date)):
        progress = Progress(as_at, evidence, savings_to_date, category, reason, status)
    return Recommendation(
        text=text,
        number=flatten(_joined(fields, "number")) or None,
        objective=flatten(_joined(fields, "objective")) or None,
        steps=steps,
        lead=steps[0].lead if steps else lead,
        finance_manager=flatten(_joined(fields, "finance_manager")) or None,
        saving=saving,
        progress=progress,
    )
