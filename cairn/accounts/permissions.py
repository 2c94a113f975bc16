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


def can_manage_rounds(user: User) -> bool:
    """Open, chase, check, publish and sign off reporting rounds."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)


def can_view_round(user: User, round_) -> bool:
    if not can_view_records(user):
        return False
    return can_see_unpublished_updates(user) or round_.state in ("in_review", "published")


def is_lead_for(user: User, update) -> bool:
    return user.is_authenticated and update.recommendation.lead_officer_id == user.pk


def can_write_update(user: User, update) -> bool:
    """The lead writes their own update until it is accepted; officers may edit any unpublished one."""
    if update.round.state == "published":
        return False
    if can_manage_rounds(user):
        return True
    return is_lead_for(user, update) and update.state in ("asked", "draft", "returned") and update.round.state == "collecting"


def can_confirm_savings(user: User, update) -> bool:
    """The finance manager named on the recommendation (or an officer) confirms the savings figures."""
    if update.round.state == "published":
        return False
    return can_manage_rounds(user) or (user.is_authenticated and update.recommendation.finance_manager_id == user.pk)


# Editing records. Councillors never edit; programme managers edit only the programmes they manage.


def can_edit_reviews(user: User) -> bool:
    """Create and change reviews, recommendations, action plans and savings estimates."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)


def can_create_programmes(user: User) -> bool:
    """Start a programme and name its manager: a council-wide decision, for officers."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)


def can_edit_programme(user: User, programme) -> bool:
    """Change a programme, its projects, phase plan, milestones, indicators, budget and risks."""
    if not user.is_authenticated:
        return False
    if user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER):
        return True
    return user.has_role(Role.PROGRAMME_MANAGER) and programme.manager_id == user.pk


def can_edit_indicator(user: User, indicator) -> bool:
    """Officers, or the manager of a programme one of the indicator's projects belongs to (needs projects prefetched)."""
    if can_edit_reviews(user):
        return True
    return any(can_edit_programme(user, project.programme) for project in indicator.projects.all())


def can_edit_budget_line(user: User, line) -> bool:
    return _can_edit_project_or_review(user, line)


def can_edit_risk(user: User, risk) -> bool:
    return _can_edit_project_or_review(user, risk)


def _can_edit_project_or_review(user: User, record) -> bool:
    # Budget lines and risks belong to a project (its programme's editors) or to a review (review editors).
    if record.project_id is not None:
        return can_edit_programme(user, record.project.programme)
    return can_edit_reviews(user)


def can_import(user: User) -> bool:
    """Upload old committee papers, check what they would create, and import them."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)


def can_write_project_update(user: User, update) -> bool:
    """A project's lead (or its programme's manager) writes its highlight report until accepted; officers any time."""
    if update.round.state == "published":
        return False
    if can_manage_rounds(user):
        return True
    project = update.project
    is_theirs = user.is_authenticated and user.pk in (project.lead_id, project.programme.manager_id)
    return is_theirs and update.state in ("asked", "draft", "returned") and update.round.state == "collecting"


def can_manage_committees(user: User) -> bool:
    """Add and change committees (and boards) and their meetings: officers and administrators."""
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER)
