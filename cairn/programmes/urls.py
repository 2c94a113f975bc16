from django.urls import path

from . import editing, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("<int:pk>/highlight-reports/", views.programme_papers, name="programme_papers"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    # Creating and changing (officers, and programme managers for their own programmes)
    path("new/", editing.programme_create, name="programme_create"),
    path("<int:pk>/edit/", editing.programme_edit, name="programme_edit"),
    path("<int:pk>/phase-plan/", editing.phase_plan_edit, name="phase_plan_edit"),
    path("<int:pk>/projects/new/", editing.project_create, name="project_create"),
    path("projects/<int:pk>/edit/", editing.project_edit, name="project_edit"),
    path("projects/<int:pk>/milestones/new/", editing.milestone_create, name="milestone_create"),
    path("milestones/<int:pk>/edit/", editing.milestone_edit, name="milestone_edit"),
    path("milestones/<int:pk>/revise/", editing.milestone_revise, name="milestone_revise"),
    path("projects/<int:pk>/indicators/new/", editing.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", editing.indicator_edit, name="indicator_edit"),
    path("indicators/<int:pk>/rules/", editing.indicator_rules, name="indicator_rules"),
    path("indicators/<int:pk>/readings/new/", editing.reading_create, name="reading_create"),
    path("readings/<int:pk>/revise/", editing.reading_revise, name="reading_revise"),
    path("indicators/<int:pk>/readings/upload/", editing.readings_upload, name="readings_upload"),
    path("projects/<int:pk>/budget-lines/new/", editing.budget_line_create, name="budget_line_create"),
    path("budget-lines/<int:pk>/edit/", editing.budget_line_edit, name="budget_line_edit"),
    path("projects/<int:pk>/risks/new/", editing.risk_create, name="risk_create"),
    path("risks/<int:pk>/edit/", editing.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/close/", editing.risk_close, name="risk_close"),
]
