"""Middleware that runs before anything else: a request id for the logs, and the health check."""

import logging
import re
import time
import uuid

from django.http import JsonResponse
from django.shortcuts import render

from . import health
from .logs import request_id

# A request id given by the reverse proxy (X-Request-ID) is kept if it looks like one; otherwise Cairn makes one.
SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# One line per request when serving (`cairn serve` turns it on): method, path, status, time taken, request id. Never
# the query string, the body or a header.
access = logging.getLogger("cairn.access")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if SAFE_ID.match(given) else uuid.uuid4().hex
        request.request_id = rid
        # Not reset afterwards: Django logs a 404 or 500 after the middleware has returned, and that line should carry
        # the id too. Each thread sets it afresh for each request it answers.
        request_id.set(rid)
        started = time.monotonic()
        response = self.get_response(request)
        access.info(
            "%s %s %s %.0fms", request.method, request.path, response.status_code, 1000 * (time.monotonic() - started),
            extra={"method": request.method, "path": request.path, "status": response.status_code,
                   "ms": round(1000 * (time.monotonic() - started))},
        )
        response["X-Request-ID"] = rid
        return response


class HealthCheckMiddleware:
    """GET /healthz, answered before sessions, sign-in, host redirects or the HTTPS redirect, so a load balancer can
    ask over plain HTTP. It says whether the database answers and when the background worker last reported, and
    nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != "/healthz" or request.method not in {"GET", "HEAD"}:
            return self.get_response(request)
        status, body = health.check()
        response = JsonResponse(body, status=status)
        response["Cache-Control"] = "no-store"
        return response



class RefuseTamperedMiddleware:
    """A published round whose content does not match its fingerprint is refused with a page that says so (the
    check logs which round): never shown as if it were what the committee saw."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from cairn.reviews.fingerprints import TamperedRound

        if isinstance(exception, TamperedRound):
            return render(request, "reviews/tampered.html", {"message": str(exception)}, status=500)
        return None
