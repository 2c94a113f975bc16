"""The busiest pages keep their main content in memory for the person who saw it, under the state of the council's
records (cairn/core/kept_pages.py, cairn/audit/stamps.py): a second visit reads nothing it need not, any change shows
at once, and what one person saw is never shown to another."""

import re

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from cairn.accounts import operations as accounts
from cairn.accounts.models import Role
from cairn.audit import stamps
from cairn.audit.models import RecordsVersion
from cairn.core.kept_pages import NONCE_PLACEHOLDER, TOKEN_PLACEHOLDER
from cairn.reviews import operations as reviews

KEPT = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-default"},
    "figures": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-pages"},
}


@pytest.fixture
def kept():
    with override_settings(CACHES=KEPT):
        caches["pages"].clear()
        yield caches["pages"]
        caches["pages"].clear()


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)  # a sign-in is audited, so it is done before the visits compared
    return client


def visit(client, path: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def without_tokens(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)
    return re.sub(r'nonce="[^"]+"', "NONCE", html)


@pytest.mark.django_db
def test_a_second_visit_reads_the_kept_content_and_shows_the_same_page(council, kept):
    officer = signed_in(council.officer)
    for path in ["/", f"/reviews/{council.review.pk}/", "/reviews/", "/reviews/recommendations/",
                 f"/programmes/{council.programme.pk}/", f"/programmes/projects/{council.project.pk}/",
                 f"/rounds/{council.collecting_round.pk}/", "/rounds/",
                 f"/reviews/recommendations/{council.recommendation.pk}/",
                 f"/rounds/updates/{council.collecting_round.updates.get().pk}/check/"]:
        first, cold = visit(officer, path)
        again, warm = visit(officer, path)
        assert warm < cold, path
        assert without_tokens(again) == without_tokens(first), path
        assert TOKEN_PLACEHOLDER not in again and NONCE_PLACEHOLDER not in again


@pytest.mark.django_db
def test_a_change_shows_at_once(council, kept):
    officer = signed_in(council.officer)
    path = f"/reviews/{council.review.pk}/"
    before, _ = visit(officer, path)
    reviews.update_recommendation(council.recommendation, by=council.officer, text="Open two new homes for children.")
    after, _ = visit(officer, path)
    assert "Open two new homes for children." in after and "Open two new homes for children." not in before


@pytest.mark.django_db
def test_what_one_person_saw_is_not_shown_to_another(council, kept):
    path = f"/reviews/{council.review.pk}/"
    officer, councillor = signed_in(council.officer), signed_in(council.users[Role.COUNCILLOR])
    officer_page, _ = visit(officer, path)
    assert "Change the review's details" in officer_page
    councillor_page, _ = visit(councillor, path)
    assert "Change the review's details" not in councillor_page


@pytest.mark.django_db
def test_forms_in_kept_content_carry_the_viewers_own_token(council, kept):
    """A form drawn for one visit is sent from another: the token in it is this person's, and is accepted."""
    path = f"/rounds/{council.collecting_round.pk}/"
    officer = signed_in(council.officer)
    admin = signed_in(council.users[Role.ADMINISTRATOR], enforce_csrf_checks=True)
    visit(officer, path)  # kept for the officer
    visit(admin, path)
    page, _ = visit(admin, path)  # from memory
    form = re.search(r'<form method="post" action="([^"]+)"><input type="hidden" '
                     r'name="csrfmiddlewaretoken" value="([^"]+)">[^<]*<button[^>]*>\s*Ask leads', page)
    assert form is not None, "the round page offers to ask leads for their updates"
    response = admin.post(form.group(1), {"csrfmiddlewaretoken": form.group(2)})
    assert response.status_code == 302  # a refused token would be 403


@pytest.mark.django_db
def test_inline_styles_carry_this_responses_nonce(council, kept):
    officer = signed_in(council.officer)
    path = f"/programmes/{council.programme.pk}/"
    visit(officer, path)
    response = officer.get(path)
    nonces = set(re.findall(r'<style nonce="([^"]+)"', response.content.decode()))
    assert nonces and all(f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"] for nonce in nonces)


@pytest.mark.django_db
def test_every_audited_change_raises_the_councils_stamp(council, other_council):
    before, others = stamps.stamp(council.org), stamps.stamp(other_council.org)
    assert stamps.stamp(council.org) == before  # reading changes nothing
    reviews.update_recommendation(council.recommendation, by=council.officer, text="Changed.")
    assert stamps.stamp(council.org) != before
    assert stamps.stamp(other_council.org) == others


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_stamp_as_it_was(council):
    before = stamps.stamp(council.org)
    with pytest.raises(RuntimeError), transaction.atomic():
        reviews.update_recommendation(council.recommendation, by=council.officer, text="Changed.")
        raise RuntimeError
    assert stamps.stamp(council.org) == before


@pytest.mark.django_db
def test_records_made_afresh_get_a_new_epoch(council):
    """After a restore (which leaves records' versions out) the stamps start again: at version 0 with a new epoch,
    so nothing kept before can be taken for the restored records."""
    before = stamps.stamp(council.org)
    RecordsVersion.objects.all().delete()
    after = stamps.stamp(council.org)
    assert after != before and after.split("-")[0].endswith(".0")


@pytest.mark.django_db
def test_the_public_round_page_is_kept_for_everyone_signed_out(council, kept):
    accounts.update_organisation(council.org, by=None, public_pages_enabled=True)
    path = f"/public/{council.org.slug}/rounds/{council.published_round.pk}/"
    first, cold = visit(Client(), path)
    again, warm = visit(Client(), path)
    assert warm < cold and without_tokens(again) == without_tokens(first)


@pytest.mark.django_db
def test_a_kept_published_round_page_does_not_read_the_frozen_content(council, kept):
    """The frozen content is read to draw the page (its fingerprint is checked then), not to show it again."""
    officer = signed_in(council.officer)
    path = f"/rounds/{council.published_round.pk}/"
    first = officer.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = officer.get(path)
    assert again.status_code == 200 and without_tokens(again.content.decode()) == without_tokens(first.content.decode())
    assert not [q["sql"] for q in queries if "published_content" in q["sql"]], [q["sql"][:300] for q in queries]
