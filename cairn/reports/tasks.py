"""Making a large document in the background: the download view queues it, `cairn db_worker` makes it."""

from django.tasks import task

from cairn.jobs import background
from cairn.jobs.models import Job

from .data import ReportError
from .documents import build_report, render


@task
def make_document(job_id: int) -> None:
    background.run(job_id, _make)


def _make(job: Job) -> None:
    arguments = job.arguments
    job.progress(0, 2, "Collecting the paper's content")
    try:
        report = build_report(job.organisation, arguments["kind"], arguments["pk"], round_id=arguments["round"])
        job.progress(1, 2, "Laying out the pages")
        content, filename, content_type = render(report, arguments["format"])
    except ReportError as error:
        raise background.JobFailed(str(error)) from None
    job.finish(output=content, name=filename, type=content_type)


def queue(organisation, *, by, report, kind: str, pk: int, format: str, round_id: int | None) -> Job:
    """Queue a document to be made in the background (in the caller's transaction)."""
    title = f"Making {report.info.filename}.{format}"
    arguments = {"kind": kind, "pk": pk, "format": format, "round": round_id}
    return background.start(
        make_document, organisation=organisation, by=by, kind=Job.Kind.DOCUMENT, title=title, arguments=arguments
    )
