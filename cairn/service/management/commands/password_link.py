"""`cairn password-link USERNAME`: a new one-time link where a person sets their password."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.set_password import set_password_link


class Command(BaseCommand):
    help = "Print a one-time link (under CAIRN_BASE_URL) where a person sets a new password; it expires."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")

    def handle(self, *, username: str, **options) -> None:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"There is no one who may sign in with the username {username!r}.")
        link, expires = set_password_link(user)
        self.stdout.write(f"{user.username} sets a password at this link, which works once, until "
                          f"{timezone.localtime(expires):%d/%m/%Y %H:%M}:")
        self.stdout.write(link)
