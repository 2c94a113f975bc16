"""Choosing what a paper's columns hold in real Chromium, by keyboard alone; axe on the check and columns pages."""

import pytest
from django.urls import reverse

from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)
from cairn.imports import operations
from cairn.imports.models import ImportBatch

from .test_column_mapping import TRACKER

pytestmark = pytest.mark.browser


def test_an_officer_chooses_a_column_by_keyboard(officer_page, served_council, axe_options):  # noqa: F811
    batch = operations.stage_import(served_council.org, by=served_council.officer, name="tracker.csv", data=TRACKER)
    officer_page.goto(reverse("imports:batch_preview", args=[batch.pk]))
    assert "Cairn could not tell what this column holds: “Champion”." in officer_page.locator("#columns ~ ul").first.inner_text()
    assert_accessible(officer_page, axe_options)
    officer_page.get_by_role("button", name="Choose what each column holds").focus()
    officer_page.keyboard.press("Enter")
    officer_page.wait_for_url(f"**{reverse('imports:batch_columns', args=[batch.pk])}")
    assert_accessible(officer_page, axe_options)
    champion = officer_page.get_by_label("Column 3: “Champion”")
    champion.focus()
    # A closed select takes the first letters of a choice typed on the keyboard: "Lead officer ...".
    officer_page.keyboard.type("Lead")
    assert champion.input_value() == "lead"
    officer_page.get_by_role("button", name="Read the paper with these columns").focus()
    officer_page.keyboard.press("Enter")
    officer_page.wait_for_url(f"**{reverse('imports:batch_preview', args=[batch.pk])}")
    assert "read again with the columns you chose" in officer_page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(officer_page, axe_options)
    batch = ImportBatch.objects.get(pk=batch.pk)
    assert [r["lead"] for r in batch.extraction["recommendations"]] == ["Head of Fostering", "Director of Housing"]


def test_a_refused_choice_is_shown_on_an_accessible_page(officer_page, served_council, axe_options):  # noqa: F811
    batch = operations.stage_import(served_council.org, by=served_council.officer, name="tracker.csv", data=TRACKER)
    officer_page.goto(reverse("imports:batch_columns", args=[batch.pk]))
    officer_page.get_by_label("Column 3: “Champion”").select_option("due")
    officer_page.get_by_role("button", name="Read the paper with these columns").click()
    summary = officer_page.locator(".govuk-error-summary")
    assert "Only one column can hold the target date" in summary.inner_text()
    assert_accessible(officer_page, axe_options)


def test_an_officer_confirms_the_status_words_by_keyboard(officer_page, served_council, axe_options):  # noqa: F811
    from .test_status_levels import TRACKER as STATUSES

    batch = operations.stage_import(served_council.org, by=served_council.officer, name="statuses.csv", data=STATUSES)
    officer_page.goto(reverse("imports:batch_preview", args=[batch.pk]))
    renegotiated = officer_page.get_by_label("Level for “To be renegotiated”")
    assert renegotiated.input_value() == "3"  # Cairn's reading: slipped
    renegotiated.focus()
    officer_page.keyboard.type("4")  # a closed select takes the first letters of a choice: "4 Not achieved"
    assert renegotiated.input_value() == "4"
    officer_page.get_by_role("button", name="Confirm these levels").focus()
    officer_page.keyboard.press("Enter")
    officer_page.wait_for_url(f"**{reverse('imports:batch_preview', args=[batch.pk])}")
    assert "Status words confirmed" in officer_page.locator(".govuk-notification-banner").inner_text()
    assert_accessible(officer_page, axe_options)
    batch = ImportBatch.objects.get(pk=batch.pk)
    assert batch.status_levels == {"Actioned": "1", "To be renegotiated": "4", "Pending": "2"}
