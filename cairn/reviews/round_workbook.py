"""A round's updates as an Excel workbook: made to be filled in (one row per update, the last update filled in, the
columns leads must not change locked), and read back as changes to stage through the web form's own rules."""

import datetime as dt
import io
from decimal import Decimal
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from cairn.imports.parsers import ExtractionError
from cairn.imports.parsers.readers import read
from cairn.lib.cells import looks_like_formula

from .models import AssessmentLevel, AssessmentScale, ProgressUpdate, ReportingRound
from .round_access import previous_update
from .round_forms import ProgressUpdateForm

# Heading -> the form field the column holds; the first columns say which update a row is and are locked.
LOCKED = ("Update", "Version", "No.", "Recommendation", "Lead", "Last update")
EDITABLE = {
    "Evidence of progress": "evidence",
    "Assessment (code)": "level",
    "Reason for the assessment": "assessment_reason",
    "Revised target date": "revised_target_on",
    "Words to go with the revised date": "revised_target_text",
    "Savings or costs to date (£)": "savings_amount",
    "Actual or estimated": "savings_basis",
    "Savings or costs to date, in words": "savings_text",
}
HEADINGS = (*LOCKED, *EDITABLE)
WIDTHS = (9, 9, 6, 50, 28, 50, 50, 12, 40, 14, 30, 14, 14, 30)
MAX_ROWS = 2000


def _source(update: ProgressUpdate) -> ProgressUpdate:
    """What the row starts with: the update so far, or, before anyone has written it, the last round's."""
    if update.state == ProgressUpdate.State.ASKED:
        return previous_update(update) or update
    return update


def _written(update: ProgressUpdate) -> list:
    """The editable cells of an update, as the sheet shows them."""
    basis = dict(ProgressUpdate.Basis.choices).get(update.savings_basis, "")
    return [
        update.evidence, update.level.code if update.level else "", update.assessment_reason,
        update.revised_target_on, update.revised_target_text, update.savings_amount, basis, update.savings_text,
    ]


def updates_workbook(round_: ReportingRound, updates: list[ProgressUpdate]) -> bytes:
    """The round's updates to fill in, one row each, with the assessment codes and savings basis as drop-downs."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Updates"
    sheet.append(list(HEADINGS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = width
    for update in updates:
        source = _source(update)
        previous = previous_update(update)
        rec = update.recommendation
        locked = [update.pk, update.version, rec.label, rec.text, rec.lead_name or str(rec.lead_officer or ""),
                  previous.evidence if previous else ""]
        sheet.append([_cell(value) for value in [*locked, *_written(source)]])
        row = sheet.max_row
        for column in range(1, len(HEADINGS) + 1):
            cell = sheet.cell(row, column)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str) and looks_like_formula(cell.value):
                cell.data_type = "s"  # words that look like a formula stay words
            if column > len(LOCKED):
                cell.protection = Protection(locked=False)
            if HEADINGS[column - 1] == "Revised target date":
                cell.number_format = "DD/MM/YYYY"
    last = max(sheet.max_row, 2)
    scale = _scale(round_)
    codes = [level.code for level in scale.levels.all()] if scale else []
    if codes:
        level_list = DataValidation(type="list", formula1='"' + ",".join(codes) + '"', allow_blank=True)
        sheet.add_data_validation(level_list)
        level_list.add(f"H2:H{last}")
    basis_list = DataValidation(type="list", formula1='"Actual,Estimated"', allow_blank=True)
    sheet.add_data_validation(basis_list)
    basis_list.add(f"M2:M{last}")
    sheet.freeze_panes = "D2"
    sheet.protection.sheet = True  # the locked columns cannot be typed over; the others can
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _scale(round_: ReportingRound) -> AssessmentScale | None:
    return AssessmentScale.objects.filter(organisation=round_.organisation, is_active=True).prefetch_related(
        "levels").first()


def _cell(value):
    if isinstance(value, dt.date):
        return value
    return "" if value is None else value


@dataclass
class StagedRow:
    """One row of an uploaded sheet: the update it changes, what changes, and why it cannot be taken if it cannot."""

    row: int
    update_id: int | None
    label: str = ""
    version: int | None = None
    fields: dict = field(default_factory=dict)  # form field -> value, ready for the operation
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (heading, before, after) as shown
    errors: list[str] = field(default_factory=list)


class WorkbookError(ValidationError):
    """An uploaded workbook that is not one Cairn made for this round, with a message that says why."""


def read_updates_workbook(data: bytes, name: str, round_: ReportingRound) -> list[StagedRow]:
    """Each row of an uploaded sheet checked as the web form checks an update; rows that change nothing are left
    out. Raises WorkbookError for a file that is not this round's updates."""
    if not name.lower().endswith(".xlsx"):
        raise WorkbookError(f"{name} is not an Excel workbook (.xlsx). Upload the file Cairn gave you, filled in.")
    try:
        lines = read(data, name).lines
    except ExtractionError as error:
        raise WorkbookError(str(error)) from None
    rows = [line for line in lines if line.table == 1] or lines
    if not rows or [cell.strip() for cell in rows[0].cells[: len(HEADINGS)]] != list(HEADINGS):
        raise WorkbookError(
            f"{name} is not a round's updates as Cairn writes them: its first row should be the headings "
            f"{', '.join(HEADINGS)}. Download the spreadsheet again and fill that one in."
        )
    if len(rows) - 1 > MAX_ROWS:
        raise WorkbookError(f"{name} has more than {MAX_ROWS} rows of updates.")
    updates = {
        update.pk: update
        for update in round_.updates.select_related("recommendation", "level", "round").prefetch_related(
            "recommendation__actions")
    }
    scale = _scale(round_)
    levels = {level.code.strip().lower(): level for level in scale.levels.all()} if scale else {}
    staged: list[StagedRow] = []
    seen: set[int] = set()
    for line in rows[1:]:
        cells = [*line.cells, *[""] * len(HEADINGS)][: len(HEADINGS)]
        if not any(cell.strip() for cell in cells):
            continue
        number = line.where.rsplit(" ", 1)[-1]
        row = StagedRow(int(number) if number.isdigit() else 0, None)
        staged.append(row)
        try:
            row.update_id, row.version = int(float(cells[0])), int(float(cells[1]))
        except ValueError:
            row.errors.append("The Update and Version columns must keep the numbers Cairn wrote in them.")
            continue
        update = updates.get(row.update_id)
        if update is None:
            row.errors.append(f"Update {row.update_id} is not one of this round's updates.")
            continue
        row.label = update.recommendation.label
        if row.update_id in seen:
            row.errors.append(f"Recommendation {row.label} is on more than one row.")
            continue
        seen.add(row.update_id)
        if row.version != update.version:
            row.errors.append(
                f"Recommendation {row.label} was changed in Cairn after this spreadsheet was downloaded. Download it "
                "again to see the change, and fill in the new one."
            )
            continue
        _stage(row, update, dict(zip(EDITABLE.values(), cells[len(LOCKED):])), levels, scale)
    return [row for row in staged if row.errors or row.changes]


def _stage(row: StagedRow, update: ProgressUpdate, values: dict, levels: dict, scale) -> None:
    """The row bound to the web form's own form, so the same rules apply, and compared with the update as held."""
    code = values["level"].strip().lower()
    posted = {name: value.strip() for name, value in values.items()}
    posted["version"] = update.version
    if code:
        level = levels.get(code)
        if level is None:
            row.errors.append(f"Recommendation {row.label}: '{values['level']}' is not a code on the council's "
                              f"assessment scale ({', '.join(sorted(levels)) or 'no scale is active'}).")
            return
        posted["level"] = level.pk
    basis = posted["savings_basis"].lower()
    posted["savings_basis"] = {"actual": "actual", "estimated": "estimated"}.get(basis, posted["savings_basis"])
    form = ProgressUpdateForm(scale, posted, update=update)
    form.fields.pop("revised_actions", None)
    if not form.is_valid():
        for name, messages in form.errors.items():
            label = next((h for h, f in EDITABLE.items() if f == name), name)
            row.errors += [f"Recommendation {row.label}, {label}: {message}" for message in messages]
        return
    data = form.cleaned_data
    now = {name: data[name] for name in EDITABLE.values()}
    for name in ("evidence", "assessment_reason", "revised_target_text", "savings_basis", "savings_text"):
        now[name] = now[name] or ""
    for heading, name in EDITABLE.items():
        before, after = getattr(update, name), now[name]
        if before != after:
            row.changes.append((heading, _shown(before), _shown(after)))
    row.fields = {name: (value.pk if name == "level" and value is not None else value) for name, value in now.items()}


def to_session(rows: list[StagedRow]) -> list[dict]:
    """Staged rows as plain values a session can keep until the officer confirms them."""
    return [{"update": row.update_id, "version": row.version,
             "fields": {name: (value.isoformat() if isinstance(value, dt.date) else
                               str(value) if isinstance(value, Decimal) else value)
                        for name, value in row.fields.items()}}
            for row in rows]


def from_session(rows: list[dict]) -> list[dict]:
    """Kept rows as the operation takes them: dates and amounts as such, the level as its row."""
    levels = {level.pk: level for level in AssessmentLevel.objects.filter(
        pk__in=[row["fields"]["level"] for row in rows if row["fields"].get("level")])}
    out = []
    for row in rows:
        fields = dict(row["fields"])
        fields["level"] = levels.get(fields["level"]) if fields.get("level") else None
        if fields.get("revised_target_on"):
            fields["revised_target_on"] = dt.date.fromisoformat(fields["revised_target_on"])
        if fields.get("savings_amount") is not None:
            fields["savings_amount"] = Decimal(fields["savings_amount"])
        out.append({"update": row["update"], "version": row["version"], "fields": fields})
    return out


def _shown(value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return str(value)
