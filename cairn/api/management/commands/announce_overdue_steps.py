"""`cairn announce-overdue-steps`: tell webhooks of each step that has become overdue (once per target date)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cairn.api.webhooks import announce_overdue_steps


class Command(BaseCommand):
    help = "Record each step newly overdue (its current target date passed, its recommendation open), which sends the step.overdue webhooks; safe to run every hour from cron."

    def handle(self, **options):
        count = announce_overdue_steps(timezone.localdate())
        self.stdout.write(f"{count} step{'' if count == 1 else 's'} newly overdue.")
