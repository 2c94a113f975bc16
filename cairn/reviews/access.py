"""Reaching reviews and recommendations from a request: always through the organisation scope."""

from django.db.models import Prefetch

from cairn.accounts.permissions import can_see_unpublished_updates
from cairn.core.access import get_scoped_or_404, scoped

from .models import Action, ProgressUpdate, Recommendation, ReportingRound, Review


def reviews_for_user(request):
    return scoped(request, Review.objects.select_related("committee"))


def get_review_for_user(request, pk: int) -> Review:
    return get_scoped_or_404(request, Review.objects.select_related("committee"), pk=pk)


def updates_visible_to(user):
    """Progress updates this user may see: councillors see only rounds in review or published."""
    updates = ProgressUpdate.objects.all()
    if not can_see_unpublished_updates(user):
        updates = updates.filter(round__state__in=[ReportingRound.State.IN_REVIEW, ReportingRound.State.PUBLISHED])
    return updates


def recommendations_with_plan(queryset, user):
    """Recommendations with their steps, estimates and visible updates (newest first) in a fixed number of queries."""
    return queryset.select_related("review", "lead_officer", "finance_manager").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("lead_officer").prefetch_related("revisions")),
        "saving_estimates",
        Prefetch(
            "updates",
            queryset=updates_visible_to(user).select_related("round", "level").order_by("-round__as_at_on", "-round_id"),
        ),
    )


def get_recommendation_for_user(request, pk: int) -> Recommendation:
    return get_scoped_or_404(request, recommendations_with_plan(Recommendation.objects.all(), request.user), pk=pk)
