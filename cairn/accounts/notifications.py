"""The e-mails Cairn sends a person about their own account's security."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from cairn.core.mail import absolute

TWO_FACTOR_CHANGES = {
    "on": ("Two-factor sign-in is on for your Cairn account",
           "Two-factor sign-in was turned on for your account: from now on you are asked for a code from your "
           "authenticator app each time you sign in."),
    "replaced": ("A new authenticator app was linked to your Cairn account",
                 "A new authenticator app was linked to your account. The one you used before no longer works."),
    "off": ("Two-factor sign-in is off for your Cairn account",
            "Two-factor sign-in was turned off for your account: you are no longer asked for a code when you sign in."),
}


def two_factor_changed_message(user, change: str) -> EmailMessage:
    """Tell a person their second factor changed, so a change they did not make does not go unnoticed."""
    subject, what = TWO_FACTOR_CHANGES[change]
    body = (
        f"Dear {user.display_name},\n\n{what}\n\n"
        "If this was not you, someone may know your password. Contact your council's Cairn administrator at once, "
        f"and change your password here: {absolute(reverse('accounts:password_change'))}\n\n"
        "This e-mail was sent by Cairn."
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
