"""cairn load-demo: load two fictional councils to try Cairn on; a council already loaded is left alone."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cairn.accounts.models import Organisation, Role, User
from cairn.demo.data import COUNCILS, is_loaded, load_council
from cairn.programmes.models import Project, Reading
from cairn.reviews.models import Recommendation, ReportingRound, Review

DEMO_PASSWORD = "demo"

COUNTED = [
    ("councils", Organisation),
    ("users", User),
    ("reviews", Review),
    ("recommendations", Recommendation),
    ("rounds", ReportingRound),
    ("projects", Project),
    ("readings", Reading),
]


class Command(BaseCommand):
    help = (
        "Load the demo: Exampleton Borough Council (reviews, reporting rounds and a programme of seven "
        "projects) and Otherton District Council (a little data, to show that councils are kept apart). "
        'Dates are relative to today. With CAIRN_DEMO=1 the demo users get the password "demo"; otherwise '
        "they have none until one is set with `cairn changepassword USER`. Running it again creates nothing "
        "new."
    )

    def handle(self, *args, **options):
        password = DEMO_PASSWORD if settings.DEMO_MODE else None
        today = timezone.localdate()
        before = _counts()
        started = time.monotonic()
        for council in COUNCILS:
            if is_loaded(council):
                self.stdout.write(f"{council.name}: already loaded.")
                continue
            taken = sorted(
                User.objects.filter(username__in=council.usernames).values_list("username", flat=True)
            )
            if taken:
                raise CommandError(
                    f"Cannot load {council.name}: these usernames are already in use: {', '.join(taken)}."
                )
            load_council(council, today=today, password=password)
            self.stdout.write(f"{council.name}: loaded.")
        seconds = time.monotonic() - started
        after = _counts()
        created = ", ".join(f"{after[label] - before[label]} {label}" for label, _ in COUNTED)
        self.stdout.write(f"Created {created} in {seconds:.1f}s.")
        self._show_logins()

    def _show_logins(self) -> None:
        users = list(
            User.objects.filter(
                organisation__slug__in=[c.slug for c in COUNCILS], username__in=_demo_usernames()
            )
            .select_related("organisation")
            .prefetch_related("role_assignments")
            .order_by("organisation__name", "id")
        )
        if not users:
            return
        self.stdout.write("Demo sign-ins:")
        for user in users:
            roles = ", ".join(Role(a.role).label for a in user.role_assignments.all())
            self.stdout.write(f"  {user.username:<11} {user.display_name} ({roles}), {user.organisation}")
        if any(user.has_usable_password() for user in users) and settings.DEMO_MODE:
            self.stdout.write(f'Demo mode is on: the password for each is "{DEMO_PASSWORD}".')
        if not all(user.has_usable_password() for user in users):
            self.stderr.write(
                self.style.WARNING(
                    "Some demo users have no password, so they cannot sign in: the demo was loaded without "
                    "demo mode (CAIRN_DEMO=1). Set a password with `cairn changepassword USER`."
                )
            )


def _counts() -> dict[str, int]:
    return {label: model.objects.count() for label, model in COUNTED}


def _demo_usernames() -> list[str]:
    return [username for council in COUNCILS for username in council.usernames]
