"""`cairn rebuild-summaries`: rebuild every recommendation's progress summary from its updates."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cairn.accounts.models import Organisation
from cairn.audit.stamps import raise_versions
from cairn.reviews.summaries import refresh_all


class Command(BaseCommand):
    help = (
        "Rebuild each recommendation's progress summary (its newest assessment and how often it slipped) from its "
        "updates. Cairn keeps them up to date itself; run this only if `cairn verify` finds one that differs."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            count = refresh_all()
            # Pages kept in web workers' memory were drawn from the summaries as they were: give them new stamps.
            raise_versions(Organisation.objects.values_list("pk", flat=True))
        self.stdout.write(f"{count} recommendation{'s' * (count != 1)}: progress summaries rebuilt.")
