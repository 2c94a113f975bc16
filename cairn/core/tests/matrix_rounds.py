"""Access expectations for the reporting-round pages, merged into the matrix in test_tenancy.py."""

from cairn.accounts.models import Role
from cairn.programmes.operations import open_programme_round

from .matrix import ALL_ROLES, OFFICERS, SIGN_IN

WORKING = ALL_ROLES - {Role.COUNCILLOR}


def _report(council):
    """A project's highlight report in a collecting programme round (opened for the matrix)."""
    round_ = open_programme_round(
        council.programme, by=None, title="Board report", as_at_on=council.meeting.held_on, deadline_on=council.meeting.held_on
    )
    return round_.project_updates.get()

def _notice(council):
    """An e-mail of the collecting round (its leads asked for the matrix)."""
    from cairn.reviews.round_operations import ask_for_updates

    ask_for_updates(council.collecting_round, by=None)
    return council.collecting_round.notices.first()


ROUNDS_MATRIX: dict = {
    "rounds:round_list": (None, ALL_ROLES, 200, SIGN_IN),
    "rounds:round_open": (None, OFFICERS, 200, SIGN_IN),
    "rounds:programme_round_open": (None, OFFICERS, 200, SIGN_IN),
    # A programme round's report for the world's project: its lead is not a persona, so officers only.
    "rounds:project_update_edit": (lambda c: [_report(c).pk], OFFICERS, 404, SIGN_IN),
    "rounds:project_update_check": (lambda c: [_report(c).pk], OFFICERS, 404, SIGN_IN),
    "rounds:my_updates": (None, ALL_ROLES, 200, SIGN_IN),
    # A collecting round: councillors see rounds only once they are in review or published.
    "rounds:round_detail": (lambda c: [c.collecting_round.pk], WORKING, 404, SIGN_IN),
    "rounds:round_ask": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_edit": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_cancel": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:notice_resend": (lambda c: [_notice(c).pk], OFFICERS, 404, SIGN_IN),
    "committees:committee_list": (None, ALL_ROLES, 200, SIGN_IN),
    "committees:committee_create": (None, OFFICERS, 200, SIGN_IN),
    "committees:committee_edit": (lambda c: [c.committee.pk], OFFICERS, 404, SIGN_IN),
    "committees:meeting_create": (lambda c: [c.committee.pk], OFFICERS, 404, SIGN_IN),
    "committees:meeting_edit": (lambda c: [c.meeting.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_start_review": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_publish": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_sign_off": (lambda c: [c.published_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_workbook_download": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_workbook_upload": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    "rounds:round_workbook_confirm": (lambda c: [c.collecting_round.pk], OFFICERS, 404, SIGN_IN),
    # The collecting round's update belongs to the lead; officers may edit it too.
    "rounds:update_edit": (lambda c: [c.collecting_round.updates.get().pk], {Role.LEAD_OFFICER} | OFFICERS, 404, SIGN_IN),
    "rounds:update_check": (lambda c: [c.published_round.updates.get().pk], OFFICERS, 404, SIGN_IN),
    "rounds:update_savings": (lambda c: [c.collecting_round.updates.get().pk], {Role.FINANCE_MANAGER} | OFFICERS, 404, SIGN_IN),
}
# URLs that only answer POST: the matrix POSTs to them (an allowed POST redirects back to the round).
ROUNDS_POST_ONLY = {"rounds:round_workbook_confirm", "rounds:round_ask", "rounds:round_start_review", "rounds:notice_resend"}
