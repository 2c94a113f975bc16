"""`cairn db-roles APP_ROLE`: least privilege on PostgreSQL for the role the web server and worker connect as."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cairn.service.roles import RolesError, grant


class Command(BaseCommand):
    help = (
        "Run as the role that owns Cairn's tables (the one that runs `cairn migrate`): give APP_ROLE, the role the web "
        "server and worker connect as, what Cairn needs and nothing more. Run it again after each upgrade."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("app_role")

    def handle(self, *, app_role: str, **options) -> None:
        try:
            with transaction.atomic():
                lines = grant(app_role)
        except RolesError as error:
            raise CommandError(str(error)) from None
        for line in lines:
            self.stdout.write(line)
