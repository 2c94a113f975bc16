"""A person's background work: its progress page (polled by a small script), its status as JSON, its download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.audit.events import record_event
from cairn.core.access import get_scoped_or_404, scoped

from . import operations
from .models import KEPT_FOR, Job


def _own_jobs(request):
    """Only the person who asked sees a job: it may hold a document made with what they alone may see."""
    return scoped(request, Job.objects.filter(requested_by=request.user))


def _own_job_or_404(request, pk: int) -> Job:
    """One of the person's own jobs, without the bytes of its file or document (a page does not show them). A job
    in progress that has stopped reporting is marked failed first, so the page tells the truth even when no worker
    is running to do it."""
    job = get_scoped_or_404(request, _own_jobs(request).defer("input", "output"), pk=pk)
    if job.state == Job.State.RUNNING and Job.objects.filter(pk=job.pk).fail_stalled():
        job = get_scoped_or_404(request, _own_jobs(request).defer("input", "output"), pk=pk)
    return job


def job_list(request):
    jobs = _own_jobs(request).defer("input", "output").filter(created_at__gte=timezone.now() - KEPT_FOR)[:50]
    return render(request, "jobs/job_list.html", {"jobs": jobs, "kept_days": KEPT_FOR.days})


def job_detail(request, pk: int):
    job = _own_job_or_404(request, pk)
    if job.state == Job.State.DONE and job.kind == Job.Kind.IMPORT and "batch" in job.result:
        return redirect("imports:batch_preview", job.result["batch"])
    waiting = timezone.now() - job.created_at if job.state == Job.State.QUEUED else None
    context = {"job": job, "kept_days": KEPT_FOR.days, "waiting_long": waiting is not None and waiting.total_seconds() >= 60}
    return render(request, "jobs/job_detail.html", context)


def job_status(request, pk: int):
    job = _own_job_or_404(request, pk)
    return JsonResponse(job.status())


def job_download(request, pk: int):
    job = get_scoped_or_404(request, _own_jobs(request), pk=pk)
    if job.state != Job.State.DONE or job.output is None:
        raise Http404
    record_event(job, "document.downloaded", by=request.user, after={"document": job.output_name})
    response = HttpResponse(bytes(job.output), content_type=job.output_type)
    response["Content-Disposition"] = f'attachment; filename="{job.output_name}"'
    return response


@require_POST
def job_retry(request, pk: int):
    job = _own_job_or_404(request, pk)
    try:
        again = operations.retry_job(job, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("jobs:job_detail", job.pk)
    return redirect("jobs:job_detail", again.pk)
