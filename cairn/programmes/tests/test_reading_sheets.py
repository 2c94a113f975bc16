"""Readings entered in bulk from a spreadsheet (CSV and a real .xlsx), all or none, with a RAG each."""

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.programmes import operations as programmes
from cairn.programmes.models import Reading

CSV = b"Period,Value,Note\nJan 27,650,\nFeb 27,700.5,Provisional\n\n1/3/2027,\"1,020\",\n"


def upload(client, indicator, name: str, data: bytes):
    return client.post(reverse("programmes:readings_upload", args=[indicator.pk]),
                       {"sheet": SimpleUploadedFile(name, data)})


def test_a_csv_of_readings_is_recorded_with_rags_and_one_audit_event(officer_client, council):
    indicator = council.indicator  # green from 700, amber from 600 (higher is better)
    before = AuditEvent.objects.count()
    response = upload(officer_client, indicator, "readings.csv", CSV)
    assert response.status_code == 302
    readings = {r.period_start: (r.value, r.rag, r.note) for r in Reading.objects.filter(indicator=indicator,
                                                                                       period_start__year=2027)}
    assert readings == {
        dt.date(2027, 1, 1): (Decimal(650), "A", ""),
        dt.date(2027, 2, 1): (Decimal("700.5"), "G", "Provisional"),
        dt.date(2027, 3, 1): (Decimal(1020), "G", ""),
    }
    assert AuditEvent.objects.count() == before + 1


def test_an_excel_sheet_with_dates_is_read(officer_client, council):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator readings"])
    sheet.append(["Period", "Value"])
    sheet.append([dt.datetime(2027, 4, 1), 610])
    data = io.BytesIO()
    book.save(data)
    assert upload(officer_client, council.indicator, "readings.xlsx", data.getvalue()).status_code == 302
    assert Reading.objects.get(indicator=council.indicator, period_start=dt.date(2027, 4, 1)).value == 610


def test_a_bad_row_or_a_month_already_read_is_refused_and_nothing_is_recorded(officer_client, council):
    count = Reading.objects.count()
    page = upload(officer_client, council.indicator, "r.csv", b"Period,Value\nJan 27,650\nFeb 27,lots\n").content.decode()
    assert "r.csv, row 3: &#34;lots&#34; is not a number." in page or "r.csv, row 3: &quot;lots&quot; is not a number." in page
    page = upload(officer_client, council.indicator, "r.csv", b"Period,Value\nsoon,650\n").content.decode()
    assert "is not a month or a date" in page
    page = upload(officer_client, council.indicator, "r.csv", b"Month,Figure\nJan 27,650\n").content.decode()
    assert "no header row with a Period and a Value column" in page
    assert Reading.objects.count() == count


def preview(client, indicator, data: bytes):
    page = upload(client, indicator, "readings.csv", data)
    assert page.status_code == 200
    content = page.content.decode()
    rows = re.search(r'name="rows" value="([^"]+)"', content).group(1)
    return content, rows


def confirm(client, indicator, rows: str, reason: str = ""):
    return client.post(reverse("programmes:readings_upload", args=[indicator.pk]), {"rows": rows, "reason": reason})


def test_a_month_already_read_is_previewed_then_revised_with_the_notes_reason_and_history(officer_client, council):
    indicator = council.indicator
    reading = indicator.readings.get()  # 732 this month, green
    month = reading.period_start
    sheet = f"Period,Value,Note\n{month:%b %y},640,Published figure\n1/1/2019,700,\n".encode()
    page, rows = preview(officer_client, indicator, sheet)
    assert "Check the readings before they are recorded" in page
    assert "Revises 732" in page and "Published figure (the reason)" in page and "New reading" in page
    assert reading.__class__.objects.get(pk=reading.pk).value == 732  # nothing recorded by the preview
    response = confirm(officer_client, indicator, rows)
    assert response.status_code == 302
    reading.refresh_from_db()
    assert (reading.value, reading.rag, reading.revised_reason) == (Decimal(640), "A", "Published figure")
    assert reading.revised_at is not None
    # The history is the one a single revision writes: the reading's own event, before and after.
    event = AuditEvent.objects.get(action="reading.revised", target_id=str(reading.pk))
    assert (Decimal(event.before["value"]), Decimal(event.after["value"])) == (Decimal(732), Decimal(640))
    assert event.before["rag"] == "G" and event.after["revised_reason"] == "Published figure"
    assert AuditEvent.objects.get(action="readings.recorded").after["periods"] == ["2019-01-01"]
    history = officer_client.get(reverse("audit:history", args=["indicator", indicator.pk])).content.decode()
    assert "732" in history and "640" in history and "Published figure" in history


def test_the_reason_field_explains_rows_without_a_note_and_a_revision_without_any_changes_nothing(
    officer_client, council
):
    indicator = council.indicator
    reading = indicator.readings.get()
    events = AuditEvent.objects.count()
    sheet = f"Period,Value\n{reading.period_start:%b %y},650\n1/1/2019,700\n".encode()
    page, rows = preview(officer_client, indicator, sheet)
    response = confirm(officer_client, indicator, rows)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Say why the readings of {reading.period_start:%b %Y} are revised" in page
    assert "Check the readings before they are recorded" in page  # the preview again, with the problem
    assert Reading.objects.filter(indicator=indicator).count() == 1 and AuditEvent.objects.count() == events
    reading.refresh_from_db()
    assert reading.value == 732
    assert confirm(officer_client, indicator, rows, reason="Corrected by the service").status_code == 302
    reading.refresh_from_db()
    assert (reading.value, reading.revised_reason) == (Decimal(650), "Corrected by the service")
    assert Reading.objects.get(indicator=indicator, period_start=dt.date(2019, 1, 1)).value == 700


def test_a_row_with_the_figure_already_recorded_is_left_as_it_is(officer_client, council):
    indicator = council.indicator
    reading = indicator.readings.get()
    page, rows = preview(officer_client, indicator, f"Period,Value\n{reading.period_start:%b %y},732\n1/1/2019,1\n".encode())
    assert "The same as recorded: left as it is" in page and "Revises" not in page
    assert confirm(officer_client, indicator, rows).status_code == 302
    reading.refresh_from_db()
    assert reading.revised_at is None and not AuditEvent.objects.filter(action="reading.revised").exists()
    page, rows = preview(officer_client, indicator, f"Period,Value\n{reading.period_start:%b %y},732\n".encode())
    page = confirm(officer_client, indicator, rows).content.decode()
    assert "already recorded with the same figure: nothing changed" in page


def test_rows_altered_on_the_way_or_for_another_indicator_are_refused(officer_client, council):
    indicator = council.indicator
    _, rows = preview(officer_client, indicator, f"Period,Value\n{indicator.readings.get().period_start:%b %y},1\n".encode())
    page = confirm(officer_client, indicator, rows[:-3] + "abc", reason="x").content.decode()
    assert "could not be read back: upload it again" in page
    other = programmes.create_indicator(council.org, by=None, name="Second indicator", polarity="higher",
                                        projects=[council.project])
    page = confirm(officer_client, other, rows, reason="x").content.decode()
    assert "These rows were read for another indicator: upload the spreadsheet again" in page
    assert indicator.readings.get().value == 732 and not other.readings.exists()


def test_a_month_given_twice_in_the_sheet_is_refused(officer_client, council):
    page = upload(officer_client, council.indicator, "r.csv", b"Period,Value\nJan 19,1\n1/1/2019,2\n").content.decode()
    assert "r.csv: the sheet gives Jan 2019 more than once; keep one row a month." in page
    assert not Reading.objects.filter(period_start=dt.date(2019, 1, 1)).exists()
