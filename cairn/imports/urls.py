from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.batch_list, name="batch_list"),
    path("batches.csv", views.batch_list_csv, name="batch_list_csv"),
    path("upload/", views.upload, name="upload"),
    path("<int:pk>/", views.batch_preview, name="batch_preview"),
    path("<int:pk>/leave-out/", views.batch_drop, name="batch_drop"),
    path("<int:pk>/columns/", views.batch_columns, name="batch_columns"),
    path("<int:pk>/status-words/", views.batch_status_levels, name="batch_status_levels"),
    path("<int:pk>/destination/", views.batch_destination, name="batch_destination"),
    path("<int:pk>/recommendations/<int:index>/change/", views.record_correct, {"part": "recommendations"},
         name="recommendation_correct"),
    path("<int:pk>/projects/<int:index>/change/", views.record_correct, {"part": "projects"}, name="project_correct"),
    path("<int:pk>/apply/", views.batch_apply, name="batch_apply"),
    path("<int:pk>/discard/", views.batch_discard, name="batch_discard"),
    path("<int:pk>/discard/confirm/", views.batch_discard_confirm, name="batch_discard_confirm"),
]
