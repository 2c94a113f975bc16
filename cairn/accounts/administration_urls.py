from django.urls import path

from . import administration, branding

app_name = "administration"
urlpatterns = [
    path("people/", administration.people_list, name="people_list"),
    path("people/new/", administration.person_create, name="person_create"),
    path("people/<int:pk>/", administration.person_edit, name="person_edit"),
    path("people/<int:pk>/reset-two-factor/", administration.person_reset_two_factor, name="person_reset_two_factor"),
    path("people/<int:pk>/resend-invitation/", administration.person_resend_invitation, name="person_resend_invitation"),
    path("people/<int:pk>/send-password-reset/", administration.person_send_password_reset,
         name="person_send_password_reset"),
    path("people/<int:pk>/unlock/", administration.person_unlock, name="person_unlock"),
    path("people/<int:pk>/end-sessions/", administration.person_end_sessions, name="person_end_sessions"),
    path("settings/", administration.organisation_settings, name="organisation_settings"),
    path("settings/papers-and-pages/", branding.council_branding, name="council_branding"),
]
