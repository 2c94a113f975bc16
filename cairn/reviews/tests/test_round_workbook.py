"""A round's updates out to Excel and back: the sheet, its locked columns, and uploads checked as the web form checks
an update, shown, then saved all or none with their audit events."""

import html
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.reviews import operations as reviews
from cairn.reviews.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def download(client, round_) -> openpyxl.Workbook:
    response = client.get(reverse("rounds:round_workbook_download", args=[round_.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return openpyxl.load_workbook(io.BytesIO(response.content))


def filled(book: openpyxl.Workbook, **cells) -> io.BytesIO:
    """The sheet with the first update's row filled in: heading -> value."""
    sheet = book["Updates"]
    headings = [cell.value for cell in sheet[1]]
    for heading, value in cells.items():
        sheet.cell(2, headings.index(heading) + 1).value = value
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "updates.xlsx"
    return out


def upload(client, round_, file):
    return client.post(reverse("rounds:round_workbook_upload", args=[round_.pk]), {"workbook": file})


def page(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def staged_token(response) -> str | None:
    match = re.search(r'name="staged" value="([^"]+)"', response.content.decode())
    return match.group(1) if match else None


def confirm(client, round_, response):
    token = staged_token(response)
    return client.post(reverse("rounds:round_workbook_confirm", args=[round_.pk]),
                       {"staged": token, "_submission": "t-" + token})


def test_the_sheet_has_a_row_per_update_with_the_last_update_and_locked_columns(officer_client, council):
    round_ = council.collecting_round
    book = download(officer_client, round_)
    sheet = book["Updates"]
    update = round_.updates.get()
    assert [cell.value for cell in sheet[1]][:4] == ["Update", "Version", "No.", "Recommendation"]
    assert sheet.max_row == 1 + round_.updates.count()
    assert sheet.cell(2, 1).value == update.pk and sheet.cell(2, 2).value == update.version
    assert sheet.protection.sheet
    assert sheet.cell(2, 1).protection.locked and not sheet.cell(2, 7).protection.locked
    # The last round's update fills the row until the lead writes this one.
    previous = council.published_round.updates.get()
    assert sheet.cell(2, 6).value == previous.evidence


def test_an_uploaded_sheet_is_checked_shown_and_saved_through_the_update_operation(officer_client, council):
    round_ = council.collecting_round
    file = filled(download(officer_client, round_), **{"Evidence of progress": "Twelve carers recruited.",
                                                       "Assessment (code)": "2"})
    response = upload(officer_client, round_, file)
    assert response.status_code == 200
    text = page(response)
    assert "Nothing can be saved" not in text
    assert "Evidence of progress (empty) Twelve carers recruited." in text
    update = round_.updates.get()
    assert update.evidence != "Twelve carers recruited."  # nothing saved before it is confirmed
    events = AuditEvent.objects.count()
    response = confirm(officer_client, round_, response)
    assert response.status_code == 302
    update.refresh_from_db()
    assert (update.evidence, update.level.code, update.state) == ("Twelve carers recruited.", "2", ProgressUpdate.State.DRAFT)
    actions = list(AuditEvent.objects.order_by("-pk").values_list("action", flat=True)[: AuditEvent.objects.count() - events])
    assert sorted(actions) == ["progress_update.saved", "round.updates_uploaded"]


def test_a_row_is_refused_by_the_same_rules_as_the_form(officer_client, council):
    round_ = council.collecting_round
    file = filled(download(officer_client, round_), **{"Savings or costs to date (£)": "1200", "Actual or estimated": ""})
    response = upload(officer_client, round_, file)
    assert "Select whether the amount is actual or estimated" in page(response)
    assert staged_token(response) is None


def test_a_code_not_on_the_scale_is_refused(officer_client, council):
    round_ = council.collecting_round
    response = upload(officer_client, round_, filled(download(officer_client, round_), **{"Assessment (code)": "9"}))
    assert "'9' is not a code on the council's assessment scale" in page(response)


def test_an_update_changed_since_the_download_is_refused(officer_client, council):
    round_ = council.collecting_round
    book = download(officer_client, round_)
    reviews.save_progress_update(round_.updates.get(), by=council.users[Role.ADMINISTRATOR], evidence="Changed meanwhile")
    response = upload(officer_client, round_, filled(book, **{"Evidence of progress": "Mine"}))
    assert "was changed in Cairn after this spreadsheet was downloaded" in page(response)
    assert round_.updates.get().evidence == "Changed meanwhile"


def test_a_change_saved_between_checking_and_confirming_saves_nothing(officer_client, council):
    round_ = council.collecting_round
    response = upload(officer_client, round_, filled(download(officer_client, round_), **{"Evidence of progress": "Mine"}))
    # Someone else (the administrator) saves the update meanwhile.
    reviews.save_progress_update(round_.updates.get(), by=council.users[Role.ADMINISTRATOR], evidence="Theirs")
    confirm(officer_client, round_, response)
    assert round_.updates.get().evidence == "Theirs"


def test_a_file_that_is_not_the_rounds_sheet_is_refused_with_a_message(officer_client, council):
    round_ = council.collecting_round
    book = openpyxl.Workbook()
    book.active.append(["Name", "Age"])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "people.xlsx"
    response = upload(officer_client, round_, out)
    assert "people.xlsx is not a round's updates as Cairn writes them" in page(response)
    text = io.BytesIO(b"hello")
    text.name = "notes.txt"
    response = upload(officer_client, round_, text)
    assert "notes.txt is not an Excel workbook" in page(response)


def test_another_councils_round_is_not_found(other_council_client, council):
    round_ = council.collecting_round
    assert other_council_client.get(reverse("rounds:round_workbook_download", args=[round_.pk])).status_code == 404
    assert other_council_client.get(reverse("rounds:round_workbook_upload", args=[round_.pk])).status_code == 404


def test_a_lead_cannot_download_or_upload_the_rounds_sheet(lead_client, council):
    round_ = council.collecting_round
    assert lead_client.get(reverse("rounds:round_workbook_download", args=[round_.pk])).status_code == 403
    assert lead_client.get(reverse("rounds:round_workbook_upload", args=[round_.pk])).status_code == 403


def test_a_published_round_has_no_sheet_to_fill_in(officer_client, council):
    assert officer_client.get(reverse("rounds:round_workbook_download", args=[council.published_round.pk])).status_code == 403
