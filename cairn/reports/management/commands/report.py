"""`cairn report KIND ID --format F --output PATH --organisation SLUG`: make a committee paper or an export."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import Organisation
from cairn.reports.data import KINDS, ReportError
from cairn.reports.documents import FORMATS, build_document


class Command(BaseCommand):
    help = (
        "Make a committee paper or export: a review's progress update or action plan, or a programme's highlight "
        "report, as Word, PDF, Excel, CSV or cairn-extract/1 JSON. A published round's paper is made from what "
        "was published."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", metavar="KIND", help=f"one of: {', '.join(KINDS)}")
        parser.add_argument("id", type=int, metavar="ID", help="the review's id (the programme's for a highlight report)")
        parser.add_argument("--format", required=True, metavar="FORMAT", help=f"one of: {', '.join(FORMATS)}")
        parser.add_argument("--output", required=True, type=Path, metavar="PATH", help="the file to write")
        parser.add_argument(
            "--round", type=int, dest="round_id", metavar="ROUND_ID",
            help="a reporting round's id (default: the newest round that reported on the review or programme)",
        )
        parser.add_argument("--organisation", required=True, metavar="SLUG", help="the council the record belongs to")

    def handle(self, *args, kind: str, id: int, format: str, output: Path, round_id: int | None, organisation: str, **options):
        found = Organisation.objects.filter(slug=organisation).first()
        if found is None:
            raise CommandError(f"No organisation has the slug “{organisation}”.")
        try:
            content, filename, _ = build_document(found, kind, id, format.lower().lstrip("."), round_id=round_id)
        except ReportError as error:
            raise CommandError(str(error)) from None
        if output.is_dir():
            output = output / filename
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {output} ({len(content):,} bytes)")
