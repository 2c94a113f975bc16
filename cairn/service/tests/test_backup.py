"""`cairn backup` and `cairn restore`: refusals, in this process; whole round trips between real databases, through
the real command, in test_production_path.py."""

import json
import zipfile

import pytest

from cairn.audit.models import AuditEvent
from cairn.jobs.models import Job
from cairn.service.backup import BackupError, backup, read_manifest, restore

pytestmark = pytest.mark.django_db


@pytest.fixture
def made(council, tmp_path):
    Job.objects.create(organisation=council.org, requested_by=council.officer, kind=Job.Kind.DOCUMENT,
                       title="Making a paper", state=Job.State.DONE, output=b"%PDF-1.7 \x00\xff bytes", output_name="p.pdf")
    path = tmp_path / "cairn.backup"
    return path, backup(path)


def test_a_backup_holds_every_kind_of_record_with_a_checksum(made):
    path, manifest = made
    assert manifest["format"] == "cairn-backup/1"
    assert manifest["counts"]["audit.auditevent"] == AuditEvent.objects.count()
    assert manifest["counts"]["jobs.job"] == 1 and manifest["counts"]["reviews.reportinground"] == 2
    assert "sessions.session" not in manifest["counts"]
    assert not any("KEY" in name or "PASSWORD" in name for name in manifest["settings"])
    with zipfile.ZipFile(path) as archive:
        lines = archive.read("data.jsonl").decode().splitlines()
    job = next(json.loads(line) for line in lines if json.loads(line)["model"] == "jobs.job")
    assert job["fields"]["output"]  # the document's bytes, base64
    event = next(json.loads(line) for line in lines if json.loads(line)["model"] == "audit.auditevent")
    assert len(event["fields"]["at"].split(".")[-1]) >= 6 or "." not in event["fields"]["at"]  # microseconds kept


def test_restore_refuses_a_database_that_is_not_empty(made):
    path, _ = made
    with pytest.raises(BackupError, match="This database is not empty .* restores only into an empty database"):
        restore(path)


def test_restore_refuses_a_damaged_file_or_one_that_is_not_a_backup(made, tmp_path):
    path, _ = made
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    with pytest.raises(BackupError, match="is not a Cairn backup"):
        read_manifest(other)
    damaged = tmp_path / "damaged.backup"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(damaged, "w") as target:
        target.writestr("manifest.json", source.read("manifest.json"))
        target.writestr("data.jsonl", source.read("data.jsonl").replace(b"Making a paper", b"Making a forged"))
    with pytest.raises(BackupError, match="is damaged"):
        restore(damaged)


def test_restore_refuses_a_backup_from_a_newer_cairn(made, tmp_path, django_db_blocker):
    path, manifest = made
    newer = tmp_path / "newer.backup"
    manifest["migrations"].append(["reviews", "9999_from_the_future"])
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(newer, "w") as target:
        target.writestr("manifest.json", json.dumps(manifest))
        target.writestr("data.jsonl", source.read("data.jsonl"))
    from cairn.service import backup as module

    executor = module.MigrationExecutor(module.connection)
    with pytest.raises(BackupError, match="made by a newer Cairn"):
        module._targets(executor, manifest["migrations"])
