"""Programme rounds: open a highlight-report round for a board, and the project leads' reports in it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import can_manage_rounds, can_view_round, can_write_project_update
from cairn.core.access import get_scoped_or_404, scoped
from cairn.core.forms import apply_model_errors, submitted
from cairn.programmes import operations as programmes
from cairn.programmes.models import ProjectUpdate

from ..models import ReportingRound
from ..round_forms import ProgrammeRoundForm, ProjectUpdateForm

REPORT_FIELDS = ["rag", "progress_points", "risks_text", "spent", "savings", "voice_and_feedback"]


def programme_round_open(request):
    scoped(request, ReportingRound.objects.none())
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    form = ProgrammeRoundForm(request.organisation, request.POST or None)
    round_ = submitted(request, form, lambda data: programmes.open_programme_round(
        data["programme"], by=request.user, title=data["title"], period_label=data["period_label"],
        as_at_on=data["as_at_on"], deadline_on=data["deadline_on"], meeting=form.meeting_for(by=request.user),
    ))
    if round_:
        messages.success(request, "Round opened: every project of the programme is asked for its highlight report.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/programme_round_open.html", {"form": form})


def _get_report(request, pk: int) -> ProjectUpdate:
    report = get_scoped_or_404(
        request, ProjectUpdate.objects.select_related("round", "project__programme", "project__lead"), pk=pk
    )
    if not can_view_round(request.user, report.round):
        raise PermissionDenied
    return report


def project_update_edit(request, pk: int):
    """A project lead writes the project's highlight report: save a draft, come back, submit."""
    report = _get_report(request, pk)
    if not can_write_project_update(request.user, report):
        raise PermissionDenied
    initial = {name: getattr(report, name) for name in REPORT_FIELDS} | {"version": report.version}
    form = ProjectUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in REPORT_FIELDS}
        try:
            saved = programmes.save_project_update(report, by=request.user, expected_version=data["version"], **fields)
            if request.POST.get("action") == "submit":
                programmes.submit_project_update(saved, by=request.user)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            if request.POST.get("action") == "submit":
                messages.success(request, f"The highlight report for {report.project} has been submitted.")
                return redirect("rounds:round_detail" if can_manage_rounds(request.user) else "rounds:my_updates",
                                *([report.round_id] if can_manage_rounds(request.user) else []))
            messages.success(request, "Your draft has been saved.")
            return redirect("rounds:project_update_edit", report.pk)
    return render(request, "rounds/project_update_edit.html", {"report": report, "form": form})


@require_POST
def project_update_accept(request, pk: int):
    report = _get_report(request, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    try:
        programmes.accept_project_update(report, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The highlight report for {report.project} is accepted.")
    return redirect("rounds:round_detail", report.round_id)
