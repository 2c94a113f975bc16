"""The two ends of background work: start a Job (in the caller's transaction) and run it (in `cairn db_worker`)."""

from collections.abc import Callable

from django.tasks import Task

from .models import Job

UNEXPECTED = (
    "Cairn could not finish this because of an unexpected error. Try again; if it happens again, tell your "
    "administrator (background job {pk})."
)


class JobFailed(Exception):
    """Work that cannot be finished for a reason the person can act on; the message is shown to them as it is."""


def start(
    task: Task, *, organisation, by, kind: str, title: str, arguments: dict | None = None,
    input_name: str = "", input: bytes | None = None,
) -> Job:
    """Record a Job and queue its task. Both are rows in the same database, written in the caller's transaction:
    if the caller rolls back, neither exists, and the worker never sees a task without its Job."""
    job = Job.objects.create(
        organisation=organisation, requested_by=by, kind=kind, title=title[:300], arguments=arguments or {},
        input_name=input_name[:300], input=input,
    )
    job.task_id = str(task.enqueue(job.pk).id)
    job.save(update_fields=["task_id"])
    return job


def run(job_id: int, work: Callable[[Job], None]) -> None:
    """Do a Job's work, keeping its state true: running, then done, or failed with a message for the person.

    `work` reports progress through `job.progress(...)` and ends with `job.finish(...)`; it raises JobFailed for a
    problem the person can fix. Any other error fails the job with a general message and is raised again, so the
    task's own record keeps the traceback for the administrator.
    """
    job = Job.objects.select_related("organisation", "requested_by").get(pk=job_id)
    if job.finished:
        return
    job.start()
    try:
        work(job)
    except JobFailed as error:
        job.fail(str(error))
        return
    except Exception:
        job.fail(UNEXPECTED.format(pk=job.pk), retryable=True)
        raise
    if not job.finished:
        job.finish()
