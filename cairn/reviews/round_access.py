"""Reaching rounds and updates from a request: organisation scope first, then the role's right to see them."""

from django.core.exceptions import PermissionDenied

from cairn.accounts.permissions import can_see_unpublished_updates, can_view_records, can_view_round
from cairn.core.access import get_scoped_or_404, scoped

from .models import ProgressUpdate, ReportingRound


def rounds_for_user(request):
    """The rounds this person may see (as `can_view_round` decides for one), newest first, as a query to page through."""
    rounds = scoped(request, ReportingRound.objects.select_related("meeting__committee"))
    if not can_view_records(request.user):
        return rounds.none()
    if not can_see_unpublished_updates(request.user):
        rounds = rounds.filter(state__in=[ReportingRound.State.IN_REVIEW, ReportingRound.State.PUBLISHED])
    return rounds


def get_round_for_user(request, pk: int) -> ReportingRound:
    round_ = get_scoped_or_404(request, ReportingRound.objects.select_related("meeting__committee"), pk=pk)
    if not can_view_round(request.user, round_):
        raise PermissionDenied
    return round_


def get_update_for_user(request, pk: int, whole: bool = True) -> ProgressUpdate:
    """The update, if this person may see its round: with the people and level it names, or (`whole` false) only
    its round and recommendation (a join of ten tables costs PostgreSQL more to plan than to run)."""
    related = ["round", "recommendation__review"]
    if whole:
        related += ["level", "recommendation__lead_officer", "recommendation__finance_manager", "finance_confirmed_by",
                    "author"]
    update = get_scoped_or_404(
        request, ProgressUpdate.objects.select_related(*related).defer("round__published_content"), pk=pk
    )
    if not can_view_round(request.user, update.round):
        raise PermissionDenied
    return update


def previous_update(update: ProgressUpdate) -> ProgressUpdate | None:
    """The same recommendation's update in the round before this one, if it had anything in it."""
    return (
        ProgressUpdate.objects.filter(recommendation_id=update.recommendation_id, action_id=update.action_id,
                                      round__as_at_on__lt=update.round.as_at_on)
        .exclude(state=ProgressUpdate.State.ASKED)
        .select_related("round", "level").defer("round__published_content")
        .order_by("-round__as_at_on", "-round_id")
        .first()
    )


def updates_asked_of(user):
    """The progress updates asked of this person as lead, in rounds still collecting, soonest deadline first."""
    return (
        ProgressUpdate.objects.for_organisation(user.organisation)
        .filter(recommendation__lead_officer=user, round__state=ReportingRound.State.COLLECTING)
        .select_related("round", "recommendation__review", "level").defer("round__published_content")
        .order_by("round__deadline_on", "recommendation__review__title", "recommendation__order")
    )


def figures_to_confirm(user):
    """Savings or costs to date that leads have given and this finance manager has not yet confirmed, in rounds not yet
    published: submitted or accepted updates (a draft may still change)."""
    return (
        ProgressUpdate.objects.for_organisation(user.organisation)
        .filter(recommendation__finance_manager=user, finance_confirmed_at__isnull=True, savings_amount__isnull=False)
        .filter(state__in=[ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED])
        .filter(round__state__in=[ReportingRound.State.COLLECTING, ReportingRound.State.IN_REVIEW])
        .select_related("round", "recommendation__review").defer("round__published_content")
        .order_by("round__deadline_on", "recommendation__review__title", "recommendation__order")
    )
