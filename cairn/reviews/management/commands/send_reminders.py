"""Remind leads of outstanding updates: before a round's deadline and once after it. Safe to run every hour."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from cairn.reviews.models import ReportingRound
from cairn.reviews.round_operations import send_round_reminders


class Command(BaseCommand):
    help = "E-mail reminders to leads whose updates are outstanding; never sends the same reminder twice."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=settings.CAIRN_REMINDER_DAYS,
                            help="remind this many days before the deadline (default %(default)s)")

    def handle(self, *args, days_before: int, **options):
        today = timezone.localdate()
        total = 0
        for round_ in ReportingRound.objects.filter(state=ReportingRound.State.COLLECTING).select_related("organisation"):
            sent = send_round_reminders(round_, by=None, today=today, days_before=days_before)
            if sent:
                self.stdout.write(f"{round_.organisation}: {round_.title}: {sent} reminder{'s' if sent != 1 else ''} sent")
            total += sent
        self.stdout.write(f"{total} reminder{'s' if total != 1 else ''} sent.")
