"""Downloading committee papers and exports of a review, a programme or a round."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from cairn.accounts.permissions import can_see_unpublished_updates, can_view_round
from cairn.audit.events import record_event
from cairn.core.access import get_scoped_or_404, scoped
from cairn.programmes.models import Programme
from cairn.reviews.models import ProgressUpdate, ReportingRound, Review

from . import tasks
from .data import ACTION_PLAN, HIGHLIGHT, ReportError
from .documents import DocumentNotFound, build_report, size
from .documents import render as render_document


def _visible_round_id(request, kind: str, pk: int) -> int | None:
    """For people who may not see drafts (councillors), the newest published round that reported on the record."""
    rounds = ReportingRound.objects.for_organisation(request.organisation).filter(state=ReportingRound.State.PUBLISHED)
    if kind == HIGHLIGHT:
        rounds = rounds.filter(project_updates__project__programme_id=pk)
    else:
        rounds = rounds.filter(
            pk__in=ProgressUpdate.objects.filter(recommendation__review_id=pk).values("round_id")
        )
    round_ = rounds.order_by("-as_at_on", "-pk").first()
    if round_ is None:
        raise Http404
    return round_.pk


def document_download(request, kind: str, pk: int):
    scoped(request, Review.objects.none())  # only people with a role in this council
    format = request.GET.get("format", "docx")
    round_id = request.GET.get("round") or None
    if round_id is not None:
        if not round_id.isdigit():
            raise Http404
        round_ = get_scoped_or_404(request, ReportingRound.objects.all(), pk=int(round_id))
        if not can_view_round(request.user, round_):
            raise PermissionDenied
        round_id = round_.pk
    elif kind != ACTION_PLAN and not can_see_unpublished_updates(request.user):
        round_id = _visible_round_id(request, kind, pk)
    try:
        report = build_report(request.organisation, kind, pk, round_id=round_id)
        if format == "pdf" and size(report) > settings.CAIRN_BACKGROUND_ROWS:
            # A long PDF takes seconds to lay out: make it in the background and show how far it has got.
            with transaction.atomic():
                job = tasks.queue(request.organisation, by=request.user, report=report, kind=kind, pk=pk,
                                  format=format, round_id=round_id)
            return redirect("jobs:job_detail", job.pk)
        content, filename, content_type = render_document(report, format)
    except DocumentNotFound:
        raise Http404 from None
    except ReportError as error:
        return render(request, "reports/cannot_make.html", {"message": str(error)}, status=400)
    record = (Programme if kind == HIGHLIGHT else Review).objects.get(pk=pk)  # build_report found it in this council
    record_event(record, "document.downloaded", by=request.user, after={"document": filename, "round": round_id})
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
