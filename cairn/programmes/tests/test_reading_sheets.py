"""Readings entered in bulk from a spreadsheet (CSV and a real .xlsx), all or none, with a RAG each."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.audit.models import AuditEvent
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
    taken = council.indicator.readings.first().period_start
    page = upload(officer_client, council.indicator, "r.csv", f"Period,Value\nJan 27,1\n{taken:%b %y},2\n".encode()).content.decode()
    assert f"already has a reading for {taken:%b %Y}" in page
    assert Reading.objects.count() == count
