"""cairn load-demo: load two fictional councils to try Cairn on; a council already loaded is left alone."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from cairn.accounts.models import Organisation, Role, User
from cairn.demo.data import COUNCILS, is_loaded, load_council, statistics
from cairn.demo.data.exampleton import SLUG as COUNTY_SLUG
from cairn.demo.data.generated import county_loaded, load_county, load_ordinary, ordinary_slug
from cairn.programmes.models import Project, Reading
from cairn.reviews.models import ProgressUpdate, Recommendation, ReportingRound, Review

DEMO_PASSWORD = "demo"

COUNTED = [
    ("councils", Organisation),
    ("users", User),
    ("reviews", Review),
    ("recommendations", Recommendation),
    ("rounds", ReportingRound),
    ("progress updates", ProgressUpdate),
    ("projects", Project),
    ("readings", Reading),
]


class Command(BaseCommand):
    help = (
        "Load the demo: Exampleton Borough Council (reviews, reporting rounds and a programme of seven "
        "projects) and Otherton District Council (a little data, to show that councils are kept apart). "
        'Dates are relative to today. With CAIRN_DEMO=1 the demo users get the password "demo"; otherwise '
        "they have none until one is set with `cairn changepassword USER`. It also loads the DfE statistics in "
        "../shared/data/dfe (where there are any) and links Exampleton's indicators to them for Stockton-on-Tees "
        "(808). Running it again creates nothing new. --scale county grows Exampleton to a county's size (400 reviews, 5,000 recommendations, some 50,000 "
        "progress updates, 10 programmes of 8 projects with 200 indicators of 120 monthly readings) and "
        "--councils N makes N councils in all, the others of ordinary size: data sets to measure Cairn with."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", choices=["demo", "county"], default="demo",
            help="demo (the default): the two demo councils; county: Exampleton grown to a county's size.",
        )
        parser.add_argument(
            "--councils", type=int, default=2, metavar="N",
            help="How many councils in all (at least 2): the demo's two and N-2 more of ordinary size.",
        )

    def handle(self, *args, **options):
        if options["councils"] < 2:
            raise CommandError("--councils must be at least 2: the demo has two councils.")
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
        for line in statistics.load_statistics():
            self.stdout.write(line)
        if linked := statistics.link_indicators():
            self.stdout.write(f"{linked} of Exampleton's indicators linked to DfE measures for LA {statistics.LA_CODE}.")
        if options["scale"] == "county":
            self._load_county(today)
        self._load_ordinary(options["councils"], today)
        if connection.vendor == "postgresql" and (options["scale"] == "county" or options["councils"] > len(COUNCILS)):
            # Fresh statistics, so that PostgreSQL plans the pages' queries for the tables as they now are.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        seconds = time.monotonic() - started
        after = _counts()
        created = ", ".join(f"{after[label] - before[label]} {label}" for label, _ in COUNTED)
        self.stdout.write(f"Created {created} in {seconds:.1f}s.")
        self._show_logins()

    def _load_county(self, today) -> None:
        organisation = Organisation.objects.get(slug=COUNTY_SLUG)
        if county_loaded(organisation):
            self.stdout.write(f"{organisation.name}: already at county scale.")
            return
        started = time.monotonic()
        reported = load_county(organisation, today=today, say=self.stdout.write)
        self.stdout.write(
            f"{organisation.name}: grown to county scale ({reported} progress updates) in "
            f"{time.monotonic() - started:.1f}s."
        )

    def _load_ordinary(self, councils: int, today) -> None:
        made = 0
        for index in range(1, councils - len(COUNCILS) + 1):
            if Organisation.objects.filter(slug=ordinary_slug(index)).exists():
                continue
            load_ordinary(index, today=today)
            made += 1
            if made % 25 == 0:
                self.stdout.write(f"{made} further councils loaded.")
        if made:
            self.stdout.write(f"{made} further councils of ordinary size loaded.")

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
