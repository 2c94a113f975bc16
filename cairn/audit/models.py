"""AuditEvent: one row per change, never updated or deleted (a PostgreSQL trigger enforces it), each sealed."""

import json
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac


SEAL_SALT = "cairn.audit.AuditEvent.seal"


class AuditEventQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def for_object(self, obj):
        return self.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk))


class AuditEvent(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Kept as written at the time, so the trail still reads right if the user is renamed.
    actor_label = models.CharField(max_length=200)
    action = models.CharField(max_length=100)
    target_type = models.CharField(max_length=100)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # HMAC-SHA256 of the event's content under the secret key, written with it: `cairn verify` recomputes it, so an
    # event changed behind Cairn's back (by someone able to lift the trigger, but without the key) is found.
    seal = models.CharField(max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            # A council's events by id: its newest ones.
            models.Index(fields=["organisation", "id"], name="audit_event_org_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label}: {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self._state.adding and not self.seal:
            self.seal = self.compute_seal()
        super().save(*args, **kwargs)

    def compute_seal(self, secret: str | None = None) -> str:
        content = {
            "organisation": self.organisation_id, "actor": self.actor_id, "actor_label": self.actor_label,
            "action": self.action, "target_type": self.target_type, "target_id": self.target_id,
            "target_label": self.target_label, "before": self.before, "after": self.after,
            "at": self.at.astimezone(dt_timezone.utc).isoformat(),
        }
        encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
        return salted_hmac(SEAL_SALT, encoded, secret=secret, algorithm="sha256").hexdigest()

    def seal_holds(self) -> bool:
        """Whether the seal matches the content, under the secret key or one it replaced (SECRET_KEY_FALLBACKS)."""
        return any(
            constant_time_compare(self.seal, self.compute_seal(secret))
            for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        )

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before, after = self.before or {}, self.after or {}
        return [
            (key, before.get(key), after.get(key))
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]


class RecordsVersion(models.Model):
    """How many times a council's records (or the installation's, scope "installation") have changed: raised in the
    transaction of every audit event, so it counts changes in the order they commit (the row is locked until then).

    With its epoch (chosen afresh whenever the row is made, as after a restore, which leaves these rows out), it names
    one state of the records exactly: what pages keep in memory is filed under it (`cairn.audit.stamps`)."""

    scope = models.CharField(max_length=40, primary_key=True)
    epoch = models.CharField(max_length=32)
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.scope} at version {self.version}"
