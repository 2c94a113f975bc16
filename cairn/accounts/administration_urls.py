from django.urls import path

from . import administration

app_name = "administration"
urlpatterns = [
    path("people/", administration.people_list, name="people_list"),
    path("people/new/", administration.person_create, name="person_create"),
    path("people/<int:pk>/", administration.person_edit, name="person_edit"),
    path("people/<int:pk>/reset-two-factor/", administration.person_reset_two_factor, name="person_reset_two_factor"),
    path("settings/", administration.organisation_settings, name="organisation_settings"),
]
