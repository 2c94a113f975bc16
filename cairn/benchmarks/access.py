"""Reaching published statistics from a request. They are shared by every council (decision 15), so there is no
organisation to scope by: anyone holding a role in a council may read them, as they may read its records."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from cairn.accounts.permissions import can_view_records

from .models import Measure


def measures_for_user(request):
    _refuse_unless(can_view_records(request.user))
    return Measure.objects.select_related("definition", "first_release")


def get_measure_for_user(request, pk: int) -> Measure:
    return get_object_or_404(measures_for_user(request), pk=pk)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
