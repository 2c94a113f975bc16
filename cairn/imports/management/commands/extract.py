"""cairn extract FILE: print what Cairn reads in a paper, as cairn-extract/1 JSON; the database is not touched."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cairn.imports.parsers import FIELDS, IGNORE, ExtractionError, load, parse_mapping
from cairn.imports.reading import read_file, storable_name


class Command(BaseCommand):
    help = (
        "Read a council paper (.txt, .md, .csv, .docx, .pdf or .xlsx, up to 20 MB) and print what it holds as one "
        "cairn-extract/1 JSON document: a cover report, recommendations and their steps, progress, projects, "
        "figures, budget lines, key questions, next steps, and warnings for any text that has no place. A cairn-extract/1 .json file is checked and printed back. "
        "Nothing is written to the database."
    )
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("file", help="the paper to read")
        parser.add_argument(
            "--map", action="append", default=[], metavar="COLUMN=FIELD",
            help=f"read a table column as a field, e.g. --map \"Saving /Cost=saving\"; fields: {', '.join([*FIELDS, IGNORE])}",
        )

    def handle(self, *args, **options):
        try:
            columns = parse_mapping(options["map"]) if options["map"] else None
            path = Path(options["file"])
            # Read in a child process bounded in time and memory, as an upload is (decision 0012).
            extraction = read_file(load(path), storable_name(path.name), columns=columns)
        except ExtractionError as error:
            raise CommandError(error.message) from None
        self.stdout.write(json.dumps(extraction, indent=2, ensure_ascii=False))
