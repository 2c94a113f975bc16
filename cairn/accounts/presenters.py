"""Formatting for account pages."""

import io

import segno
from markupsafe import Markup


def qr_code_svg(text: str) -> Markup:
    """A QR code as inline SVG (no external image), for an authenticator app to scan."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=5, xmldecl=False, svgns=True, title="QR code for your authenticator app")
    return Markup(buffer.getvalue().decode())
