"""`cairn create-council`: a new council, its first administrator, and a one-time link to set their password."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from cairn.accounts import operations as accounts
from cairn.accounts.models import Organisation, Role, User
from cairn.accounts.set_password import set_password_link
from cairn.reviews import operations as reviews


class Command(BaseCommand):
    help = (
        "Create a council and its first administrator, and print a one-time link (under CAIRN_BASE_URL) where the "
        "administrator sets their password."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--slug", required=True, help="the council's short name in addresses, e.g. northmoor")
        parser.add_argument("--name", required=True, help='the council\'s name, e.g. "Northmoor Borough Council"')
        parser.add_argument("--admin", required=True, help="the administrator's username")
        parser.add_argument("--admin-email", required=True, help="the administrator's e-mail address")
        parser.add_argument("--admin-first-name", default="", help="the administrator's first name")
        parser.add_argument("--admin-last-name", default="", help="the administrator's last name")

    def handle(self, *, slug, name, admin, admin_email, admin_first_name, admin_last_name, **options) -> None:
        if taken := Organisation.objects.filter(slug=slug).first():
            raise CommandError(f"The slug {slug!r} is already taken, by {taken.name}. Choose another --slug.")
        if Organisation.objects.filter(name=name).exists():
            raise CommandError(f"A council called {name!r} already exists. Choose another --name.")
        if User.objects.filter(username=admin).exists():
            raise CommandError(f"The username {admin!r} is already taken. Choose another --admin.")
        try:
            with transaction.atomic():
                organisation = accounts.create_organisation(by=None, name=name, slug=slug)
                user = accounts.create_user(
                    organisation, by=None, username=admin, email=admin_email, roles=[Role.ADMINISTRATOR],
                    first_name=admin_first_name, last_name=admin_last_name,
                )
                # The assessment scale new progress is graded on (the administrator can change it in settings).
                reviews.create_assessment_scale(organisation, by=None)
        except ValidationError as error:
            raise CommandError(_plain(error)) from None
        link, expires = set_password_link(user)
        self.stdout.write(f"Created {organisation.name} ({organisation.slug}) and its administrator {user.username}.")
        self.stdout.write(
            f"{user.username} sets their password at this link, which works once, until "
            f"{timezone.localtime(expires):%d/%m/%Y %H:%M}:"
        )
        self.stdout.write(link)


def _plain(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)
