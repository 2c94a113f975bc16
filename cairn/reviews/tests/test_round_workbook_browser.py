"""Updates by spreadsheet in real Chromium: download, fill in, upload by keyboard, check and save; axe on each page."""

import io

import openpyxl
import pytest
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.core.tests.test_accessibility import assert_accessible

from .test_cycle_browser import person  # noqa: F401  (the signed-in browser fixture)

pytestmark = pytest.mark.browser


def test_a_rounds_updates_go_out_and_come_back_by_spreadsheet(person, served_council, axe_options, tmp_path):  # noqa: F811
    council = served_council
    round_ = council.collecting_round
    officer = person(Role.SCRUTINY_OFFICER)
    officer.goto(reverse("rounds:round_detail", args=[round_.pk]))
    officer.get_by_role("link", name="Updates by spreadsheet").click()
    assert_accessible(officer, axe_options)
    with officer.expect_download() as downloading:
        officer.get_by_role("link", name="Download the updates spreadsheet (Excel)").click()
    book = openpyxl.load_workbook(io.BytesIO(downloading.value.path().read_bytes()))
    sheet = book["Updates"]
    sheet.cell(2, 7).value = "Twelve carers recruited; panel dates set."
    sheet.cell(2, 8).value = "2"
    filled = tmp_path / "updates.xlsx"
    book.save(filled)

    # Upload with the keyboard: the file chooser, then the button.
    officer.get_by_label("Upload the filled-in spreadsheet").set_input_files(str(filled))
    officer.get_by_role("button", name="Upload and check").focus()
    officer.keyboard.press("Enter")
    officer.get_by_role("button", name="Save these updates").wait_for()
    assert "Twelve carers recruited; panel dates set." in officer.locator("table").inner_text()
    assert_accessible(officer, axe_options)
    officer.get_by_role("button", name="Save these updates").focus()
    officer.keyboard.press("Enter")
    officer.wait_for_url(f"**{reverse('rounds:round_detail', args=[round_.pk])}")
    assert "1 update saved from updates.xlsx" in officer.locator(".govuk-notification-banner").inner_text()
    update = round_.updates.get()
    assert update.evidence == "Twelve carers recruited; panel dates set." and update.level.code == "2"


def test_a_refused_sheet_says_why_on_an_accessible_page(person, served_council, axe_options, tmp_path):  # noqa: F811
    round_ = served_council.collecting_round
    officer = person(Role.SCRUTINY_OFFICER)
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a workbook")
    officer.goto(reverse("rounds:round_workbook_upload", args=[round_.pk]))
    officer.get_by_label("Upload the filled-in spreadsheet").set_input_files(str(wrong))
    officer.get_by_role("button", name="Upload and check").click()
    assert "notes.txt is not an Excel workbook" in officer.locator(".govuk-error-summary").inner_text()
    assert_accessible(officer, axe_options)
