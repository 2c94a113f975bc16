from django.urls import path

from . import views

app_name = "api_pages"
urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("council/", views.council_tokens, name="council_tokens"),
    path("webhooks/", views.webhook_list, name="webhook_list"),
    path("webhooks/<int:pk>/remove/", views.webhook_remove, name="webhook_remove"),
]
