"""One-time links where a person sets their password: an invitation, a password reset (asked for by the person, or
sent by an administrator), the first administrator of a council created from the command line, or a link an operator
makes. Django's password-reset tokens: the link stops working once the password is set, or after
PASSWORD_RESET_TIMEOUT. Asking for a reset never says whether an address is known."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.views.decorators.cache import never_cache

from . import operations
from .models import User


def set_password_link(user: User) -> tuple[str, object]:
    """The link under CAIRN_BASE_URL, and when it stops working."""
    path = reverse(
        "accounts:set_password", args=[urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)]
    )
    expires = timezone.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    return settings.CAIRN_BASE_URL.rstrip("/") + path, expires


def _user_for(uidb64: str, token: str) -> User | None:
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64)), is_active=True)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


@never_cache
@login_not_required
def set_password(request, uidb64: str, token: str):
    """The link's page: choose a password (the council's password rules apply), then sign in with it."""
    user = _user_for(uidb64, token)
    if user is None:
        return render(request, "accounts/set_password_invalid.html", status=200)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        operations.set_password_from_link(user, password=form.cleaned_data["new_password1"])
        messages.success(request, "Your password has been set. Sign in with it now.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/set_password.html", {"form": form, "person": user})


class PasswordResetForm(forms.Form):
    email = forms.EmailField(
        label="Your e-mail address", max_length=254,
        error_messages={"required": "Enter your e-mail address",
                        "invalid": "Enter your e-mail address in the right form, like name@council.gov.uk"},
    )


# Another reset e-mail to the same person within this long is not sent (so the form cannot flood a mailbox).
RESET_INTERVAL = dt.timedelta(minutes=2)


def people_for_reset(email: str) -> list[User]:
    """Everyone who may sign in with this address and may reset: with a password, or invited and not yet accepted."""
    from cairn.audit.models import AuditEvent

    people = list(User.objects.filter(email__iexact=email.strip(), is_active=True).select_related("organisation")[:20])
    recent = set(
        AuditEvent.objects.filter(
            target_type="accounts.user", action="user.password_reset_asked", at__gte=timezone.now() - RESET_INTERVAL,
            target_id__in=[str(person.pk) for person in people],
        ).values_list("target_id", flat=True)
    )
    return [
        person for person in people
        if (person.has_usable_password() or person.invitation_pending) and str(person.pk) not in recent
    ]


@never_cache
@login_not_required
def password_reset(request):
    """Ask for a link to choose a new password. The answer is the same whether or not the address is known."""
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for person in people_for_reset(form.cleaned_data["email"]):
            operations.send_password_reset(person, by=None)
        return redirect("accounts:password_reset_sent")
    return render(request, "accounts/password_reset.html", {"form": form})


@login_not_required
def password_reset_sent(request):
    hours = settings.PASSWORD_RESET_TIMEOUT // 3600
    return render(request, "accounts/password_reset_sent.html", {"hours": hours})
