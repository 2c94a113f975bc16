"""Named changes to organisations, users and roles; each records one audit event."""

from django.db import transaction

from cairn.audit.events import change_record, create_record, record_event, snapshot
from cairn.core.mail import queue as queue_mail

from . import notifications

from .models import Organisation, Role, RoleAssignment, User


@transaction.atomic
def create_organisation(*, by, name: str, slug: str, **fields) -> Organisation:
    """Register a council."""
    return create_record(Organisation, "organisation.created", by=by, name=name, slug=slug, **fields)


@transaction.atomic
def update_organisation(organisation: Organisation, *, by, **changes) -> Organisation:
    """Change a council's name or settings."""
    return change_record(organisation, "organisation.updated", by=by, **changes)


@transaction.atomic
def create_user(
    organisation: Organisation, *, by, username: str, roles: list[str] = (), password: str | None = None, **fields
) -> User:
    """Add a person to a council with their roles; without a password they cannot sign in until one is set."""
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
    record_event(user, "user.created", by=by, after=after)
    return user


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
def confirm_two_factor(device, *, by) -> None:
    """Turn on two-factor sign-in with an authenticator app the user has proved with a code; older ones go, and
    the person is told by e-mail."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    older = TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk)
    replaced = older.filter(confirmed=True).exists()
    older.delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    record_event(device.user, "user.two_factor_on", by=by, after={"replaced": replaced})
    _tell(device.user, "replaced" if replaced else "on")


@transaction.atomic
def remove_two_factor(user: User, *, by) -> None:
    """Turn off two-factor sign-in (the user, or an administrator when a phone is lost); the person is told."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    had_one = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).delete()
    record_event(user, "user.two_factor_off", by=by)
    if had_one:
        _tell(user, "off")


def _tell(user: User, change: str) -> None:
    queue_mail(notifications.two_factor_changed_message(user, change), organisation=user.organisation)


@transaction.atomic
def update_user(user: User, *, by, roles: list[str] | None = None, **fields) -> User:
    """Change a person's details, whether they may sign in, and (if given) their roles."""
    before_roles = sorted(user.role_assignments.values_list("role", flat=True))
    before = snapshot(user)
    for name, value in fields.items():
        setattr(user, name, value)
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
    before["roles"], after["roles"] = before_roles, sorted(roles if roles is not None else before_roles)
    record_event(user, "user.updated", by=by, before=before, after=after)
    return user
