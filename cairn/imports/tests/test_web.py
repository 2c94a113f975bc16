"""Importing in the browser: upload, check the preview, leave records out, apply; bad files change nothing."""

import io
import zipfile
from html import escape, unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from markupsafe import escape as markup

from cairn.audit.models import AuditEvent
from cairn.imports import operations
from cairn.imports.forms import HOURLY_LIMIT
from cairn.imports.models import ImportBatch
from cairn.reviews.models import Recommendation, Review

from .conftest import seed

PLAN = "No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tHead of Service\n"


def upload(client, *files: tuple[str, bytes]):
    return client.post(
        reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data) for name, data in files]}, follow=True
    )


def page(response) -> str:
    return response.content.decode()


def imported_reviews(council):
    return Review.objects.for_organisation(council.org).exclude(pk=council.review.pk)


def test_officer_uploads_a_seed_and_sees_its_preview(officer_client, council):
    name, data = seed("000")
    response = upload(officer_client, (name, data))
    batch = ImportBatch.objects.get(organisation=council.org)
    assert response.redirect_chain[-1][0] == reverse("imports:batch_preview", args=[batch.pk])
    html = page(response)
    assert f"{name} was read as a progress update" in html
    assert "Progress Update – EIT Review of Child Placements" in html
    # Recommendations with their numbers and texts, steps with their dates as written and as read.
    assert "Recommendation 2" in html
    assert "The Committee recommend the creation of a specific full time officer post" in html
    assert "Job Description/Person Specification to be finalised" in html
    assert "<td class=\"govuk-table__cell\">Mar 2010</td>" in html and "31/03/2010" in html
    assert "Unable to proceed due to no expressions of interest being received." in html
    # Every warning with where it was found.
    for warning in batch.warnings:
        assert warning["where"] in html
    assert "What importing would create" in html and "1 review" in html
    assert not imported_reviews(council).exists()


def test_several_files_at_once_are_each_staged(officer_client, council):
    files = [seed(start) for start in ("000", "001", "003")]
    response = upload(officer_client, *files)
    assert response.redirect_chain[-1][0] == reverse("imports:batch_list")
    batches = ImportBatch.objects.filter(organisation=council.org)
    assert sorted(batch.source_name for batch in batches) == sorted(name for name, _ in files)
    html = page(response)
    for name, _ in files:
        assert name in html
    assert "Highlight report" in html


def test_projects_and_their_milestones_are_previewed(officer_client, council):
    upload(officer_client, seed("003"))
    batch = ImportBatch.objects.get(organisation=council.org)
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    project = batch.extraction["projects"][0]
    assert escape(project["name"]) in html
    assert escape(project["milestones"][0]["activity"]) in html


def test_leaving_out_a_recommendation_then_applying_creates_the_rest(officer_client, council):
    upload(officer_client, seed("000"))
    batch = ImportBatch.objects.get(organisation=council.org)
    numbers = [item["number"] for item in batch.extraction["recommendations"]]
    dropped_text = batch.extraction["recommendations"][1]["text"]
    url = reverse("imports:batch_drop", args=[batch.pk])

    response = officer_client.post(url, {"recommendations": ["1"], "version": batch.updated_at.isoformat()}, follow=True)
    assert "1 record left out" in page(response)
    batch.refresh_from_db()
    assert [item["number"] for item in batch.extraction["recommendations"]] == numbers[:1] + numbers[2:]
    event = AuditEvent.objects.get(action="import.records_dropped")
    assert event.after["dropped"]["recommendations"][0]["number"] == numbers[1]

    response = officer_client.post(reverse("imports:batch_apply", args=[batch.pk]), follow=True)
    assert f"{batch.source_name} has been imported" in page(response)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED
    review = imported_reviews(council).get()
    created = Recommendation.objects.filter(review=review)
    assert sorted(created.values_list("number", flat=True)) == sorted(numbers[:1] + numbers[2:])
    assert not created.filter(text=dropped_text).exists()
    assert AuditEvent.objects.filter(action="import.applied", target_id=str(batch.pk)).count() == 1
    assert AuditEvent.objects.filter(action="recommendation.created").count() >= len(numbers) - 1


def test_a_stale_leave_out_form_is_refused(officer_client, council):
    upload(officer_client, seed("000"))
    batch = ImportBatch.objects.get(organisation=council.org)
    before = batch.extraction["recommendations"]
    response = officer_client.post(
        reverse("imports:batch_drop", args=[batch.pk]), {"recommendations": ["0"], "version": "an older page"}, follow=True
    )
    assert "have changed since the page was shown" in page(response)
    batch.refresh_from_db()
    assert batch.extraction["recommendations"] == before


def test_leaving_out_nothing_says_what_to_do(officer_client, council):
    upload(officer_client, seed("000"))
    batch = ImportBatch.objects.get(organisation=council.org)
    response = officer_client.post(
        reverse("imports:batch_drop", args=[batch.pk]), {"version": batch.updated_at.isoformat()}, follow=True
    )
    assert "Choose at least one recommendation or project to leave out" in page(response)


def test_the_same_file_again_is_already_imported_and_creates_nothing(officer_client, council):
    name, data = seed("000")
    upload(officer_client, (name, data))
    batch = ImportBatch.objects.get(organisation=council.org)
    officer_client.post(reverse("imports:batch_apply", args=[batch.pk]))
    reviews, recommendations = imported_reviews(council).count(), Recommendation.objects.count()

    response = upload(officer_client, ("renamed.txt", data))
    assert "renamed.txt has already been imported" in page(response)
    assert ImportBatch.objects.count() == 1
    assert (imported_reviews(council).count(), Recommendation.objects.count()) == (reviews, recommendations)
    response = officer_client.post(reverse("imports:batch_apply", args=[batch.pk]), follow=True)
    assert "has already been imported" in page(response)
    assert Recommendation.objects.count() == recommendations


def test_discarding_a_file_creates_nothing(officer_client, council):
    upload(officer_client, seed("000"))
    batch = ImportBatch.objects.get(organisation=council.org)
    response = officer_client.post(reverse("imports:batch_discard", args=[batch.pk]), follow=True)
    assert "has been discarded" in page(response)
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.DISCARDED
    assert not imported_reviews(council).exists()


def test_discarding_is_asked_about_on_a_page_of_its_own(officer_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="plan.txt", data=PLAN.encode())
    discard, confirm = (reverse(f"imports:{name}", args=[batch.pk]) for name in ("batch_discard", "batch_discard_confirm"))
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    # The check page only links to the question, with a secondary button apart from "Confirm and import".
    assert f'action="{discard}"' not in html
    assert f'<a href="{confirm}" role="button" draggable="false" class="govuk-button govuk-button--secondary"' in html
    assert "govuk-button--warning" not in html
    assert html.index("Confirm and import") < html.index("Or discard this file") < html.index(f'href="{confirm}"')

    response = officer_client.get(confirm)
    html = page(response)
    assert response.status_code == 200
    assert "Are you sure you want to discard plan.txt?" in html and "Nothing will be created from it." in html
    assert f'<form method="post" action="{discard}"' in html and "govuk-button--warning" in html
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.STAGED

    response = officer_client.post(discard, follow=True)
    assert "plan.txt has been discarded" in page(response)


def test_an_imported_file_cannot_be_discarded_from_the_question_page(officer_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="plan.txt", data=PLAN.encode())
    operations.apply_import(batch, by=council.officer)
    html = page(officer_client.get(reverse("imports:batch_discard_confirm", args=[batch.pk])))
    assert "plan.txt cannot be discarded" in html and "plan.txt is applied." in html
    assert reverse("imports:batch_discard", args=[batch.pk]) not in html


def test_a_file_with_nothing_to_import_offers_only_discarding_it(officer_client, council):
    html = page(upload(officer_client, ("plain.txt", b"Dear colleague,\nPlease find the minutes attached.\n")))
    batch = ImportBatch.objects.get(organisation=council.org)
    assert "Cairn found nothing to import in this file." in html
    assert "Confirm and import" not in html and reverse("imports:batch_apply", args=[batch.pk]) not in html
    assert "Discard this file" in html and reverse("imports:batch_discard_confirm", args=[batch.pk]) in html
    assert "Nothing." not in html


def test_applying_a_file_with_nothing_to_import_is_refused(officer_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="plain.txt", data=b"A note.")
    events = AuditEvent.objects.count()
    html = page(officer_client.post(reverse("imports:batch_apply", args=[batch.pk]), follow=True))
    assert "Cairn found nothing to import in this file." in html and "has been imported" not in html
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.STAGED and AuditEvent.objects.count() == events
    with pytest.raises(ValidationError, match="Cairn found nothing to import in this file"):
        operations.apply_import(batch, by=council.officer)


def _password_protected() -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le")


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Hello")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt is empty."),
        ("blank.txt", b"  \n\n ", "blank.txt is empty."),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "image.txt is not a document Cairn can read"),
        ("report.docx", PLAN.encode(), "report.docx is not a valid .docx file"),
        ("broken.pdf", b"%PDF-1.4\n garbage", "broken.pdf"),
        ("locked.docx", _password_protected(), "locked.docx is protected by a password"),
        ("minutes.odt", b"plain words", "minutes.odt is an OpenDocument text file"),
        ("archive.zip", _zip_of_text(), "archive.zip is a zip archive"),
    ],
)
def test_a_bad_file_shows_its_error_and_changes_nothing(officer_client, council, name, data, message):
    events = AuditEvent.objects.count()
    response = upload(officer_client, (name, data))
    html = page(response)
    assert response.status_code == 200
    assert "<title>Error: Import papers" in html
    assert "There is a problem" in html and message in html
    assert not ImportBatch.objects.exists()
    assert AuditEvent.objects.count() == events


def test_one_bad_file_among_good_ones_stages_none_of_them(officer_client, council):
    response = upload(officer_client, seed("000"), ("empty.txt", b""))
    assert "empty.txt is empty." in page(response)
    assert not ImportBatch.objects.exists()


def test_an_oversized_file_is_refused_before_it_is_read(officer_client, council, monkeypatch):
    monkeypatch.setattr("cairn.imports.parsers.readers.MAX_BYTES", 2 * 1024 * 1024)
    # Just over the limit: a size rounded to "2.0 MB" would contradict the limit it breaks.
    response = upload(officer_client, ("big.txt", b"word " * 420_000))
    html = page(response)
    assert "big.txt is larger than the 2 MB Cairn reads" in html
    assert " MB; " not in html and "None of the files were uploaded" not in html
    assert not ImportBatch.objects.exists()


def test_an_oversized_file_among_others_says_none_were_uploaded(officer_client, council, monkeypatch):
    monkeypatch.setattr("cairn.imports.parsers.readers.MAX_BYTES", 1024 * 1024)
    response = upload(officer_client, ("plan.txt", PLAN.encode()), ("big.txt", b"word " * 210_000))
    html = page(response)
    assert "big.txt is larger than the 1 MB Cairn reads" in html
    assert "None of the files were uploaded: fix or remove big.txt and upload them again" in html
    assert not ImportBatch.objects.exists()


def test_a_refused_file_among_good_ones_says_none_were_uploaded(officer_client, council):
    response = upload(officer_client, ("plan.txt", PLAN.encode()), ("empty.txt", b""), ("notes.odt", b"words"))
    html = page(response)
    assert "empty.txt is empty." in html
    assert "None of the files were uploaded: fix or remove empty.txt and notes.odt and upload them again" in html
    assert not ImportBatch.objects.exists()


def test_an_unreadable_format_names_the_formats_cairn_reads_in_plain_words(officer_client, council):
    html = page(upload(officer_client, ("minutes.odt", b"plain words")))
    assert markup("Cairn reads .txt, .md, .csv, .docx, .pdf and .xlsx files, and Cairn's own JSON exports (.json).") in html
    assert "cairn-extract" not in html


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("plan.txt", PLAN.encode(), "plan.txt was read as an action plan, with no warnings."),
        ("letter.txt", b"Dear colleague,\nPlease find the minutes attached.\n",
         "letter.txt was read, with 2 warnings, but Cairn could not tell what kind of paper it is."),
    ],
)
def test_the_upload_says_what_kind_of_paper_the_file_was_read_as(officer_client, council, name, data, said):
    assert said in page(upload(officer_client, (name, data)))


def test_a_small_files_size_is_shown_in_bytes(officer_client, council):
    html = page(upload(officer_client, ("note.txt", b"A note of forty-four bytes, give or take it.")))
    assert "(44 bytes)" in html and "0.0 KB" not in html


def test_choosing_no_file_says_so(officer_client, council):
    response = officer_client.post(reverse("imports:upload"), {})
    assert "Choose one or more files to import" in page(response)


def test_at_most_ten_files_at_a_time(officer_client, council):
    files = [(f"plan-{number}.txt", f"{PLAN}{number}\n".encode()) for number in range(11)]
    response = upload(officer_client, *files)
    assert "Choose at most 10 files at a time; you chose 11" in page(response)
    assert not ImportBatch.objects.exists()


def test_uploads_are_limited_each_hour(officer_client, council):
    officer = council.officer
    for number in range(HOURLY_LIMIT - 1):
        operations.stage_import(council.org, by=officer, name=f"{number}.txt", data=f"Note {number}.".encode())
    response = upload(officer_client, ("a.txt", b"Note a."), ("b.txt", b"Note b."))
    assert f"You have uploaded {HOURLY_LIMIT - 1} files in the last hour" in page(response)
    assert "Choose at most 1 now" in page(response)
    assert ImportBatch.objects.count() == HOURLY_LIMIT - 1


@pytest.mark.parametrize("persona", ["councillor_client", "lead_client", "finance_client"])
def test_people_who_do_not_import_are_refused(request, persona, council):
    client = request.getfixturevalue(persona)
    batch = operations.stage_import(council.org, by=None, name="plan.txt", data=PLAN.encode())
    assert client.get(reverse("imports:upload")).status_code == 403
    assert client.get(reverse("imports:batch_preview", args=[batch.pk])).status_code == 403
    response = client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile("plan2.txt", b"Note.")]})
    assert response.status_code == 403
    assert client.post(reverse("imports:batch_apply", args=[batch.pk])).status_code == 403
    assert ImportBatch.objects.count() == 1


def test_another_councils_batch_is_not_found(other_council_client, council):
    batch = operations.stage_import(council.org, by=None, name="plan.txt", data=PLAN.encode())
    assert other_council_client.get(reverse("imports:batch_preview", args=[batch.pk])).status_code == 404
    assert other_council_client.post(reverse("imports:batch_apply", args=[batch.pk])).status_code == 404
    assert other_council_client.post(reverse("imports:batch_discard", args=[batch.pk])).status_code == 404
    assert other_council_client.get(reverse("imports:batch_discard_confirm", args=[batch.pk])).status_code == 404
    assert "plan.txt" not in page(other_council_client.get(reverse("imports:batch_list")))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.STAGED


def test_review_list_links_to_importing_only_for_officers(officer_client, councillor_client, council):
    link = reverse("imports:upload")
    assert link in page(officer_client.get(reverse("reviews:review_list")))
    assert link not in page(councillor_client.get(reverse("reviews:review_list")))


def test_batch_list_queries_do_not_grow_with_batches(officer_client, council, django_assert_max_num_queries):
    for number in range(5):
        operations.stage_import(council.org, by=council.officer, name=f"{number}.txt", data=f"Note {number}.".encode())
    with django_assert_max_num_queries(12):
        response = officer_client.get(reverse("imports:batch_list"))
    assert page(response).count("Staged") >= 5


@pytest.mark.parametrize("start", ["000", "001", "002", "003", "004"])
def test_every_seed_paper_can_be_checked(officer_client, council, start):
    name, data = seed(start)
    response = upload(officer_client, (name, data))
    assert response.status_code == 200
    html = page(response)
    assert "Now import this paper" in html
    assert "This file cannot be imported as it stands" not in html


def test_the_preview_shows_the_papers_status_words_with_their_meaning_on_the_councils_scale(officer_client, council):
    from pathlib import Path

    name = "03_iow_2004_select_committee_recommendations_piped.txt"
    data = (Path(__file__).parent / "other_councils" / name).read_bytes()
    html = " ".join(page(upload(officer_client, (name, data))).split())
    assert "Status words" in html
    assert ('<th scope="row" class="govuk-table__header">Pending</th> '
            '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>') in html
    # Words kept as written; the meaning is the level of the council's own scale that means the same.
    # Cairn's reading is offered to confirm: chosen in the word's list of the scale's levels, not yet confirmed.
    level = council.level("1")
    actioned = unescape(html.split("Actioned.</th>")[1].split("</tr>")[0])
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">1</td>' in actioned
    assert f'<option value="{level.code}" selected>{level.code} {level.label}</option>' in actioned
    assert "Cairn's reading: Complete, not yet confirmed" in actioned
    unknown = unescape(html.split("To be incorporated in Q2.</th>")[1].split("</tr>")[0])
    assert '<option value="" selected>No level: keep the words only</option>' in unknown
    assert "Cairn's reading: not known, not yet confirmed" in unknown
