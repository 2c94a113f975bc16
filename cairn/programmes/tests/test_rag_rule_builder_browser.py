"""The RAG rule builder in real Chromium: no axe violations, rules chosen with the keyboard alone."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401  (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401  (fixture)
from cairn.programmes.operations import update_indicator

pytestmark = pytest.mark.browser


def test_rules_are_chosen_and_saved_with_the_keyboard_alone(officer_page, served_council, axe_options):
    indicator = served_council.indicator
    update_indicator(indicator, by=None, target=Decimal(800))
    officer_page.goto(reverse("programmes:indicator_rules", args=[indicator.pk]))
    assert_accessible(officer_page, axe_options)
    officer_page.get_by_label("Rule 1: when").focus()
    officer_page.keyboard.press("ArrowDown")  # "At least a share of the target"
    officer_page.keyboard.press("Tab")
    officer_page.keyboard.type("90")
    officer_page.keyboard.press("Tab")
    officer_page.keyboard.press("ArrowDown")  # Amber
    assert officer_page.get_by_label("Rule 1: RAG").input_value() == "A"
    officer_page.get_by_role("button", name="Save the rules").focus()
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    assert "have been saved" in officer_page.locator(".govuk-notification-banner").inner_text()
    indicator.refresh_from_db()
    assert indicator.rag_rules == [{"rag": "A", "test": "target", "percent": "90"}]

    # A rule half chosen: the error summary, still without axe violations.
    officer_page.goto(reverse("programmes:indicator_rules", args=[indicator.pk]))
    officer_page.get_by_label("Rule 2: when").select_option("target")
    officer_page.get_by_role("button", name="Save the rules").click()
    assert "Rule 2: enter the % of the target" in officer_page.locator(".govuk-error-summary").inner_text()
    assert_accessible(officer_page, axe_options)
