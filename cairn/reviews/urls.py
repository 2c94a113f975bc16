from django.urls import path

from . import views
from .views import editing, papers, tracker

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("<int:pk>/progress-papers/", views.review_papers, name="review_papers"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("recommendations/", tracker.recommendation_tracker, name="recommendation_tracker"),
    # Creating and changing (officers only)
    path("new/", editing.review_create, name="review_create"),
    path("<int:pk>/edit/", editing.review_edit, name="review_edit"),
    path("<int:pk>/questions/new/", editing.question_create, name="question_create"),
    path("questions/<int:pk>/edit/", editing.question_edit, name="question_edit"),
    path("<int:pk>/steps/new/", editing.step_create, name="step_create"),
    path("steps/<int:pk>/edit/", editing.step_edit, name="step_edit"),
    path("<int:pk>/recommendations/new/", editing.recommendation_create, name="recommendation_create"),
    path("recommendations/<int:pk>/edit/", editing.recommendation_edit, name="recommendation_edit"),
    path("recommendations/<int:pk>/actions/new/", editing.action_create, name="action_create"),
    path("actions/<int:pk>/edit/", editing.action_edit, name="action_edit"),
    path("actions/<int:pk>/revise-target/", editing.action_revise_target, name="action_revise_target"),
    path("actions/<int:pk>/complete/", editing.action_complete, name="action_complete"),
    path("<int:pk>/savings/new/", editing.saving_create, name="saving_create"),
    path("savings/<int:pk>/edit/", editing.saving_edit, name="saving_edit"),
    path("<int:pk>/budget-lines/new/", editing.budget_line_create, name="budget_line_create"),
    path("<int:pk>/risks/new/", editing.risk_create, name="risk_create"),
    path("<int:pk>/papers/new/", papers.paper_create, name="paper_create"),
    path("papers/<int:pk>/edit/", papers.paper_edit, name="paper_edit"),
]
