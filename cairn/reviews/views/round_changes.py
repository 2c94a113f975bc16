"""Correcting a round before it is published, cancelling it, and sending again an e-mail that could not be sent."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import can_manage_rounds
from cairn.core.access import get_scoped_or_404
from cairn.core.forms import initial_from, submitted

from .. import round_operations
from ..models import Notice, ReportingRound
from ..round_access import get_round_for_user
from ..round_forms import CancelRoundForm, RoundDetailsForm


def _round_to_change(request, pk: int) -> ReportingRound:
    round_ = get_round_for_user(request, pk)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    if round_.state in (ReportingRound.State.PUBLISHED, ReportingRound.State.CANCELLED):
        raise PermissionDenied("A published or cancelled round cannot be changed.")
    return round_


def round_edit(request, pk: int):
    round_ = _round_to_change(request, pk)
    form = RoundDetailsForm(
        request.organisation, request.POST or None, initial=initial_from(round_, RoundDetailsForm),
        deadline_was=round_.deadline_on,
    )

    def change(data: dict):
        return round_operations.update_round(
            round_, by=request.user, title=data["title"], as_at_on=data["as_at_on"], deadline_on=data["deadline_on"],
            meeting=form.meeting_for(by=request.user),
        )

    if submitted(request, form, change, record=round_):
        messages.success(request, "The round's details have been changed. Leads already asked are told of a new deadline.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/round_edit.html", {"form": form, "round": round_})


def round_cancel(request, pk: int):
    round_ = _round_to_change(request, pk)
    form = CancelRoundForm(request.POST or None)
    if submitted(request, form, lambda data: round_operations.cancel_round(round_, by=request.user, reason=data["cancelled_reason"]),
                 record=round_):
        messages.success(request, "The round has been cancelled. The leads already asked are told.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/round_cancel.html", {"form": form, "round": round_})


@require_POST
def notice_resend(request, pk: int):
    notice = get_scoped_or_404(request, Notice.objects.select_related("round", "email", "recipient").defer("round__published_content"), pk=pk)
    get_round_for_user(request, notice.round_id)
    if not can_manage_rounds(request.user):
        raise PermissionDenied
    try:
        round_operations.resend_notice(notice, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The e-mail to {notice.recipient.display_name} will be sent again.")
    return redirect("rounds:round_detail", notice.round_id)
