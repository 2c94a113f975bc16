"""Reviews, recommendations (with their steps, estimates and latest update) and steps."""

from ninja import Field, FilterSchema, Path, Query, Router

from cairn.core.access import scoped
from cairn.reviews.access import (
    get_action_for_user,
    get_recommendation_for_user,
    get_review_for_user,
    recommendations_with_plan,
    reviews_for_user,
)
from cairn.reviews.models import Action, Recommendation, Review

from ..paging import MAX_ID, Page, PageParams, id_filter, page
from ..schemas import Me, RecommendationOut, ReviewOut, StepOut

router = Router(tags=["Reviews and recommendations"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get("/me", response=Me, url_name="me")
def me(request):
    """The person the token acts as: their council and roles."""
    user = request.user
    return {"username": user.username, "name": user.display_name, "council": request.organisation.name,
            "council_slug": request.organisation.slug, "roles": sorted(user.roles)}


class ReviewFilter(FilterSchema):
    state: Review.State | None = None
    kind: Review.Kind | None = None
    committee: id_filter("committee_id") = None


@router.get("/reviews", response=Page[ReviewOut], url_name="review_list")
def review_list(request, filters: Query[ReviewFilter], paging: Query[PageParams]):
    """The council's reviews, by title."""
    return page(request, filters.filter(reviews_for_user(request)).order_by("title", "pk"), paging)


@router.get("/reviews/{pk}", response=ReviewOut, url_name="review_detail")
def review_detail(request, pk: int = Id):
    return get_review_for_user(request, pk)


class RecommendationFilter(FilterSchema):
    review: id_filter("review_id") = None
    state: Recommendation.State | None = None
    lead_officer: id_filter("lead_officer_id") = None
    finance_manager: id_filter("finance_manager_id") = None


@router.get("/recommendations", response=Page[RecommendationOut], url_name="recommendation_list")
def recommendation_list(request, filters: Query[RecommendationFilter], paging: Query[PageParams]):
    """Recommendations with their steps, savings estimates and the latest update the person may see."""
    recommendations = recommendations_with_plan(scoped(request, Recommendation.objects.all()), request.user)
    recommendations = recommendations.prefetch_related("updates__revised_actions")
    return page(request, filters.filter(recommendations).order_by("review__title", "order", "pk"), paging)


@router.get("/recommendations/{pk}", response=RecommendationOut, url_name="recommendation_detail")
def recommendation_detail(request, pk: int = Id):
    return get_recommendation_for_user(request, pk)


@router.get("/steps/{pk}", response=StepOut, url_name="step_detail")
def step_detail(request, pk: int = Id):
    """One step of a recommendation's action plan."""
    return get_action_for_user(request, pk)


class StepFilter(FilterSchema):
    recommendation: id_filter("recommendation_id") = None
    completed: bool | None = Field(None, description="true: done; false: not yet done.")

    def filter_completed(self, value: bool | None):
        from django.db.models import Q

        return Q() if value is None else Q(completed_on__isnull=not value)


@router.get("/steps", response=Page[StepOut], url_name="step_list")
def step_list(request, filters: Query[StepFilter], paging: Query[PageParams]):
    """Steps of action plans (target_display says the target as the plan words it)."""
    return page(request, filters.filter(scoped(request, Action.objects.all())).order_by("recommendation_id", "order", "pk"), paging)

