"""Two-factor sign-in: a user with an authenticator must enter a code; an administrator who must have one sets it up."""

from django.shortcuts import redirect
from django.urls import reverse

ALWAYS_ALLOWED = ("accounts:sign_out", "accounts:two_factor_verify", "accounts:two_factor_setup")


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.allowed_paths = None

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_verified():
            if self.allowed_paths is None:
                self.allowed_paths = {reverse(name) for name in ALWAYS_ALLOWED}
            if request.path not in self.allowed_paths and not request.path.startswith("/static/"):
                from django_otp import user_has_device

                if user_has_device(user):
                    return redirect(f"{reverse('accounts:two_factor_verify')}?next={request.get_full_path()}")
                if user.must_use_two_factor:
                    return redirect("accounts:two_factor_setup")
        return self.get_response(request)
