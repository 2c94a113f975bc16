"""Named changes in the reporting cycle: ask, remind, change or cancel a round, return, confirm savings, move to
review, send an e-mail again.

Opening, saving, submitting, accepting and publishing are in operations.py beside the other review operations.
Each records one audit event. E-mails are kept in the outbox in the same transaction and logged as the round's
notices; the background worker sends them after it commits, and tries again if the mail server fails.
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, record_event
from cairn.core.concurrency import lock
from cairn.core.mail import send_again

from . import notifications
from .models import Notice, ProgressUpdate, ReportingRound, lock_for_change

OUTSTANDING = (ProgressUpdate.State.ASKED, ProgressUpdate.State.DRAFT, ProgressUpdate.State.RETURNED)


def _outstanding_by_lead(round_: ReportingRound) -> dict:
    """Each person with what is still wanted from them: recommendations' leads, or projects' leads (else manager)."""
    by_lead = defaultdict(list)
    updates = (
        round_.updates.filter(state__in=OUTSTANDING, recommendation__lead_officer__isnull=False)
        .select_related("recommendation__review", "recommendation__lead_officer")
        .order_by("recommendation__review__title", "recommendation__order")
    )
    for update in updates:
        by_lead[update.recommendation.lead_officer].append(update)
    reports = round_.project_updates.filter(state__in=OUTSTANDING).select_related(
        "project__lead", "project__programme__manager"
    ).order_by("project__order")
    for report in reports:
        person = report.project.lead or report.project.programme.manager
        if person is not None:
            by_lead[person].append(report)
    return by_lead


def _send_notices(round_: ReportingRound, kind: str, *, by, action: str) -> int:
    if round_.state != ReportingRound.State.COLLECTING:
        raise ValidationError("Updates can only be asked for while the round is collecting them.")
    already = set(Notice.objects.filter(round=round_, kind=kind).values_list("recipient_id", flat=True))
    recipients = []
    for lead, updates in _outstanding_by_lead(round_).items():
        if lead.pk in already:
            continue
        notifications.notify(round_, lead, kind, notifications.round_message(round_, lead, updates, kind))
        recipients.append(lead.pk)
    if recipients:
        record_event(round_, action, by=by, after={"kind": kind, "recipient_ids": recipients})
    return len(recipients)


@transaction.atomic
def ask_for_updates(round_: ReportingRound, *, by) -> int:
    """E-mail each lead once, listing all their items in the round; returns how many were asked."""
    return _send_notices(round_, Notice.Kind.REQUEST, by=by, action="round.updates_requested")


@transaction.atomic
def send_round_reminders(round_: ReportingRound, *, by, today: dt.date, days_before: int) -> int:
    """Remind leads whose updates are outstanding: once within `days_before` of the deadline, once after it."""
    if round_.state != ReportingRound.State.COLLECTING:
        return 0
    if today > round_.deadline_on:
        kind = Notice.Kind.OVERDUE
    elif today >= round_.deadline_on - dt.timedelta(days=days_before):
        kind = Notice.Kind.BEFORE_DEADLINE
    else:
        return 0
    return _send_notices(round_, kind, by=by, action="round.reminders_sent")


@transaction.atomic
def return_progress_update(update: ProgressUpdate, *, by, comment: str) -> ProgressUpdate:
    """The scrutiny officer sends an update back to its lead with a comment; the lead is e-mailed."""
    update = lock_for_change(update)
    if update.state != ProgressUpdate.State.SUBMITTED:
        raise ValidationError("Only a submitted update can be returned.")
    if not comment.strip():
        raise ValidationError({"return_comment": "Enter what the lead needs to change"})
    update = change_record(
        update, "progress_update.returned", by=by, state=ProgressUpdate.State.RETURNED, return_comment=comment.strip(),
        version=update.version + 1,
    )
    if update.recommendation.lead_officer:
        notifications.notify(update.round, update.recommendation.lead_officer, Notice.Kind.RETURNED,
               notifications.returned_message(update))
    return update


@transaction.atomic
def confirm_savings(update: ProgressUpdate, *, by, savings_amount, savings_basis: str, savings_text: str) -> ProgressUpdate:
    """The finance manager confirms (or corrects) the savings or costs to date on an update."""
    update = lock_for_change(update)
    return change_record(
        update, "progress_update.savings_confirmed", by=by, savings_amount=savings_amount, savings_basis=savings_basis,
        savings_text=savings_text, finance_confirmed_by=by, finance_confirmed_at=timezone.now(), version=update.version + 1,
    )


@transaction.atomic
def start_round_review(round_: ReportingRound, *, by) -> ReportingRound:
    """Close collection: the round is in review (councillors may now see it), ready to publish."""
    lock(round_)
    if round_.state != ReportingRound.State.COLLECTING:
        raise ValidationError("Only a round that is collecting updates can move to review.")
    return change_record(round_, "round.in_review", by=by, state=ReportingRound.State.IN_REVIEW)


@transaction.atomic
def update_round(round_: ReportingRound, *, by, **changes) -> ReportingRound:
    """Correct a round before it is published: its title, as-at date, deadline or meeting. Leads already asked, whose
    updates are still outstanding, are told of a new deadline."""
    lock(round_)
    round_.refuse_changes_if_published()
    unknown = set(changes) - {"title", "as_at_on", "deadline_on", "meeting"}
    if unknown:
        raise ValueError(f"not fields of a round that can be corrected: {sorted(unknown)}")
    was = round_.deadline_on
    round_ = change_record(round_, "round.updated", by=by, **changes)
    if round_.deadline_on != was and round_.state == ReportingRound.State.COLLECTING:
        asked = set(Notice.objects.filter(round=round_, kind=Notice.Kind.REQUEST).values_list("recipient_id", flat=True))
        for lead, updates in _outstanding_by_lead(round_).items():
            if lead.pk in asked:
                notifications.notify(round_, lead, Notice.Kind.DEADLINE_CHANGED,
                       notifications.deadline_changed_message(round_, lead, updates, was))
    return round_


@transaction.atomic
def cancel_round(round_: ReportingRound, *, by, reason: str) -> ReportingRound:
    """Cancel a round that is not yet published, saying why; leads asked whose updates were outstanding are told."""
    lock(round_)
    round_.refuse_changes_if_published()
    if not reason.strip():
        raise ValidationError({"cancelled_reason": "Enter why the round is cancelled: the leads asked are told"})
    outstanding = _outstanding_by_lead(round_) if round_.state == ReportingRound.State.COLLECTING else {}
    asked = set(Notice.objects.filter(round=round_, kind=Notice.Kind.REQUEST).values_list("recipient_id", flat=True))
    round_ = change_record(
        round_, "round.cancelled", by=by, state=ReportingRound.State.CANCELLED, cancelled_reason=reason.strip()
    )
    for lead in outstanding:
        if lead.pk in asked:
            notifications.notify(round_, lead, Notice.Kind.CANCELLED, notifications.cancelled_message(round_, lead))
    return round_


@transaction.atomic
def resend_notice(notice: Notice, *, by) -> Notice:
    """Try again an e-mail of the round that could not be sent."""
    if notice.email is None or notice.email.state != notice.email.State.FAILED:
        raise ValidationError("Only an e-mail that could not be sent can be sent again.")
    send_again(notice.email)
    record_event(notice.round, "round.email_resent", by=by, after={"notice_id": notice.pk, "kind": notice.kind,
                                                                   "recipient_id": notice.recipient_id})
    return notice


@transaction.atomic
def save_updates_from_workbook(round_: ReportingRound, *, by, rows: list[dict], file_name: str) -> int:
    """The rows of a filled-in updates workbook saved, each as the web form saves an update (its version checked,
    its own audit event), all or none; the upload itself is one event on the round. Returns how many were saved."""
    from .operations import save_progress_update

    lock(round_)
    round_.refuse_changes_if_published()
    updates = {update.pk: update for update in round_.updates.all()}
    saved = 0
    for row in rows:
        update = updates.get(row["update"])
        if update is None:
            raise ValidationError(f"Update {row['update']} is not one of this round's updates.")
        save_progress_update(update, by=by, expected_version=row["version"], **row["fields"])
        saved += 1
    record_event(round_, "round.updates_uploaded", by=by, after={"file": file_name, "updates": saved})
    return saved
