"""Named changes to imports: stage a file, choose the review it joins, leave records out or correct them, apply or
discard it; each audited once.

Applying creates the paper's records through the reviews and programmes operations (each audited as usual), all
in one transaction: a file is applied whole or not at all.
"""

import copy
import hashlib
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import record_event
from cairn.lib.money import parse_estimate
from cairn.lib.text import key

from .mappings import Reading, guessed, shape_of
from .models import ColumnMapping, ImportBatch, StatusWord
from .parsers import ExtractionError
from .parsers.columns import IGNORE, REQUIRED_ANY, check_mapping
from .parsers.steps import split_dates
from .reading import read_file
from .records import build_records, makes_programme, makes_review
from .status_levels import active_levels, levels_to_apply, words_in

AUDITED = ("source_name", "sha256", "size", "family", "state")
NOTHING_TO_IMPORT = "Cairn found nothing to import in this file."


def _summary(batch: ImportBatch) -> dict:
    after = {name: getattr(batch, name) for name in AUDITED}
    after["warnings"] = len(batch.warnings)
    return after


@transaction.atomic
def stage_import(
    organisation, *, by, name: str, data: bytes, columns: dict[str, str] | None = None, extraction: dict | None = None,
    reading: Reading | None = None,
) -> ImportBatch:
    """Read a file and keep its extraction for checking, and the file itself while it is staged; the same file again
    returns the batch it already has.

    The web upload, the command and the background task pass the `extraction` (or the `reading`, with the table's
    columns and any remembered choice of what they hold) they have already read (outside this transaction); without
    either the file is read here, bounded as they read it (decision 0012).
    """
    sha256 = hashlib.sha256(data).hexdigest()
    batch = ImportBatch.objects.select_for_update().filter(organisation=organisation, sha256=sha256).first()
    if batch is not None and batch.state != ImportBatch.State.DISCARDED:
        return batch
    if reading is None:
        if extraction is None:
            extraction, found = read_file(data, name, columns=columns, with_columns=True)
        else:
            found = []
        reading = Reading(extraction, found)
    extraction = reading.extraction
    kept = {
        "data": data, "columns": reading.columns, "column_mapping": reading.mapping or dict(columns or {}),
        "remembered_mapping": reading.remembered,
    }
    if batch is not None:
        before = _summary(batch)
        batch.extraction, batch.state, batch.family, batch.staged_by = (
            extraction, ImportBatch.State.STAGED, extraction["document"]["family"], by
        )
        # Staged afresh, the file is checked afresh: where its records go is chosen again.
        batch.review, batch.programme, batch.destination_chosen = None, None, False
        for name_, value in kept.items():
            setattr(batch, name_, value)
        batch.save(update_fields=[
            "extraction", "state", "family", "staged_by", "review", "programme", "destination_chosen", *kept,
            "updated_at",
        ])
        record_event(batch, "import.restaged", by=by, before=before, after=_summary(batch))
        return batch
    batch = ImportBatch(
        organisation=organisation, source_name=name[:300], sha256=sha256, size=len(data),
        family=extraction["document"]["family"], extraction=extraction, staged_by=by, **kept,
    )
    batch.full_clean()
    batch.save()
    record_event(batch, "import.staged", by=by, after=_summary(batch))
    return batch


@transaction.atomic
def apply_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Create a staged file's records through the reviews and programmes operations, all in one transaction."""
    batch = ImportBatch.objects.select_for_update().select_related("organisation").get(pk=batch.pk)
    if batch.state == ImportBatch.State.APPLIED:
        raise ValidationError(f"{batch.source_name} has already been imported (on {batch.applied_at:%d/%m/%Y}).")
    if batch.state == ImportBatch.State.DISCARDED:
        raise ValidationError(f"{batch.source_name} was discarded; stage it again to import it.")
    created = build_records(
        batch.organisation, batch.extraction, by=by, source=batch.source_name, review=batch.review,
        programme=batch.programme, statuses=levels_to_apply(batch),
    )
    # A paper whose records are all held already is still imported (its file recorded as seen); an empty one is not.
    if not any(created.counts.values()) and not (makes_review(batch.extraction) or makes_programme(batch.extraction)):
        raise ValidationError(NOTHING_TO_IMPORT, code="nothing_to_import")
    before = _summary(batch)
    batch.state, batch.applied_at, batch.applied_by = ImportBatch.State.APPLIED, timezone.now(), by
    batch.created_records = created.summary()
    batch.data = None  # the file is kept only while it is staged
    batch.save(update_fields=["state", "applied_at", "applied_by", "created_records", "data", "updated_at"])
    record_event(batch, "import.applied", by=by, before=before, after=_summary(batch) | {"created": batch.created_records})
    return batch


@transaction.atomic
def choose_destination(batch: ImportBatch, *, by, review=None, programme=None) -> ImportBatch:
    """Choose the held review (or, for a highlight report, programme) a staged file's records join; None for a new one.

    A choice of None means what it always has: a review or programme held with the paper's title is joined, or else
    a new one is created.
    """
    batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("review", "programme").get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(
            f"Where the records go can only be chosen for a staged file; {batch.source_name} is {state}.",
            code="not_staged",
        )
    for field, chosen, makes, what in (
        ("review", review, makes_review,
         "recommendations, figures, budget lines, key questions or next steps to add to a review"),
        ("programme", programme, makes_programme, "projects to add to a programme"),
    ):
        if chosen is None:
            continue
        if chosen.organisation_id != batch.organisation_id:
            raise ValidationError({field: f"Choose one of your council's own {field}s"})
        if not makes(batch.extraction):
            raise ValidationError({field: f"{batch.source_name} has no {what}"})
    before = _destination(batch)
    batch.review, batch.programme, batch.destination_chosen = review, programme, True
    after = _destination(batch)
    if after == before:
        raise ValidationError("Nothing was changed.", code="unchanged")
    batch.save(update_fields=["review", "programme", "destination_chosen", "updated_at"])
    record_event(batch, "import.destination_chosen", by=by, before=before, after=after)
    return batch


def _destination(batch: ImportBatch) -> dict:
    return {
        "destination_chosen": batch.destination_chosen,
        "review_id": batch.review_id, "review": batch.review.title if batch.review else None,
        "programme_id": batch.programme_id, "programme": batch.programme.name if batch.programme else None,
    }


@transaction.atomic
def map_columns(batch: ImportBatch, *, by, mapping: dict[str, str], version: str | None = None) -> ImportBatch:
    """Read a staged file again with what a person says each column of its table holds (heading -> field, or
    'ignore'), bounded as every reading is (decision 0012), and remember the choice for the council's next paper
    whose table has the same headings in the same order.

    Reading again replaces what was read before: records left out or corrected come back as the file has them.
    """
    batch = ImportBatch.objects.select_for_update(of=("self",)).get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(
            f"What the columns hold can only be chosen for a staged file; {batch.source_name} is {state}.",
            code="not_staged",
        )
    if version is not None and version != batch.updated_at.isoformat():
        raise ValidationError(
            "The file's records have changed since the page was shown; check them and try again.", code="stale"
        )
    if batch.data is None or not batch.columns:
        raise ValidationError(
            f"Cairn does not have the columns of {batch.source_name}'s table to choose from. Discard the file and "
            "upload it again.", code="no_columns",
        )
    headings = [column["label"] for column in batch.columns]
    unknown = sorted(set(mapping) - set(headings))
    if unknown:
        raise ValidationError(f"{batch.source_name} has no column called {', '.join(unknown)}.")
    try:
        check_mapping(mapping)
    except ExtractionError as error:
        raise ValidationError(error.message) from None
    chosen = [name for name in mapping.values() if name != IGNORE]
    twice = sorted({name for name in chosen if chosen.count(name) > 1})
    if twice:
        raise ValidationError(f"Choose each kind of column once: {', '.join(twice)} is chosen for more than one.",
                              code="twice")
    if not set(chosen) & set(REQUIRED_ANY):
        raise ValidationError("Choose the column that holds the recommendations (or their actions).",
                              code="no_recommendation")
    mapping = {heading: mapping.get(heading, IGNORE) for heading in headings}
    before = {"column_mapping": batch.column_mapping or guessed(batch.columns), "family": batch.family,
              "recommendations": len(batch.extraction.get("recommendations", []))}
    if mapping == before["column_mapping"] and batch.column_mapping:
        raise ValidationError("Nothing was changed.", code="unchanged")
    try:
        extraction, _ = read_file(bytes(batch.data), batch.source_name, columns=mapping, with_columns=True)
    except ExtractionError as error:
        raise ValidationError(error.message) from None
    if not extraction["recommendations"]:
        raise ValidationError(
            "Read with these columns, Cairn found no recommendations in the file. Check the choices and try again.",
            code="nothing_found",
        )
    shape = shape_of(batch.columns)
    remembered, _ = ColumnMapping.objects.update_or_create(
        organisation=batch.organisation, shape=shape,
        defaults={"headings": headings, "mapping": mapping, "chosen_by": by},
    )
    # The columns stay as first read (the table's shape, and a value from each), now holding what was chosen.
    columns = [
        column | {"field": None if mapping[column["label"]] == IGNORE else mapping[column["label"]],
                  "how": "ignored" if mapping[column["label"]] == IGNORE else "asked"}
        for column in batch.columns
    ]
    batch.extraction, batch.family, batch.columns = extraction, extraction["document"]["family"], columns
    batch.column_mapping, batch.remembered_mapping = mapping, None
    batch.save(update_fields=["extraction", "family", "columns", "column_mapping", "remembered_mapping", "updated_at"])
    after = {"column_mapping": mapping, "family": batch.family,
             "recommendations": len(extraction["recommendations"]), "remembered": {"id": remembered.pk, "shape": shape}}
    record_event(batch, "import.columns_mapped", by=by, before=before, after=after)
    return batch


@transaction.atomic
def confirm_status_levels(batch: ImportBatch, *, by, levels: dict[str, str | None]) -> ImportBatch:
    """Confirm the level of the council's assessment scale each status word of a staged file means (word as written
    -> level code, or None for a word that sets no level), and remember it for the council's next papers.

    Importing then gives an update with no category of its own the level its word was confirmed to mean; the word
    itself is kept as written.
    """
    batch = ImportBatch.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(
            f"Status words can only be confirmed for a staged file; {batch.source_name} is {state}.", code="not_staged"
        )
    words = words_in(batch.extraction)
    unknown = sorted(set(levels) - set(words))
    if unknown:
        raise ValidationError(f"{batch.source_name} does not use the status {', '.join(unknown)}.")
    scale = {level.code: level for level in active_levels(batch.organisation)}
    if not scale:
        raise ValidationError("Your council has no assessment scale in use to confirm the status words against.")
    wrong = sorted({code for code in levels.values() if code is not None and code not in scale})
    if wrong:
        raise ValidationError(f"{', '.join(wrong)} is not a level of your council's assessment scale.")
    confirmed = batch.status_levels | {word: levels[word] for word in levels}
    if confirmed == batch.status_levels:
        raise ValidationError("Nothing was changed.", code="unchanged")
    before = {"status_levels": batch.status_levels}
    batch.status_levels = confirmed
    batch.save(update_fields=["status_levels", "updated_at"])
    for word, code in levels.items():
        StatusWord.objects.update_or_create(
            organisation=batch.organisation, word=key(word)[:100],
            defaults={"written": word[:100], "level": scale.get(code) if code else None, "chosen_by": by},
        )
    record_event(batch, "import.status_levels_confirmed", by=by, before=before, after={"status_levels": confirmed})
    return batch


@transaction.atomic
def discard_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Set a staged file aside without creating anything from it."""
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(f"Only a staged file can be discarded; {batch.source_name} is {state}.")
    before = _summary(batch)
    batch.state, batch.data = ImportBatch.State.DISCARDED, None
    batch.save(update_fields=["state", "data", "updated_at"])
    record_event(batch, "import.discarded", by=by, before=before, after=_summary(batch))
    return batch


@transaction.atomic
def drop_staged_records(
    batch: ImportBatch, *, by, recommendation_indexes: Iterable[int] = (), project_indexes: Iterable[int] = ()
) -> ImportBatch:
    """Leave chosen recommendations and projects (by their place in the extraction) out of a staged file."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(f"Records can only be left out of a staged file; {batch.source_name} is {state}.")
    extraction = batch.extraction
    chosen = {"recommendations": set(recommendation_indexes), "projects": set(project_indexes)}
    if not any(chosen.values()):
        raise ValidationError("Choose at least one recommendation or project to leave out.")
    dropped = {}
    for part, indexes in chosen.items():
        records = extraction.get(part, [])
        if any(not 0 <= index < len(records) for index in indexes):
            raise ValidationError(f"{batch.source_name} has no such {part[:-1]} to leave out.")
        dropped[part] = [
            {"index": index, "number": records[index].get("number"), "text": _label(records[index])}
            for index in sorted(indexes)
        ]
        extraction[part] = [record for index, record in enumerate(records) if index not in indexes]
    before = _summary(batch)
    batch.extraction = extraction
    batch.save(update_fields=["extraction", "updated_at"])
    record_event(batch, "import.records_dropped", by=by, before=before, after=_summary(batch) | {"dropped": dropped})
    return batch


def _label(record: dict) -> str:
    return (record.get("text") or record.get("name") or "")[:200]


# What a person may correct in a staged record. Dates and amounts are not typed in: they are read again from the
# words as written, by the parsers' own readers, so a correction reads exactly as the paper would have.
CORRECTABLE = {
    "recommendations": ("number", "objective", "text", "lead", "finance_manager", "saving", "steps", "progress"),
    "projects": ("number", "name", "rag", "risk_area", "objective"),
}
STEP_FIELDS = ("action", "success_measure", "due_text")
PROGRESS_FIELDS = ("evidence", "savings_to_date", "category", "category_reason")
CATEGORIES = (1, 2, 3, 4)
RAGS = ("R", "A", "G", "B")


@transaction.atomic
def correct_staged_record(
    batch: ImportBatch, *, by, part: str, index: int, changes: dict, version: str | None = None
) -> ImportBatch:
    """Correct one recommendation or project of a staged file; target dates and savings are read again from the words.

    `changes` holds the fields to set, in the extraction's own names: for a recommendation `saving` is the saving as
    written, `steps` one dict per step (action, success_measure, due_text) and `progress` a dict of evidence,
    savings_to_date, category and category_reason. `version` is the file's `updated_at` when the form was shown, so
    a correction is never made to a record that has moved since.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(
            f"Records can only be corrected in a staged file; {batch.source_name} is {state}.", code="not_staged"
        )
    if version is not None and version != batch.updated_at.isoformat():
        raise ValidationError(
            "The file's records have changed since the page was shown; check them and try again.", code="stale"
        )
    if part not in CORRECTABLE:
        raise ValidationError(f"Only recommendations and projects can be corrected, not {part}.")
    records = batch.extraction.get(part, [])
    if not 0 <= index < len(records):
        raise ValidationError(f"{batch.source_name} has no such {part[:-1]} to correct.", code="no_record")
    unknown = sorted(set(changes) - set(CORRECTABLE[part]))
    if unknown:
        raise ValidationError(f"These cannot be corrected here: {', '.join(unknown)}.")
    record = records[index]
    if part == "recommendations":
        corrected = _corrected_recommendation(record, changes, batch.extraction["document"])
    else:
        corrected = _corrected_project(record, changes)
    before, after = _changed_fields(record, corrected)
    if not after:
        raise ValidationError("Nothing was changed.", code="unchanged")
    identity = {"part": part, "index": index, "number": record.get("number")}
    records[index] = corrected
    batch.save(update_fields=["extraction", "updated_at"])
    record_event(
        batch, "import.record_corrected", by=by, before={"record": identity, **before}, after={"record": identity, **after}
    )
    return batch


def _text(value, name: str) -> str | None:
    """Words as typed: trimmed, line endings made plain; nothing at all is null, as the contract has it."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError({name: f"{name.replace('_', ' ').capitalize()} should be text."})
    return value.replace("\r\n", "\n").replace("\r", "\n").strip() or None


def _required(value, name: str, message: str) -> str:
    text = _text(value, name)
    if text is None:
        raise ValidationError({name: message})
    return text


def _unknown(change, allowed: tuple[str, ...], what: str) -> None:
    if not isinstance(change, dict):
        raise ValidationError(f"The {what} should be given field by field.")
    unknown = sorted(set(change) - set(allowed))
    if unknown:
        raise ValidationError(f"These cannot be corrected in the {what}: {', '.join(unknown)}.")


def _corrected_recommendation(record: dict, changes: dict, document: dict) -> dict:
    record = copy.deepcopy(record)
    for name in ("number", "objective", "finance_manager"):
        if name in changes:
            record[name] = _text(changes[name], name)
    if "text" in changes:
        record["text"] = _required(changes["text"], "text", "Enter the recommendation")
    if "lead" in changes:
        lead = _text(changes["lead"], "lead")
        # The parsers give every step the recommendation's lead; steps that had it keep following it.
        for step in record["steps"]:
            if step["lead"] == record["lead"]:
                step["lead"] = lead
        record["lead"] = lead
    if "saving" in changes:
        record["saving"] = _saving(_text(changes["saving"], "saving"), record["saving"])
    if "steps" in changes:
        steps = changes["steps"]
        if not isinstance(steps, list) or len(steps) != len(record["steps"]):
            raise ValidationError(f"Give a correction for each of the {len(record['steps'])} steps, in order.")
        for number, (step, change) in enumerate(zip(record["steps"], steps), 1):
            _unknown(change, STEP_FIELDS, f"step {number}")
            for name in ("action", "success_measure"):
                if name in change:
                    step[name] = _text(change[name], name)
            if "due_text" in change:
                due_text = _text(change["due_text"], "due_text")
                if due_text != step["due_text"]:
                    step["due_text"], step["due"] = due_text, _due(due_text)
    if "progress" in changes:
        record["progress"] = _progress(changes["progress"], record["progress"], document)
    return record


def _due(text: str | None) -> str | None:
    """The target date in the words, read as the parsers read a step's date; words that are no date give none."""
    dated = split_dates(text) if text else []
    parsed = dated[0][1] if dated else None
    return parsed.on.isoformat() if parsed is not None and parsed.on is not None else None


def _saving(text: str | None, current: dict | None) -> dict | None:
    """A saving as written, its amounts read as the parsers read them; "None" or "Nil" is no saving at all."""
    if current is not None and text == current["text"]:
        return current  # the words are unchanged, so the amounts as read stand
    estimate = parse_estimate(text) if text else None
    if estimate is None:
        return None
    return {
        "text": text, "min": _amount(estimate.low), "max": _amount(estimate.high), "period": estimate.period,
        "cashable": estimate.cashable,
    }


def _amount(value: Decimal | None) -> int | float | None:
    """Pounds as the contract writes them: a plain number."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _progress(change, current: dict | None, document: dict) -> dict | None:
    _unknown(change, PROGRESS_FIELDS, "progress")
    progress = dict(current) if current is not None else {
        "as_at": document.get("as_at"), "evidence": None, "savings_to_date": None, "category": None,
        "category_reason": None, "status": None, "revised_due_text": None, "revised_due": None,
    }
    for name in ("evidence", "savings_to_date", "category_reason"):
        if name in change:
            progress[name] = _text(change[name], name)
    if "category" in change:
        category = change["category"]
        if category is not None and (isinstance(category, bool) or category not in CATEGORIES):
            raise ValidationError({"category": "Choose a category from 1 to 4, or none"})
        progress["category"] = category
    # As the parsers do: a record with nothing said about its progress has no progress at all.
    said = ("evidence", "savings_to_date", "category", "category_reason", "status", "revised_due_text")
    if all(progress.get(name) is None for name in said):
        return None
    return progress


def _corrected_project(record: dict, changes: dict) -> dict:
    record = copy.deepcopy(record)
    for name in ("number", "risk_area", "objective"):
        if name in changes:
            record[name] = _text(changes[name], name)
    if "name" in changes:
        record["name"] = _required(changes["name"], "name", "Enter the project's name")
    if "rag" in changes:
        rag = _text(changes["rag"], "rag")
        if rag is not None and rag not in RAGS:
            raise ValidationError({"rag": "Choose red, amber, green, blue or not rated"})
        record["rag"] = rag
    return record


def _flat(value, path: str = "") -> dict:
    """A record as path -> value ("steps[0].due"), to compare field by field."""
    if isinstance(value, dict) and value:
        parts = {f"{path}.{key}" if path else key: item for key, item in value.items()}
    elif isinstance(value, list) and value:
        parts = {f"{path}[{i}]": item for i, item in enumerate(value)}
    else:
        return {path: value}
    return {name: leaf for part, item in parts.items() for name, leaf in _flat(item, part).items()}


def _changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only what differs, before and after: the fields changed and any date or amount read again from them."""
    old, new = _flat(before), _flat(after)
    changed = [
        path for path in dict.fromkeys([*old, *new])
        if old.get(path) != new.get(path) or type(old.get(path)) is not type(new.get(path))
    ]
    return {path: old.get(path) for path in changed}, {path: new.get(path) for path in changed}
