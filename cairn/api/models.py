"""API tokens (stored hashed), webhooks an administrator registers, and each delivery made to them."""

from django.conf import settings
from django.db import models

from cairn.core.models import TenantModel


class ApiToken(TenantModel):
    """A person's key to the API: it acts as them, with their council and roles. Only a hash of it is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What it is for, for example “Power BI dashboard”.")
    # The first characters, shown so a person can tell their tokens apart; not enough to use.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Rate limiting: requests counted in the current minute.
    window_started_at = models.DateTimeField(null=True, blank=True)
    window_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"API token “{self.name}” ({self.prefix}…) of {self.user}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Webhook(TenantModel):
    """An address told when something happens in the council, with a body signed by HMAC-SHA256."""

    class Event(models.TextChoices):
        ROUND_PUBLISHED = "round.published", "A round is published"
        UPDATE_SUBMITTED = "update.submitted", "A lead submits a progress update"
        RECOMMENDATION_SIGNED_OFF = "recommendation.signed_off", "A recommendation is signed off"
        STEP_OVERDUE = "step.overdue", "A step becomes overdue"
        READING_RECORDED = "reading.recorded", "An indicator reading is recorded"

    url = models.URLField(max_length=500)
    events = models.JSONField(default=list)
    # The signing secret is derived from the secret key and this salt (webhooks.signing_secret), so it is never stored.
    salt = models.CharField(max_length=64)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["url", "id"]

    def __str__(self) -> str:
        return f"Webhook to {self.url}"


class WebhookDelivery(TenantModel):
    """One event sent (or to be sent) to one webhook, with each attempt's outcome."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Could not be delivered"

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=Webhook.Event.choices)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["webhook", "created_at"])]

    def __str__(self) -> str:
        return f"{self.event} to {self.webhook.url}"


class OverdueStepNotice(models.Model):
    """A step already announced as overdue at its current target date, so `cairn send-webhooks` tells it once."""

    action = models.ForeignKey("reviews.Action", on_delete=models.CASCADE, related_name="+")
    target_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["action", "target_on"], name="one_overdue_notice_per_target")]
