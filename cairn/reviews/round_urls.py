from django.urls import path

from .views import programme_rounds, round_changes, round_workbook, rounds

app_name = "rounds"
urlpatterns = [
    path("", rounds.round_list, name="round_list"),
    path("open/", rounds.round_open, name="round_open"),
    path("open/programme/", programme_rounds.programme_round_open, name="programme_round_open"),
    path("reports/<int:pk>/", programme_rounds.project_update_edit, name="project_update_edit"),
    path("reports/<int:pk>/check/", programme_rounds.project_update_check, name="project_update_check"),
    path("mine/", rounds.my_updates, name="my_updates"),
    path("<int:pk>/", rounds.round_detail, name="round_detail"),
    path("<int:pk>/ask/", rounds.round_ask, name="round_ask"),
    path("<int:pk>/change/", round_changes.round_edit, name="round_edit"),
    path("<int:pk>/cancel/", round_changes.round_cancel, name="round_cancel"),
    path("emails/<int:pk>/send-again/", round_changes.notice_resend, name="notice_resend"),
    path("<int:pk>/review/", rounds.round_start_review, name="round_start_review"),
    path("<int:pk>/publish/", rounds.round_publish, name="round_publish"),
    path("<int:pk>/sign-off/", rounds.round_sign_off, name="round_sign_off"),
    path("<int:pk>/updates.xlsx", round_workbook.round_workbook_download, name="round_workbook_download"),
    path("<int:pk>/updates/upload/", round_workbook.round_workbook_upload, name="round_workbook_upload"),
    path("<int:pk>/updates/save/", round_workbook.round_workbook_confirm, name="round_workbook_confirm"),
    path("updates/<int:pk>/", rounds.update_edit, name="update_edit"),
    path("updates/<int:pk>/check/", rounds.update_check, name="update_check"),
    path("updates/<int:pk>/savings/", rounds.update_savings, name="update_savings"),
]
