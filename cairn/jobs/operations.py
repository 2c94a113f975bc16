"""Named changes to background work a person asked for; each records one audit event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from cairn.audit.events import record_event

from . import background
from .models import Job


@transaction.atomic
def retry_job(job: Job, *, by) -> Job:
    """Try again work that could not be finished for a reason trying again may cure (its worker died, the database
    was lost): the same work as a new job, which the old one points to."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job.can_retry:
        raise ValidationError("This cannot be tried again: it has finished, or it failed for a reason in the file itself.")
    task = DBTaskResult.objects.get(id=job.task_id).task
    again = background.start(
        task, organisation=job.organisation, by=by, kind=job.kind, title=job.title, arguments=job.arguments,
        input_name=job.input_name, input=job.input,
    )
    Job.objects.filter(pk=job.pk).update(retried_as=again, input=None)
    record_event(again, "job.retried", by=by, before={"job": job.pk, "message": job.message}, after={"job": again.pk})
    return again
