"""`cairn api-token USERNAME`: make an API token for a person and print it (alone on its last line)."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cairn.api.operations import create_api_token


class Command(BaseCommand):
    help = "Make an API token that acts as USERNAME (with their council and roles); print it once, on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Made on the command line", help="What the token is for.")

    def handle(self, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if not user.is_active:
            raise CommandError(f"{username} cannot sign in (their account is turned off), so cannot have a token.")
        try:
            token, key = create_api_token(user, by=None, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(f"A token “{token.name}” for {user.display_name} ({user.organisation}). Keep it secret: "
                          "it is not shown again.")
        self.stdout.write(key)
