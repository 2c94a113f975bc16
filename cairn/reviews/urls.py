from django.urls import path

from . import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="review_list"),
    path("<int:pk>/", views.review_detail, name="review_detail"),
    path("recommendations/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
]
