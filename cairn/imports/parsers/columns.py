"""Which column of a recommendations table holds what: read from the header row, or given by the person importing."""

import datetime as dt
import re
from dataclasses import dataclass, field

from cairn.lib.dates import find_dates
from cairn.lib.text import key

from .errors import ColumnMappingError

# Field -> what councils call the column. The longest matching name wins ("Savings/Costs to Date" is not "Savings").
FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("no", "number", "ref", "reference", "rec no", "recommendation no", "recommendation number", "item",
               "rec", "ref no", "reference no", "reference number", "item no", "recommendation ref", "rec ref",
               "para", "paragraph", "id"),
    "objective": ("objective", "objectives", "aim", "theme", "outcome sought", "priority area"),
    "text": ("recommendation", "recommendations", "agreed recommendation", "recommendation text",
             "recommendation made", "recommendations made", "agreed action", "agreed actions",
             "scrutiny recommendation", "scrutiny recommendations", "committee recommendation",
             "panel recommendation", "task group recommendation", "review recommendation", "recommendation details",
             "detail of recommendation", "issue", "resolution", "decision", "area for improvement",
             "audit recommendation", "improvement action"),
    "action": ("proposed actions", "proposed action", "actions", "action", "steps", "action to be taken",
               "actions to be taken", "key actions", "actions required", "action required", "planned action",
               "planned actions", "action planned", "how"),
    "action_progress": ("proposed actions progress", "actions progress", "action progress"),
    "success_measure": ("success measures", "success measure", "measures of success", "measure of success",
                        "success criteria", "outcomes", "expected outcome", "expected outcomes", "desired outcome",
                        "intended outcome"),
    "saving": ("saving cost", "savings cost", "savings costs", "saving", "savings", "cost", "costs",
               "financial implications", "resource implications", "resources"),
    "lead": ("lead responsibility", "lead", "lead officer", "responsible officer", "responsibility", "owner",
             "responsible", "lead officers", "responsible officers", "recommendation made to", "portfolio holder",
             "cabinet member", "lead member", "executive member", "cabinet portfolio", "portfolio",
             "responsible person", "accountable officer", "officer", "officers", "lead person", "who",
             "by whom", "action by", "action owner", "lead service", "service", "directorate", "department",
             "lead director", "responsible director", "lead cabinet member", "responsible cabinet member"),
    "finance_manager": ("finance manager", "finance officer", "finance lead", "finance contact"),
    "due": ("completion date", "completion dates", "target date", "target completion date", "due date", "date", "timescale",
            "timescales", "deadline", "by when", "due", "timetable", "exec date", "executive date", "target",
            "timeframe", "time frame", "timeline", "implementation date", "date for completion", "when",
            "target for completion", "date due", "delivery date", "expected completion date", "implementation"),
    "evidence": ("evidence of progress", "progress", "progress update", "progress to date", "update", "comments",
                 "evidence", "action taken", "actions taken", "action taken or planned to date",
                 "action taken to date", "response", "cabinet response", "executive response", "council response",
                 "management response", "officer response", "response to recommendation", "progress made",
                 "latest update", "current position", "position", "commentary", "officer comments",
                 "update on progress", "progress against recommendation", "progress since last report"),
    "savings_to_date": ("savings costs to date", "savings to date", "saving to date", "costs to date",
                        "actual savings"),
    "category": ("assessment of progress", "assessment", "category", "progress category", "rating"),
    "status": ("status", "outcome", "rag", "rag status", "rag rating", "current status", "progress status",
               "status of recommendation", "implemented", "completed", "complete", "achieved", "state"),
    # The reason given for an assessment, the day the progress is as at and a revised target, where each has a column
    # of its own (as in Cairn's own progress sheet).
    "reason": ("reason", "reasons", "reason for assessment", "reason for the assessment", "assessment reason",
               "reason for category", "reason for delay"),
    "as_at": ("as at", "as at date"),
    "revised_due": ("revised target", "revised target as written", "revised target date", "revised date"),
}
# Names a heading must be exactly, dates and all: "As at March 2011" or "As at 31/03/2011" over a column of progress
# is the progress.
EXACT = frozenset(("as at", "as at date"))
# Headings of columns a tracker often has that no field holds: they mark a header row, and their cells are kept
# word for word in warnings.
OTHER_HEADINGS = frozenset((
    "priority", "agreed", "accepted", "agreed yes no", "accepted rejected", "accepted or rejected", "meeting",
    "meeting date", "date of meeting", "date agreed", "decision date", "committee", "source", "risk", "budget",
    "further action", "further action required", "committee comments", "scrutiny comments", "link",
))
# Headings that give a field only when no other column does: a member rather than an officer, a date that may be
# the meeting's rather than the target's.
WEAK: dict[str, frozenset[str]] = {
    "lead": frozenset(("cabinet member", "portfolio holder", "lead member", "executive member", "portfolio",
                       "cabinet portfolio", "lead cabinet member", "responsible cabinet member",
                       "recommendation made to")),
    "due": frozenset(("date",)),
}


def _weak(label: str) -> bool:
    cleaned = key(_FOOTNOTE.sub(" ", label))
    return any(cleaned in labels for labels in WEAK.values())
IGNORE = "ignore"
REQUIRED_ANY = ("text", "action", "action_progress")
_PARENTHESES = re.compile(r"\([^)]*\)")
_FOOTNOTE = re.compile(r"\[[^\]]{0,6}\]")  # "Recommendation[i]": a marker for a note under the table


@dataclass
class Columns:
    """A header row read as fields: column index -> field, and the date the progress columns are as at."""

    fields: dict[int, str]
    labels: dict[int, str]
    as_at: dt.date | None = None
    explicit: dict[int, str] = field(default_factory=dict)

    def index(self, name: str) -> int | None:
        return next((i for i, f in self.fields.items() if f == name), None)

    @property
    def has_progress(self) -> bool:
        return any(f in self.fields.values() for f in ("evidence", "category", "reason", "savings_to_date"))


def field_for(label: str) -> str | None:
    whole = key(_PARENTHESES.sub(" ", _FOOTNOTE.sub(" ", label)))
    cleaned = " ".join(word for word in whole.split() if not re.fullmatch(r"[\d/.]+", word))
    best, length = None, 0
    for name, synonyms in FIELDS.items():
        for synonym in synonyms:
            if synonym in EXACT:
                found = whole == synonym
            else:
                found = cleaned == synonym or cleaned.startswith(synonym + " ")
            if found and len(synonym) > length:
                best, length = name, len(synonym)
    return best


def read_header(cells: list[str], mapping: dict[str, str] | None = None, *, least: int = 3) -> Columns | None:
    """The header's columns, if this row is a recommendations table header (or the mapping says what it holds).

    A row of a paper needs `least` columns that read as fields (three) to count as a header; a spreadsheet's first
    row, or one a person has mapped, needs only one.
    """
    explicit = {key(label): name for label, name in (mapping or {}).items()}
    fields: dict[int, str] = {}
    chosen: dict[int, str] = {}
    as_at = None
    for index, label in enumerate(cells):
        if not label:
            continue
        name = explicit.get(key(label))
        if name is not None:
            chosen[index] = name
        else:
            name = field_for(label)
        if name and name != IGNORE and name not in fields.values():
            fields[index] = name
        elif name in WEAK and index not in chosen and not _weak(label):
            # A column that says more takes the field from a vaguer one before it: "Lead Officer" after "Cabinet
            # Member", "Exec Date" after "Date".
            earlier = next(i for i, f in fields.items() if f == name)
            if _weak(cells[earlier]) and earlier not in chosen:
                del fields[earlier]
                fields[index] = name
        if name in {"evidence", "savings_to_date", "category"}:
            dates = [d.on for _, _, d in find_dates(label) if d.on]
            as_at = as_at or (dates[-1] if dates else None)
        elif name == IGNORE:
            chosen[index] = IGNORE
    if mapping and not chosen:
        return None
    if len(fields) < (1 if chosen else least) or not any(f in fields.values() for f in REQUIRED_ANY):
        return None
    return Columns(fields, {i: cells[i] for i in range(len(cells)) if cells[i]}, as_at, chosen)


SAMPLE_CHARACTERS = 80


def found_columns(lines: list, start: int, columns: Columns | None) -> list[dict]:
    """The columns of the table whose header is `lines[start]`, for a person to check: each one's heading, a value
    from the first row that has one, and what Cairn reads it as (`field`, None for nothing) and how ("heading",
    "asked", "ignored" or None). Without `columns` (no header was recognised) nothing was read from any column, and
    `field` is what its heading alone suggests."""
    header = lines[start]
    rows = [line for line in lines[start + 1 :] if line.is_row and line.table == header.table][:50]
    found = []
    for index, label in enumerate(header.cells):
        label = " ".join(label.split())
        if not label:
            continue
        sample = next((" ".join(row.cell(index).split()) for row in rows if row.cell(index).strip()), "")
        if len(sample) > SAMPLE_CHARACTERS:
            sample = sample[:SAMPLE_CHARACTERS].rstrip() + "…"
        # Without a header, each heading's field is only a guess: the row was not read as a header.
        name = columns.fields.get(index) if columns else field_for(label)
        explicit = columns.explicit.get(index) if columns else None
        how = "ignored" if explicit == IGNORE else "asked" if explicit else "heading" if name else None
        found.append({"label": label, "field": name, "how": how, "sample": sample})
    return found


def first_table_row(lines: list) -> int | None:
    """The first row of a table with at least two headings (a header Cairn did not recognise), or None."""
    return next(
        (i for i, line in enumerate(lines)
         if line.is_row and sum(bool(c.strip()) for c in line.cells) >= 2 and not any(len(c) > 120 for c in line.cells)),
        None,
    )


def check_mapping(mapping: dict[str, str]) -> None:
    """Refuse a mapping to a field that does not exist, naming the fields that do."""
    for label, name in mapping.items():
        if name not in FIELDS and name != IGNORE:
            known = ", ".join([*FIELDS, IGNORE])
            raise ColumnMappingError(f"'{label}={name}': '{name}' is not a field. The fields are: {known}.")


def parse_mapping(options: list[str]) -> dict[str, str]:
    """--map "Column=field" options as a dict, checked."""
    mapping = {}
    for option in options:
        label, sep, name = option.partition("=")
        if not sep or not label.strip() or not name.strip():
            raise ColumnMappingError(f"'{option}' is not a column mapping: write it as \"Column name=field\".")
        mapping[label.strip()] = name.strip()
    check_mapping(mapping)
    return mapping
