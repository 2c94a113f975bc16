"""Creating and changing reviews, their questions and steps, recommendations, action plans and savings estimates.

Each view: find the record through access.py (another council's is a 404, a user who may not edit gets a 403),
bind the form, call the named operation, then redirect with a message or show the form again with its errors.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.permissions import can_edit_reviews
from cairn.core.forms import initial_from, submitted
from cairn.programmes import operations as programme_operations
from cairn.programmes.forms import BudgetLineForm, RiskForm

from .. import operations
from ..access import (
    get_action_for_user,
    get_question_for_user,
    get_recommendation_for_user,
    get_review_for_user,
    get_saving_estimate_for_user,
    get_step_for_user,
)
from ..forms import (
    ActionEditForm,
    ActionForm,
    CompleteActionForm,
    QuestionForm,
    RecommendationForm,
    ReviewForm,
    ReviseTargetForm,
    SavingEstimateForm,
    StepForm,
)


def review_create(request):
    if not can_edit_reviews(request.user):
        raise PermissionDenied
    form = ReviewForm(request.organisation, request.POST or None)
    review = submitted(request, form, lambda data: operations.create_review(request.organisation, by=request.user, **data))
    if review:
        messages.success(request, f"The review “{review.title}” has been added.")
        return redirect("reviews:review_detail", review.pk)
    return render(request, "reviews/review_form.html", {"form": form, "review": None})


def review_edit(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    form = ReviewForm(request.organisation, request.POST or None, initial=initial_from(review, ReviewForm))
    if submitted(request, form, lambda data: operations.update_review(review, by=request.user, **data), record=review):
        messages.success(request, "The review's details have been changed.")
        return redirect("reviews:review_detail", review.pk)
    return render(request, "reviews/review_form.html", {"form": form, "review": review})


def question_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    following = (review.questions.aggregate(last=Max("number"))["last"] or 0) + 1
    form = QuestionForm(request.POST or None, initial={"number": following})
    if submitted(request, form, lambda data: operations.add_review_question(review, by=request.user, **data)):
        messages.success(request, "The key question has been added.")
        return redirect("reviews:review_detail", review.pk)
    return render(request, "reviews/question_form.html", {"form": form, "review": review, "question": None})


def question_edit(request, pk: int):
    question = get_question_for_user(request, pk, edit=True)
    form = QuestionForm(request.POST or None, initial=initial_from(question, QuestionForm))
    if submitted(request, form, lambda data: operations.update_review_question(question, by=request.user, **data), record=question):
        messages.success(request, f"Key question {question.number} has been changed.")
        return redirect("reviews:review_detail", question.review_id)
    return render(request, "reviews/question_form.html", {"form": form, "review": question.review, "question": question})


def step_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    form = StepForm(request.POST or None)
    if submitted(request, form, lambda data: operations.add_review_step(review, by=request.user, **data)):
        messages.success(request, "The next step has been added.")
        return redirect("reviews:review_detail", review.pk)
    return render(request, "reviews/step_form.html", {"form": form, "review": review, "step": None})


def step_edit(request, pk: int):
    step = get_step_for_user(request, pk, edit=True)
    form = StepForm(request.POST or None, initial=initial_from(step, StepForm))
    if submitted(request, form, lambda data: operations.update_review_step(step, by=request.user, **data), record=step):
        messages.success(request, "The next step has been changed.")
        return redirect("reviews:review_detail", step.review_id)
    return render(request, "reviews/step_form.html", {"form": form, "review": step.review, "step": step})


def recommendation_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    following = (review.recommendations.aggregate(last=Max("order"))["last"] or 0) + 1
    form = RecommendationForm(request.organisation, request.POST or None, initial={"order": following})
    recommendation = submitted(
        request, form, lambda data: operations.create_recommendation(review, by=request.user, **data)
    )
    if recommendation:
        messages.success(request, f"Recommendation {recommendation.label} has been added. Now add the steps of its action plan.")
        return redirect("reviews:recommendation_detail", recommendation.pk)
    return render(request, "reviews/recommendation_form.html", {"form": form, "review": review, "recommendation": None})


def recommendation_edit(request, pk: int):
    recommendation = get_recommendation_for_user(request, pk, edit=True)
    form = RecommendationForm(
        request.organisation, request.POST or None, initial=initial_from(recommendation, RecommendationForm)
    )
    if submitted(request, form, lambda data: operations.update_recommendation(recommendation, by=request.user, **data), record=recommendation):
        messages.success(request, f"Recommendation {recommendation.label} has been changed.")
        return redirect("reviews:recommendation_detail", recommendation.pk)
    return render(
        request, "reviews/recommendation_form.html",
        {"form": form, "review": recommendation.review, "recommendation": recommendation},
    )


def action_create(request, pk: int):
    recommendation = get_recommendation_for_user(request, pk, edit=True)
    following = (recommendation.actions.aggregate(last=Max("order"))["last"] or 0) + 1
    initial = {"order": following, "lead_name": recommendation.lead_name, "lead_officer": recommendation.lead_officer_id}
    form = ActionForm(request.organisation, request.POST or None, initial=initial)
    if submitted(request, form, lambda data: operations.add_action(recommendation, by=request.user, **data)):
        messages.success(request, "The step has been added to the action plan.")
        return redirect("reviews:recommendation_detail", recommendation.pk)
    return render(request, "reviews/action_form.html", {"form": form, "recommendation": recommendation, "action": None})


def action_edit(request, pk: int):
    action = get_action_for_user(request, pk, edit=True)
    form = ActionEditForm(request.organisation, request.POST or None, initial=initial_from(action, ActionEditForm))
    if submitted(request, form, lambda data: operations.update_action(action, by=request.user, **data), record=action):
        messages.success(request, "The step has been changed.")
        return redirect("reviews:recommendation_detail", action.recommendation_id)
    return render(
        request, "reviews/action_form.html", {"form": form, "recommendation": action.recommendation, "action": action}
    )


def action_revise_target(request, pk: int):
    action = get_action_for_user(request, pk, edit=True)
    form = ReviseTargetForm(request.POST or None)
    if submitted(request, form, lambda data: operations.revise_action_target(action, by=request.user, **data), record=action):
        messages.success(request, "The revised target date has been recorded. The original date is kept.")
        return redirect("reviews:recommendation_detail", action.recommendation_id)
    return render(request, "reviews/action_revise_target.html", {"form": form, "action": action})


def action_complete(request, pk: int):
    action = get_action_for_user(request, pk, edit=True)
    form = CompleteActionForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    if submitted(request, form, lambda data: operations.complete_action(action, by=request.user, **data), record=action):
        messages.success(request, "The step has been marked complete.")
        return redirect("reviews:recommendation_detail", action.recommendation_id)
    return render(request, "reviews/action_complete.html", {"form": form, "action": action})


def saving_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    chosen = request.GET.get("recommendation", "")
    form = SavingEstimateForm(review, request.POST or None, initial={"recommendations": [chosen] if chosen else []})
    estimate = submitted(request, form, lambda data: operations.create_saving_estimate(review, by=request.user, **data))
    if estimate:
        messages.success(request, "The savings estimate has been added.")
        return _to_estimate_page(estimate)
    return render(request, "reviews/saving_form.html", {"form": form, "review": review, "estimate": None})


def saving_edit(request, pk: int):
    estimate = get_saving_estimate_for_user(request, pk, edit=True)
    form = SavingEstimateForm(estimate.review, request.POST or None, initial=initial_from(estimate, SavingEstimateForm))
    if submitted(request, form, lambda data: operations.update_saving_estimate(estimate, by=request.user, **data), record=estimate):
        messages.success(request, "The savings estimate has been changed.")
        return _to_estimate_page(estimate)
    return render(request, "reviews/saving_form.html", {"form": form, "review": estimate.review, "estimate": estimate})


def _to_estimate_page(estimate):
    # Back to the one recommendation it belongs to, or to the review when it is shared (or not yet linked).
    recommendations = list(estimate.recommendations.all())
    if len(recommendations) == 1:
        return redirect("reviews:recommendation_detail", recommendations[0].pk)
    return redirect("reviews:review_detail", estimate.review_id)


def budget_line_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    form = BudgetLineForm(request.POST or None)

    def add(data: dict):
        return programme_operations.add_budget_line(review.organisation, by=request.user, review=review, **data)

    if submitted(request, form, add):
        messages.success(request, "The budget line has been added.")
        return redirect("reviews:review_detail", review.pk)
    return render(
        request, "programmes/budget_line_form.html",
        {"form": form, "line": None, "parent": review, "back": reverse("reviews:review_detail", args=[review.pk])},
    )


def risk_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    form = RiskForm(request.POST or None)

    def record(data: dict):
        return programme_operations.record_risk(review.organisation, by=request.user, review=review, **data)

    if submitted(request, form, record):
        messages.success(request, "The risk has been recorded.")
        return redirect("reviews:review_detail", review.pk)
    return render(
        request, "programmes/risk_form.html",
        {"form": form, "risk": None, "parent": review, "back": reverse("reviews:review_detail", args=[review.pk])},
    )
