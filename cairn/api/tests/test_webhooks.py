"""Webhooks: a local server receives signed deliveries; failures are logged and tried again later."""

import datetime as dt
import hashlib
import hmac
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import Role
from cairn.api.models import WebhookDelivery
from cairn.api.operations import register_webhook
from cairn.api.webhooks import announce_overdue_steps, deliver
from cairn.audit.models import AuditEvent

PORT = 8190


class Receiver:
    """A real HTTP server on a local port: answers each POST with the next status given, and keeps what it got."""

    def __init__(self, statuses):
        self.statuses = list(statuses)
        self.received = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"thanks" if status < 300 else b"try later")

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", PORT), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def submit_update(council, django_capture_on_commit_callbacks):
    from cairn.reviews import operations

    update = council.collecting_round.updates.get()
    lead = council.users[Role.LEAD_OFFICER]
    with django_capture_on_commit_callbacks(execute=True):
        update = operations.save_progress_update(update, by=lead, evidence="Done.", level=council.complete)
        operations.submit_progress_update(update, by=lead)
    return update


def run_due_deliveries():
    """What the worker does: run each delivery task that is due."""
    due = WebhookDelivery.objects.filter(state=WebhookDelivery.State.QUEUED).exclude(next_attempt_at__gt=timezone.now())
    for pk in due.values_list("pk", flat=True):
        deliver.call(pk)


def test_a_submitted_update_is_delivered_signed(council, django_capture_on_commit_callbacks):
    webhook, secret = register_webhook(council.org, by=None, url=f"http://127.0.0.1:{PORT}/hook",
                                       events=["update.submitted"])
    with Receiver([200]) as receiver:
        update = submit_update(council, django_capture_on_commit_callbacks)
        run_due_deliveries()
    [(headers, body)] = receiver.received
    expected = hmac.new(secret.encode(), headers["X-Cairn-Timestamp"].encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["X-Cairn-Signature"] == f"sha256={expected}"
    assert headers["X-Cairn-Event"] == "update.submitted"
    message = json.loads(body)
    assert message["record"] == {"type": "reviews.progressupdate", "id": update.pk, "label": str(update),
                                 "api": f"/api/v1/updates/{update.pk}"}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.response_status, delivery.response_body) == ("delivered", 200, "thanks")


def test_a_refused_delivery_is_logged_and_tried_again_later(council, django_capture_on_commit_callbacks):
    register_webhook(council.org, by=None, url=f"http://127.0.0.1:{PORT}/hook", events=["update.submitted"])
    with Receiver([503, 200]) as receiver:
        submit_update(council, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks() as retries:
            run_due_deliveries()
        delivery = WebhookDelivery.objects.get()
        assert (delivery.state, delivery.attempts, delivery.response_status) == ("queued", 1, 503)
        assert delivery.response_body == "try later" and "503" in delivery.last_error
        assert dt.timedelta(seconds=50) < delivery.next_attempt_at - timezone.now() <= dt.timedelta(minutes=1)
        assert len(retries) == 1  # the next attempt is queued for the worker, to run after the wait
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        run_due_deliveries()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 2)
    assert len(receiver.received) == 2


def test_an_address_that_does_not_answer_is_given_up_after_five_attempts(council, django_capture_on_commit_callbacks):
    register_webhook(council.org, by=None, url=f"http://127.0.0.1:{PORT + 1}/hook", events=["update.submitted"])
    submit_update(council, django_capture_on_commit_callbacks)
    for _ in range(5):
        WebhookDelivery.objects.update(next_attempt_at=None)
        run_due_deliveries()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", 5)
    assert delivery.last_error.startswith("ConnectionError")


def test_only_the_chosen_events_of_the_webhooks_own_council_are_sent(council, other_council, django_capture_on_commit_callbacks):
    register_webhook(council.org, by=None, url="https://example.org/hook", events=["round.published"])
    register_webhook(other_council.org, by=None, url="https://example.org/theirs", events=["update.submitted"])
    submit_update(council, django_capture_on_commit_callbacks)
    assert not WebhookDelivery.objects.exists()


def test_a_step_that_becomes_overdue_is_announced_once(council):
    register_webhook(council.org, by=None, url="https://example.org/hook", events=["step.overdue"])
    today = dt.date.today()
    assert announce_overdue_steps(today) == 1  # "Advertise post", due ten days ago
    assert announce_overdue_steps(today) == 0
    delivery = WebhookDelivery.objects.get()
    assert delivery.payload["record"]["api"] == f"/api/v1/steps/{council.action.pk}"
    assert AuditEvent.objects.filter(action="step.overdue").count() == 1
    out = io.StringIO()
    call_command("announce_overdue_steps", stdout=out)
    assert out.getvalue().strip() == "0 steps newly overdue."


def test_recorded_readings_are_sent(council):
    from decimal import Decimal

    from cairn.programmes.operations import record_reading

    register_webhook(council.org, by=None, url="https://example.org/hook", events=["reading.recorded"])
    reading = record_reading(council.indicator, by=council.officer, period_start=dt.date(2025, 4, 1), value=Decimal(5))
    assert WebhookDelivery.objects.get().payload["record"]["api"] == f"/api/v1/readings/{reading.pk}"


def test_an_administrator_registers_a_webhook_and_sees_its_secret_once(admin_client, council):
    page = reverse("api_pages:webhook_list")
    response = admin_client.post(page, {"url": "https://example.org/hook", "events": ["round.published", "step.overdue"]})
    assert 'id="webhook-secret"' in response.content.decode()
    assert 'id="webhook-secret"' not in admin_client.get(page).content.decode()
    refused = admin_client.post(page, {"url": "not an address"})
    assert "Enter a web address" in refused.content.decode() and "Choose at least one event" in refused.content.decode()


@pytest.mark.parametrize("events", [[], ["nothing.happened"]])
def test_a_webhook_needs_real_events(council, events):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        register_webhook(council.org, by=None, url="https://example.org/hook", events=events)


def test_the_background_worker_delivers_after_the_change_commits(transactional_db, django_capture_on_commit_callbacks):
    """The real `cairn db_worker --batch` works the delivery queued by a committed change."""
    from cairn.core.testing import build_council
    from cairn.jobs.testing import run_queued_jobs

    council = build_council("exampleton", "Exampleton Borough Council")
    register_webhook(council.org, by=None, url=f"http://127.0.0.1:{PORT}/hook", events=["update.submitted"])
    with Receiver([200]) as receiver:
        submit_update(council, django_capture_on_commit_callbacks)
        run_queued_jobs()
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.get().state == WebhookDelivery.State.DELIVERED
