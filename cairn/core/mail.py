"""Cairn's e-mails: kept in an outbox in the same transaction as the change that causes them, delivered by the
background worker (`cairn db_worker`) after it commits, and tried again with growing waits when the mail server
fails. The links they carry go to the address Cairn is reached at."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from .models import Email

# Waits before each further attempt: a mail server down for a few hours loses nothing.
RETRY_AFTER = [dt.timedelta(minutes=1), dt.timedelta(minutes=5), dt.timedelta(minutes=30), dt.timedelta(hours=2)]
MAX_ATTEMPTS = len(RETRY_AFTER) + 1


def absolute(path: str) -> str:
    """A link people can follow from an e-mail: the path under the address Cairn is reached at."""
    return settings.CAIRN_BASE_URL.rstrip("/") + path


def queue(message: EmailMessage, *, organisation=None) -> Email | None:
    """Keep a message to be sent once the current transaction commits; None if it has nobody to go to."""
    to = [address for address in message.to if address]
    if not to:
        return None
    email = Email.objects.create(
        organisation=organisation, to="\n".join(to), subject=message.subject[:300], body=message.body
    )
    transaction.on_commit(lambda: deliver.enqueue(email.pk))
    return email


def send_again(email: Email) -> None:
    """Try a message that could not be sent once more, from the start (call in a transaction)."""
    Email.objects.filter(pk=email.pk).update(state=Email.State.QUEUED, attempts=0, last_error="", next_attempt_at=None)
    transaction.on_commit(lambda: deliver.enqueue(email.pk))


@task
def deliver(email_id: int) -> None:
    """Send one kept message; after a failure, queue another attempt later, until MAX_ATTEMPTS."""
    with transaction.atomic():
        email = Email.objects.select_for_update().filter(pk=email_id, state=Email.State.QUEUED).first()
        if email is None:
            return  # sent already (or given up): a task run twice sends once
        message = EmailMessage(email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to.splitlines())
        try:
            mailers.default.send_messages([message])
        except Exception as error:  # noqa: BLE001 (any failure of the mail server is recorded and retried)
            email.attempts += 1
            email.last_error = f"{type(error).__name__}: {error}"[:1000]
            if email.attempts >= MAX_ATTEMPTS:
                email.state, email.next_attempt_at = Email.State.FAILED, None
            else:
                email.next_attempt_at = timezone.now() + RETRY_AFTER[email.attempts - 1]
                when = email.next_attempt_at
                transaction.on_commit(lambda: deliver.using(run_after=when).enqueue(email.pk))
        else:
            email.state, email.sent_at, email.next_attempt_at = Email.State.SENT, timezone.now(), None
            email.attempts += 1
        email.save()
