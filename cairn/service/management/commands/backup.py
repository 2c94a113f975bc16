"""`cairn backup FILE`: everything Cairn holds, consistently, in one file."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.service.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Write a consistent backup of everything Cairn holds (records, audit trail, background jobs and their files, "
        "councils' settings, people) to FILE. `cairn restore FILE` restores it into an empty database."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *, file: Path, **options) -> None:
        if file.is_dir():
            raise CommandError(f"{file} is a folder: give the name of the backup file to write.")
        started = time.monotonic()
        try:
            manifest = backup(file)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        records = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {records:,} records of {sum(1 for n in manifest['counts'].values() if n)} kinds from "
            f"{manifest['database']} to {file} ({file.stat().st_size / 1e6:.1f} MB) in {time.monotonic() - started:.1f} s."
        )
