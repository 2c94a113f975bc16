from django.conf import settings
from django.urls import include, path

from cairn.api.urls import api_urls

urlpatterns = [
    path("", include("cairn.home.urls")),
    path("account/", include("cairn.accounts.urls")),
    path("account/security-keys/ceremony/", include("cairn.accounts.security_key_urls")),
    path("", include("cairn.signon.urls")),
    path("reviews/", include("cairn.reviews.urls")),
    path("programmes/", include("cairn.programmes.urls")),
    path("benchmarks/", include("cairn.benchmarks.urls")),
    path("rounds/", include("cairn.reviews.round_urls")),
    path("committees/", include("cairn.reviews.committee_urls")),
    path("imports/", include("cairn.imports.urls")),
    path("documents/", include("cairn.reports.urls")),
    path("background/", include("cairn.jobs.urls")),
    path("administration/", include("cairn.accounts.administration_urls")),
    path("history/", include("cairn.audit.urls")),
    path("public/", include("cairn.reviews.public_urls")),
    path("api/v1/", api_urls),
    path("api/", include("cairn.api.urls")),
    path("api-access/", include("cairn.api.page_urls")),
    path("about/", include("cairn.accounts.statement_urls")),
    path("search/", include("cairn.search.urls")),
]

if settings.BENCHMARK_FLOOR:
    from cairn.service.benchmark import floor

    urlpatterns.append(path("benchmark/floor/", floor, name="benchmark_floor"))
