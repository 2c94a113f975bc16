"""A long PDF in real Chromium: the job page shows progress, updates itself when the work is done, and passes axe."""

import pytest
from django.urls import reverse

from cairn.jobs.models import Job
from cairn.jobs.testing import run_queued_jobs

from .test_accessibility import assert_accessible, axe_options  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_the_job_page_follows_the_work_and_offers_the_document(officer_page, served_council, axe_options, settings):
    settings.CAIRN_BACKGROUND_ROWS = 0
    page = officer_page
    page.goto(reverse("reports:download", args=["progress-update", served_council.review.pk]) + "?format=pdf")
    job = Job.objects.get(organisation=served_council.org)
    assert page.url.endswith(reverse("jobs:job_detail", args=[job.pk]))
    assert page.get_by_role("heading", level=1).inner_text() == job.title
    assert page.locator("progress").count() == 1
    assert_accessible(page, axe_options)

    run_queued_jobs()  # as `cairn db_worker` would, while the page waits

    # The page polls its status and reloads itself once the document is made: no click needed.
    page.get_by_text("Your document is ready").wait_for()
    assert_accessible(page, axe_options)
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Download {Job.objects.get(pk=job.pk).output_name}").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_a_job_whose_worker_died_is_tried_again_by_keyboard(officer_page, served_council, axe_options, settings):
    settings.CAIRN_BACKGROUND_ROWS = 0
    page = officer_page
    page.goto(reverse("reports:download", args=["progress-update", served_council.review.pk]) + "?format=pdf")
    job = Job.objects.get(organisation=served_council.org)
    job.start()  # a worker took it, then died
    job.fail("Cairn stopped this because it had not moved on. Nothing was changed. Press Try again.", retryable=True)
    page.goto(reverse("jobs:job_detail", args=[job.pk]))
    assert "Press Try again" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, axe_options)
    page.get_by_role("button", name="Try again").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    again = Job.objects.exclude(pk=job.pk).get()
    assert page.url.endswith(reverse("jobs:job_detail", args=[again.pk]))
    run_queued_jobs()
    page.get_by_text("Your document is ready").wait_for()
