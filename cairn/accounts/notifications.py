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
    "key_added": ("A security key was added to your Cairn account",
                  "A security key or passkey was added to your account: it can now be used in place of a code when "
                  "you sign in."),
    "key_removed": ("A security key was removed from your Cairn account",
                    "A security key or passkey was removed from your account: it no longer signs you in."),
    "recovery_codes": ("New recovery codes for your Cairn account",
                       "New recovery codes were made for your account. The codes you had before no longer work."),
    "recovery_code_used": ("A recovery code was used to sign in to your Cairn account",
                           "A recovery code was used in place of your authenticator app to sign in to your account. "
                           "Each code works once."),
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


def _link_lines(user) -> tuple[str, str]:
    from django.utils import timezone

    from .set_password import set_password_link

    link, expires = set_password_link(user)
    return link, f"{timezone.localtime(expires):%d/%m/%Y at %H:%M}"


def invitation_message(user, *, invited_by) -> EmailMessage:
    """An invitation: the one-time link where the person chooses their password."""
    link, until = _link_lines(user)
    council = user.organisation.name if user.organisation else "your council"
    who = f"{invited_by.display_name} has" if invited_by is not None else "You have been"
    body = (
        f"Dear {user.display_name},\n\n"
        f"{who + ' added you' if invited_by is not None else who + ' added'} to Cairn at {council}, where the council "
        "tracks what it agreed to do until it is done.\n\n"
        f"Your username is: {user.username}\n\n"
        f"Choose your password at this link. It works once, until {until}:\n{link}\n\n"
        "If your council signs in with its own accounts, you can also choose \"Sign in with your council account\" "
        f"on the sign-in page: {absolute(reverse('accounts:sign_in'))}\n\n"
        "If you did not expect this e-mail, you can ignore it.\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(f"You have been invited to Cairn at {council}", body, settings.DEFAULT_FROM_EMAIL, [user.email])


def password_reset_message(user) -> EmailMessage:
    """A password reset: the one-time link where the person chooses a new password."""
    link, until = _link_lines(user)
    body = (
        f"Dear {user.display_name},\n\n"
        f"Someone asked to reset the password of your Cairn account ({user.username}).\n\n"
        f"Choose a new password at this link. It works once, until {until}:\n{link}\n\n"
        "If you did not ask for this, you can ignore this e-mail: your password has not changed.\n\n"
        "This e-mail was sent by Cairn."
    )
    return EmailMessage("Reset your Cairn password", body, settings.DEFAULT_FROM_EMAIL, [user.email])
