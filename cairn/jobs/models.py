"""Work too long for a web request (reading a big file, making a big document), done by `cairn db_worker`.

A Job is what the person sees: what is being done, how far it has got, and what came of it. The queue itself is
Django's task framework with the `django_tasks_db` back end (decision 0004); a Job names its task by id.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from cairn.core.models import TenantModel, TenantQuerySet

# How long finished work is shown and kept (`cairn prune-jobs` deletes it after that).
KEPT_FOR = dt.timedelta(days=7)

STALLED = (
    "Cairn stopped this because it had not moved on for {minutes} minutes: the background worker may have been "
    "stopped or lost its database. Nothing was changed. Press Try again; if it stops again, tell your administrator "
    "(background job {pk})."
)


def time_limit() -> dt.timedelta:
    """How long a job in progress may go without reporting progress before it is taken to have died."""
    return dt.timedelta(seconds=settings.CAIRN_JOB_TIME_LIMIT)


class JobQuerySet(TenantQuerySet):
    def stalled(self):
        """Jobs in progress that have not reported progress within the time limit."""
        return self.filter(state=Job.State.RUNNING, updated_at__lt=timezone.now() - time_limit())

    def fail_stalled(self) -> int:
        """Mark stalled jobs failed, with a message the person can act on; they can then be tried again. Each is a
        single conditional UPDATE, so a job that reports progress meanwhile is left alone."""
        failed = 0
        minutes = max(1, round(settings.CAIRN_JOB_TIME_LIMIT / 60))
        for pk in self.stalled().values_list("pk", flat=True):
            now = timezone.now()
            failed += Job.objects.filter(pk=pk, state=Job.State.RUNNING, updated_at__lt=now - time_limit()).update(
                state=Job.State.FAILED, finished_at=now, updated_at=now, step="",
                message=STALLED.format(minutes=minutes, pk=pk), retryable=True,
            )
        return failed


class Job(TenantModel):
    class Kind(models.TextChoices):
        IMPORT = "import", "Reading a paper to import"
        DOCUMENT = "document", "Making a document"

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "In progress"
        DONE = "done", "Done"
        FAILED = "failed", "Could not be finished"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=300, help_text="What is being done, in the person's words.")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    arguments = models.JSONField(default=dict, blank=True, help_text="What the task needs besides the input file.")
    input_name = models.CharField(max_length=300, blank=True)
    input = models.BinaryField(null=True, blank=True, help_text="The uploaded file, until it has been read.")
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(null=True, blank=True, help_text="Unknown until the work has begun.")
    step = models.CharField(max_length=200, blank=True, help_text="What it is doing now, e.g. 'Reading page 3 of 50'.")
    message = models.TextField(blank=True, help_text="Why it could not be finished, for the person.")
    result = models.JSONField(default=dict, blank=True, help_text="What came of it, e.g. the staged import's id.")
    output = models.BinaryField(null=True, blank=True, help_text="A document made, until it is downloaded or expires.")
    output_name = models.CharField(max_length=300, blank=True)
    output_type = models.CharField(max_length=200, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    retryable = models.BooleanField(
        default=False, help_text="It failed for a reason that trying again may cure (its input is kept for that)."
    )
    retried_as = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The job that tried again."
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "requested_by", "kind", "state"])]

    def __str__(self) -> str:
        return self.title

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}

    @property
    def percent(self) -> int | None:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    def status(self) -> dict:
        """What the job page shows, as JSON for the page to poll."""
        return {
            "state": self.state, "state_text": self.get_state_display(), "done": self.done, "total": self.total,
            "percent": self.percent, "step": self.step, "finished": self.finished,
        }

    # -- told by the task as it works: each a single UPDATE outside any transaction, so the page sees it at once --

    def progress(self, done: int, total: int | None, step: str) -> None:
        self.done, self.total, self.step = done, total, step[:200]
        Job.objects.filter(pk=self.pk).update(done=done, total=total, step=self.step, updated_at=timezone.now())

    def start(self) -> None:
        self.state, self.started_at = self.State.RUNNING, timezone.now()
        Job.objects.filter(pk=self.pk).update(state=self.state, started_at=self.started_at, updated_at=self.started_at)

    def finish(self, *, result: dict | None = None, output: bytes | None = None, name: str = "", type: str = "") -> None:
        self.state, self.finished_at, self.step = self.State.DONE, timezone.now(), ""
        self.result, self.output, self.output_name, self.output_type = result or {}, output, name, type
        self.input = None
        self.save(update_fields=[
            "state", "finished_at", "step", "result", "output", "output_name", "output_type", "input", "updated_at",
        ])

    def fail(self, message: str, *, retryable: bool = False) -> None:
        """Fail with a message for the person. A retryable failure keeps the input, so the work can be tried again."""
        self.state, self.finished_at, self.message = self.State.FAILED, timezone.now(), message
        self.retryable = retryable
        fields = ["state", "finished_at", "message", "retryable", "updated_at"]
        if not retryable:
            self.input = None
            fields.append("input")
        self.save(update_fields=fields)

    @property
    def can_retry(self) -> bool:
        return self.state == self.State.FAILED and self.retryable and self.retried_as_id is None


class WorkerHeartbeat(models.Model):
    """Each running `cairn db_worker` says here, every few seconds, that it is alive (/healthz reports the latest)."""

    worker_id = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} at {self.beat_at:%H:%M:%S}"
