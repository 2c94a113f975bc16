"""Named changes to API tokens and webhooks; each records one audit event."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, record_event
from cairn.core.concurrency import lock

from .models import ApiToken, Webhook
from .tokens import hash_key, new_key
from .webhooks import signing_secret


@transaction.atomic
def create_api_token(user, *, by, name: str) -> tuple[ApiToken, str]:
    """Make a token that acts as `user`; returns it with the key, which is shown once and never kept."""
    if user.organisation_id is None:
        raise ValidationError("Only a person who works for a council can have an API token.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token, for example “Power BI dashboard”"})
    key = new_key()
    token = ApiToken(organisation_id=user.organisation_id, user=user, name=name, prefix=key[:12], key_hash=hash_key(key))
    token.full_clean()
    token.save()
    record_event(token, "api_token.created", by=by, after={"user": user.pk, "name": token.name, "prefix": token.prefix})
    return token, key


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by) -> ApiToken:
    """Stop a token working, at once and for good."""
    lock(token)
    if token.revoked_at is not None:
        raise ValidationError("This token has already been revoked.")
    return change_record(token, "api_token.revoked", by=by, revoked_at=timezone.now(), revoked_by=by)


@transaction.atomic
def register_webhook(organisation, *, by, url: str, events: list[str]) -> tuple[Webhook, str]:
    """Register an address to be told of the chosen events; returns it with its signing secret (shown once)."""
    unknown = set(events) - set(Webhook.Event.values)
    if unknown:
        raise ValidationError({"events": f"Not events Cairn sends: {', '.join(sorted(unknown))}"})
    if not events:
        raise ValidationError({"events": "Choose at least one event"})
    webhook = Webhook(organisation=organisation, url=url, events=sorted(set(events)), salt=secrets.token_hex(16), created_by=by)
    webhook.full_clean()
    webhook.save()
    record_event(webhook, "webhook.registered", by=by, after={"url": webhook.url, "events": webhook.events})
    return webhook, signing_secret(webhook)


@transaction.atomic
def remove_webhook(webhook: Webhook, *, by) -> Webhook:
    """Stop sending to a webhook (its deliveries stay as a record)."""
    lock(webhook)
    if not webhook.is_active:
        raise ValidationError("This webhook has already been removed.")
    return change_record(webhook, "webhook.removed", by=by, is_active=False)
