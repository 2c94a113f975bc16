"""A one-time link where a person sets their password (the first administrator of a council created from the command
line, or anyone an operator makes a new link for). Django's password-reset tokens: the link stops working once the
password is set, or after PASSWORD_RESET_TIMEOUT."""

import datetime as dt

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
        operations.set_user_password(user, by=user, password=form.cleaned_data["new_password1"])
        messages.success(request, "Your password has been set. Sign in with it now.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/set_password.html", {"form": form, "person": user})
