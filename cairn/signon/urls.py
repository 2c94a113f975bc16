from django.urls import path

from . import views

app_name = "signon"
urlpatterns = [
    path("account/sign-in/council/", views.start, name="start"),
    path("account/sign-in/council/<slug:slug>/return/", views.callback, name="callback"),
    path("administration/sign-on/", views.settings_page, name="settings"),
    path("administration/sign-on/remove/", views.remove, name="remove"),
]
