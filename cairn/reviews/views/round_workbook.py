"""A round's updates out to Excel and back: download the sheet, upload it filled in, check every row as the web form
would, then save them all."""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from cairn.accounts.permissions import can_manage_rounds
from cairn.core.forms import submitted

from .. import round_operations
from ..models import ProgressUpdate, ReportingRound
from ..round_access import get_round_for_user
from ..round_workbook import WorkbookError, from_session, read_updates_workbook, to_session, updates_workbook

MAX_UPLOAD = 5 * 1024 * 1024
_SESSION = "round-workbook"


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label="Upload the filled-in spreadsheet",
        error_messages={"required": "Choose the spreadsheet to upload", "empty": "The file you chose is empty"},
    )

    def clean_workbook(self):
        file = self.cleaned_data["workbook"]
        if file.size > MAX_UPLOAD:
            raise forms.ValidationError(f"{file.name} is larger than the {MAX_UPLOAD // 1024 // 1024} MB Cairn takes")
        return file


class WorkbookConfirmForm(forms.Form):
    staged = forms.CharField(widget=forms.HiddenInput)


def _round_to_fill(request, pk: int) -> ReportingRound:
    round_ = get_round_for_user(request, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    if round_.state in (ReportingRound.State.PUBLISHED, ReportingRound.State.CANCELLED) or round_.imported_from:
        raise PermissionDenied("A published, cancelled or imported round takes no updates.")
    return round_


def _updates(round_: ReportingRound) -> list[ProgressUpdate]:
    return list(
        round_.updates.select_related("recommendation__lead_officer", "recommendation__review", "level", "round")
        .order_by("recommendation__review__title", "recommendation__order", "recommendation_id", "action_id")
    )


def round_workbook_download(request, pk: int):
    """The round's updates as an Excel workbook to fill in."""
    round_ = _round_to_fill(request, pk)
    response = HttpResponse(
        updates_workbook(round_, _updates(round_)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{request.organisation.slug}-round-{round_.pk}-updates.xlsx"'
    return response


def round_workbook_upload(request, pk: int):
    """Upload the filled-in sheet: every row is checked as the web form checks an update, and shown before saving."""
    round_ = _round_to_fill(request, pk)
    form = WorkbookUploadForm(request.POST or None, request.FILES or None)
    rows = None
    token = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["workbook"]
        try:
            rows = read_updates_workbook(upload.read(), upload.name, round_)
        except WorkbookError as error:
            form.add_error("workbook", error.message)
        else:
            if not any(row.errors for row in rows) and rows:
                token = secrets.token_urlsafe(16)
                request.session[_SESSION] = {"round": round_.pk, "token": token, "file": upload.name,
                                             "rows": to_session(rows)}
    return render(request, "rounds/round_workbook.html", {
        "round": round_, "form": form, "rows": rows, "token": token,
        "confirm": WorkbookConfirmForm(initial={"staged": token}) if token else None,
        "errors": [message for row in rows or [] for message in row.errors],
    })


def round_workbook_confirm(request, pk: int):
    """Save the checked rows, all or none, each as the web form saves an update."""
    round_ = _round_to_fill(request, pk)
    if request.method != "POST":
        return redirect("rounds:round_workbook_upload", round_.pk)
    form = WorkbookConfirmForm(request.POST)
    staged = request.session.get(_SESSION) or {}
    if not form.is_valid() or staged.get("round") != round_.pk or staged.get("token") != form.cleaned_data["staged"]:
        messages.error(request, "Those changes are no longer waiting to be saved. Upload the spreadsheet again.")
        return redirect("rounds:round_workbook_upload", round_.pk)

    def save(_data: dict) -> int:
        return round_operations.save_updates_from_workbook(
            round_, by=request.user, rows=from_session(staged["rows"]), file_name=staged["file"]
        )

    try:
        saved = submitted(request, form, save)
    except ValidationError as error:
        saved = None
        form.add_error(None, error)
    if saved is None:
        messages.error(request, "Nothing was saved: " + " ".join(str(e) for e in form.non_field_errors()) +
                       " Download the spreadsheet again to see the changes made meanwhile.")
        return redirect("rounds:round_workbook_upload", round_.pk)
    request.session.pop(_SESSION, None)
    messages.success(request, f"{saved} update{'s' if saved != 1 else ''} saved from {staged['file']}.")
    return redirect("rounds:round_detail", round_.pk)
