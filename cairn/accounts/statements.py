"""The accessibility statement and the privacy notice that UK public-sector sites carry, filled from a council's
settings. Anyone may read them, signed in or not: they hold nothing but what the council chose to publish."""

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Organisation
from .permissions import public_can_view

# When the statement's account of Cairn's accessibility (below and in the template) was last checked against the
# pages: every page is tested with axe in Chromium, and by keyboard, in the test suite.
CAIRN_CHECKED_ON = dt.date(2026, 12, 5)


def prepared_on(organisation: Organisation | None) -> dt.date:
    """When a council's statement was prepared: the day it began to use Cairn, or the day Cairn's own account of its
    accessibility was last checked, whichever is later (Cairn's own statement: that day)."""
    if organisation is None:
        return CAIRN_CHECKED_ON
    return max(timezone.localdate(organisation.created_at), CAIRN_CHECKED_ON)


def _context(organisation: Organisation | None) -> dict:
    return {
        "council": organisation,
        "public_organisation": organisation,
        "public_pages": organisation is not None and public_can_view(organisation),
        "prepared_on": prepared_on(organisation),
        # Set by the council's administrator (council settings: name, logo and contact on papers).
        "reviewed_on": organisation.statement_reviewed_on if organisation else None,
        "checked_on": CAIRN_CHECKED_ON,
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
