"""The audit trail of signing in: each sign-in, failed sign-in, lock-out and sign-out of a council's account."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from cairn.audit.events import record_event

from . import throttling
from .models import User

PROVIDER_BACKEND = "cairn.signon.backends.ProviderBackend"


def _address(request) -> dict:
    return {"address": throttling.client_address(request)} if request is not None else {}


def _account(username) -> User | None:
    # Attempts on names that are no account belong to no council's trail; the throttle still counts them.
    return User.objects.filter(username=str(username)[:150]).first() if username else None


@receiver(user_logged_in)
def signed_in(sender, request, user, **kwargs):
    from .middleware import PROVIDER_SECOND_FACTOR

    if request is not None and hasattr(request, "session"):
        # A new sign-in starts without the council's provider vouching for its second factor.
        request.session.pop(PROVIDER_SECOND_FACTOR, None)
    from django.contrib.auth import BACKEND_SESSION_KEY

    session = getattr(request, "session", None) or {}
    if session.get(BACKEND_SESSION_KEY) == PROVIDER_BACKEND:
        return  # recorded by the sign-in operation, with the provider and any change of roles
    record_event(user, "user.signed_in", by=user, after=_address(request))


@receiver(user_logged_out)
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        record_event(user, "user.signed_out", by=user, after=_address(request))


@receiver(user_login_failed)
def sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    if request is not None:
        throttling.count_device_failure(request, username)
    if account := _account(username):
        record_event(account, "user.sign_in_failed", by=None, after=_address(request))


@receiver(user_locked_out)
def locked_out(sender, request, username, ip_address, **kwargs):
    if account := _account(username):
        record_event(account, "user.locked_out", by=None, after=_address(request))
