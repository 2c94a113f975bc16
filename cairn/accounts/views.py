"""Signing in and out, the account page, two-factor sign-in, and the lock-out page."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import operations, throttling
from .forms import RecoveryCodeForm, TwoFactorCodeForm
from .middleware import may_change_two_factor, passed_second_factor
from .models import Organisation
from .presenters import qr_code_svg
from .security_keys import NEW_RECOVERY_CODES, configuration, keys_of


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if throttling.address_is_throttled(request, attempted_username(request, None)):
            return _too_many(request, from_address=True)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # Councils that publish their progress: residents reach it from here without an account.
        context = super().get_context_data(**kwargs)
        context["public_councils"] = Organisation.objects.filter(public_pages_enabled=True).order_by("name")
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        throttling.remember_device(self.request, response, form.get_user())
        return response


sign_in = SignInView.as_view()
sign_out = auth_views.LogoutView.as_view()


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        from cairn.audit.events import record_event

        record_event(self.request.user, "user.password_changed", by=self.request.user)
        messages.success(self.request, "Your password has been changed.")
        return response


password_change = PasswordChangeView.as_view()


def attempted_username(request, credentials) -> str | None:
    """The username a sign-in attempt gave, cut to what a username can be, so any input can be recorded."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    return None if username is None else str(username)[:150]


@login_not_required
def locked_out(request, response, credentials):
    """What a user sees after too many failed sign-ins (django-axes calls this)."""
    return _too_many(request, from_address=False)


def _too_many(request, *, from_address: bool):
    from django.conf import settings

    minutes = throttling.minutes(settings.AXES_COOLOFF_TIME)
    return render(request, "accounts/locked_out.html", {"minutes": minutes, "from_address": from_address}, status=429)


def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_authenticator": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
            "keys": keys_of(user),
            "recovery_codes_left": StaticToken.objects.filter(device__user=user).count(),
            "roles": sorted(assignment.get_role_display() for assignment in user.role_assignments.all()),
        },
    )


@require_POST
def sign_out_everywhere(request):
    operations.sign_out_everywhere(request.user, by=request.user)
    logout(request)
    messages.success(request, "You have been signed out on every device.")
    return redirect("accounts:sign_in")


def two_factor_setup(request):
    """Link an authenticator app, or replace the one linked: show its key (and a QR code), then check a code from it.
    A session that has not passed its second factor cannot reach this: that would let a password alone replace it."""
    user = request.user
    if not may_change_two_factor(request):
        return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.path}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = TwoFactorCodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = operations.confirm_two_factor(device, by=user)
        otp_login(request, device)
        request.session[NEW_RECOVERY_CODES] = codes
        messages.success(request, "Two-factor sign-in is on. You will be asked for a code each time you sign in.")
        return redirect("accounts:recovery_codes")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "key": _grouped(device.bin_key),
            "qr_code": qr_code_svg(device.config_url),
            "replacing": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        },
    )


def two_factor_verify(request):
    """A code from the authenticator app, or the person's security key (the library's script and endpoints)."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    has_keys = keys_of(request.user).exists()
    if device is None and not has_keys:
        return redirect("home:home")
    form = TwoFactorCodeForm(device, request.POST or None) if device else None
    if form and request.method == "POST" and form.is_valid():
        otp_login(request, device)
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse_lazy("home:home")
        return redirect(target)
    return render(request, "accounts/two_factor_verify.html", {
        "form": form, "has_keys": has_keys, "webauthn_configuration": configuration(request) if has_keys else None,
        "has_recovery_codes": StaticDevice.objects.filter(user=request.user, confirmed=True).exists(),
    })



@never_cache
def recovery_codes(request):
    """The recovery codes, shown once, just after they were made; and making a new set."""
    if request.method == "POST":
        if not passed_second_factor(request) or not (
                TOTPDevice.objects.filter(user=request.user, confirmed=True).exists() or keys_of(request.user).exists()):
            raise PermissionDenied("Turn on two-factor sign-in, and enter a code from your authenticator app, first.")
        request.session[NEW_RECOVERY_CODES] = operations.make_recovery_codes(request.user, by=request.user)
        return redirect("accounts:recovery_codes")
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    left = StaticToken.objects.filter(device__user=request.user).count()
    return render(request, "accounts/recovery_codes.html", {
        "codes": [f"{code[:4]} {code[4:]}" for code in codes] if codes else None, "left": left,
        "has_two_factor": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
                          or keys_of(request.user).exists(),
    })


def two_factor_recovery(request):
    """Sign in with a one-time recovery code in place of the authenticator app (a lost or broken phone)."""
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:two_factor_verify")
    form = RecoveryCodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        left = device.token_set.count()
        operations.report_recovery_code_used(request.user, left=left)
        messages.success(request, f"You are signed in with a recovery code. You have {left} left: make new ones "
                                  "from your account page, or set up your authenticator app again.")
        return redirect("accounts:account")
    return render(request, "accounts/two_factor_recovery.html", {"form": form})


@require_POST
def two_factor_remove(request):
    if not may_change_two_factor(request):
        raise PermissionDenied("Enter a code from your authenticator app first.")
    if request.user.must_use_two_factor:
        raise PermissionDenied("Your council requires two-factor sign-in for your role.")
    operations.remove_two_factor(request.user, by=request.user)
    messages.success(request, "Two-factor sign-in is off.")
    return redirect("accounts:account")


def _grouped(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
