"""Reaching reviews and recommendations from a request: always through the organisation scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber

from cairn.accounts.permissions import can_edit_reviews, can_manage_committees, can_see_unpublished_updates
from cairn.core.access import get_scoped_or_404, scoped

from .models import (
    Action,
    Committee,
    CommitteePaper,
    Meeting,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    Review,
    ReviewQuestion,
    ReviewStep,
    SavingEstimate,
)


def reviews_for_user(request):
    return scoped(request, Review.objects.select_related("committee"))


def get_review_for_user(request, pk: int, edit: bool = False) -> Review:
    review = get_scoped_or_404(request, Review.objects.select_related("committee"), pk=pk)
    return _editable(request, review) if edit else review


def _editable(request, record):
    """The record, if the user may change it: another council's is already a 404, a councillor's edit is a 403."""
    if not can_edit_reviews(request.user):
        raise PermissionDenied
    return record


def updates_visible_to(user):
    """Progress updates this user may see as a record's progress: councillors see published progress only (a round in
    review is theirs to read on its own page, where what is not yet checked says so)."""
    updates = ProgressUpdate.objects.all()
    if not can_see_unpublished_updates(user):
        updates = updates.filter(round__state=ReportingRound.State.PUBLISHED)
    return updates


def recommendations_with_latest(queryset, user):
    """Recommendations with their steps, estimates and only their newest visible update that has something in it
    (`latest_updates`, a list of one or none), in a fixed number of queries: a review's page shows no older ones."""
    ranked = (
        updates_visible_to(user).exclude(state=ProgressUpdate.State.ASKED)
        .annotate(rank=Window(RowNumber(), partition_by=F("recommendation_id"),
                              order_by=[F("round__as_at_on").desc(), F("round_id").desc()]))
        .filter(rank=1).select_related("round", "level").defer("round__published_content")
    )
    return queryset.select_related("review", "lead_officer", "finance_manager").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("lead_officer").prefetch_related("revisions")),
        "saving_estimates",
        Prefetch("updates", queryset=ranked, to_attr="latest_updates"),
    )


def recommendations_with_plan(queryset, user):
    """Recommendations with their steps, estimates and visible updates (newest first) in a fixed number of queries."""
    return queryset.select_related("review", "lead_officer", "finance_manager").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("lead_officer").prefetch_related("revisions")),
        "saving_estimates",
        Prefetch(
            "updates",
            queryset=updates_visible_to(user).select_related("round", "level").defer("round__published_content").order_by("-round__as_at_on", "-round_id"),
        ),
    )


def get_recommendation_for_user(request, pk: int, edit: bool = False, plan: bool = True) -> Recommendation:
    """The recommendation in the person's council (with its plan and updates, unless `plan` is false), if they may
    see it or change it."""
    if edit:
        return _editable(request, get_scoped_or_404(request, Recommendation.objects.select_related("review"), pk=pk))
    if not plan:
        return get_scoped_or_404(request, Recommendation.objects.select_related("review"), pk=pk)
    return get_scoped_or_404(request, recommendations_with_plan(Recommendation.objects.all(), request.user), pk=pk)


def get_action_for_user(request, pk: int, edit: bool = False) -> Action:
    action = get_scoped_or_404(
        request, Action.objects.select_related("recommendation__review").prefetch_related("revisions"), pk=pk
    )
    return _editable(request, action) if edit else action


def get_saving_estimate_for_user(request, pk: int, edit: bool = False) -> SavingEstimate:
    estimate = get_scoped_or_404(
        request, SavingEstimate.objects.select_related("review").prefetch_related("recommendations"), pk=pk
    )
    return _editable(request, estimate) if edit else estimate


def get_question_for_user(request, pk: int, edit: bool = False) -> ReviewQuestion:
    question = get_scoped_or_404(request, ReviewQuestion.objects.select_related("review"), pk=pk)
    return _editable(request, question) if edit else question


def get_step_for_user(request, pk: int, edit: bool = False) -> ReviewStep:
    step = get_scoped_or_404(request, ReviewStep.objects.select_related("review"), pk=pk)
    return _editable(request, step) if edit else step


def get_committee_for_user(request, pk: int, edit: bool = False) -> Committee:
    committee = get_scoped_or_404(request, Committee.objects.all(), pk=pk)
    if edit and not can_manage_committees(request.user):
        raise PermissionDenied
    return committee


def get_meeting_for_user(request, pk: int, edit: bool = False) -> Meeting:
    meeting = get_scoped_or_404(request, Meeting.objects.select_related("committee"), pk=pk)
    if edit and not can_manage_committees(request.user):
        raise PermissionDenied
    return meeting


def get_paper_for_user(request, pk: int, edit: bool = False) -> CommitteePaper:
    """One of a review's papers (one filed at a meeting without a review is not written in Cairn)."""
    papers = CommitteePaper.objects.filter(review__isnull=False).select_related("review", "meeting__committee")
    paper = get_scoped_or_404(request, papers, pk=pk)
    return _editable(request, paper) if edit else paper
