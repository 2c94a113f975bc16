"""`cairn backup` and `cairn restore`: everything Cairn holds, in one file, between any two of its databases.

A backup is a ZIP file holding `manifest.json` (what made it, the database's migration state, a count of every kind
of record, the SHA-256 of the data) and `data.jsonl` (every row of every table, one JSON object a line, read in one
consistent snapshot: REPEATABLE READ on PostgreSQL, one read transaction on SQLite). Records, the audit trail,
background jobs with their files and documents, the task queue, councils' settings, people with their password
hashes and authenticators: all of it. Sessions are left out (everyone signs in again after a restore).

A restore goes only into an empty database. It brings the database to the backup's migration state, loads every row
in one transaction (inserts only, so the audit trail's trigger has nothing to refuse), sets PostgreSQL's sequences
past the highest ids, checks every count against the manifest, and then applies any newer migrations. SQLite and
PostgreSQL restore each other's backups.
"""

import datetime as dt
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from cairn.reviews import summaries

FORMAT = "cairn-backup/1"
# Sign-ins are not carried over; progress summaries are derived, and rebuilt from the updates on restore; records'
# versions start afresh (a new epoch), so nothing a web worker kept before the restore is taken for the restored data.
LEFT_OUT = {"sessions.session", "reviews.progresssummary", "audit.recordsversion"}
BATCH = 500


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why and what to do."""


class Encoder(DjangoJSONEncoder):
    """Times to the microsecond (Django's encoder keeps milliseconds): audit seals cover them."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type[models.Model]]:
    """Every table Cairn has, in an order where each comes after those it refers to."""
    chosen = [
        model for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.label_lower not in LEFT_OUT
    ]
    ordered = serializers.sort_dependencies([(None, chosen)], allow_cycles=True)
    return ordered + [model for model in chosen if model not in ordered]


# -- backup ---------------------------------------------------------------------------------------------------------


def backup(path: Path) -> dict:
    """Write a backup of the whole database to `path` (atomically: a failed backup leaves no file)."""
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise BackupError("The database is not up to date with this Cairn: run `cairn migrate` first, then back up.")
    partial = path.with_name(path.name + ".partial")
    counts: dict[str, int] = {}
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6, allowZip64=True) as archive:
            with _snapshot():
                state = _migration_state()
                with archive.open("data.jsonl", "w", force_zip64=True) as raw:
                    stream = _Hashing(raw, digest)
                    for model in backed_up_models():
                        counts[model._meta.label_lower] = _dump(model, stream)
            manifest = {
                "format": FORMAT,
                "made_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": state,
                "counts": counts,
                "data_sha256": digest.hexdigest(),
                "settings": _settings_in_force(),
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1, sort_keys=True))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


class _Hashing(io.RawIOBase):
    def __init__(self, raw, digest):
        self.raw, self.digest = raw, digest

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = data.encode() if isinstance(data, str) else bytes(data)
        self.digest.update(data)
        self.raw.write(data)
        return len(data)


def _dump(model: type[models.Model], stream) -> int:
    rows = model._base_manager.order_by("pk").defer(None).iterator(chunk_size=BATCH)
    counter = _Counter(rows)
    text = io.TextIOWrapper(stream, encoding="utf-8", write_through=True)
    serializers.serialize("jsonl", counter, stream=text, cls=Encoder, ensure_ascii=False)
    text.flush()
    text.detach()
    return counter.count


class _Counter:
    def __init__(self, rows: Iterator):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


class _snapshot:
    """One consistent view of the database for the whole backup, blocking no one."""

    def __enter__(self):
        if connection.vendor == "sqlite":
            if not hasattr(connection, "transaction_mode"):
                connection.get_connection_params()
            self.mode = connection.transaction_mode
            connection.transaction_mode = "DEFERRED"  # a read transaction: WAL gives it a snapshot, writers go on
        outermost = not connection.in_atomic_block
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return self

    def __exit__(self, *exc):
        try:
            return self.atomic.__exit__(*exc)
        finally:
            if connection.vendor == "sqlite":
                connection.transaction_mode = self.mode


def _migration_state() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _settings_in_force() -> dict:
    """The CAIRN_ settings this installation ran with, for reference, without anything secret."""
    secret = ("KEY", "PASSWORD", "SECRET", "TOKEN")
    return {k: v for k, v in sorted(os.environ.items()) if k.startswith("CAIRN_") and not any(s in k for s in secret)}


# -- restore --------------------------------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest = json.loads(archive.read("manifest.json"))
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise BackupError(f"{path} is not a Cairn backup (or it is damaged).") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is a backup in a format this Cairn cannot read ({manifest.get('format')!r}).")
    return manifest


def restore(path: Path, *, say=print) -> dict:
    manifest = read_manifest(path)
    _check_data(path, manifest)
    executor = MigrationExecutor(connection)
    targets = _targets(executor, manifest["migrations"])
    _refuse_unless_empty()
    say(f"Creating the tables as the backup's Cairn had them ({len(manifest['migrations'])} migrations).")
    executor.migrate(targets)
    _refuse_unless_empty()
    loaded = _load(path, manifest)
    say("Applying this Cairn's newer migrations, if any.")
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return loaded


def _refuse_unless_empty() -> None:
    tables = set(connection.introspection.table_names())
    held = []
    for model in backed_up_models():
        if model._meta.label_lower in {"contenttypes.contenttype", "auth.permission"}:
            continue  # made by every migration run
        if model._meta.db_table in tables and model._base_manager.exists():
            held.append(model._meta.verbose_name_plural)
    if held:
        raise BackupError(
            "This database is not empty (it holds " + ", ".join(sorted(map(str, held))[:5]) + (", ..." if len(held) > 5 else "")
            + "): Cairn restores only into an empty database. Create a new one and point DATABASE_URL at it."
        )


def _check_data(path: Path, manifest: dict) -> None:
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != manifest["data_sha256"]:
        raise BackupError(f"{path} is damaged: its data does not match the checksum written when it was made.")


def _targets(executor: MigrationExecutor, applied: list[list[str]]) -> list[tuple[str, str]]:
    graph = executor.loader.graph
    # A squashed migration (a library's) is recorded with each migration it replaces; the graph holds only the squash.
    replaced = {tuple(old) for squash in executor.loader.replacements.values() for old in squash.replaces}
    applied_nodes = {tuple(node) for node in applied} - replaced
    unknown = sorted(node for node in applied_nodes if node not in graph.nodes)
    if unknown:
        raise BackupError(
            f"This backup was made by a newer Cairn (it has migrations this one does not know, e.g. "
            f"{unknown[0][0]} {unknown[0][1]}): restore it with that version or a later one."
        )
    targets = []
    for node in applied_nodes:
        later = any(other != node and other[0] == node[0] and node in graph.forwards_plan(other) for other in applied_nodes)
        if not later:
            targets.append(node)
    return sorted(targets)


def _load(path: Path, manifest: dict) -> dict:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    counts: dict[str, int] = {}
    touched: list[type[models.Model]] = []
    with transaction.atomic():
        # The migrations just made their own content types and permissions; the backup's, ids and all, replace them.
        Permission.objects.all().delete()
        ContentType.objects.all().delete()
        with zipfile.ZipFile(path) as archive, archive.open("data.jsonl") as data:
            lines = io.TextIOWrapper(data, encoding="utf-8")
            batch: list = []
            for item in serializers.deserialize("jsonl", lines, ignorenonexistent=True):
                if batch and type(batch[0].object) is not type(item.object):
                    _save(batch, counts, touched)
                    batch = []
                batch.append(item)
                if len(batch) >= BATCH:
                    _save(batch, counts, touched)
                    batch = []
            if batch:
                _save(batch, counts, touched)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), touched):
                    cursor.execute(sql)
        expected = {label: n for label, n in manifest["counts"].items() if n}
        if counts != expected:
            differ = sorted(set(counts.items()) ^ set(expected.items()))
            raise BackupError(f"The restored records do not add up to the backup's own count ({differ[:3]}); nothing was restored.")
        # Derived rows, not kept by a backup made before they existed: built again from the updates just restored.
        summaries.refresh_all()
        ContentType.objects.clear_cache()
    return counts


def _save(batch: list, counts: dict, touched: list) -> None:
    model = type(batch[0].object)
    model._base_manager.bulk_create([item.object for item in batch], batch_size=BATCH)
    for item in batch:
        for name, values in (item.m2m_data or {}).items():
            if values:
                getattr(item.object, name).through.objects.bulk_create(
                    [
                        getattr(item.object, name).through(**{_m2m_columns(model, name)[0]: item.object.pk,
                                                              _m2m_columns(model, name)[1]: value})
                        for value in values
                    ]
                )
    label = model._meta.label_lower
    counts[label] = counts.get(label, 0) + len(batch)
    if model not in touched:
        touched.append(model)


def _m2m_columns(model, name: str) -> tuple[str, str]:
    field = model._meta.get_field(name)
    return field.m2m_field_name() + "_id", field.m2m_reverse_field_name() + "_id"
