"""Named changes to organisations, users and roles; each records one audit event."""

from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, create_record, record_event, snapshot
from cairn.core.mail import queue as queue_mail

from . import notifications

from .logos import CheckedLogo
from .models import CouncilLogo, Organisation, Role, RoleAssignment, User


@transaction.atomic
def create_organisation(*, by, name: str, slug: str, **fields) -> Organisation:
    """Register a council."""
    return create_record(Organisation, "organisation.created", by=by, name=name, slug=slug, **fields)


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, **changes) -> Organisation:
    """Change a council's name or settings."""
    return change_record(organisation, "organisation.updated", by=by, **changes)


BRANDING_FIELDS = (
    "paper_name", "contact_name", "contact_post", "contact_phone", "contact_email", "statement_reviewed_on",
)


@transaction.atomic
def update_council_branding(
    organisation: Organisation, *, by, logo: CheckedLogo | None = None, remove_logo: bool = False, **changes
) -> Organisation:
    """Change what the council's papers and pages carry: the name shown, the logo (a new one is kept for good, beside
    every earlier one that published papers name), the contact a new cover report starts with and the date its
    accessibility statement was last reviewed."""
    unknown = set(changes) - set(BRANDING_FIELDS)
    if unknown:
        raise ValueError(f"not branding fields: {sorted(unknown)}")
    if logo is not None:
        changes["logo"] = CouncilLogo.objects.create(
            organisation=organisation, image=logo.data, content_type=logo.content_type, width=logo.width,
            height=logo.height, sha256=logo.sha256, file_name=logo.file_name,
        )
    elif remove_logo:
        changes["logo"] = None
    return change_record(organisation, "organisation.branding_changed", by=by, **changes)


def _new_user(organisation: Organisation, *, username: str, roles, password: str | None, **fields) -> tuple[User, dict]:
    user = User(organisation=organisation, username=username, **fields)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean()
    user.save()
    for role in roles:
        if role not in Role.values:
            raise ValueError(f"{role!r} is not a role")
        RoleAssignment.objects.create(user=user, role=role)
    after = snapshot(user)
    after.pop("password", None)
    after["roles"] = sorted(roles)
    return user, after


@transaction.atomic
def create_user(
    organisation: Organisation, *, by, username: str, roles: list[str] = (), password: str | None = None, **fields
) -> User:
    """Add a person to a council with their roles; without a password they cannot sign in until one is set."""
    user, after = _new_user(organisation, username=username, roles=roles, password=password, **fields)
    record_event(user, "user.created", by=by, after=after)
    return user


@transaction.atomic
def invite_user(organisation: Organisation, *, by, username: str, email: str, roles: list[str] = (), **fields) -> User:
    """Add a person and e-mail them a one-time link to set their password (no one else ever knows it)."""
    user, after = _new_user(
        organisation, username=username, email=email, roles=roles, password=None, invited_at=timezone.now(), **fields
    )
    record_event(user, "user.invited", by=by, after=after)
    _send(user, notifications.invitation_message(user, invited_by=by))
    return user


@transaction.atomic
def resend_invitation(user: User, *, by) -> None:
    """Send a person who has not accepted their invitation a new link."""
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    record_event(user, "user.invitation_sent", by=by)
    _send(user, notifications.invitation_message(user, invited_by=by))


@transaction.atomic
def send_password_reset(user: User, *, by) -> None:
    """E-mail a person a one-time link to choose a new password: asked for by themselves (by=None, from the
    "forgotten your password" page) or sent by an administrator."""
    record_event(user, "user.password_reset_asked" if by is None else "user.password_reset_sent", by=by)
    _send(user, notifications.password_reset_message(user))


@transaction.atomic
def set_password_from_link(user: User, *, password: str) -> None:
    """The person chose a password at their one-time link: an invitation accepted, a first password (a council's first
    administrator), or a password reset. Any lock-out from failed sign-ins ends with it."""
    from . import throttling

    first = not user.has_usable_password()
    user.set_password(password)
    fields = ["password"]
    accepting = user.invitation_pending
    if accepting:
        user.invitation_accepted_at = timezone.now()
        fields.append("invitation_accepted_at")
    user.save(update_fields=fields)
    throttling.clear_lock_outs(user)
    action = "user.invitation_accepted" if accepting else "user.password_set" if first else "user.password_reset"
    record_event(user, action, by=user)


@transaction.atomic
def unlock_user(user: User, *, by) -> None:
    """End a lock-out from too many failed sign-ins (an administrator, once they know it was the person)."""
    from . import throttling

    cleared = throttling.clear_lock_outs(user)
    record_event(user, "user.unlocked", by=by, after={"attempts_cleared": cleared})


@transaction.atomic
def set_user_password(user: User, *, by, password: str) -> None:
    """Set a person's password (the hash is never written to the audit trail)."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(user, "user.password_set", by=by)


@transaction.atomic
def sign_out_everywhere(user: User, *, by) -> None:
    """End every session the user has, on every device."""
    user.session_generation += 1
    user.save(update_fields=["session_generation"])
    record_event(user, "user.signed_out_everywhere", by=by)


@transaction.atomic
def confirm_two_factor(device, *, by) -> list[str]:
    """Turn on two-factor sign-in with an authenticator app the user has proved with a code; older ones go, and
    the person is told by e-mail."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    older = TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk)
    replaced = older.filter(confirmed=True).exists()
    older.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(device.user)
    record_event(device.user, "user.two_factor_on", by=by, after={"replaced": replaced, "recovery_codes": len(codes)})
    _tell(device.user, "replaced" if replaced else "on")
    return codes


RECOVERY_CODES = 10


def _new_recovery_codes(user: User) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def make_recovery_codes(user: User, *, by) -> list[str]:
    """A new set of one-time recovery codes; the old ones stop working."""
    codes = _new_recovery_codes(user)
    record_event(user, "user.recovery_codes_made", by=by, after={"recovery_codes": len(codes)})
    _tell(user, "recovery_codes")
    return codes


@transaction.atomic
def report_recovery_code_used(user: User, *, left: int) -> None:
    """A recovery code took the place of the authenticator at sign-in: recorded, and the person is told."""
    record_event(user, "user.recovery_code_used", by=user, after={"left": left})
    _tell(user, "recovery_code_used")


@transaction.atomic
def remove_two_factor(user: User, *, by) -> None:
    """Turn off two-factor sign-in (the user, or an administrator when a phone or key is lost): authenticator app,
    security keys and recovery codes; the person is told."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    had_one = (TOTPDevice.objects.filter(user=user, confirmed=True).exists()
               or WebAuthnCredential.objects.filter(user=user).exists())
    TOTPDevice.objects.filter(user=user).delete()
    WebAuthnCredential.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    record_event(user, "user.two_factor_off", by=by)
    if had_one:
        _tell(user, "off")


class LastSecondFactor(Exception):
    pass


@transaction.atomic
def add_security_key(key, *, by) -> list[str]:
    """A security key or passkey the library has checked and saved: named, recorded and told. A person whose first
    second factor it is gets recovery codes, for the day the key is lost."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp_webauthn.models import WebAuthnCredential

    user = key.user
    key.name = f"Security key {WebAuthnCredential.objects.filter(user=user).count()}"
    key.save(update_fields=["name"])
    codes = [] if StaticDevice.objects.filter(user=user, confirmed=True).exists() else _new_recovery_codes(user)
    record_event(user, "user.security_key_added", by=by, after={"key": key.name, "recovery_codes": len(codes)})
    _tell(user, "key_added")
    return codes


@transaction.atomic
def remove_security_key(key, *, by) -> None:
    """Remove one security key; refused where it is the last second factor of a person who must use one."""
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from django_otp_webauthn.models import WebAuthnCredential

    user = key.user
    others = (WebAuthnCredential.objects.filter(user=user, confirmed=True).exclude(pk=key.pk).exists()
              or TOTPDevice.objects.filter(user=user, confirmed=True).exists())
    if user.must_use_two_factor and not others:
        raise LastSecondFactor("Your council requires two-factor sign-in for your role: add another security key or "
                               "an authenticator app before you remove this one.")
    key.delete()
    record_event(user, "user.security_key_removed", by=by, after={"key": key.name})
    _tell(user, "key_removed")


def _tell(user: User, change: str) -> None:
    _send(user, notifications.two_factor_changed_message(user, change))


def _send(user: User, message) -> None:
    queue_mail(message, organisation=user.organisation)


@transaction.atomic
def update_user(user: User, *, by, roles: list[str] | None = None, **fields) -> User:
    """Change a person's details, whether they may sign in, and (if given) their roles."""
    before_roles = sorted(user.role_assignments.values_list("role", flat=True))
    before = snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
    if before["is_active"] and not user.is_active:
        user.session_generation += 1  # a person turned off is signed out of every session at once
    user.full_clean(exclude=["password"])
    user.save()
    if roles is not None:
        unknown = set(roles) - set(Role.values)
        if unknown:
            raise ValueError(f"not roles: {sorted(unknown)}")
        user.role_assignments.exclude(role__in=roles).delete()
        for role in set(roles) - set(before_roles):
            RoleAssignment.objects.create(user=user, role=role)
        user.__dict__.pop("roles", None)  # the cached set of roles is stale now
    after = snapshot(user)
    for data in (before, after):
        data.pop("password", None)
        data.pop("session_generation", None)
    before["roles"], after["roles"] = before_roles, sorted(roles if roles is not None else before_roles)
    record_event(user, "user.updated", by=by, before=before, after=after)
    return user
