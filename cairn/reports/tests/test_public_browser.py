"""What a resident sees, in real Chromium with no account: found from the sign-in page by keyboard, every page
checked with axe (WCAG 2.2 AA)."""

import pytest
from django.urls import reverse

from cairn.accounts.operations import update_organisation
from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401
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
