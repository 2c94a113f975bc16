"""Bearer tokens: made at random, kept as a SHA-256 hash, looked up by that hash; each request counted per minute."""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db.models import Case, F, Value, When
from django.utils import timezone

from .models import ApiToken

PREFIX = "cairn_"


def new_key() -> str:
    """A fresh token: 256 random bits, with a prefix a secret scanner can recognise."""
    return PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def find_token(key: str) -> ApiToken | None:
    """The active token of an active person in a council, or None."""
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user__organisation")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or token.user.organisation_id != token.organisation_id:
        return None
    return token


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(f"Too many requests with this token: wait {retry_after} seconds.")
        self.retry_after = retry_after


def count_request(token: ApiToken) -> None:
    """Note the token's use and count the request in its current minute; RateLimited past CAIRN_API_RATE_LIMIT.

    One UPDATE does both, so concurrent requests with the same token are all counted."""
    now = timezone.now()
    window_start = now - dt.timedelta(minutes=1)
    current = When(window_started_at__gt=window_start, then=F("window_count") + 1)
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=now,
        window_count=Case(current, default=Value(1)),
        window_started_at=Case(When(window_started_at__gt=window_start, then=F("window_started_at")), default=Value(now)),
    )
    token.refresh_from_db(fields=["window_count", "window_started_at", "last_used_at"])
    if token.window_count > settings.CAIRN_API_RATE_LIMIT:
        waited = (now - token.window_started_at).total_seconds()
        raise RateLimited(max(1, int(60 - waited) + 1))
