"""Security keys and passkeys (WebAuthn) as a second factor, through django-otp-webauthn (decision 14).

The library does the ceremony (options, challenge, signature and origin checks, sign counts); Cairn decides who may
add a key (the same rule as for an authenticator app), records and tells every change, and serves its pages."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import json_script
from django.views.decorators.http import require_POST
from django_otp_webauthn import views as webauthn
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration

from . import operations
from .middleware import may_change_two_factor

NEW_RECOVERY_CODES = "cairn.new_recovery_codes"


class Helper(WebAuthnHelper):
    """The relying party is the address the person reached Cairn at (a host Django's ALLOWED_HOSTS accepted), so one
    installation serves under any name it is configured for; a key works at the address it was added at."""

    def get_relying_party_domain(self) -> str:
        return split_domain_port(self.request.get_host())[0]

    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]


class _MayAddKey:
    def user_is_mfa_enrolled(self, user) -> bool:
        # The library refuses an unverified session of a person who has a second factor. Cairn's rule is the one for
        # authenticator apps: a verified session (or one through a council provider that asks for a second factor
        # itself), or a first enrolment.
        return not may_change_two_factor(self.request)


class BeginRegistration(_MayAddKey, webauthn.BeginCredentialRegistrationView):
    pass


class CompleteRegistration(_MayAddKey, webauthn.CompleteCredentialRegistrationView):
    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            response = super().post(request, *args, **kwargs)
            key = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"], user=request.user)
            codes = operations.add_security_key(key, by=request.user)
        if codes:
            request.session[NEW_RECOVERY_CODES] = codes
            following = reverse("accounts:recovery_codes")
        else:
            messages.success(request, f"“{key.name}” is added. You can use it in place of a code when you sign in.")
            following = reverse("accounts:account")
        return JsonResponse({"id": key.pk, "next": following})


begin_registration = BeginRegistration.as_view()
complete_registration = CompleteRegistration.as_view()
# Using a key as a second factor needs nothing of Cairn's beyond the middleware's rule: the library's views as they are.
begin_authentication = webauthn.BeginCredentialAuthenticationView.as_view()
complete_authentication = webauthn.CompleteCredentialAuthenticationView.as_view()


def keys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


def configuration(request) -> str:
    """The library's browser script reads its addresses and the CSRF token from this JSON element."""
    return json_script(get_configuration(request), "otp_webauthn_config")


def security_keys(request):
    """The person's security keys and passkeys, and adding one (the browser asks the key; the library checks it)."""
    if not may_change_two_factor(request):
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    return render(request, "accounts/security_keys.html", {
        "keys": keys_of(request.user), "webauthn_configuration": configuration(request),
    })


@require_POST
def remove_security_key(request, pk: int):
    key = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    if not may_change_two_factor(request):
        raise PermissionDenied("Enter a code from your authenticator app, or use your security key, first.")
    try:
        operations.remove_security_key(key, by=request.user)
    except operations.LastSecondFactor as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"“{key.name}” is removed. It no longer signs you in.")
    return redirect("accounts:security_keys")
