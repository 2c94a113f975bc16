"""What a resident sees, in real Chromium with no account: found from the sign-in page by keyboard, every page
checked with axe (WCAG 2.2 AA)."""

import pytest
from django.urls import reverse

from cairn.accounts.operations import update_organisation
from cairn.reviews import operations as reviews
from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401

from .conftest import _programme_round

pytestmark = pytest.mark.browser


def test_a_resident_finds_the_published_pages_and_statements_by_keyboard(page, served_council, axe_options):  # noqa: F811
    council = served_council
    update_organisation(council.org, by=None, open_data_consent=True, accessibility_email="access@example.org")
    programme_round = _programme_round(council)

    page.goto(reverse("accounts:sign_in"))
    assert_accessible(page, axe_options)
    page.get_by_role("link", name=council.org.name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Progress reported to committees"
    assert_accessible(page, axe_options)

    page.get_by_role("link", name=council.published_round.title).click()
    assert page.get_by_role("link", name="(PDF)").count() == 1
    assert "Revised target:" in page.locator("main").inner_text()
    assert_accessible(page, axe_options)

    page.goto(reverse("public:round", args=[council.org.slug, programme_round.pk]))
    assert page.get_by_role("table", name="Phase of each project of").is_visible()
    assert page.get_by_role("table", name="Key performance indicators of").is_visible()
    assert_accessible(page, axe_options)

    page.get_by_role("link", name="Accessibility statement").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Accessibility statement for Cairn"
    assert page.get_by_role("link", name="access@example.org").is_visible()
    assert_accessible(page, axe_options)
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Privacy notice for Cairn"
    assert_accessible(page, axe_options)

    for name in ("statements:accessibility", "statements:privacy"):
        page.goto(reverse(name))
        assert page.get_by_role("link", name=council.org.name).count() == 1
        assert_accessible(page, axe_options)


def _report_progress(council):
    update = council.collecting_round.updates.get()
    update = reviews.save_progress_update(update, by=council.officer, evidence="Two placements made.",
                                          level=council.level("2"), savings_text="£5,000 a year")
    return reviews.submit_progress_update(update, by=council.officer)


def test_the_officer_sees_what_changed_since_the_last_committee_on_the_check_page(officer_page, served_council, axe_options):  # noqa: F811
    update = _report_progress(served_council)
    officer_page.goto(reverse("rounds:update_check", args=[update.pk]))
    changes = officer_page.locator("#what-changed")
    assert "Assessment moved up: 3 Slipped → 2 On track to be achieved" in changes.inner_text()
    assert_accessible(officer_page, axe_options)


def test_the_public_round_page_says_what_changed_without_axe_violations(page, served_council, axe_options):  # noqa: F811
    council = served_council
    update = _report_progress(council)
    reviews.accept_progress_update(update, by=council.officer)
    reviews.publish_round(council.collecting_round, by=council.officer)
    page.goto(reverse("public:round", args=[council.org.slug, council.collecting_round.pk]))
    table = page.get_by_role("table", name="What changed since the last committee")
    assert "Assessment moved up" in table.inner_text()
    assert_accessible(page, axe_options)


def test_the_officer_sees_what_changed_on_the_highlight_report_check_page(officer_page, served_council, axe_options):  # noqa: F811
    import datetime as dt

    from cairn.programmes import operations as programmes
    from cairn.reviews.tests.test_check_changes import _highlight_round

    council, today = served_council, dt.date.today()
    first, report = _highlight_round(council, "Highlight report, last month", today - dt.timedelta(days=30), rag="G",
                                     progress_points="Building found")
    programmes.accept_project_update(report, by=council.officer)
    reviews.publish_round(first, by=council.officer)
    _, report = _highlight_round(council, "Highlight report, this month", today, rag="R", progress_points="Lease lost")
    officer_page.goto(reverse("rounds:project_update_check", args=[report.pk]))
    assert "RAG changed: Green → Red" in officer_page.locator("#what-changed").inner_text()
    assert_accessible(officer_page, axe_options)
