"""The e-mails Cairn sends about rounds: what is asked of a lead, reminders, and a returned update."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from cairn.core.mail import absolute

from cairn.lib.dates import format_uk

from .models import Notice, ProgressUpdate, ReportingRound


def item_line(update) -> str:
    """One line naming what is asked: a recommendation's update or a project's highlight report."""
    if isinstance(update, ProgressUpdate):
        recommendation = update.recommendation
        return f"- {recommendation.review.title}, recommendation {recommendation.label}: {recommendation.text[:120]}"
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
