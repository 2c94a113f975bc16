"""The floor benchmarks/pages.py measures pages against: a view that does nothing, behind every middleware a page has
(sessions, sign-in, two-factor, the council, CSP), served only when CAIRN_BENCHMARK_FLOOR is set."""

from django.http import HttpResponse


def floor(request) -> HttpResponse:
    return HttpResponse("Hello, world.", content_type="text/plain")
