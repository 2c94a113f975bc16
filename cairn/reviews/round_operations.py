"""Named changes in the reporting cycle: ask, remind, return, confirm savings, move to review.

Opening, saving, submitting, accepting and publishing are in operations.py beside the other review operations.
Each records one audit event; e-mails go only after the transaction commits.
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, record_event
from cairn.core.concurrency import lock
from cairn.core.mail import send as send_mail

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
    messages, recipients = [], []
    for lead, updates in _outstanding_by_lead(round_).items():
        if lead.pk in already:
            continue
        Notice.objects.create(organisation=round_.organisation, round=round_, recipient=lead, kind=kind)
        messages.append(notifications.round_message(round_, lead, updates, kind))
        recipients.append(lead.pk)
    if recipients:
        record_event(round_, action, by=by, after={"kind": kind, "recipient_ids": recipients})
        transaction.on_commit(lambda: send_mail(messages))
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
        message = notifications.returned_message(update)
        transaction.on_commit(lambda: send_mail([message]))
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
