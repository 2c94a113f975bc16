"""Importing papers in the browser: upload files, check what each would create, choose the review it joins, leave
records out, apply or discard."""

import datetime as dt
import hashlib
import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import can_import
from cairn.core.access import get_scoped_or_404, scoped
from cairn.core.forms import apply_model_errors
from cairn.core.pagination import pages
from cairn.jobs.models import Job
from cairn.programmes.access import programmes_for_user
from cairn.programmes.models import Programme
from cairn.reviews.access import reviews_for_user
from cairn.reviews.models import Review

from . import operations, tasks
from .destinations import Destination, destination
from .forms import (
    HOURLY_LIMIT,
    MAX_FILES,
    ColumnsForm,
    DestinationForm,
    DropForm,
    ProjectCorrectionForm,
    RecommendationCorrectionForm,
    StatusLevelsForm,
    UploadForm,
    none_uploaded,
)
from .mappings import FIELD_NAMES, read_for_staging, unsure
from .models import ImportBatch
from .parsers import ExtractionError, readers
from .parsers.isolated import TooSlow
from .parsers.limits import count_json_records
from .previews import kept_preview
from .presenters import file_size, read_as, shortened
from .reading import storable_name
from .status_levels import active_levels, status_rows
from .records import makes_programme, makes_review, preview_import, programme_name, review_title

# "1 review, 7 recommendations, 15 steps": the same words as `cairn import` prints.
describe = import_module("cairn.imports.management.commands.import").describe


def _require_importer(request) -> None:
    scoped(request, ImportBatch.objects.none())
    if not can_import(request.user):
        raise PermissionDenied


def get_batch_for_user(request, pk: int) -> ImportBatch:
    """One of the council's staged files, for someone who may import; 404 for another council's."""
    _require_importer(request)
    # The file itself (kept while staged, up to 20 MB) is read only by the operation that reads it again.
    batches = ImportBatch.objects.select_related(
        "staged_by", "applied_by", "review", "programme", "remembered_mapping__chosen_by"
    ).defer("data")
    return get_scoped_or_404(request, batches, pk=pk)


def upload(request):
    _require_importer(request)
    since = timezone.now() - dt.timedelta(hours=1)
    recent = scoped(request, ImportBatch.objects).filter(staged_by=request.user, created_at__gte=since).count()
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None, staged_this_hour=recent)
    if posted and form.is_valid():
        staged = _stage_files(request, form)
        if staged is not None:
            new = any(outcome == "new" for _, _, outcome in staged)  # a queued file is not read yet: no success
            (messages.success if new else messages.info)(request, " ".join(_outcome_text(*item) for item in staged))
            if len(staged) == 1 and staged[0][2] == "queued":
                return redirect("jobs:job_detail", staged[0][0].pk)
            batches = {batch.pk for batch, _, outcome in staged if outcome != "queued"}
            if len(staged) == 1 and len(batches) == 1:
                return redirect("imports:batch_preview", batches.pop())
            return redirect("imports:batch_list")
    limits = {"max_files": MAX_FILES, "max_mb": readers.MAX_BYTES // 1024 // 1024, "hourly": HOURLY_LIMIT}
    return render(request, "imports/upload.html", {"form": form, **limits})


def _stage_files(request, form: UploadForm) -> list[tuple[ImportBatch | Job, str, str]] | None:
    """Stage every chosen file, or none: if one cannot be read, the others are not kept either.

    Files are read first, outside any transaction, in a child process bounded in time and memory (decision 0012).
    The request gives them CAIRN_IMPORT_REQUEST_SECONDS between them: a file new to Cairn that is long (a PDF of
    many pages, a very large file), or that is still being read when that time is up, is queued to be read in the
    background (outcome "queued", with its Job) within the full time limit.
    """
    files, plans, refused = form.cleaned_data["files"], [], []
    deadline = time.monotonic() + settings.CAIRN_IMPORT_REQUEST_SECONDS
    for file in files:
        data, name = file.read(), storable_name(file.name)
        sha256 = hashlib.sha256(data).hexdigest()
        known = scoped(request, ImportBatch.objects).filter(sha256=sha256).defer("data").first()
        fresh = known is None or known.state == ImportBatch.State.DISCARDED
        extraction = None
        left = deadline - time.monotonic()
        if fresh and left > 0 and not tasks.is_long(data):
            try:
                extraction = read_for_staging(request.organisation, data, name, seconds=left)
            except TooSlow:
                pass
            except ExtractionError as error:
                form.add_error("files", error.message)
                refused.append(name)
                continue
        plans.append((name, data, known, fresh, extraction))
    if form.errors:
        if len(files) > 1:
            form.add_error("files", none_uploaded(refused))
        return None
    staged = []
    with transaction.atomic():
        for name, data, known, fresh, extraction in plans:
            if fresh and extraction is None:
                staged.append((tasks.queue(request.organisation, by=request.user, name=name, data=data), name, "queued"))
                continue
            try:
                batch = operations.stage_import(
                    request.organisation, by=request.user, name=name, data=data, reading=extraction
                )
            except ExtractionError as error:
                form.add_error("files", error.message)
                refused.append(name)
            except ValidationError as error:
                form.add_error("files", [f"{name}: {message}" for message in error.messages])
                refused.append(name)
            else:
                staged.append((batch, name, "new" if fresh else known.state))
        if form.errors:
            if len(files) > 1:
                form.add_error("files", none_uploaded(refused))
            transaction.set_rollback(True)
            return None
    return staged


def _outcome_text(batch: ImportBatch | Job, name: str, outcome: str) -> str:
    if outcome == "queued":
        return f"{name} is large, so Cairn is reading it in the background."
    if outcome == ImportBatch.State.APPLIED:
        return f"{name} has already been imported (on {batch.applied_at:%d/%m/%Y}); nothing new was created."
    if outcome == ImportBatch.State.STAGED:
        return f"{name} has already been uploaded and is waiting to be checked; nothing new was created."
    return read_as(name, batch.family, len(batch.warnings))


def batch_list(request):
    _require_importer(request)
    batches = scoped(request, ImportBatch.objects).select_related("staged_by", "applied_by").defer("data")[:50]
    reading = scoped(request, Job.objects.filter(requested_by=request.user, kind=Job.Kind.IMPORT)).exclude(
        state=Job.State.DONE
    ).defer("input", "output")[:20]
    return render(request, "imports/batch_list.html", {"batches": batches, "reading": reading})


# The check page shows a large file a page at a time (decision 0012).
RECORDS_PER_PAGE = 25
WARNINGS_PER_PAGE = 50


def batch_preview(request, pk: int):
    batch = get_batch_for_user(request, pk)
    extraction = batch.extraction
    shown, records_pages = {}, None
    for part in ("recommendations", "projects"):
        indexes, navigation = pages(request, len(extraction.get(part, [])), RECORDS_PER_PAGE, "page")
        shown[part] = [(index, extraction[part][index]) for index in indexes]
        records_pages = records_pages or navigation
    warnings, warnings_pages = pages(request, len(batch.warnings), WARNINGS_PER_PAGE, "warnings_page")
    context = {
        "batch": batch, "extraction": extraction, "size": file_size(batch.size),
        "drop_form": DropForm(batch, shown={part: [index for index, _ in items] for part, items in shown.items()}),
        "shown": shown, "records_pages": records_pages,
        "warnings": [
            {"where": batch.warnings[index]["where"], "message": shortened(batch.warnings[index]["message"])}
            for index in warnings
        ],
        "warnings_start": warnings.start,
        "warnings_pages": warnings_pages,
        **_status_words(batch, request.organisation),
        "unsure": unsure(batch.columns, extraction), "column_names": FIELD_NAMES,
    }
    if batch.state == ImportBatch.State.STAGED:
        places = _destinations(request, batch)
        context |= {"destinations": places, "destination_form": DestinationForm([p for p in places if p.held])}
        # What importing creates with the answers shown: Cairn's suggestion stands until someone changes it.
        shown = {place.kind: place.selected for place in places}
        preview = kept_preview(
            batch, request.organisation, by=request.user, review=shown.get("review"), programme=shown.get("programme")
        )
        if "problem" in preview:
            context["problem"] = preview["problem"]
        else:
            context |= {
                "summary": describe(preview["counts"]), "notes": preview["notes"],
                "nothing": not any(preview["counts"].values()),
                "held_already": makes_review(batch.extraction) or makes_programme(batch.extraction),
                "reviews": preview["reviews"], "programmes": preview["programmes"],
            }
    elif batch.state == ImportBatch.State.APPLIED:
        records = batch.created_records or {}
        context |= {
            "summary": describe(records.get("counts", {})), "notes": records.get("notes", []),
            "reviews": scoped(request, Review.objects).filter(pk__in=records.get("reviews", [])),
            "programmes": scoped(request, Programme.objects).filter(pk__in=records.get("programmes", [])),
        }
    return render(request, "imports/batch_preview.html", context)


@require_POST
def batch_drop(request, pk: int):
    batch = get_batch_for_user(request, pk)
    form = DropForm(batch, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("imports:batch_preview", batch.pk)
    chosen = form.cleaned_data
    try:
        operations.drop_staged_records(
            batch, by=request.user, recommendation_indexes=chosen["recommendations"], project_indexes=chosen["projects"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(chosen["recommendations"]) + len(chosen["projects"])
        records = f"{count} record{'s' * (count != 1)}"
        messages.success(request, f"{records} left out. {'They' if count != 1 else 'It'} will not be imported.")
    return redirect("imports:batch_preview", batch.pk)


@require_POST
def batch_apply(request, pk: int):
    """Import a staged file into the review (or programme) chosen on the check page, saving that choice first."""
    batch = get_batch_for_user(request, pk)
    try:
        if batch.state == ImportBatch.State.STAGED:
            batch = _choose_posted_destination(request, batch)
            if count_json_records(batch.extraction) > settings.CAIRN_BACKGROUND_RECORDS:
                job = tasks.queue_apply(batch, by=request.user)
                messages.info(request, f"{batch.source_name} is large, so Cairn is importing it in the background.")
                return redirect("jobs:job_detail", job.pk)
        batch = operations.apply_import(batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        counts = batch.created_records.get("counts", {})
        created = (
            f": {describe(counts)}." if any(counts.values())
            else ". Everything in it was already in Cairn, so nothing new was created."
        )
        messages.success(request, f"{batch.source_name} has been imported{created}")
    return redirect("imports:batch_preview", batch.pk)


def batch_columns(request, pk: int):
    """Say what each column of a staged paper's table holds; the file is read again with the choice, which the
    council's next paper of the same shape is read with too."""
    batch = get_batch_for_user(request, pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        messages.error(
            request, f"What the columns hold can only be chosen for a staged file; {batch.source_name} is {state}."
        )
        return redirect("imports:batch_preview", batch.pk)
    if not batch.columns:
        messages.info(request, f"Cairn found no table of recommendations in {batch.source_name} to choose columns for.")
        return redirect("imports:batch_preview", batch.pk)
    form = ColumnsForm(batch, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = operations.map_columns(
                batch, by=request.user, mapping=form.mapping(), version=form.cleaned_data["version"] or None
            )
        except ValidationError as error:
            code = getattr(error, "code", None)
            if code in {"unchanged", "stale", "not_staged", "no_columns"}:
                (messages.info if code == "unchanged" else messages.error)(request, " ".join(error.messages))
                return redirect("imports:batch_preview", batch.pk)
            form.add_error(None, " ".join(error.messages))
        else:
            found = len(batch.extraction["recommendations"])
            messages.success(
                request,
                f"{batch.source_name} has been read again with the columns you chose: {found} "
                f"recommendation{'s' * (found != 1)}. Cairn will read your council's next paper with the same columns "
                "the same way.",
            )
            return redirect("imports:batch_preview", batch.pk)
    return render(request, "imports/batch_columns.html", {"batch": batch, "form": form, "unsure": unsure(batch.columns, batch.extraction)})


def _status_words(batch: ImportBatch, organisation) -> dict:
    levels = active_levels(organisation)
    rows = status_rows(batch, levels)
    return {"status_words": rows, "status_form": StatusLevelsForm(rows, levels), "scale_levels": levels}


@require_POST
def batch_status_levels(request, pk: int):
    """Confirm the level each status word of a staged file means, then go back to checking the file."""
    batch = get_batch_for_user(request, pk)
    levels = active_levels(request.organisation)
    form = StatusLevelsForm(status_rows(batch, levels), levels, request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("imports:batch_preview", batch.pk)
    try:
        operations.confirm_status_levels(batch, by=request.user, levels=form.levels())
    except ValidationError as error:
        (messages.info if getattr(error, "code", None) == "unchanged" else messages.error)(
            request, " ".join(error.messages)
        )
    else:
        messages.success(
            request, "Status words confirmed. Importing sets each update's level from its word, and Cairn reads these "
            "words the same way in your council's next papers.",
        )
    return redirect("imports:batch_preview", batch.pk)


def batch_discard_confirm(request, pk: int):
    """Ask before a file is discarded; the page's button posts to `batch_discard`."""
    batch = get_batch_for_user(request, pk)
    return render(request, "imports/batch_discard_confirm.html", {"batch": batch})


@require_POST
def batch_discard(request, pk: int):
    batch = get_batch_for_user(request, pk)
    try:
        operations.discard_import(batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:batch_preview", batch.pk)
    messages.success(request, f"{batch.source_name} has been discarded. Nothing was created from it.")
    return redirect("imports:batch_list")


def batch_list_csv(request):
    """The imported-papers list as CSV: the same fifty uploads, newest first."""
    from cairn.core.downloads import csv_response
    from cairn.core.presenters import uk_datetime

    _require_importer(request)
    batches = scoped(request, ImportBatch.objects).select_related("staged_by").defer("data")[:50]
    return csv_response(
        f"{request.organisation.slug}-imported-papers.csv",
        ["File", "Kind of paper", "State", "Warnings", "Uploaded", "Uploaded by"],
        (
            (batch.source_name, batch.family.replace("_", " ").capitalize(), batch.get_state_display(),
             len(batch.warnings), uk_datetime(batch.created_at),
             batch.staged_by.display_name if batch.staged_by else "")
            for batch in batches
        ),
    )


CORRECTION_FORMS = {"recommendations": RecommendationCorrectionForm, "projects": ProjectCorrectionForm}


def record_correct(request, pk: int, part: str, index: int):
    """Correct one recommendation or project of a staged file, then go back to checking the file."""
    batch = get_batch_for_user(request, pk)
    records = batch.extraction.get(part, [])
    if not 0 <= index < len(records):
        raise Http404
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        messages.error(request, f"Records can only be corrected in a staged file; {batch.source_name} is {state}.")
        return redirect("imports:batch_preview", batch.pk)
    record = records[index]
    options = {"with_progress": batch.family == "progress_update"} if part == "recommendations" else {}
    form = CORRECTION_FORMS[part](batch, record, request.POST or None, **options)
    if request.method == "POST" and form.is_valid():
        try:
            batch = operations.correct_staged_record(
                batch, by=request.user, part=part, index=index, changes=form.changes(),
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            # A file that has moved on since the form was shown is checked again from its preview.
            code = getattr(error, "code", None)
            if code in {"unchanged", "stale", "not_staged", "no_record"}:
                (messages.info if code == "unchanged" else messages.error)(request, " ".join(error.messages))
                return redirect("imports:batch_preview", batch.pk)
            apply_model_errors(form, error)
        else:
            corrected = batch.extraction[part][index]
            said = [f"{_record_name(part, corrected)} has been corrected.", *_unread(record, corrected)]
            messages.success(request, " ".join(said))
            return redirect("imports:batch_preview", batch.pk)
    context = {"batch": batch, "part": part, "record": record, "form": form, "name": _record_name(part, record)}
    return render(request, "imports/record_correct.html", context)


def _unread(before: dict, after: dict) -> list[str]:
    """What Cairn could not read from the words just typed: a target date, or the amount of a saving."""
    said = []
    for number, (was, step) in enumerate(zip(before.get("steps", []), after.get("steps", [])), 1):
        if step["due_text"] and step["due_text"] != was["due_text"] and step["due"] is None:
            said.append(f"Cairn could not read a date from “{step['due_text']}” (step {number}), so that step has no "
                        "target date.")
    saving, was = after.get("saving"), before.get("saving")
    if saving and saving != was and saving["min"] is None and saving["max"] is None:
        said.append(f"Cairn could not read an amount from “{saving['text']}”, so the saving has no amount.")
    return said


def _record_name(part: str, record: dict) -> str:
    kind = "Recommendation" if part == "recommendations" else "Project"
    return f"{kind} {record['number']}" if record.get("number") else f"The {kind.lower()}"


def _destinations(request, batch: ImportBatch) -> list[Destination]:
    """The choices a staged paper needs: a review for its recommendations, figures or budget lines, and a programme
    for a highlight report's projects."""
    document, places = batch.extraction["document"], []
    decided = batch.destination_chosen
    if makes_review(batch.extraction):
        title = review_title(document["title"], batch.source_name)
        places.append(destination("review", title, reviews_for_user(request), chosen=batch.review, decided=decided))
    if makes_programme(batch.extraction):
        name = programme_name(document["title"], batch.source_name)
        held = programmes_for_user(request)
        places.append(destination("programme", name, held, chosen=batch.programme, decided=decided))
    return places


def _choose_posted_destination(request, batch: ImportBatch) -> ImportBatch:
    """Save the answer to "Which review is this paper about?" posted with "Confirm and import", where it differs from
    what applying would otherwise do.

    A suggestion nobody has confirmed or turned down never becomes a new review by default: without an answer,
    importing is refused.
    """
    places = [place for place in _destinations(request, batch) if place.held]
    if not any(place.kind in request.POST for place in places):
        pending = [place.kind for place in places if place.pending]
        if pending:
            raise ValidationError(f"Choose which {' and '.join(pending)} this paper is about, then import it.")
        return batch
    form = DestinationForm(places, request.POST)
    if not form.is_valid():
        raise ValidationError([error for errors in form.errors.values() for error in errors])
    choice = form.choice()
    if all(choice[place.kind] == place.joins and not place.pending for place in places):
        return batch
    return operations.choose_destination(batch, by=request.user, **choice)


@require_POST
def batch_destination(request, pk: int):
    """Choose the review (or programme) a staged file's records join, then go back to checking the file."""
    batch = get_batch_for_user(request, pk)
    if batch.state != ImportBatch.State.STAGED:
        state = batch.get_state_display().lower()
        messages.error(
            request, f"Where the records go can only be chosen for a staged file; {batch.source_name} is {state}."
        )
        return redirect("imports:batch_preview", batch.pk)
    form = DestinationForm([place for place in _destinations(request, batch) if place.held], request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect("imports:batch_preview", batch.pk)
    try:
        batch = operations.choose_destination(batch, by=request.user, **form.choice())
    except ValidationError as error:
        (messages.info if getattr(error, "code", None) == "unchanged" else messages.error)(
            request, " ".join(error.messages)
        )
        return redirect("imports:batch_preview", batch.pk)
    going = [
        f"added to “{place.joins}”" if place.joins is not None else f"put in a new {place.kind} called “{place.title}”"
        for place in _destinations(request, batch)
    ]
    messages.success(request, f"Saved: when you import this paper, its records will be {' and '.join(going)}.")
    return redirect("imports:batch_preview", batch.pk)
