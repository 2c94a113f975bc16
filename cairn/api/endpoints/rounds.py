"""Reporting rounds, their updates, and published rounds' frozen content with its fingerprint."""

from django.http import Http404
from ninja import Field, FilterSchema, Path, Query, Router

from cairn.accounts.permissions import can_see_unpublished_updates
from cairn.core.access import scoped
from cairn.reviews.fingerprints import frozen_content
from cairn.reviews.models import ProgressUpdate, ReportingRound
from cairn.reviews.round_access import get_round_for_user, get_update_for_user

from ..paging import MAX_ID, Page, PageParams, id_filter, page
from ..schemas import PublishedRoundOut, RoundOut, UpdateOut

router = Router(tags=["Rounds and progress updates"])
Id = Path(..., ge=1, le=MAX_ID)
SEEN_BY_COUNCILLORS = (ReportingRound.State.IN_REVIEW, ReportingRound.State.PUBLISHED)


def visible_rounds(request):
    """The rounds the person may see, as `can_view_round` decides for one: councillors only those in review or
    published."""
    rounds = scoped(request, ReportingRound.objects.all())
    if not can_see_unpublished_updates(request.user):
        rounds = rounds.filter(state__in=SEEN_BY_COUNCILLORS)
    return rounds


class RoundFilter(FilterSchema):
    state: ReportingRound.State | None = None
    kind: ReportingRound.Kind | None = None


@router.get("/rounds", response=Page[RoundOut], url_name="round_list")
def round_list(request, filters: Query[RoundFilter], paging: Query[PageParams]):
    """Reporting rounds, newest first."""
    return page(request, filters.filter(visible_rounds(request)).order_by("-as_at_on", "-pk"), paging)


@router.get("/rounds/{pk}", response=RoundOut, url_name="round_detail")
def round_detail(request, pk: int = Id):
    return get_round_for_user(request, pk)


class UpdateFilter(FilterSchema):
    state: ProgressUpdate.State | None = None
    recommendation: id_filter("recommendation_id") = None


@router.get("/rounds/{pk}/updates", response=Page[UpdateOut], url_name="round_updates")
def round_updates(request, filters: Query[UpdateFilter], paging: Query[PageParams], pk: int = Id):
    """The progress updates of a round (in a round in review, councillors also see those not yet checked, as on the
    round's page)."""
    round_ = get_round_for_user(request, pk)
    updates = round_.updates.select_related("round", "level").defer("round__published_content").prefetch_related("revised_actions")
    return page(request, filters.filter(updates).order_by("recommendation__order", "recommendation_id", "pk"), paging)


@router.get("/rounds/{pk}/published", response=PublishedRoundOut, url_name="round_published")
def round_published(request, pk: int = Id):
    """Exactly what the meeting saw, frozen at publication, with its SHA-256 fingerprint (checked before it is
    served). 404 for a round not yet published."""
    round_ = get_round_for_user(request, pk)
    if not round_.is_published:
        raise Http404("This round has not been published.")
    return {"round": round_.pk, "title": round_.title, "published_at": round_.published_at,
            "fingerprint": round_.content_hash, "content": frozen_content(round_)}


@router.get("/updates/{pk}", response=UpdateOut, url_name="update_detail")
def update_detail(request, pk: int = Id):
    return get_update_for_user(request, pk)
