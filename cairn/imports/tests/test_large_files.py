"""Large and slow files in the browser: the check page shows a page of records and warnings at a time, a file slow
to read leaves the request for the background, and the background gives up at its time limit, staging nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.imports.models import ImportBatch
from cairn.jobs.models import Job
from cairn.jobs.testing import run_queued_jobs

from .formats import to_pdf

HEADER = "No\tRecommendation\tAction\tTarget Date\tLead\n"


def plan(rows: int) -> bytes:
    return (HEADER + "".join(
        f"{n}\tRecommendation number {n} of the plan\tAdvertise\tMar 2010\tHead of Service\n" for n in range(1, rows + 1)
    )).encode()


def upload(client, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]})


def test_the_check_page_shows_a_large_file_a_page_of_records_at_a_time(officer_client, council):
    upload(officer_client, "plan.txt", plan(60))
    batch = ImportBatch.objects.get(organisation=council.org)
    url = reverse("imports:batch_preview", args=[batch.pk])
    html = officer_client.get(url).content.decode()
    assert "Recommendations (60)" in html and "Showing recommendations 1 to 25 of 60." in html
    assert "Recommendation number 25 of the plan" in html and "Recommendation number 26 of the plan" not in html
    assert html.count('name="recommendations"') == 25  # only this page's records can be ticked
    assert 'href="?page=3"' in html
    html = officer_client.get(url, {"page": 3}).content.decode()
    assert "Showing recommendations 51 to 60 of 60." in html and "Recommendation number 60 of the plan" in html
    assert reverse("imports:recommendation_correct", args=[batch.pk, 59]) in html
    assert officer_client.get(url, {"page": "x"}).status_code == officer_client.get(url, {"page": 99}).status_code == 200


def test_leaving_out_a_record_from_a_later_page_leaves_out_that_one(officer_client, council):
    upload(officer_client, "plan.txt", plan(30))
    batch = ImportBatch.objects.get(organisation=council.org)
    response = officer_client.post(
        reverse("imports:batch_drop", args=[batch.pk]),
        {"recommendations": [27], "version": batch.updated_at.isoformat()},
    )
    assert response.status_code == 302
    texts = [r["text"] for r in ImportBatch.objects.get(pk=batch.pk).extraction["recommendations"]]
    assert len(texts) == 29 and "Recommendation number 28 of the plan" not in texts


def test_the_check_page_shortens_a_long_warning_and_pages_through_many(officer_client, council):
    # Each note under a heading of its own, so each is a warning of its own.
    names = [f"Part {chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(120)]
    lines = "".join(f"{name}\n\nThe note says " + "word " * 1000 + "\n\n" for name in names)
    upload(officer_client, "notes.txt", f"Dear colleague,\n\n{lines}".encode())
    batch = ImportBatch.objects.get(organisation=council.org)
    assert len(batch.warnings) > 50
    html = officer_client.get(reverse("imports:batch_preview", args=[batch.pk])).content.decode()
    assert "more characters not shown)" in html
    assert f"Showing warnings 1 to 50 of {len(batch.warnings)}." in html and "?warnings_page=2" in html
    assert len(html) < 400_000


@pytest.mark.django_db(transaction=True)
def test_a_file_still_being_read_when_the_request_has_had_its_time_goes_to_the_background(
    officer_client, council, settings
):
    settings.CAIRN_IMPORT_REQUEST_SECONDS = 0.001
    response = upload(officer_client, "plan.txt", plan(3))
    job = Job.objects.get(organisation=council.org)
    assert response.url == reverse("jobs:job_detail", args=[job.pk])
    assert not ImportBatch.objects.exists()
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert ImportBatch.objects.get(pk=job.result["batch"]).extraction["recommendations"][2]["number"] == "3"


@pytest.mark.django_db(transaction=True)
def test_a_file_still_being_read_at_the_time_limit_fails_its_job_and_stages_nothing(officer_client, council, settings):
    settings.CAIRN_BACKGROUND_PAGES = 1
    settings.CAIRN_IMPORT_SECONDS = 0.05
    data = to_pdf("Progress Update\n" + HEADER + "".join(f"{n}\tRecruit carers\tAdvertise\tMar 2010\tHead\n"
                                                          for n in range(1, 120)))
    upload(officer_client, "long.pdf", data)
    run_queued_jobs()
    job = Job.objects.get(organisation=council.org)
    assert job.state == Job.State.FAILED and job.input is None
    assert job.message.startswith("long.pdf took longer than 0.05 seconds to read")
    assert not ImportBatch.objects.exists()


def test_the_check_page_keeps_what_importing_would_create_until_the_council_changes(officer_client, council):
    from cairn.reviews import operations as reviews
    from cairn.reviews.models import Review

    upload(officer_client, "plan.txt", b"Action Plan \xe2\x80\x93 Review of fostering\n" + plan(30))
    batch = ImportBatch.objects.get(organisation=council.org)
    url = reverse("imports:batch_preview", args=[batch.pk])
    html = officer_client.get(url).content.decode()
    held = "(already in Cairn: the paper&#39;s records are added to it)"
    assert "30 recommendations" in html and held not in html
    kept = ImportBatch.objects.get(pk=batch.pk)
    assert kept.preview["counts"]["recommendations"] == 30 and kept.updated_at == batch.updated_at
    assert officer_client.get(url, {"page": 2}).content.decode().count("30 recommendations") == 1
    # A review of that title made meanwhile is a change of the council's: the paper would now join it.
    reviews.create_review(council.org, by=council.officer, kind=Review.Kind.EFFICIENCY, title="Review of fostering")
    html = officer_client.get(url).content.decode()
    assert held in html


@pytest.mark.django_db(transaction=True)
def test_a_file_of_many_records_is_imported_in_the_background(officer_client, council, settings):
    from cairn.reviews.models import Recommendation

    settings.CAIRN_BACKGROUND_RECORDS = 5
    upload(officer_client, "plan.txt", plan(10))
    batch = ImportBatch.objects.get(organisation=council.org)
    response = officer_client.post(reverse("imports:batch_apply", args=[batch.pk]))
    job = Job.objects.get(organisation=council.org, title="Importing plan.txt")
    assert response.url == reverse("jobs:job_detail", args=[job.pk])
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportBatch.State.STAGED
    run_queued_jobs()
    assert ImportBatch.objects.get(pk=batch.pk).state == ImportBatch.State.APPLIED
    assert Recommendation.objects.filter(text__startswith="Recommendation number").count() == 10
    assert officer_client.get(reverse("jobs:job_detail", args=[job.pk])).url == reverse(
        "imports:batch_preview", args=[batch.pk]
    )
