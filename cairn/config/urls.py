from django.urls import include, path

urlpatterns = [
    path("", include("cairn.core.urls")),
    path("account/", include("cairn.accounts.urls")),
    path("reviews/", include("cairn.reviews.urls")),
    path("programmes/", include("cairn.programmes.urls")),
]
