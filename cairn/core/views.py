"""Views every app relies on that belong to no app: the page for a form sent without a valid token."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form that came back without a valid token: say so plainly, change nothing."""
    return render(request, "csrf_failure.html", status=403)
