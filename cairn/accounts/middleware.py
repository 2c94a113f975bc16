"""Two-factor sign-in: a session that has not passed its second factor reaches only the code page and sign-out."""

import functools

from django.db import connection
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import device_classes

# With an authenticator or a security key: only the code page (or a recovery code, or the key). Without either, where
# the council requires one: only setting one up.
KEY_SCRIPT = "otp_webauthn:js-i18n-catalog"
HALF_SIGNED_IN = ("accounts:sign_out", "accounts:two_factor_verify", "accounts:two_factor_recovery", KEY_SCRIPT,
                  "otp_webauthn:credential-authentication-begin", "otp_webauthn:credential-authentication-complete")
MUST_ENROL = ("accounts:sign_out", "accounts:two_factor_setup", "accounts:security_keys", KEY_SCRIPT,
              "otp_webauthn:credential-registration-begin", "otp_webauthn:credential-registration-complete")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not passed_second_factor(request):
            if self.paths is None:
                self.paths = {
                    "verify": {reverse(name) for name in HALF_SIGNED_IN},
                    "enrol": {reverse(name) for name in MUST_ENROL},
                }
            if not request.path.startswith("/static/"):
                if user_has_device(user):
                    if request.path not in self.paths["verify"]:
                        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
                elif user.must_use_two_factor and request.path not in self.paths["enrol"]:
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)


# Set on a session signed in through a council's provider that the council says asks for a second factor itself.
PROVIDER_SECOND_FACTOR = "cairn.second_factor_by_provider"


def passed_second_factor(request) -> bool:
    """A code from the person's authenticator (or a recovery code) was entered in this session, or the session came
    through the council's own sign-in service, which the council says asks for a second factor (decision 14)."""
    return request.user.is_verified() or request.session.get(PROVIDER_SECOND_FACTOR) is True


def user_has_device(user) -> bool:
    """The person has a confirmed authenticator, recovery codes or security key. Asked on every request of a session
    not past its second factor, so in one query written once (django_otp's own function asks each kind of device in
    turn, and the ORM's union of the three cost as much to compile as the three to run)."""
    if user.is_anonymous:
        return False
    sql, kinds = _device_query()
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk] * kinds)
        return cursor.fetchone() is not None


@functools.cache
def _device_query() -> tuple[str, int]:
    """`SELECT 1 ... UNION ALL ...` over every kind of device, each as django_otp's `devices_for_user(user,
    confirmed=True)` asks it (its user and confirmed columns), and the number of kinds."""
    quote = connection.ops.quote_name
    asks = []
    for model in device_classes():
        table, user, confirmed = (model._meta.db_table, model._meta.get_field("user").column,
                                  model._meta.get_field("confirmed").column)
        asks.append(f"SELECT 1 FROM {quote(table)} WHERE {quote(user)} = %s AND {quote(confirmed)}")
    return " UNION ALL ".join(asks) + " LIMIT 1", len(asks)


def may_change_two_factor(request) -> bool:
    """Enrolling, replacing or removing an authenticator needs a session that passed its second factor, or a
    person who has never had one (a first enrolment)."""
    return passed_second_factor(request) or not user_has_device(request.user)
