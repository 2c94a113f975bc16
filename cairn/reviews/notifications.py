"""The e-mails Cairn sends about rounds: what is asked of a lead, reminders, a new deadline, a cancelled round, figures
for a finance manager to confirm, and a returned update."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from cairn.core.mail import absolute
from cairn.core.mail import queue as queue_mail
from cairn.lib.dates import format_uk
from cairn.lib.money import format_pounds
from cairn.lib.text import shorten

from .models import Notice, ProgressUpdate, ReportingRound


def item_line(update) -> str:
    """One line naming what is asked: a recommendation's update or a project's highlight report."""
    if isinstance(update, ProgressUpdate):
        recommendation = update.recommendation
        return f"- {recommendation.review.title}, recommendation {recommendation.label}: {shorten(recommendation.text, 120)}"
    return f"- Highlight report for project {update.project}"


def _item_lines(updates: Iterable) -> str:
    return "\n".join(item_line(update) for update in updates)


def round_message(round_: ReportingRound, lead, updates: list, kind: str) -> EmailMessage:
    """The request for updates, or a reminder, listing every item the lead has in the round."""
    deadline = format_uk(round_.deadline_on)
    link = absolute(reverse("rounds:my_updates"))
    count = f"{len(updates)} item{'s' if len(updates) != 1 else ''}"
    if kind == Notice.Kind.REQUEST:
        subject = f"Progress update needed by {deadline}: {round_.title}"
        opening = f"Please give your progress update on {count} by {deadline}."
    elif kind == Notice.Kind.BEFORE_DEADLINE:
        subject = f"Reminder: progress update due {deadline}: {round_.title}"
        opening = f"Your progress update on {count} is due by {deadline} and has not been submitted yet."
    else:
        subject = f"Overdue: progress update was due {deadline}: {round_.title}"
        opening = f"Your progress update on {count} was due by {deadline} and has not been submitted."
    body = (
        f"Dear {lead.display_name},\n\n{opening}\n\n{_item_lines(updates)}\n\n"
        f"Give your update here: {link}\n\n"
        f"Progress is reported as at {format_uk(round_.as_at_on)}. "
        "Your last update is filled in for you: change what has moved on, then submit it.\n\n"
        "This e-mail was sent by Cairn."
    )
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [lead.email])


def returned_message(update: ProgressUpdate) -> EmailMessage:
    lead = update.recommendation.lead_officer
    link = absolute(reverse("rounds:update_edit", args=[update.pk]))
    body = (
        f"Dear {lead.display_name},\n\n"
        f"Your update on {update.recommendation.review.title}, recommendation {update.recommendation.label}, "
        f"has been returned to you with this comment:\n\n{update.return_comment}\n\n"
        f"Change it and submit it again here: {link}\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(
        f"Update returned: {update.recommendation.review.title}, recommendation {update.recommendation.label}",
        body, settings.DEFAULT_FROM_EMAIL, [lead.email],
    )


def returned_report_message(report) -> EmailMessage:
    """A project's lead is told their highlight report has come back, and why."""
    lead = report.lead
    link = absolute(reverse("rounds:project_update_edit", args=[report.pk]))
    body = (
        f"Dear {lead.display_name},\n\n"
        f"Your highlight report for project {report.project} in {report.round.title} has been returned to you with "
        f"this comment:\n\n{report.return_comment}\n\n"
        f"Change it and submit it again here: {link}\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(
        f"Highlight report returned: {report.project}", body, settings.DEFAULT_FROM_EMAIL, [lead.email],
    )


def deadline_changed_message(round_: ReportingRound, lead, updates: list, was) -> EmailMessage:
    """A lead already asked is told the round's deadline has moved."""
    deadline = format_uk(round_.deadline_on)
    body = (
        f"Dear {lead.display_name},\n\nThe deadline for your progress update in {round_.title} has changed from "
        f"{format_uk(was)} to {deadline}.\n\n{_item_lines(updates)}\n\n"
        f"Give your update here: {absolute(reverse('rounds:my_updates'))}\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(f"New deadline {deadline}: {round_.title}", body, settings.DEFAULT_FROM_EMAIL, [lead.email])


def cancelled_message(round_: ReportingRound, lead) -> EmailMessage:
    """A lead already asked is told the round is cancelled, and why."""
    body = (
        f"Dear {lead.display_name},\n\n{round_.title} has been cancelled, so no progress update is needed for it."
        f"\n\nThe reason given: {round_.cancelled_reason}\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(f"Cancelled: {round_.title}", body, settings.DEFAULT_FROM_EMAIL, [lead.email])


def figures_message(round_: ReportingRound, finance_manager, updates: list) -> EmailMessage:
    """A finance manager is told, once a round, that savings or costs wait for them to confirm."""
    lines = "\n".join(
        f"- {update.recommendation.review.title}, recommendation {update.recommendation.label}: "
        f"{format_pounds(update.savings_amount)} {update.get_savings_basis_display().lower()}"
        for update in updates
    )
    body = (
        f"Dear {finance_manager.display_name},\n\nLeads have given savings or costs to date in {round_.title} "
        f"that wait for you to confirm:\n\n{lines}\n\nConfirm or correct them here: "
        f"{absolute(reverse('rounds:my_updates'))}\n\nThis e-mail was sent by Cairn."
    )
    return EmailMessage(f"Figures to confirm: {round_.title}", body, settings.DEFAULT_FROM_EMAIL, [finance_manager.email])


def notify(round_: ReportingRound, person, kind: str, message) -> Notice:
    """Keep an e-mail to a person about a round in the outbox, and in the round's e-mail log."""
    email = queue_mail(message, organisation=round_.organisation)
    return Notice.objects.create(organisation=round_.organisation, round=round_, recipient=person, kind=kind, email=email)


def tell_finance_of_figures(update: ProgressUpdate) -> None:
    """When a submitted update carries figures to confirm, its finance manager is e-mailed: once a round, listing
    what waits for them then (their home page lists the rest). Part of the submit operation's transaction."""
    finance = update.recommendation.finance_manager
    if finance is None or update.savings_amount is None or update.finance_confirmed_by_id is not None:
        return
    round_ = update.round
    if Notice.objects.filter(round=round_, recipient=finance, kind=Notice.Kind.FIGURES).exists():
        return
    waiting = list(
        round_.updates.filter(
            recommendation__finance_manager=finance, savings_amount__isnull=False, finance_confirmed_by__isnull=True,
            state__in=[ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED],
        ).select_related("recommendation__review")
    )
    notify(round_, finance, Notice.Kind.FIGURES, figures_message(round_, finance, waiting))
