from django.urls import path

from cairn.accounts.branding import public_logo

from .views import open_data, public

app_name = "public"
urlpatterns = [
    path("<slug:slug>/", public.public_rounds, name="rounds"),
    path("<slug:slug>/rounds/<int:pk>/", public.public_round, name="round"),
    path("<slug:slug>/logo/<int:pk>/", public_logo, name="logo"),
    path("<slug:slug>/rounds/<int:pk>/<slug:kind>-<int:record>.pdf", public.public_round_paper, name="round_paper"),
    # Open data
    path("<slug:slug>/rounds.csv", open_data.public_rounds_csv, name="rounds_csv"),
    path("<slug:slug>/rounds/<int:pk>.csv", open_data.public_round_csv, name="round_csv"),
    path("<slug:slug>/rounds/<int:pk>-changes.csv", open_data.public_round_changes_csv, name="round_changes_csv"),
    path("<slug:slug>/rounds/<int:pk>.json", open_data.public_round_json, name="round_json"),
    path("<slug:slug>/recommendations.csv", open_data.public_recommendations_csv, name="recommendations_csv"),
    path("<slug:slug>/catalogue.jsonld", open_data.public_catalogue, name="catalogue"),
]
