from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="programme_list"),
    path("<int:pk>/", views.programme_detail, name="programme_detail"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
]
