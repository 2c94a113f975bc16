"""What a table's columns hold: Cairn's guess from the headings, a person's choice, and that choice remembered for
the council's next paper of the same shape (the same headings in the same order)."""

import hashlib
from dataclasses import dataclass, field

from cairn.lib.text import key

from .models import ColumnMapping
from .parsers import ExtractionError
from .parsers.columns import REQUIRED_ANY
from .reading import read_file

# What each field is called on the page, in the order the choices are offered.
FIELD_NAMES = {
    "number": "Item number",
    "text": "Recommendation",
    "lead": "Lead officer (or who the recommendation is made to)",
    "due": "Target date",
    "evidence": "Progress, response or update",
    "status": "Status",
    "category": "Assessment of progress (1 to 4)",
    "reason": "Reason for the assessment",
    "as_at": "Date the progress is as at",
    "revised_due": "Revised target date",
    "action": "Action (a step towards the recommendation)",
    "action_progress": "Actions with their progress",
    "success_measure": "Success measure",
    "objective": "Objective or theme",
    "saving": "Saving or cost",
    "savings_to_date": "Savings to date",
    "finance_manager": "Finance manager",
    "ignore": "Nothing Cairn holds (kept in the warnings)",
}
# The fields a tracker's items are read for: a table that gives none of them is not read well.
KEY_FIELDS = ("text", "lead", "due")


def shape_of(columns: list[dict]) -> str:
    """The shape of a table: its headings, normalised, in order, as a SHA-256."""
    return hashlib.sha256("\n".join(key(c["label"]) for c in columns).encode()).hexdigest()


def guessed(columns: list[dict]) -> dict[str, str]:
    """Heading -> field, as Cairn read each column (nothing held is 'ignore')."""
    return {c["label"]: c["field"] or "ignore" for c in columns}


def unsure(columns: list[dict], extraction: dict | None = None) -> list[str]:
    """Why Cairn is not sure what the columns hold, in words; nothing when every column was read from its heading
    or chosen by a person."""
    if not columns:
        return []
    reasons = []
    if extraction is not None and not extraction.get("recommendations"):
        reasons.append("Cairn read no recommendations from the table.")
    unread = [c["label"] for c in columns if c["field"] is None and c["how"] is None]
    if unread:
        quoted = ", ".join(f"“{label}”" for label in unread)
        reasons.append(f"Cairn could not tell what {'this column holds' if len(unread) == 1 else 'these columns hold'}: "
                       f"{quoted}.")
    held = {c["field"] for c in columns}
    if not held & set(REQUIRED_ANY):
        reasons.append("No column was read as the recommendation.")
    missing = [FIELD_NAMES[name].split(" (")[0].lower() for name in KEY_FIELDS if name not in held and name != "text"]
    if held & set(REQUIRED_ANY) and missing:
        reasons.append(f"No column was read as the {' or the '.join(missing)}.")
    return reasons


def remembered_for(organisation, columns: list[dict]) -> ColumnMapping | None:
    """The council's remembered choice for a table of this shape, if there is one."""
    if not columns:
        return None
    return ColumnMapping.objects.for_organisation(organisation).filter(shape=shape_of(columns)).first()


@dataclass
class Reading:
    """A file read for staging: its extraction, its table's columns, and the remembered choice it was read with."""

    extraction: dict
    columns: list[dict] = field(default_factory=list)
    remembered: ColumnMapping | None = None

    @property
    def mapping(self) -> dict[str, str]:
        return dict(self.remembered.mapping) if self.remembered else {}


def read_for_staging(organisation, data: bytes, name: str, *, seconds: float | None = None, progress=None) -> Reading:
    """Read a file, bounded as always (decision 0012); where the council has said what the columns of a table of
    this shape hold, read it again with that choice. An ExtractionError from the first reading is raised; a second
    reading that fails or finds fewer items leaves the first one standing."""
    extraction, columns = read_file(data, name, seconds=seconds, progress=progress, with_columns=True)
    remembered = remembered_for(organisation, columns)
    if remembered is None or guessed(columns) == remembered.mapping:
        return Reading(extraction, columns, remembered if remembered else None)
    try:
        again, again_columns = read_file(data, name, columns=remembered.mapping, seconds=seconds, with_columns=True)
    except ExtractionError:
        return Reading(extraction, columns)
    if not again["recommendations"]:
        return Reading(extraction, columns)
    return Reading(again, again_columns, remembered)
