"""What importing a staged file would create, kept on the batch while nothing it depends on has changed."""

from django.core.exceptions import ValidationError
from django.db.models import Max

from cairn.audit.models import AuditEvent

from .models import ImportBatch
from .records import preview_import
from .status_levels import levels_to_apply


def kept_preview(batch: ImportBatch, organisation, *, by, review=None, programme=None) -> dict:
    """What importing would create (decision 7: created and rolled back), or the problem it meets, as a dict.

    For a large file that takes seconds, so it is kept on the batch with what it depended on (decision 12): the batch
    as it stands, the review or programme it would join, and the council's latest change (every change writes an
    audit event). Paging through the check page, or coming back to it, then costs nothing until one of them changes.
    """
    latest = AuditEvent.objects.filter(organisation=organisation).aggregate(latest=Max("id"))["latest"]
    statuses = levels_to_apply(batch)
    key = [batch.updated_at.isoformat(), latest, review.pk if review else None, programme.pk if programme else None,
           statuses]
    if batch.preview.get("key") == key:
        return batch.preview
    try:
        created = preview_import(
            organisation, batch.extraction, by=by, source=batch.source_name, review=review, programme=programme,
            statuses=statuses,
        )
    except ValidationError as error:
        preview = {"key": key, "problem": " ".join(error.messages)}
    else:
        preview = {
            "key": key, "counts": dict(created.counts), "notes": list(created.notes),
            "reviews": [{"title": r.title, "held": created.was_held(r)} for r in created.reviews],
            "programmes": [{"title": p.name, "held": created.was_held(p)} for p in created.programmes],
        }
    # Kept without touching `updated_at`: the batch has not changed, and a form shown with it must stay current.
    ImportBatch.objects.filter(pk=batch.pk).update(preview=preview)
    batch.preview = preview
    return preview
