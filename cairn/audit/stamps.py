"""Stamps naming one state of a council's records: what a page shows can be kept under its stamp and never goes
stale, because every change writes an audit event and every event raises its council's version in the same
transaction (`raise_versions`), in commit order.

A page reads the stamp before it reads what it shows, so what it keeps is at least as new as the stamp it is filed
under; a change committed in between gives a newer stamp that later readers see."""

import secrets
from collections.abc import Iterable

from django.db.models import F

from .models import RecordsVersion

INSTALLATION = "installation"


def scope_of(organisation_id: int | None) -> str:
    return f"council:{organisation_id}" if organisation_id is not None else INSTALLATION


def raise_versions(organisation_ids: Iterable[int | None]) -> None:
    """Count a change to each of these councils' records (None: the installation's). Call inside the change's
    transaction, as the audit trail does."""
    for scope in sorted({scope_of(organisation_id) for organisation_id in organisation_ids}):
        if not RecordsVersion.objects.filter(scope=scope).update(version=F("version") + 1):
            RecordsVersion.objects.bulk_create([_new(scope)], ignore_conflicts=True)
            RecordsVersion.objects.filter(scope=scope).update(version=F("version") + 1)


def stamp(organisation) -> str:
    """The state of this council's records and the installation's (DfE statistics, sign-on settings), in one query."""
    scopes = [scope_of(organisation.pk), INSTALLATION]
    found = dict((row[0], row[1:]) for row in RecordsVersion.objects.filter(scope__in=scopes).values_list(
        "scope", "epoch", "version"))
    missing = [scope for scope in scopes if scope not in found]
    if missing:
        # Never changed since the rows were last made (a new installation, or after a restore): a fresh epoch.
        RecordsVersion.objects.bulk_create([_new(scope) for scope in missing], ignore_conflicts=True)
        found = dict((row[0], row[1:]) for row in RecordsVersion.objects.filter(scope__in=scopes).values_list(
            "scope", "epoch", "version"))
    return "-".join(f"{found[scope][0]}.{found[scope][1]}" for scope in scopes)


def _new(scope: str) -> RecordsVersion:
    return RecordsVersion(scope=scope, epoch=secrets.token_hex(8), version=0)
