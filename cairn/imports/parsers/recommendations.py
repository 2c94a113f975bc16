"""Recommendations tables with a header row (progress updates and action plans, seeds 000 and 002; CSV and Excel)."""

import datetime as dt
import re

from cairn.lib.dates import find_dates, parse_date
from cairn.lib.money import parse_estimate
from cairn.lib.text import flatten, key

from .columns import IGNORE, Columns, read_header
from .document import Line, Work, where_span
from .extraction import DocumentInfo, Progress, Recommendation, Saving
from .references import read_reference, split_reference
from .statuses import is_status, meaning_of
from .steps import build_steps, read_revision, split_dates, split_revisions

_CATEGORY = re.compile(r"^\s*(?:category\s*)?(?P<code>[1-4])(?![\d.,])\s*[.:)–-]?\s*(?P<reason>.*)$", re.IGNORECASE | re.DOTALL)
_GROUP_NUMBER = re.compile(r"^\(?[A-Za-z]{0,3}\s?\d{1,3}[A-Za-z]?(?:\.\d{1,3})*\)?\.?$")
_STEP_LABEL = re.compile(r"(?<!\S)step\s+(?P<n>\d{1,2})\s*:[ \t]*", re.IGNORECASE)
_REVISED_TARGET = re.compile(r"^revised target:\s*(?P<target>.*)$", re.IGNORECASE)
# Cairn's own progress update ends with a key to its assessment scale, a summary of assessments and the finance check
# of its figures (cairn/reports/presenters.py): tables after the recommendations, known by their headings, whose rows
# are not recommendations. The key names each level ("2 On track to be achieved"), which tells a level's label apart
# from the reason written after it in an assessment cell.
KEY_HEADINGS = ("assessment", "meaning")
OTHER_TABLES = {
    KEY_HEADINGS: "key to the assessment scale",
    ("assessment", "number of updates"): "summary of assessments",
    ("no", "savings or costs to date", "finance check"): "savings figures and the finance check",
    ("no", "what changed", "before", "now"): "what changed since the last committee",
    # The sheets of Cairn's own workbook after its main table (cairn/reports/tables.py): each row is a step of a
    # recommendation in the main table, or a level of the scale.
    ("no", "step", "proposed action", "success measure", "completion date as written", "completion date",
     "revised targets", "lead", "progress noted in the plan"): "the steps again, one a row",
    ("assessment", "label", "number of updates"): "summary of assessments",
    ("assessment", "label", "meaning"): "key to the assessment scale",
}
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
    """A leading status word ("Achieved." or "Achieved") apart from the rest of the progress text (its lines kept)."""
    text = _lines(text)
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


def scale_labels(lines: list[Line]) -> dict[str, str]:
    """Each level's label, from a key to the assessment scale ("1 Fully achieved") if the paper has one."""
    labels: dict[str, str] = {}
    in_key = False
    for line in lines:
        keys = tuple(key(cell) for cell in line.cells)
        if line.is_row and keys == KEY_HEADINGS:
            in_key = True
        elif in_key and line.is_row and (match := _CATEGORY.match(flatten(line.cell(0)))):
            labels[match.group("code")] = match.group("reason").strip()
        elif in_key and labels:
            break
    return labels


def read_assessment(text: str, labels: dict[str, str]) -> tuple[int | None, str | None, str | None, str | None, bool]:
    """An assessment cell as (category, reason, status, revised target, whether it is laid out as Cairn prints it).

    Cairn prints the level on a line of its own ("3 Slipped"), then the reason, the status as written and
    "Revised target: ..."; a paper written by hand has the category and its reason on one line.
    """
    parts = [flatten(part) for part in text.split("\n") if part.strip()]
    if not parts:
        return None, None, None, None, False
    heading, rest = parts[0], parts[1:]
    match = _CATEGORY.match(heading)
    label = flatten(match.group("reason")) if match else ""
    known = match and match.group("code") in labels and key(label) == key(labels[match.group("code")])
    short = match and rest and len(label.split()) <= 5 and not label.endswith((".", ";", ":"))
    if key(heading) in {"not assessed", "no update"}:
        category = None
    elif known or short:
        category = int(match.group("code"))
    else:
        return *parse_assessment(text), None, None, False
    revised = None
    if rest and (target := _REVISED_TARGET.match(rest[-1])):
        revised, rest = target.group("target"), rest[:-1]
    reason = status = None
    if len(rest) == 1 and _looks_like_status(rest[0]):
        status = rest[0]
    elif rest:
        reason = " ".join(rest[:-1]) if len(rest) > 1 else rest[0]
        status = rest[-1] if len(rest) > 1 else None
    return category, reason, status, revised, True


def _looks_like_status(text: str) -> bool:
    """A status as written ("Achieved", "Revised timescale"): a few words, not a sentence."""
    return len(text.split()) <= 3 and not text.endswith((".", ";", ":"))


def _is_group_heading(line: Line, number_column: int | None) -> bool:
    """A row with words only in its first cell, where numbers go, that are not a number: an objective heading
    over the rows below (as Cairn prints an objective, across the whole table)."""
    first = flatten(line.cell(0))
    return (
        number_column == 0 and bool(first) and not any(line.cells[1:])
        and not _GROUP_NUMBER.match(first) and len(first.split()) > 1 and not first.endswith(".")
    )


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
    other: tuple[str, list[Line]] | None = None  # a table after the recommendations that is not one of them
    others: list[tuple[str, list[Line]]] = []
    objective = None
    # A table whose number column is empty throughout (recommendations held without numbers, as Cairn prints them)
    # starts a recommendation at each row with words in its text column.
    unnumbered = number_column is not None and not any(
        line.cell(number_column) for line in lines[start + 1 :]
        if line.is_row and line.table == header.table and not _is_group_heading(line, number_column)
        and [key(c) for c in line.cells] != header_key and tuple(key(c) for c in line.cells) not in OTHER_TABLES
    )
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.is_row:
            other = None
            continue
        if header.table is not None and line.table is None:
            continue  # words in a row outside every table (a PDF's page footer) when the header is in one
        keys = [key(cell) for cell in line.cells]
        if keys == header_key:
            work.use(index)  # the header repeated at the top of a page
            continue
        if tuple(keys) in OTHER_TABLES:
            other = (OTHER_TABLES[tuple(keys)], [line])
            others.append(other)
            work.use(index)
            continue
        if other is not None and line.table == other[1][0].table:
            other[1].append(line)
            work.use(index)
            continue
        other = None
        work.use(index)
        if _is_group_heading(line, number_column):
            objective = flatten(line.cell(0))
            continue
        values: dict[str, str] = {}
        for column, cell in enumerate(line.cells):
            if not cell:
                continue
            name = columns.fields.get(column)
            if name is None and number_column is None and not columns.labels.get(column) and read_reference(cell):
                values["number"] = cell  # a column with no heading that holds the items' references
                continue
            if name is None:
                if columns.explicit.get(column) != IGNORE:
                    label = columns.labels.get(column, "")
                    work.warn(line.where_cell(column, label), f"Not held in the extraction (column '{label}'): {cell}")
                continue
            values[name] = cell
        if not values:
            continue
        anchor = number_column if number_column is not None and not unnumbered else first_text
        starts = bool(line.cell(anchor)) or not records
        if starts:
            records.append(({"objective": [objective]} if objective and "objective" not in values else {}, []))
        fields, sources = records[-1]
        sources.append(line)
        for name, cell in values.items():
            fields.setdefault(name, []).append(cell)
    for label, rows in others:
        work.not_held(label, rows)
    as_at = columns.as_at or info.as_at
    labels = scale_labels(lines[start:]) if others else {}
    result = []
    for fields, sources in records:
        rec, notes = _recommendation(fields, as_at, labels)
        if rec is None:
            work.not_held("row with no recommendation", sources)
            continue
        rec.where = where_span(sources)
        for label, text in notes:
            work.warn(rec.where, f"Not held in the extraction ({label}): {text}")
        result.append(rec)
    dates = {rec.progress.as_at for rec in result if rec.progress and rec.progress.as_at}
    if info.as_at is None and columns.index("as_at") is not None and len(dates) == 1:
        info.as_at = dates.pop()  # every row as at the same day, in a column of its own: the paper's day
    return result


def _joined(fields: dict[str, list[str]], name: str) -> str:
    return " ".join(part.strip() for part in fields.get(name, []) if part.strip())


def _recommendation(
    fields: dict[str, list[str]], as_at, labels: dict[str, str]
) -> tuple[Recommendation | None, list[tuple[str, str]]]:
    """A recommendation from its cells, and what the cells say that the extraction has no place for."""
    notes: list[tuple[str, str]] = []
    due_cell = _joined(fields, "due")
    due_status = None
    if is_status(due_cell) and not find_dates(due_cell) and meaning_of(due_cell) == "complete":
        # "Completed" where a date would be says where the item stands, not when it is due.
        due_status, due_cell = flatten(due_cell), ""
    dates, revisions = split_revisions(due_cell)
    actions = _joined(fields, "action")
    progress_text = ""
    if "action_progress" in fields:
        step_text, progress_lines = split_progress(_joined(fields, "action_progress"), len(split_dates(dates)))
        actions = " ".join(filter(None, [actions, step_text]))
        progress_text = "\n".join(progress_lines)
    text = flatten(_joined(fields, "text")) or flatten(actions)
    if not text:
        return None, notes
    number = flatten(_joined(fields, "number")) or None
    if number is None and "text" in fields:
        reference, rest = split_reference(text)
        if reference is not None and rest:
            number, text = reference.written, rest
    lead, step_leads = split_step_leads(_joined(fields, "lead"))
    steps = build_steps(actions, _joined(fields, "success_measure"), dates, lead)
    for step_number, name in step_leads:
        if step_number <= len(steps):
            steps[step_number - 1].lead = name
        else:
            notes.append((f"lead of step {step_number}", name))
    for index, revised in revisions:
        if steps:
            steps[min(index, len(steps) - 1)].revisions.append(read_revision(revised))
        else:
            notes.append(("revised target", revised))
    saving_text = _lines(_joined(fields, "saving"))
    saving = None
    if saving_text:
        estimates = [parse_estimate(part) for part in saving_text.split("\n")]
        if len(estimates) > 1 and sum(e is not None for e in estimates) > 1:
            # Several estimates, one to a line (as Cairn prints them): no single range or period is theirs.
            saving = Saving(saving_text)
        elif (estimate := parse_estimate(flatten(saving_text))) is not None:
            saving = Saving(saving_text, estimate.low, estimate.high, estimate.period, estimate.cashable)
    evidence = flatten(_joined(fields, "evidence")) or progress_text or None
    status = flatten(_joined(fields, "status")) or None
    category, reason, assessed_status, revised, printed = read_assessment(_joined(fields, "category"), labels)
    if "as_at" in fields:
        # Each row of a recommendation reported step by step repeats the date: the first is the recommendation's.
        as_at = _as_at(next((cell for cell in fields["as_at"] if cell.strip()), ""), as_at, notes)
    # A revised target in a column of its own, as Cairn's progress sheet gives it, rather than under the assessment.
    revised = revised or flatten(_joined(fields, "revised_due")) or None
    revised_due = read_revision(revised).due if revised else None
    status = status or assessed_status or due_status
    if category is None and reason and is_status(reason):
        # A rating column with a word in it ("Green", "Completed") is a status, not a reason for a category.
        status, reason = status or reason, None
    # A reason in a column of its own, as Cairn's progress sheet gives it beside the assessment, is the reason.
    reason = flatten(_joined(fields, "reason")) or reason
    if status is None and evidence and not printed:
        status, evidence = split_status(evidence)
    savings_to_date = flatten(_joined(fields, "savings_to_date")) or None
    progress = None
    if any(value is not None for value in (evidence, status, category, reason, savings_to_date, revised)):
        progress = Progress(as_at, evidence, savings_to_date, category, reason, status, revised, revised_due)
    rec = Recommendation(
        text=text,
        number=number,
        objective=flatten(_joined(fields, "objective")) or None,
        steps=steps,
        lead=steps[0].lead if steps else lead,
        finance_manager=flatten(_joined(fields, "finance_manager")) or None,
        saving=saving,
        progress=progress,
    )
    return rec, notes


def _as_at(cell: str, otherwise, notes: list[tuple[str, str]]):
    """A row's own as-at date ("31/10/2026", or "2026-10-31" as a CSV export writes it); a cell that is not one date
    is kept in a warning, and the paper's date stands."""
    cell = flatten(cell)
    if not cell:
        return otherwise
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        pass
    parsed = parse_date(cell)
    if parsed is None or parsed.on is None:
        notes.append(("as at", cell))
        return otherwise
    return parsed.on


def _lines(text: str) -> str:
    """A cell's lines each tidied, kept as lines."""
    return "\n".join(flatten(part) for part in text.split("\n") if part.strip())


def split_progress(cell: str, steps: int) -> tuple[str, list[str]]:
    """A "Proposed Actions/Progress" cell as (its steps, its progress).

    Progress follows a blank line (seed 002). Without one, as Cairn prints it, each step is a paragraph followed by
    its progress note: one dated step and more paragraphs is the step and its progress; several steps with notes
    are labelled "Step 1:", "Step 2:" ..., each note's paragraphs below its step; twice as many paragraphs as steps
    are step and note in turn.
    """
    if labelled := labelled_steps(cell):
        return "\n".join(step for step, _note in labelled), [line for _step, note in labelled for line in note]
    first, blank, rest = cell.partition("\n\n")
    if blank:
        return first, [flatten(part) for part in rest.split("\n\n") if part.strip()]
    parts = [flatten(part) for part in cell.split("\n") if part.strip()]
    if steps == 1 and len(parts) > 1:
        return parts[0], parts[1:]
    if steps > 1 and len(parts) == 2 * steps:
        return "\n".join(parts[::2]), parts[1::2]
    return cell, []


def split_step_leads(cell: str) -> tuple[str | None, list[tuple[int, str]]]:
    """A lead cell as the recommendation's lead and any steps led by someone else, each on a line of its own after it
    ("Head of Service", "Step 3: Service Manager")."""
    labels = []
    for match in _STEP_LABEL.finditer(cell):
        if cell[: match.start()].strip() and cell[match.start() - 1] == "\n" and (
            not labels or int(match.group("n")) > int(labels[-1].group("n"))
        ):
            labels.append(match)
    if not labels:
        return flatten(cell) or None, []
    leads = [
        (int(match.group("n")), flatten(cell[match.end() : following.start() if following else None]))
        for match, following in zip(labels, [*labels[1:], None])
    ]
    return flatten(cell[: labels[0].start()]) or None, [(number, name) for number, name in leads if name]


def labelled_steps(cell: str) -> list[tuple[str, list[str]]]:
    """A cell that opens "Step 1:" and labels its next steps "Step 2:" ... in turn (two or more), as (each step, the
    paragraphs below it). A label is looked for at the start of a paragraph, or within one for the next step only,
    where a row run on over a page was joined to the part before it."""
    cell = cell.strip()
    labels = []
    for match in _STEP_LABEL.finditer(cell):
        starts_line = match.start() == 0 or cell[match.start() - 1] == "\n"
        if int(match.group("n")) == len(labels) + 1 and (starts_line or labels):
            labels.append(match)
    if len(labels) < 2 or labels[0].start() != 0:
        return []
    found = []
    for match, following in zip(labels, [*labels[1:], None]):
        lines = [flatten(line) for line in cell[match.end() : following.start() if following else None].split("\n")]
        step, *note = lines
        found.append((step, [line for line in note if line]))
    return found
