"""Programme rounds: open a highlight-report round for a board, and the project leads' reports in it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from cairn.accounts.permissions import can_manage_rounds, can_view_round, can_write_project_update
from cairn.core.access import get_scoped_or_404, scoped
from cairn.core.forms import apply_model_errors, submitted
from cairn.programmes import operations as programmes
from cairn.lib.money import as_typed
from cairn.programmes.access import previous_report
from cairn.programmes.models import ProjectUpdate
from cairn.reports.changes import project_update_since_last_committee

from ..models import ReportingRound
from ..round_forms import ProgrammeRoundForm, ProjectUpdateForm, ReturnForm

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
        request,
        ProjectUpdate.objects.select_related("round", "project__programme__manager", "project__lead", "author")
        .defer("round__published_content"),
        pk=pk,
    )
    if not can_view_round(request.user, report.round):
        raise PermissionDenied
    return report


def project_update_edit(request, pk: int):
    """A project lead writes the project's highlight report: save a draft, come back, submit. At first it holds the
    project's last report, to change what has moved on."""
    report = _get_report(request, pk)
    if not can_write_project_update(request.user, report):
        raise PermissionDenied
    previous = previous_report(report)
    source = report if report.state != ProjectUpdate.State.ASKED or previous is None else previous
    initial = {name: getattr(source, name) for name in REPORT_FIELDS} | {"version": report.version}
    initial |= {name: as_typed(getattr(source, name)) for name in ("spent", "savings")}
    form = ProjectUpdateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in REPORT_FIELDS}
        submitting = request.POST.get("action") == "submit"
        try:
            saved = programmes.save_project_update(report, by=request.user, expected_version=data["version"], **fields)
        except ValidationError as error:
            apply_model_errors(form, error)
        else:
            if not submitting:
                messages.success(request, "Your draft has been saved. You can come back to it before the deadline.")
                return redirect("rounds:project_update_edit", report.pk)
            try:
                programmes.submit_project_update(saved, by=request.user)
            except ValidationError as error:
                # The draft is kept; the form shown again carries its new version, so submitting again just works.
                posted = request.POST.copy()
                posted["version"] = saved.version
                form = ProjectUpdateForm(posted)
                form.is_valid()
                apply_model_errors(form, error)
                report = saved
            else:
                messages.success(request, f"The highlight report for {report.project} has been submitted for checking.")
                if can_manage_rounds(request.user):
                    return redirect("rounds:round_detail", report.round_id)
                return redirect("rounds:my_updates")
    return render(request, "rounds/project_update_edit.html", {"report": report, "form": form, "previous": previous})


def project_update_check(request, pk: int):
    """The officer compares a highlight report with the project's last one, and accepts it or returns it."""
    report = _get_report(request, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                programmes.accept_project_update(report, by=request.user)
                messages.success(request, f"The highlight report for {report.project} is accepted.")
                return redirect("rounds:round_detail", report.round_id)
            if form.is_valid():
                programmes.return_project_update(report, by=request.user, comment=form.cleaned_data["return_comment"])
                messages.success(request, f"The highlight report for {report.project} has been returned to its lead, "
                                          "who has been e-mailed.")
                return redirect("rounds:round_detail", report.round_id)
        except ValidationError as error:
            apply_model_errors(form, error)
    return render(request, "rounds/project_update_check.html", {
        "report": report, "previous": previous_report(report), "form": form,
        # Compared with what the last board saw: the previous published round's frozen content.
        "last": project_update_since_last_committee(report),
        "can_write": can_write_project_update(request.user, report),
    })
