"""The accessibility statement and the privacy notice that UK public-sector sites carry, filled from a council's
settings. Anyone may read them, signed in or not: they hold nothing but what the council chose to publish."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render

from .models import Organisation
from .permissions import public_can_view

# When the statement's account of Cairn's accessibility (below and in the template) was last checked against the
# pages: every page is tested with axe in Chromium, and by keyboard, in the test suite.
STATEMENT_PREPARED_ON = dt.date(2026, 12, 5)


def _context(organisation: Organisation | None) -> dict:
    return {
        "council": organisation,
        "public_organisation": organisation,
        "public_pages": organisation is not None and public_can_view(organisation),
        "prepared_on": STATEMENT_PREPARED_ON,
        "councils": [] if organisation else Organisation.objects.order_by("name"),
    }


@login_not_required
def accessibility_statement(request, slug: str | None = None):
    """A council's accessibility statement for Cairn (or, with no council, Cairn's and a list of the councils')."""
    organisation = get_object_or_404(Organisation, slug=slug) if slug else None
    return render(request, "accounts/accessibility_statement.html", _context(organisation))


@login_not_required
def privacy_notice(request, slug: str | None = None):
    """A council's privacy notice for Cairn (or, with no council, the list of the councils' notices)."""
    organisation = get_object_or_404(Organisation, slug=slug) if slug else None
    return render(request, "accounts/privacy_notice.html", _context(organisation))
