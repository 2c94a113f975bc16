"""cairn import FILE... --organisation SLUG: stage papers, show what they would create, and with --yes create it."""

import hashlib
import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cairn.accounts.models import Organisation, User
from cairn.imports.mappings import Reading
from cairn.imports.models import ImportBatch
from cairn.imports.operations import apply_import, choose_destination, stage_import
from cairn.imports.parsers import FIELDS, IGNORE, ExtractionError, load, parse_mapping
from cairn.imports.presenters import count
from cairn.imports.reading import read_file, storable_name
from cairn.imports.records import preview_import
from cairn.programmes.models import Programme
from cairn.reviews.models import Review

# What is counted, in the order it is listed, with its singular form.
LABELS = {
    "committees": "committee", "meetings": "meeting", "reviews": "review", "papers": "paper",
    "paper sections": "paper section",
    "recommendations": "recommendation", "actions": "step", "target revisions": "target revision",
    "saving estimates": "saving estimate", "key questions": "key question", "next steps": "next step",
    "assessment scales": "assessment scale", "reporting rounds": "published reporting round",
    "progress updates": "progress update", "programmes": "programme", "projects": "project",
    "phase plans": "phase plan", "milestones": "milestone", "indicators": "indicator", "readings": "reading",
    "risks": "risk", "budget lines": "budget line", "project updates": "project update",
}


def describe(counts: dict) -> str:
    """ "1 review, 7 recommendations, 15 steps" from the counts of what was created."""
    parts = []
    for name in [*LABELS, *(name for name in counts if name not in LABELS)]:
        number = counts.get(name, 0)
        if number:
            singular = LABELS.get(name, name)
            plural = "steps" if name == "actions" else ("published reporting rounds" if name == "reporting rounds" else name)
            parts.append(f"{number} {singular if number == 1 else plural}")
    return ", ".join(parts) or "nothing"


class Command(BaseCommand):
    help = (
        "Import council papers into an organisation. Each file is read and staged (a file already staged or imported "
        "is recognised by its SHA-256 and creates nothing new), and what it would create is shown. With --yes, each "
        "file's records are created in one transaction through Cairn's operations: a file is imported whole or not "
        "at all. --review or --programme adds the records to one the council already has. --json prints one JSON "
        "object per file."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="papers to import")
        parser.add_argument("--organisation", required=True, metavar="SLUG", help="the council to import into")
        parser.add_argument("--yes", action="store_true", help="create the records (without it, nothing is created)")
        parser.add_argument("--json", action="store_true", help='print {"batch": id, "created": {...}} per file')
        parser.add_argument("--user", metavar="USERNAME", help="record the import as done by this person")
        parser.add_argument(
            "--review", type=int, metavar="ID",
            help="add the papers' recommendations, figures, budget lines, key questions and next steps to this review, "
            "already in Cairn",
        )
        parser.add_argument(
            "--programme", type=int, metavar="ID",
            help="add the highlight reports' projects to this programme, already in Cairn",
        )
        parser.add_argument(
            "--map", action="append", default=[], metavar="COLUMN=FIELD",
            help=f"read a table column as a field, e.g. --map \"Saving /Cost=saving\"; fields: {', '.join([*FIELDS, IGNORE])}",
        )

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"There is no organisation with the slug '{options['organisation']}'.")
        by = None
        if options["user"]:
            by = User.objects.filter(username=options["user"], organisation=organisation).first()
            if by is None:
                raise CommandError(f"{organisation} has no user '{options['user']}'.")
        self.review = self._held(Review, "review", options["review"], organisation)
        self.programme = self._held(Programme, "programme", options["programme"], organisation)
        try:
            columns = parse_mapping(options["map"]) if options["map"] else None
        except ExtractionError as error:
            raise CommandError(error.message) from None
        files = options["files"]
        failed = 0
        self.staged = 0
        for number, path in enumerate(files, 1):
            if len(files) > 1:
                self._progress(number - 1, len(files), Path(path).name)
            if not self._import(Path(path), organisation, by, columns, options):
                failed += 1
        if len(files) > 1:
            self._progress(len(files), len(files), "done")
        if self.staged and not options["json"]:
            self.stdout.write("Nothing has been created. Run again with --yes to create these records.")
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported.")

    def _held(self, model, kind: str, pk: int | None, organisation):
        """The council's own review or programme with this id; another council's is "not found" too."""
        if pk is None:
            return None
        record = model.objects.for_organisation(organisation).filter(pk=pk).first()
        if record is None:
            raise CommandError(f"{organisation} has no {kind} with the id {pk}.")
        return record

    def _progress(self, done: int, total: int, label: str) -> None:
        width = 20
        filled = round(width * done / total)
        self.stderr.write(f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label}")

    def _import(self, path: Path, organisation, by, columns, options) -> bool:
        name = storable_name(path.name)
        try:
            data = load(path)
            sha256 = hashlib.sha256(data).hexdigest()
            existing = ImportBatch.objects.for_organisation(organisation).filter(sha256=sha256).first()
            if existing is not None and existing.state == ImportBatch.State.APPLIED:
                return self._report(options, existing, name, duplicate=True)
            # Read before staging, outside the transaction, bounded in time and memory (decision 0012).
            reading = None
            if existing is None or existing.state == ImportBatch.State.DISCARDED:
                reading = Reading(*read_file(data, name, columns=columns, with_columns=True))
            batch = stage_import(organisation, by=by, name=name, data=data, columns=columns, reading=reading)
            batch = self._choose(batch, by)
            if options["yes"]:
                batch = apply_import(batch, by=by)
                return self._report(options, batch, name)
            created = preview_import(
                organisation, batch.extraction, by=by, source=batch.source_name, review=batch.review,
                programme=batch.programme,
            )
            self.staged += 1
            return self._report(options, batch, name, preview=created)
        except ExtractionError as error:
            return self._fail(options, name, error.message)
        except ValidationError as error:
            return self._fail(options, name, "; ".join(error.messages))

    def _choose(self, batch: ImportBatch, by) -> ImportBatch:
        """Record the review or programme asked for on the staged batch (audited, as a choice made in the browser)."""
        if self.review is None and self.programme is None:
            return batch
        review, programme = self.review or batch.review, self.programme or batch.programme
        if batch.destination_chosen and (batch.review, batch.programme) == (review, programme):
            return batch
        return choose_destination(batch, by=by, review=review, programme=programme)

    def _fail(self, options, name: str, message: str) -> bool:
        if options["json"]:
            self.stdout.write(json.dumps({"file": name, "error": message}, ensure_ascii=False))
        else:
            self.stderr.write(self.style.ERROR(f"{name}: {message}"))
        return False

    def _report(self, options, batch: ImportBatch, name: str, *, duplicate: bool = False, preview=None) -> bool:
        records = batch.created_records or {}
        if options["json"]:
            created = {"reviews": [], "programmes": []}
            if batch.state == ImportBatch.State.APPLIED and not duplicate:
                created = {"reviews": records.get("reviews", []), "programmes": records.get("programmes", [])}
            out = {"batch": batch.pk, "state": batch.state, "created": created}
            if duplicate:
                out["already_imported"] = True
            if preview is not None:
                out["would_create"] = dict(preview.counts)
            self.stdout.write(json.dumps(out, ensure_ascii=False))
            return True
        family = batch.family.replace("_", " ")
        warnings = len(batch.warnings)
        if duplicate:
            self.stdout.write(
                f"{name}: already imported as batch {batch.pk} on {batch.applied_at:%d/%m/%Y}; nothing new created."
            )
            return True
        self.stdout.write(f"{name}: {family}, {count(warnings, 'warning')}; batch {batch.pk}.")
        if preview is not None:
            self.stdout.write(f"  Would create: {describe(preview.counts)}.")
            for review in preview.reviews:
                self.stdout.write(f"  Review: {review.title}{' (already in Cairn)' * preview.was_held(review)}")
            for programme in preview.programmes:
                self.stdout.write(f"  Programme: {programme.name}{' (already in Cairn)' * preview.was_held(programme)}")
            notes = preview.notes
        else:
            self.stdout.write(f"  Created: {describe(records.get('counts', {}))}.")
            notes = records.get("notes", [])
        for note in notes:
            self.stdout.write(f"  Note: {note}")
        if warnings:
            self.stdout.write(f"  See the warnings with: cairn extract {name}")
        return True
