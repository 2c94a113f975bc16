from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("export.csv", views.export, name="export"),
    path("<slug:kind>/<int:pk>/", views.history, name="history"),
]
