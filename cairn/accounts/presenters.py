"""Formatting for account pages, and the council's logo in every page's header."""

import io

import segno
from markupsafe import Markup


def qr_code_svg(text: str) -> Markup:
    """A QR code as inline SVG (no external image), for an authenticator app to scan."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=5, xmldecl=False, svgns=True, title="QR code for your authenticator app")
    return Markup(buffer.getvalue().decode())


def council_logo_url(request, council) -> str | None:
    """Where the page header finds the council's logo, for this visitor: the council's own people (who may read its
    records) get it from their pages, anyone else only where the council publishes public pages."""
    from django.urls import reverse

    from .permissions import can_view_records, public_can_view

    if council is None or not council.logo_id:
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.organisation_id == council.pk and can_view_records(user):
        return reverse("accounts:council_logo", args=[council.logo_id])
    if public_can_view(council):
        return reverse("public:logo", args=[council.slug, council.logo_id])
    return None
