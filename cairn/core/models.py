"""The base every tenant record stands on (it belongs to exactly one organisation), and form submissions acted on."""

from django.db import models


class TenantQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class TenantModel(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class Submission(models.Model):
    """A form sent once: sending the same one again (a double click, a refresh) finds what the first one made."""

    token = models.CharField(max_length=64)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    target_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, null=True, related_name="+")
    target_id = models.PositiveBigIntegerField(null=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")]

    def target(self) -> models.Model | None:
        if self.target_type_id is None:
            return None
        return self.target_type.get_object_for_this_type(pk=self.target_id)


class Email(models.Model):
    """An e-mail Cairn sends, kept until it has gone: the background worker delivers it and tries again after a
    failure, so a mail server that is down for a while loses nothing and a failure is shown, not hidden."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to = models.TextField(help_text="Addresses, one a line.")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self) -> str:
        return f"{self.subject} to {self.to.replace(chr(10), ', ')}"
