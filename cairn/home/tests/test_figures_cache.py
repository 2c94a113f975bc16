"""The home page's council-wide figures are computed once for each state of the council's records: a second visit
reads them from the cache, and any change (which raises the council's records version) shows at once."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cairn.accounts.models import Role
from cairn.home import dashboard
from cairn.reviews import operations as reviews

FIGURES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-default"},
    "figures": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-figures"},
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}


@pytest.fixture
def kept():
    with override_settings(CACHES=FIGURES):
        caches["figures"].clear()
        yield caches["figures"]
        caches["figures"].clear()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)  # a sign-in is audited, so it is done before the first visit counted
    return client


def visit(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def counts(council, user) -> dict:
    figures = dashboard.council_figures(council.org, user, timezone.localdate())
    return {row["level"].code if row["level"] else None: row["count"] for row in figures["assessments"]}


@pytest.mark.django_db
def test_figures_come_from_the_cache_until_a_change(council, kept):
    officer = signed_in(council.officer)
    first, cold = visit(officer)
    again, warm = visit(officer)
    assert warm < cold - 4  # the counts, overdue steps, slipped and drifting lists are not asked again
    assert again.count("Slipped") == first.count("Slipped")
    before = counts(council, council.officer)
    assert before[council.level("3").code] == 1 and before[council.complete.code] == 0

    # The collecting round's update now says complete: officers see the newest assessment at once.
    update = council.collecting_round.updates.get(recommendation=council.recommendation)
    reviews.save_progress_update(update, by=council.recommendation.lead_officer, evidence="Done.",
                                 level=council.complete, savings_text="None")
    after, recounted = visit(officer)
    assert recounted > warm
    assert counts(council, council.officer) == {**before, council.level("3").code: 0, council.complete.code: 1}
    assert len(kept._cache) >= 2  # a new key for the new state; the old one ages out

    councillor = signed_in(council.users[Role.COUNCILLOR])
    _, own = visit(councillor)  # councillors' figures (published rounds only) are kept under their own key
    assert len(kept._cache) >= 3 and own > 0
