"""Changes that others may be making at the same moment: rows locked while they change, edits made against a version
of the record that is no longer current refused with both versions shown, and a form sent twice acted on once."""

import hashlib
import secrets
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from .models import Submission

SUBMISSION_FIELD = "_submission"
VERSION_FIELD = "_version"


def lock(obj: models.Model) -> models.Model:
    """Lock the row for the rest of the transaction and reload it, so a change is decided on what is committed now.

    On PostgreSQL this is SELECT ... FOR UPDATE: a second click on Publish waits for the first to finish, then sees the
    round published. SQLite takes the database's write lock when the transaction begins, which does the same."""
    obj.refresh_from_db(from_queryset=type(obj)._base_manager.select_for_update())
    return obj


def version_of(obj: models.Model, names: Iterable[str] | None = None) -> str:
    """A short digest of the row's values as they are now (of the named fields only, when given: those a form
    edits), so any change to them gives another."""
    fields = obj._meta.concrete_fields
    if names is not None:
        names = set(names)
        fields = [field for field in fields if field.name in names or field.attname in names]
    values = "\x1f".join(f"{field.attname}={getattr(obj, field.attname)!s}" for field in fields)
    return hashlib.sha256(values.encode()).hexdigest()[:20]


def submission_token() -> str:
    """A fresh token for a form about to be shown."""
    return secrets.token_hex(16)


def edit_token(obj: models.Model, names: Iterable[str] | None = None) -> str:
    """What an edit form carries: the version of the fields it edits, and the last audit event about the record, when
    the form was shown."""
    from cairn.audit.models import AuditEvent  # the audit trail says who changed the record since

    last = AuditEvent.objects.for_object(obj).order_by("-pk").values_list("pk", flat=True).first() or 0
    return f"{version_of(obj, names)}.{last}"


class StaleEdit(Exception):
    """The record changed since the form was shown, by someone else: `current` is the record as it is now."""

    def __init__(self, current: models.Model, changed_by: list[str]):
        super().__init__("This record was changed by someone else after you opened the form.")
        self.current = current
        self.changed_by = changed_by


def check_edit_token(obj: models.Model, token: str, *, by, names: Iterable[str] | None = None) -> None:
    """Refuse an edit whose form was shown before someone else changed what it edits (a person's own changes since
    are not a conflict). Call inside the transaction, after `lock(obj)`."""
    version, _, last = token.partition(".")
    if version == version_of(obj, names):
        return
    from cairn.audit.models import AuditEvent

    since = AuditEvent.objects.for_object(obj).filter(pk__gt=int(last) if last.isdigit() else 0)
    others = since.exclude(actor=by) if by is not None else since
    names = sorted(set(others.values_list("actor_label", flat=True)))
    if names or not since.exists():
        raise StaleEdit(obj, names)


def once(token: str | None, user, operation: Callable[[], object]):
    """Run the operation unless this form submission was acted on already; then return what it gave the first time.

    Call inside a transaction: the token is claimed in it, so a failed operation leaves it unclaimed. A second copy
    sent while the first is still running waits for the first to commit (the token is unique), then finds its result."""
    if not token or user is None or not user.is_authenticated:
        return operation()
    token = token[:64]
    try:
        with transaction.atomic():
            claim = Submission.objects.create(token=token, user=user)
    except IntegrityError:
        return Submission.objects.get(token=token, user=user).target()
    result = operation()
    if isinstance(result, models.Model) and result.pk is not None:
        claim.target_type = ContentType.objects.get_for_model(result)
        claim.target_id = result.pk
        claim.save(update_fields=["target_type", "target_id"])
    return result
