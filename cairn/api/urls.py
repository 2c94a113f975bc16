from django.urls import path

from . import views
from .api import api

api_urls = api.urls
# Ninja's root view only answers 404 (it exists to name the prefix, which Cairn gives the description itself).
api_urls[0][:] = [pattern for pattern in api_urls[0] if pattern.name != "api-root"]
patterns = api_urls[0]
# The API answers its own 401 to a request without a token: never the sign-in page's redirect.
for pattern in patterns:
    pattern.callback.login_required = False

urlpatterns = [
    path("openapi.json", views.openapi_json, name="api_openapi_json"),
    path("docs/", views.docs, name="api_docs"),
]
