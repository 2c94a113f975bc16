"""`cairn restore FILE`: a backup into an empty database (SQLite or PostgreSQL, whichever made it)."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from cairn.service.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `cairn backup` into an empty database; a database holding anything is refused."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *, file: Path, **options) -> None:
        started = time.monotonic()
        try:
            counts = restore(file, say=self.stdout.write)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {sum(counts.values()):,} records of {len(counts)} kinds into {connection.vendor} in "
            f"{time.monotonic() - started:.1f} s. Check it with `cairn verify`."
        )
