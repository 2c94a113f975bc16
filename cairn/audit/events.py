"""record_event(): the one entry point that writes the audit trail; snapshot() records a row's values."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from .models import AuditEvent
from .stamps import raise_versions


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model) -> dict:
    """The row's own column values as JSON-ready data (foreign keys as ids, money as strings)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"created_at", "updated_at"}:
            continue
        data[field.attname] = _plain(getattr(obj, field.attname))
    return data


def record_event(obj: models.Model, action: str, *, by, before: dict | None = None, after: dict | None = None) -> AuditEvent:
    """Write one audit event for a change to obj; `by` is the user, or None for the system."""
    organisation = obj if obj._meta.label_lower == "accounts.organisation" else getattr(obj, "organisation", None)
    raise_versions([organisation.pk if organisation is not None else None])
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=by,
        actor_label=by.display_name if by is not None else "System",
        action=action,
        target_type=obj._meta.label_lower,
        target_id=str(obj.pk),
        target_label=str(obj)[:300],
        before=before,
        after=after,
    )


def record_events(changes: list[tuple[models.Model, str, dict | None, dict | None]], *, by) -> list[AuditEvent]:
    """Write one audit event per (obj, action, before, after), as record_event writes each, sealed one by one, in
    one insert: for operations that change many rows at once."""
    at = timezone.now()
    events = []
    for obj, action, before, after in changes:
        organisation_id = obj.pk if obj._meta.label_lower == "accounts.organisation" else getattr(obj, "organisation_id", None)
        event = AuditEvent(
            organisation_id=organisation_id, actor=by, actor_label=by.display_name if by is not None else "System",
            action=action, target_type=obj._meta.label_lower, target_id=str(obj.pk), target_label=str(obj)[:300],
            before=before, after=after, at=at,
        )
        event.seal = event.compute_seal()
        events.append(event)
    raise_versions(event.organisation_id for event in events)
    return AuditEvent.objects.bulk_create(events)


def create_records(model: type[models.Model], action: str, *, by, rows: list[dict], checked: tuple[str, ...] = ()) -> list:
    """Validate and save many new rows of one model and record each one's creation, as create_record does for one.

    `checked` names foreign keys the caller has already checked (its own rows, or people of the same council), so
    validating each row asks the database nothing; the database's own constraints still hold every row.
    """
    objs = []
    for fields in rows:
        obj = model(**fields)
        obj.full_clean(exclude=list(checked), validate_unique=False, validate_constraints=False)
        objs.append(obj)
    model.objects.bulk_create(objs)
    record_events([(obj, action, None, snapshot(obj)) for obj in objs], by=by)
    return objs


def create_record(model: type[models.Model], action: str, *, by, **fields) -> models.Model:
    """Validate and save a new row, and record its creation. Call inside the operation's transaction."""
    many = {name: fields.pop(name) for name in list(fields) if _is_many_to_many(model, name)}
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    for name, values in many.items():
        getattr(obj, name).set(values)
    record_event(obj, action, by=by, after=snapshot(obj))
    return obj


def change_record(obj: models.Model, action: str, *, by, **changes) -> models.Model:
    """Validate and save changed fields of a row, and record before and after. Call inside a transaction."""
    before = snapshot(obj)
    kept = {name: getattr(obj, name) for name in changes}
    for name, value in changes.items():
        setattr(obj, name, value)
    try:
        obj.full_clean()
    except ValidationError:
        # A refused change leaves the caller's copy as the database has it (a form shown again carries its version).
        for name, value in kept.items():
            setattr(obj, name, value)
        raise
    after = snapshot(obj)
    # Save what changed, including any field the model's clean() derived from the changes.
    update_fields = [f.name for f in obj._meta.concrete_fields if f.attname in after and after[f.attname] != before[f.attname]]
    if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
        update_fields.append("updated_at")
    obj.save(update_fields=update_fields)
    record_event(obj, action, by=by, before=before, after=after)
    return obj


def _is_many_to_many(model: type[models.Model], name: str) -> bool:
    try:
        return model._meta.get_field(name).many_to_many
    except Exception:
        return False
