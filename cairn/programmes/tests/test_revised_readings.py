"""A revised figure replaces a reading with its reason, and the indicator's history keeps the figure it replaced."""

from decimal import Decimal

from django.urls import reverse

from cairn.audit.models import AuditEvent


def test_a_revised_reading_replaces_the_figure_with_its_reason_and_history(officer_client, council):
    reading = council.indicator.readings.get()
    url = reverse("programmes:reading_revise", args=[reading.pk])
    page = officer_client.get(url)
    assert page.status_code == 200
    response = officer_client.post(url, {"value": "740", "reason": "The published figure replaced the provisional one"})
    assert response.status_code == 302
    reading.refresh_from_db()
    assert reading.value == Decimal(740)
    assert reading.revised_reason == "The published figure replaced the provisional one"
    event = AuditEvent.objects.get(action="reading.revised")
    assert (Decimal(event.before["value"]), Decimal(event.after["value"])) == (Decimal(732), Decimal(740))
    history = officer_client.get(reverse("audit:history", args=["indicator", council.indicator.pk])).content.decode()
    assert "732" in history and "740" in history and "The published figure replaced the provisional one" in history


def test_a_revision_without_a_reason_is_refused_and_changes_nothing(officer_client, council):
    reading = council.indicator.readings.get()
    url = reverse("programmes:reading_revise", args=[reading.pk])
    response = officer_client.post(url, {"value": "1", "reason": ""})
    assert response.status_code == 200
    assert "Say why the reading is revised" in response.content.decode()
    reading.refresh_from_db()
    assert reading.value == Decimal(732) and not AuditEvent.objects.filter(action="reading.revised").exists()
