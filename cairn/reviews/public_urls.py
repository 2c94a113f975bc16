from django.urls import path

from .views import public

app_name = "public"
urlpatterns = [
    path("<slug:slug>/", public.public_rounds, name="rounds"),
    path("<slug:slug>/rounds.csv", public.public_rounds_csv, name="rounds_csv"),
    path("<slug:slug>/rounds/<int:pk>/", public.public_round, name="round"),
    path("<slug:slug>/rounds/<int:pk>.csv", public.public_round_csv, name="round_csv"),
    path("<slug:slug>/rounds/<int:pk>.json", public.public_round_json, name="round_json"),
]
