"""Reading a large file in the background: the upload view queues it, `cairn db_worker` reads and stages it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.tasks import task

from cairn.jobs import background
from cairn.jobs.models import Job

from . import operations
from .mappings import read_for_staging
from .models import ImportBatch
from .parsers import ExtractionError
from .parsers.readers.pdf import page_count


@task
def stage_file(job_id: int) -> None:
    background.run(job_id, _stage)


def _stage(job: Job) -> None:
    data = bytes(job.input)
    job.progress(0, None, f"Reading {job.input_name}")
    try:
        # Read outside any transaction, so each page's progress is seen at once; then stage in one transaction.
        # The reading is bounded in time and memory (a child process, decision 0012): it cannot hold the worker.
        reading = read_for_staging(job.organisation, data, job.input_name, progress=job.progress)
        job.progress(1, 1, "Keeping what was read for you to check")
        batch = operations.stage_import(
            job.organisation, by=job.requested_by, name=job.input_name, data=data, reading=reading
        )
    except ExtractionError as error:
        raise background.JobFailed(error.message) from None
    except ValidationError as error:
        raise background.JobFailed(f"{job.input_name}: {' '.join(error.messages)}") from None
    job.finish(result={"batch": batch.pk})


def is_long(data: bytes) -> bool:
    """Whether reading a file would keep a person waiting: a PDF of many pages (about four are read a second), or
    any very large file. A PDF that cannot even be opened is not long: reading it at once says what is wrong."""
    if len(data) > settings.CAIRN_BACKGROUND_BYTES:
        return True
    if not data.startswith(b"%PDF"):
        return False
    pages = page_count(data)  # pdfium's count, its document closed at once rather than left to the collector
    return pages is not None and pages > settings.CAIRN_BACKGROUND_PAGES


def queue(organisation, *, by, name: str, data: bytes) -> Job:
    """Queue a file to be read in the background (in the caller's transaction)."""
    return background.start(
        stage_file, organisation=organisation, by=by, kind=Job.Kind.IMPORT, title=f"Reading {name}",
        input_name=name, input=data,
    )


@task
def apply_file(job_id: int) -> None:
    background.run(job_id, _apply)


def _apply(job: Job) -> None:
    batch = ImportBatch.objects.get(pk=job.arguments["batch"], organisation=job.organisation)
    job.progress(0, None, f"Importing {batch.source_name}")
    try:
        batch = operations.apply_import(batch, by=job.requested_by)
    except ValidationError as error:
        raise background.JobFailed(f"{batch.source_name}: {' '.join(error.messages)}") from None
    job.finish(result={"batch": batch.pk})


def queue_apply(batch: ImportBatch, *, by) -> Job:
    """Import a large staged file in the background (in the caller's transaction): a file of many records takes
    seconds to create, more than a request should."""
    return background.start(
        apply_file, organisation=batch.organisation, by=by, kind=Job.Kind.IMPORT,
        title=f"Importing {batch.source_name}", arguments={"batch": batch.pk},
    )
