"""Background work end to end: a large upload and a long PDF are queued, worked by the real database worker, and
their pages show how far they have got, what came of them, or why they could not be finished."""

import datetime as dt
import io

import pdfplumber
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.tasks import TaskResultStatus, default_task_backend
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.imports.models import ImportBatch
from cairn.imports.parsers import extract
from cairn.imports.tests.formats import to_pdf
from cairn.jobs import background
from cairn.jobs.models import Job
from cairn.jobs.testing import run_queued_jobs
from cairn.reviews.models import Review

# The worker closes and reopens database connections between tasks, as it does in production, so these tests commit
# for real (a rolled-back test transaction would not survive the worker closing its connection on PostgreSQL).
pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "No\tRecommendation\tAction\tTarget Date\tLead\n"
PLAN = HEADER + "".join(
    f"{number}\tRecruit {number} more foster carers this year\tAdvertise in the local press\tMar 2010\tHead of Service\n"
    for number in range(1, 61)
)


@pytest.fixture
def small_background_limits(settings):
    settings.CAIRN_BACKGROUND_BYTES = 1024
    settings.CAIRN_BACKGROUND_PAGES = 1
    settings.CAIRN_BACKGROUND_ROWS = 0


def upload(client, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]})


def test_a_large_upload_is_read_in_the_background_then_previewed(officer_client, council, small_background_limits):
    response = upload(officer_client, "plan.txt", PLAN.encode())
    job = Job.objects.get(organisation=council.org)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert (job.kind, job.state, job.requested_by) == (Job.Kind.IMPORT, Job.State.QUEUED, council.users[Role.SCRUTINY_OFFICER])
    assert not ImportBatch.objects.exists()
    page = officer_client.get(response["Location"]).content.decode()
    assert "Reading plan.txt" in page and "<progress" in page and "Waiting to start" in page
    assert "is large, so Cairn is reading it in the background" in page and "Success" not in page  # not read yet
    assert officer_client.get(reverse("jobs:job_status", args=[job.pk])).json()["state"] == "queued"
    listing = officer_client.get(reverse("imports:batch_list")).content.decode()
    assert "Large files you uploaded" in listing and "plan.txt" in listing

    run_queued_jobs()

    job.refresh_from_db()
    batch = ImportBatch.objects.get(organisation=council.org)
    assert (job.state, job.result, job.input) == (Job.State.DONE, {"batch": batch.pk}, None)
    assert len(batch.extraction["recommendations"]) == 60
    assert batch.staged_by == council.users[Role.SCRUTINY_OFFICER]
    assert officer_client.get(reverse("jobs:job_status", args=[job.pk])).json() | {"finished": True} == (
        officer_client.get(reverse("jobs:job_status", args=[job.pk])).json()
    )
    # Once read, the job's page leads straight to the preview, and nothing is created until the officer applies.
    assert officer_client.get(reverse("jobs:job_detail", args=[job.pk]))["Location"] == (
        reverse("imports:batch_preview", args=[batch.pk])
    )
    assert not Review.objects.for_organisation(council.org).exclude(pk=council.review.pk).exists()
    assert default_task_backend.get_result(job.task_id).status == TaskResultStatus.SUCCESSFUL


def test_a_small_upload_is_still_read_at_once(officer_client, council):
    response = upload(officer_client, "plan.txt", PLAN.encode())
    batch = ImportBatch.objects.get(organisation=council.org)
    assert response["Location"] == reverse("imports:batch_preview", args=[batch.pk])
    assert not Job.objects.exists()


def test_a_large_file_that_cannot_be_read_fails_with_its_reason_and_stages_nothing(
    officer_client, council, small_background_limits
):
    upload(officer_client, "minutes.docx", b"PK\x03\x04" + b"\x00" * 4096)
    job = Job.objects.get(organisation=council.org)
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message.startswith("minutes.docx is damaged")
    assert job.input is None
    assert not ImportBatch.objects.exists()
    page = officer_client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "There is a problem" in page and "minutes.docx is damaged" in page and "Nothing was changed." in page


def test_uploading_a_large_file_already_imported_queues_nothing(officer_client, council, small_background_limits):
    upload(officer_client, "plan.txt", PLAN.encode())
    run_queued_jobs()
    response = upload(officer_client, "again.txt", PLAN.encode())
    assert Job.objects.count() == 1
    assert response["Location"] == reverse("imports:batch_preview", args=[ImportBatch.objects.get().pk])


def test_a_pdf_of_many_pages_is_read_in_the_background_though_small_in_bytes(officer_client, council, settings):
    settings.CAIRN_BACKGROUND_PAGES = 1
    data = to_pdf(PLAN)
    assert len(data) < settings.CAIRN_BACKGROUND_BYTES
    response = upload(officer_client, "plan.pdf", data)
    job = Job.objects.get(organisation=council.org)
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.DONE
    assert len(ImportBatch.objects.get(pk=job.result["batch"]).extraction["recommendations"]) == 60


def test_a_damaged_pdf_is_read_at_once_so_its_problem_is_shown_at_once(officer_client, council, settings):
    settings.CAIRN_BACKGROUND_PAGES = 0
    response = upload(officer_client, "plan.pdf", b"%PDF-1.7 this is not really a PDF" * 10)
    assert response.status_code == 200 and "plan.pdf" in response.content.decode()
    assert not Job.objects.exists() and not ImportBatch.objects.exists()


def test_reading_a_pdf_reports_each_page():
    data = to_pdf(PLAN)
    told = []
    extract(data, "plan.pdf", progress=lambda done, total, step: told.append((done, total, step)))
    pages = len(pdfplumber.open(io.BytesIO(data)).pages)
    assert pages > 1
    assert told == [(page - 1, pages, f"Reading page {page} of {pages}") for page in range(1, pages + 1)]


def test_a_long_pdf_is_made_in_the_background_and_downloaded_by_the_person_who_asked(
    officer_client, lead_client, council, small_background_limits
):
    url = reverse("reports:download", args=["progress-update", council.review.pk])
    response = officer_client.get(url, {"format": "pdf"})
    job = Job.objects.get(organisation=council.org)
    assert response["Location"] == reverse("jobs:job_detail", args=[job.pk])
    assert job.title.startswith("Making ") and job.title.endswith(".pdf")
    assert officer_client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404  # not made yet

    run_queued_jobs()

    job.refresh_from_db()
    assert job.state == Job.State.DONE
    page = officer_client.get(reverse("jobs:job_detail", args=[job.pk])).content.decode()
    assert "Your document is ready" in page and job.output_name in page
    download = officer_client.get(reverse("jobs:job_download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert f'filename="{job.output_name}"' in download["Content-Disposition"]
    text = "".join(page.extract_text() for page in pdfplumber.open(io.BytesIO(download.content)).pages)
    assert f"Progress Update – {council.review.title}" in " ".join(text.split())
    assert "Page 1 of 2" in text
    # Someone else in the council cannot see or download it.
    assert lead_client.get(reverse("jobs:job_download", args=[job.pk])).status_code == 404
    assert job.title not in lead_client.get(reverse("jobs:job_list")).content.decode()
    # A Word file of the same paper is quick, so it is still made at once.
    assert officer_client.get(url, {"format": "docx"}).status_code == 200


def test_an_unexpected_error_fails_the_job_with_a_general_message_and_keeps_the_traceback(council, settings):
    job = background.start(
        _broken, organisation=council.org, by=council.users[Role.SCRUTINY_OFFICER], kind=Job.Kind.DOCUMENT,
        title="Making a broken paper",
    )
    run_queued_jobs()
    job.refresh_from_db()
    assert job.state == Job.State.FAILED
    assert job.message == background.UNEXPECTED.format(pk=job.pk)
    result = default_task_backend.get_result(job.task_id)
    assert result.status == TaskResultStatus.FAILED
    assert "ZeroDivisionError" in result.errors[0].traceback


def test_a_job_runs_once_even_if_its_task_is_run_again(council):
    job = background.start(
        _broken, organisation=council.org, by=council.users[Role.SCRUTINY_OFFICER], kind=Job.Kind.DOCUMENT,
        title="Making a broken paper",
    )
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE)
    background.run(job.pk, lambda job: 1 / 0)  # already finished: not run again, so nothing raised
    job.refresh_from_db()
    assert job.state == Job.State.DONE


def test_queueing_is_undone_with_the_transaction_that_asked_for_it(council):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        background.start(
            _broken, organisation=council.org, by=council.users[Role.SCRUTINY_OFFICER], kind=Job.Kind.DOCUMENT,
            title="Making a broken paper",
        )
        raise RuntimeError("the upload failed after queueing")
    assert not Job.objects.exists()
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.exists()


def _fail(job):
    return 1 / 0


from django.tasks import task  # noqa: E402


@task
def _broken(job_id: int) -> None:
    background.run(job_id, _fail)


def test_pruning_deletes_only_work_finished_more_than_a_week_ago(council):
    import datetime as dt

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    def job(title, state, days_ago):
        made = background.start(
            _broken, organisation=council.org, by=council.users[Role.SCRUTINY_OFFICER], kind=Job.Kind.DOCUMENT,
            title=title,
        )
        finished = timezone.now() - dt.timedelta(days=days_ago) if state != Job.State.QUEUED else None
        Job.objects.filter(pk=made.pk).update(state=state, finished_at=finished)
        return made

    old, failed, recent, waiting = (
        job("old", Job.State.DONE, 8), job("failed", Job.State.FAILED, 9), job("recent", Job.State.DONE, 6),
        job("waiting", Job.State.QUEUED, 0),
    )
    out = io.StringIO()
    call_command("prune_jobs", stdout=out)
    assert out.getvalue().strip() == "2 finished jobs deleted."
    assert set(Job.objects.values_list("title", flat=True)) == {"recent", "waiting"}
    assert {str(id) for id in DBTaskResult.objects.values_list("id", flat=True)} == {recent.task_id, waiting.task_id}


def test_the_account_page_links_to_the_persons_background_work(officer_client):
    page = officer_client.get(reverse("accounts:account")).content.decode()
    assert f'href="{reverse("jobs:job_list")}"' in page


def test_a_job_waiting_over_a_minute_says_the_worker_may_not_be_running(officer_client, council):
    import datetime as dt

    from django.utils import timezone

    job = background.start(
        _broken, organisation=council.org, by=council.users[Role.SCRUTINY_OFFICER], kind=Job.Kind.DOCUMENT,
        title="Making a paper",
    )
    url = reverse("jobs:job_detail", args=[job.pk])
    assert "background worker may not be running" not in officer_client.get(url).content.decode()
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=2))
    assert "background worker may not be running" in officer_client.get(url).content.decode()


def test_pruning_forgets_form_tokens_after_a_day_and_delivered_e_mails_tasks_after_a_week(council):
    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from cairn.core.models import Email, Submission
    from cairn.reviews import round_operations

    old = Submission.objects.create(token="old", user=council.officer)
    Submission.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=2))
    Submission.objects.create(token="new", user=council.officer)
    round_operations.ask_for_updates(council.collecting_round, by=council.officer)  # committed: its task is queued
    run_queued_jobs()
    DBTaskResult.objects.filter(task_path="cairn.core.mail.deliver").update(finished_at=timezone.now() - dt.timedelta(days=8))
    call_command("prune_jobs", stdout=io.StringIO())
    assert list(Submission.objects.values_list("token", flat=True)) == ["new"]
    assert not DBTaskResult.objects.filter(task_path="cairn.core.mail.deliver").exists()
    assert Email.objects.filter(state=Email.State.SENT).count() == 1  # the e-mail log stays
