"""Access expectations for the API, checked in test_tenancy.py: every endpoint x every role x another council's
administrator x a person with no role x no token, each with a bearer token of that person.

Changes are sent with a body the operation's rules refuse (422), so an allowed role is told what is wrong while
nothing changes and the next role meets the same record."""

from cairn.accounts.models import Role

from .matrix import ALL_ROLES, OFFICERS

WORKING = ALL_ROLES - {Role.COUNCILLOR}
ADMINISTRATOR = {Role.ADMINISTRATOR}
LIST = "list"  # another council's people get 200, with none of this council's records


def collecting_update(c):
    return c.collecting_round.updates.get()


def _version(c) -> dict:
    return {"version": collecting_update(c).version}


def _milestone_version(c) -> dict:
    from cairn.api.endpoints.writes import milestone_version

    return {"version": milestone_version(c.project.milestones.first()), "state_text": "<b>soon</b>"}


# name: (the URL's arguments; method; body; roles allowed; the allowed roles' status)
API_MATRIX = {
    "api:me": (None, "get", None, ALL_ROLES, 200),
    "api:review_list": (None, "get", None, ALL_ROLES, 200),
    "api:review_detail": (lambda c: [c.review.pk], "get", None, ALL_ROLES, 200),
    "api:recommendation_list": (None, "get", None, ALL_ROLES, 200),
    "api:recommendation_detail": (lambda c: [c.recommendation.pk], "get", None, ALL_ROLES, 200),
    "api:step_list": (None, "get", None, ALL_ROLES, 200),
    "api:step_detail": (lambda c: [c.action.pk], "get", None, ALL_ROLES, 200),
    "api:round_list": (None, "get", None, ALL_ROLES, 200),
    # A collecting round: councillors see rounds only once they are in review or published.
    "api:round_detail": (lambda c: [c.collecting_round.pk], "get", None, WORKING, 200),
    "api:round_updates": (lambda c: [c.collecting_round.pk], "get", None, WORKING, 200),
    "api:round_published": (lambda c: [c.published_round.pk], "get", None, ALL_ROLES, 200),
    "api:update_detail": (lambda c: [collecting_update(c).pk], "get", None, WORKING, 200),
    "api:programme_list": (None, "get", None, ALL_ROLES, 200),
    "api:programme_detail": (lambda c: [c.programme.pk], "get", None, ALL_ROLES, 200),
    "api:project_list": (None, "get", None, ALL_ROLES, 200),
    "api:project_detail": (lambda c: [c.project.pk], "get", None, ALL_ROLES, 200),
    "api:milestone_list": (None, "get", None, ALL_ROLES, 200),
    "api:milestone_detail": (lambda c: [c.project.milestones.first().pk], "get", None, ALL_ROLES, 200),
    "api:indicator_list": (None, "get", None, ALL_ROLES, 200),
    "api:indicator_detail": (lambda c: [c.indicator.pk], "get", None, ALL_ROLES, 200),
    "api:indicator_readings": (lambda c: [c.indicator.pk], "get", None, ALL_ROLES, 200),
    "api:reading_list": (None, "get", None, ALL_ROLES, 200),
    "api:reading_detail": (lambda c: [c.indicator.readings.first().pk], "get", None, ALL_ROLES, 200),
    "api:budget_line_list": (None, "get", None, ALL_ROLES, 200),
    "api:budget_line_detail": (lambda c: [c.project.budget_lines.first().pk], "get", None, ALL_ROLES, 200),
    "api:risk_list": (None, "get", None, ALL_ROLES, 200),
    "api:risk_detail": (lambda c: [c.project.risks.first().pk], "get", None, ALL_ROLES, 200),
    "api:audit_event_list": (None, "get", None, ADMINISTRATOR, 200),
    # Published statistics are shared by every council: anyone with a role reads them.
    "api:benchmark_measure_list": (None, "get", None, ALL_ROLES, 200),
    "api:benchmark_area_list": (None, "get", None, ALL_ROLES, 200),
    "api:benchmark_value_list": (None, "get", None, ALL_ROLES, 200),
    # Changes: the lead's own update (officers may edit any); a savings amount with no basis is refused.
    "api:update_save": (lambda c: [collecting_update(c).pk], "patch",
                        lambda c: _version(c) | {"savings_amount": "5000"}, {Role.LEAD_OFFICER} | OFFICERS, 422),
    # Submitting an update with no assessment is refused.
    "api:update_submit": (lambda c: [collecting_update(c).pk], "post", _version, {Role.LEAD_OFFICER} | OFFICERS, 422),
    "api:update_confirm_savings": (lambda c: [collecting_update(c).pk], "post",
                                   lambda c: _version(c) | {"savings_amount": "5000"},
                                   {Role.FINANCE_MANAGER} | OFFICERS, 422),
    # A reading with neither a value nor a range is refused.
    "api:reading_create": (lambda c: [c.indicator.pk], "post", lambda c: {"period_start": "2020-04-01"}, OFFICERS, 422),
    "api:reading_bulk_create": (lambda c: [c.indicator.pk], "post",
                                lambda c: {"readings": [{"period_start": "2020-04-01"}]}, OFFICERS, 422),
    # Markup in a milestone's text is refused, as in its form.
    "api:milestone_change": (lambda c: [c.project.milestones.first().pk], "patch", _milestone_version, OFFICERS, 422),
}
# Lists answer another council's people with their own records; anything else of this council is a 404 to them.
OWN_COUNCIL_LISTS = {name for name, entry in API_MATRIX.items() if entry[0] is None}
# Open to a signed-in person with no role at all: only who they are.
NO_ROLE_ALLOWED = {"api:me"}
