"""Named changes to imports: stage a file, leave records out, apply or discard it; each records one audit event.

Applying creates the paper's records through the reviews and programmes operations (each audited as usual), all
in one transaction: a file is applied whole or not at all.
"""

import hashlib
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import record_event

from .models import ImportBatch
from .parsers import extract
from .records import build_records

AUDITED = ("source_name", "sha256", "size", "family", "state")


def _summary(batch: ImportBatch) -> dict:
    after = {name: getattr(batch, name) for name in AUDITED}
    after["warnings"] = len(batch.warnings)
    return after


@transaction.atomic
def stage_import(organisation, *, by, name: str, data: bytes, columns: dict[str, str] | None = None) -> ImportBatch:
    """Read a file and keep its extraction for checking; the same file again returns the batch it already has."""
    sha256 = hashlib.sha256(data).hexdigest()
    batch = ImportBatch.objects.select_for_update().filter(organisation=organisation, sha256=sha256).first()
    if batch is not None and batch.state != ImportBatch.State.DISCARDED:
        return batch
    extraction = extract(data, name, columns=columns).to_json()
    if batch is not None:
        before = _summary(batch)
        batch.extraction, batch.state, batch.family, batch.staged_by = (
            extraction, ImportBatch.State.STAGED, extraction["document"]["family"], by
        )
        batch.save(update_fields=["extraction", "state", "family", "staged_by", "updated_at"])
        record_event(batch, "import.restaged", by=by, before=before, after=_summary(batch))
        return batch
    batch = ImportBatch(
        organisation=organisation, source_name=name[:300], sha256=sha256, size=len(data),
        family=extraction["document"]["family"], extraction=extraction, staged_by=by,
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
    created = build_records(batch.organisation, batch.extraction, by=by, source=batch.source_name)
    before = _summary(batch)
    batch.state, batch.applied_at, batch.applied_by = ImportBatch.State.APPLIED, timezone.now(), by
    batch.created_records = created.summary()
    batch.save(update_fields=["state", "applied_at", "applied_by", "created_records", "updated_at"])
    record_event(batch, "import.applied", by=by, before=before, after=_summary(batch) | {"created": batch.created_records})
    return batch


@transaction.atomic
def discard_import(batch: ImportBatch, *, by) -> ImportBatch:
    """Set a staged file aside without creating anything from it."""
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        raise ValidationError(f"Only a staged file can be discarded; {batch.source_name} is {state}.")
    before = _summary(batch)
    batch.state = ImportBatch.State.DISCARDED
    batch.save(update_fields=["state", "updated_at"])
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
