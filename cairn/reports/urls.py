from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.document_download, name="download"),
]
