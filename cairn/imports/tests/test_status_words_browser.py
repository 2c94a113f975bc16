"""The import check page with a paper's status words, in real Chromium with axe."""

from pathlib import Path

import pytest
from django.urls import reverse

from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)
from cairn.imports import operations
from cairn.imports.models import ImportBatch

pytestmark = pytest.mark.browser
PAPER = Path(__file__).parent / "other_councils" / "03_iow_2004_select_committee_recommendations_piped.txt"


def test_the_status_words_table_passes_axe(officer_page, served_council, axe_options):  # noqa: F811
    batch = operations.stage_import(served_council.org, by=served_council.officer, name=PAPER.name,
                                    data=PAPER.read_bytes())
    assert isinstance(batch, ImportBatch)
    officer_page.goto(reverse("imports:batch_preview", args=[batch.pk]))
    table = officer_page.locator("table", has_text="To be renegotiated")
    assert "To be renegotiated" in table.inner_text()
    assert_accessible(officer_page, axe_options)
