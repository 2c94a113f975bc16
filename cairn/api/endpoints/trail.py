"""The council's audit trail, for its administrators (as its CSV export is)."""

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from ninja import Field, FilterLookup, FilterSchema, Query, Router

from cairn.accounts.permissions import can_export_audit_trail
from cairn.audit.models import AuditEvent

from ..paging import MAX_ID, Page, PageParams, page
from ..schemas import AuditEventOut

router = Router(tags=["Audit trail"])


class AuditFilter(FilterSchema):
    target_type: str | None = Field(None, pattern=r"^[a-z_]+\.[a-z_]+$", max_length=100,
                                    description='The kind of record, for example "reviews.recommendation".')
    target_id: int | None = Field(None, ge=1, le=MAX_ID)
    action: str | None = Field(None, pattern=r"^[a-z_.]+$", max_length=100,
                               description='For example "progress_update.submitted".')
    since: Annotated[dt.date | None, FilterLookup("at__date__gte")] = Field(
        None, description="Events on or after this day (YYYY-MM-DD).")

    def filter_target_id(self, value):
        return Q() if value is None else Q(target_id=str(value))


@router.get("/audit-events", response=Page[AuditEventOut], url_name="audit_event_list")
def audit_event_list(request, filters: Query[AuditFilter], paging: Query[PageParams]):
    """Every change in the council, newest first: who, when, what, and the values before and after."""
    if not can_export_audit_trail(request.user):
        raise PermissionDenied
    events = filters.filter(AuditEvent.objects.for_organisation(request.organisation))
    return page(request, events.order_by("-at", "-pk"), paging)
