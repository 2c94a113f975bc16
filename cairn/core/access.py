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


def own_organisation(request, *, manage: bool = False):
    """The signed-in person's own council, read afresh: never one named in a URL or a form. 403 for anyone who may not
    read its records (with `manage`, change its settings)."""
    from cairn.accounts.models import Organisation
    from cairn.accounts.permissions import can_manage_organisation

    allowed = can_manage_organisation if manage else can_view_records
    if request.organisation is None or not allowed(request.user):
        raise PermissionDenied
    return Organisation.objects.select_related("logo").defer("logo__image").get(pk=request.organisation.pk)


def get_council_logo_for_user(request, pk: int):
    """One of the signed-in person's council's logos (its current one or an earlier one), or 404."""
    from cairn.accounts.models import CouncilLogo

    return get_scoped_or_404(request, CouncilLogo.objects.all(), pk=pk)
