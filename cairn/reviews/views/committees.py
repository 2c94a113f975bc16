"""Committees (and boards) and their meetings: the list, adding and changing them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone

from cairn.accounts.permissions import can_manage_committees
from cairn.core.access import scoped
from cairn.core.forms import initial_from, submitted

from .. import operations
from ..access import get_committee_for_user, get_meeting_for_user
from ..committee_forms import CommitteeForm, MeetingForm
from ..models import Committee, Meeting


def committee_list(request):
    committees = scoped(request, Committee.objects.prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("-held_on"))
    ))
    return render(request, "committees/committee_list.html", {
        "committees": committees, "today": timezone.localdate(), "can_manage": can_manage_committees(request.user),
    })


def committee_create(request):
    scoped(request, Committee.objects.none())  # people of this council only
    if not can_manage_committees(request.user):
        raise PermissionDenied
    form = CommitteeForm(request.organisation, request.POST or None)
    committee = submitted(request, form, lambda data: operations.create_committee(request.organisation, by=request.user, **data))
    if committee:
        messages.success(request, f"{committee} has been added. Add its meetings.")
        return redirect("committees:committee_list")
    return render(request, "committees/committee_form.html", {"form": form, "committee": None})


def committee_edit(request, pk: int):
    committee = get_committee_for_user(request, pk, edit=True)
    form = CommitteeForm(request.organisation, request.POST or None, committee=committee,
                         initial=initial_from(committee, CommitteeForm))
    if submitted(request, form, lambda data: operations.update_committee(committee, by=request.user, **data), record=committee):
        messages.success(request, "The committee's name has been changed.")
        return redirect("committees:committee_list")
    return render(request, "committees/committee_form.html", {"form": form, "committee": committee})


def meeting_create(request, pk: int):
    committee = get_committee_for_user(request, pk, edit=True)
    form = MeetingForm(committee, request.POST or None)
    meeting = submitted(request, form, lambda data: operations.schedule_meeting(committee, by=request.user, **data))
    if meeting:
        messages.success(request, f"The meeting on {meeting.held_on:%d/%m/%Y} has been added.")
        return redirect("committees:committee_list")
    return render(request, "committees/meeting_form.html", {"form": form, "committee": committee, "meeting": None})


def meeting_edit(request, pk: int):
    meeting = get_meeting_for_user(request, pk, edit=True)
    form = MeetingForm(meeting.committee, request.POST or None, meeting=meeting, initial=initial_from(meeting, MeetingForm))
    if submitted(request, form, lambda data: operations.move_meeting(meeting, by=request.user, **data), record=meeting):
        messages.success(request, f"The meeting is now on {meeting.held_on:%d/%m/%Y}.")
        return redirect("committees:committee_list")
    return render(request, "committees/meeting_form.html", {"form": form, "committee": meeting.committee, "meeting": meeting})
