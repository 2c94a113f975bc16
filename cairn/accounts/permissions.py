"""Who may do what: plain predicates over a user and their roles. Every view asks here."""

from .models import Role, User

STAFF_ROLES = (
    Role.ADMINISTRATOR,
    Role.SCRUTINY_OFFICER,
    Role.LEAD_OFFICER,
    Role.FINANCE_MANAGER,
    Role.PROGRAMME_MANAGER,
    Role.COUNCILLOR,
)


def can_view_records(user: User) -> bool:
    """Anyone who holds a role in a council may read its records."""
    return user.is_authenticated and user.organisation_id is not None and user.has_role(*STAFF_ROLES)


def can_view_audit_trail(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)
