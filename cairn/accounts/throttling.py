"""Sign-in throttling an attacker cannot turn into a lock-out of someone else.

Failures are counted per account and address combined (django-axes): an attacker elsewhere cannot lock a person out.
The address is the connecting one, or, only when `CAIRN_CLIENT_IP_HEADER` names the header a trusted reverse proxy
sets, the address that proxy saw; a header nobody configured is never believed. Behind one office address, a browser
the person has signed in from before carries a known-device cookie: its failures are counted for it alone and others'
failures never lock it. Many failures from one address across accounts (password spraying) throttle that address,
except for known devices.
"""

import datetime as dt
import hashlib
import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.db.models import F, Sum
from django.utils import timezone

from .models import KnownDevice, User

DEVICE_COOKIE = "cairn_device"
DEVICE_SALT = "cairn.accounts.known-device"
DEVICE_COOKIE_AGE = 365 * 24 * 60 * 60


def client_address(request) -> str:
    """The address a request came from, as far as this installation can trust it."""
    header = settings.CAIRN_CLIENT_IP_HEADER
    if header:
        hops = [hop.strip() for hop in request.META.get(header, "").split(",") if hop.strip()]
        # Each trusted proxy appends the address it saw; the one our outermost proxy saw is that many from the right.
        if len(hops) >= settings.CAIRN_TRUSTED_PROXY_COUNT:
            candidate = hops[-settings.CAIRN_TRUSTED_PROXY_COUNT]
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                pass
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def known_device(request, username: str | None) -> KnownDevice | None:
    """The known device this browser is for the account being signed in to, if it is one."""
    if not username:
        return None
    try:
        user_id, key = signing.loads(request.COOKIES.get(DEVICE_COOKIE, ""), salt=DEVICE_SALT, max_age=DEVICE_COOKIE_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return KnownDevice.objects.filter(key_hash=_hash(str(key)), user_id=user_id, user__username=username).first()


def is_known_device(request, credentials) -> bool:
    """django-axes asks this first: a known device that is not itself locked is counted apart from everyone else."""
    from .views import attempted_username

    device = known_device(request, attempted_username(request, credentials))
    return device is not None and not (device.locked_until and device.locked_until > timezone.now())


def remember_device(request, response, user: User) -> None:
    """After a sign-in, make (or keep) this browser a known device of the person's."""
    device = known_device(request, user.username)
    if device is not None:
        KnownDevice.objects.filter(pk=device.pk).update(failures=0, locked_until=None, last_used_at=timezone.now())
        return
    key = secrets.token_urlsafe(32)
    KnownDevice.objects.create(user=user, key_hash=_hash(key))
    response.set_cookie(
        DEVICE_COOKIE, signing.dumps([user.pk, key], salt=DEVICE_SALT), max_age=DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
    )


def count_device_failure(request, username: str | None) -> None:
    """A failed sign-in from a known device counts against that device only; enough of them lock it for a while."""
    device = known_device(request, username)
    if device is None:
        return
    KnownDevice.objects.filter(pk=device.pk).update(failures=F("failures") + 1)
    device.refresh_from_db(fields=["failures"])
    if device.failures >= settings.AXES_FAILURE_LIMIT:
        KnownDevice.objects.filter(pk=device.pk).update(
            failures=0, locked_until=timezone.now() + settings.AXES_COOLOFF_TIME
        )


def address_is_throttled(request, username: str | None) -> bool:
    """Too many failed sign-ins from this address, to any accounts, within the wait; a known device is let through."""
    if is_known_device(request, {"username": username}):
        return False
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(ip_address=client_address(request), attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"] or 0
    return failures >= settings.CAIRN_SIGN_IN_ADDRESS_ATTEMPTS


def minutes(wait: dt.timedelta) -> int:
    return int(wait.total_seconds() // 60)


def _attempts(user: User):
    from axes.models import AccessAttempt

    return AccessAttempt.objects.filter(username=user.username)


def is_locked_out(user: User) -> bool:
    """Too many failed sign-ins to this account, from some address or from one of its known devices, still waiting."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    if _attempts(user).filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since).exists():
        return True
    return KnownDevice.objects.filter(user=user, locked_until__gt=timezone.now()).exists()


def clear_lock_outs(user: User) -> int:
    """Forget the failed sign-ins to this account (every address and known device): how many were forgotten."""
    cleared, _ = _attempts(user).delete()
    cleared += KnownDevice.objects.filter(user=user).exclude(failures=0, locked_until=None).update(
        failures=0, locked_until=None
    )
    return cleared
