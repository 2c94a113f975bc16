"""Who may do what: plain predicates over a user, their roles and a record. Every view asks here."""

from .models import Organisation, Role, User

STAFF_ROLES = (
    Role.ADMINISTRATOR,
    Role.SCRUTINY_OFFICER,
    Role.LEAD_OFFICER,
    Role.FINANCE_MANAGER,
    Role.PROGRAMME_MANAGER,
    Role.COUNCILLOR,
)
# Roles that work on updates before the committee sees them; councillors see only what is in review or published.
WORKING_ROLES = tuple(role for role in STAFF_ROLES if role != Role.COUNCILLOR)


def can_view_records(user: User) -> bool:
    """Anyone who holds a role in a council may read its records."""
    return user.is_authenticated and user.organisation_id is not None and user.has_role(*STAFF_ROLES)


def can_see_unpublished_updates(user: User) -> bool:
    """Drafts and submitted updates are for the officers working on them, not yet for councillors."""
    return user.is_authenticated and user.has_role(*WORKING_ROLES)


def can_view_audit_trail(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)


def can_export_audit_trail(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


def can_manage_organisation(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


def public_can_view(organisation: Organisation) -> bool:
    """The public sees a council's published rounds only where the council has turned public pages on."""
    return organisation.public_pages_enabled
