"""The one way views reach tenant records: scoped to request.organisation, 404 for anyone else's."""

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from cairn.accounts.permissions import can_view_records


def scoped(request, queryset: QuerySet) -> QuerySet:
    """Limit a queryset to the signed-in user's organisation; refuse users who may not read records."""
    if not can_view_records(request.user):
        raise PermissionDenied
    return queryset.filter(organisation=request.organisation)


def get_scoped_or_404(request, queryset: QuerySet, **lookup) -> Model:
    """One record of the user's organisation, or 404: another council's records do not exist for them."""
    return get_object_or_404(scoped(request, queryset), **lookup)
