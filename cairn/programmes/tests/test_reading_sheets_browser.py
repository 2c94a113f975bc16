"""A spreadsheet that revises readings, previewed and confirmed in real Chromium: no axe violations, keyboard alone."""

import pytest
from django.urls import reverse

from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401  (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


def test_the_preview_of_a_revising_sheet_passes_axe_and_is_confirmed_by_keyboard(
    officer_page, served_council, axe_options, tmp_path
):
    indicator = served_council.indicator
    reading = indicator.readings.get()
    sheet = tmp_path / "readings.csv"
    sheet.write_text(f"Period,Value,Note\n{reading.period_start:%b %y},640,\n1/1/2019,700,\n")
    officer_page.goto(reverse("programmes:readings_upload", args=[indicator.pk]))
    officer_page.get_by_label("Spreadsheet of readings").set_input_files(sheet)
    officer_page.get_by_role("button", name="Record the readings").click()
    officer_page.wait_for_selector("h1:has-text('Check the readings before they are recorded')")
    table = officer_page.get_by_role("table", name="What each row does").inner_text()
    assert "Revises 732" in table and "New reading" in table
    assert_accessible(officer_page, axe_options)

    # No reason given: the preview comes back with the problem, still without axe violations.
    officer_page.get_by_role("button", name="Record and revise the readings").focus()
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    assert officer_page.title().startswith("Error: ")
    assert "Say why the readings of" in officer_page.locator(".govuk-error-summary").inner_text()
    assert_accessible(officer_page, axe_options)

    officer_page.get_by_label("Why are the figures revised?").focus()
    officer_page.keyboard.type("The published figure")
    officer_page.keyboard.press("Tab")  # to the button
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    assert "1 recorded and 1 revised" in officer_page.locator(".govuk-notification-banner").inner_text()
    reading.refresh_from_db()
    assert reading.value == 640 and reading.revised_reason == "The published figure"
