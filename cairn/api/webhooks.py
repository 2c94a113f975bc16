"""Webhooks: events read off the audit trail as it is written, kept as deliveries in the same transaction, sent by the
background worker after commit, signed with HMAC-SHA256, and tried again with growing waits (as e-mail is,
core/mail.py)."""

import datetime as dt
import hashlib
import hmac
import json

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.tasks import task
from django.utils import timezone
from django.utils.crypto import salted_hmac

from cairn.audit.events import record_event
from cairn.audit.models import AuditEvent

from .models import OverdueStepNotice, Webhook, WebhookDelivery

RETRY_AFTER = [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2)]
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
TIMEOUT_SECONDS = 10

# Audit actions -> (webhook event, the API path of the record the receiver can read for the detail).
EVENTS = {
    "round.published": (Webhook.Event.ROUND_PUBLISHED, "/api/v1/rounds/{id}"),
    "progress_update.submitted": (Webhook.Event.UPDATE_SUBMITTED, "/api/v1/updates/{id}"),
    "recommendation.signed_off": (Webhook.Event.RECOMMENDATION_SIGNED_OFF, "/api/v1/recommendations/{id}"),
    "step.overdue": (Webhook.Event.STEP_OVERDUE, "/api/v1/steps/{id}"),
    "reading.recorded": (Webhook.Event.READING_RECORDED, "/api/v1/readings/{id}"),
    "readings.recorded": (Webhook.Event.READING_RECORDED, "/api/v1/indicators/{id}/readings"),
}


def signing_secret(webhook: Webhook) -> str:
    """The webhook's signing secret, derived from the secret key and the webhook's salt (so never stored)."""
    return salted_hmac("cairn.api.webhook", webhook.salt, algorithm="sha256").hexdigest()


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """What X-Cairn-Signature carries: HMAC-SHA256 of "<timestamp>.<body>" under the webhook's secret."""
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


@receiver(post_save, sender=AuditEvent, dispatch_uid="cairn.api.webhooks")
def _event_recorded(sender, instance: AuditEvent, created: bool, **kwargs) -> None:
    if not created or instance.action not in EVENTS or instance.organisation_id is None:
        return
    event, path = EVENTS[instance.action]
    webhooks = [
        webhook for webhook in Webhook.objects.filter(organisation_id=instance.organisation_id, is_active=True)
        if event in webhook.events
    ]
    if not webhooks:
        return
    payload = {
        "event": str(event),
        "occurred_at": instance.at.isoformat(),
        "record": {"type": instance.target_type, "id": int(instance.target_id), "label": instance.target_label,
                   "api": path.format(id=instance.target_id)},
        "by": instance.actor_label,
    }
    if instance.action == "readings.recorded":
        payload["periods"] = (instance.after or {}).get("periods", [])
    for webhook in webhooks:
        delivery = WebhookDelivery.objects.create(
            organisation_id=instance.organisation_id, webhook=webhook, event=event, payload=payload
        )
        transaction.on_commit(lambda pk=delivery.pk: deliver.enqueue(pk))


@task
def deliver(delivery_id: int) -> None:
    """POST one delivery, signed; after a failure (no answer, or not 2xx), queue another attempt later."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update().select_related("webhook")
            .filter(pk=delivery_id, state=WebhookDelivery.State.QUEUED).first()
        )
        if delivery is None:
            return  # delivered already (or given up): a task run twice sends once
        body = json.dumps({"delivery": delivery.pk, **delivery.payload}, separators=(",", ":")).encode()
        timestamp = str(int(timezone.now().timestamp()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Cairn-Webhook/1",
            "X-Cairn-Event": delivery.event,
            "X-Cairn-Delivery": str(delivery.pk),
            "X-Cairn-Timestamp": timestamp,
            "X-Cairn-Signature": signature(signing_secret(delivery.webhook), timestamp, body),
        }
        delivery.attempts += 1
        import requests  # only the worker sends: every command's start-up need not import it

        try:
            response = requests.post(delivery.webhook.url, data=body, headers=headers, timeout=TIMEOUT_SECONDS,
                                     allow_redirects=False)
        except requests.RequestException as error:
            delivery.response_status, delivery.response_body = None, ""
            delivery.last_error = f"{type(error).__name__}: {error}"[:1000]
            ok = False
        else:
            delivery.response_status = response.status_code
            delivery.response_body = response.text[:2000]
            ok = 200 <= response.status_code < 300
            delivery.last_error = "" if ok else f"The address answered {response.status_code}."
        if ok:
            delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
                WebhookDelivery.State.DELIVERED, timezone.now(), None)
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.state, delivery.next_attempt_at = WebhookDelivery.State.FAILED, None
        else:
            delivery.next_attempt_at = when = timezone.now() + RETRY_AFTER[delivery.attempts - 1]
            transaction.on_commit(lambda: deliver.using(run_after=when).enqueue(delivery.pk))
        delivery.save()


def announce_overdue_steps(today: dt.date) -> int:
    """Record, once per target date, each step that has become overdue (its audit event sends the webhooks)."""
    from cairn.reviews.models import Action

    count = 0
    overdue = Action.objects.overdue(today).select_related("recommendation").order_by("pk")
    for step in overdue.iterator():
        with transaction.atomic():
            _, new = OverdueStepNotice.objects.get_or_create(action=step, target_on=step.current_target_on)
            if new:
                record_event(step, "step.overdue", by=None,
                             after={"target_on": step.current_target_on.isoformat(), "recommendation": step.recommendation_id})
                count += 1
    return count
