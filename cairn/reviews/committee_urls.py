from django.urls import path

from .views import committees

app_name = "committees"
urlpatterns = [
    path("", committees.committee_list, name="committee_list"),
    path("new/", committees.committee_create, name="committee_create"),
    path("<int:pk>/change/", committees.committee_edit, name="committee_edit"),
    path("<int:pk>/meetings/new/", committees.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/change/", committees.meeting_edit, name="meeting_edit"),
]
