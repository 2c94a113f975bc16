from django.urls import path

from . import views

app_name = "benchmarks"
urlpatterns = [
    path("", views.measure_list, name="measure_list"),
    path("<int:pk>/", views.measure_detail, name="measure_detail"),
]
