"""Generated data at scale: Exampleton grown to a county's size, and further councils of ordinary size.

Everything is made through the operations, as the system, from a seeded random: the same on every load.
"""

import datetime as dt
from dataclasses import replace

from django.db import transaction

from cairn.accounts.models import Organisation, Role, User
from cairn.accounts.operations import create_user
from cairn.reviews.models import AssessmentScale, Committee
from cairn.reviews.operations import create_committee

from ..council import BY, DemoCouncil, Person, start_council
from .programmes import Programmes, load_programmes
from .reviews import Recommendations, load_reviews
from .words import Words, council_name

COUNTY_COMMITTEES = [
    "Resources Select Committee", "Communities Select Committee", "Economy and Growth Select Committee",
    "Health Scrutiny Committee", "Education Select Committee", "Environment Select Committee",
    "Housing Select Committee",
]
COUNTY_BOARD = "Transformation Board"
COUNTY_LEADS = 40
COUNTY_REVIEWS = Recommendations(reviews=400, per_review=(9, 16), largest=60, per_round=5, oldest_months=100)
COUNTY_PROGRAMMES = Programmes(
    programmes=10, projects=8, indicators=(2, 3), readings=120, milestones=6, rounds=4, board=COUNTY_BOARD
)
ORDINARY_REVIEWS = Recommendations(reviews=6, per_review=(4, 8), largest=8, per_round=2, oldest_months=24)
ORDINARY_PROGRAMMES = Programmes(
    programmes=1, projects=4, indicators=(1, 1), readings=24, milestones=4, rounds=2, board="Scrutiny Board"
)


def county_loaded(organisation: Organisation) -> bool:
    return Committee.objects.filter(organisation=organisation, name=COUNTY_BOARD).exists()


@transaction.atomic
def load_county(organisation: Organisation, *, today: dt.date, say=None) -> int:
    """Grow a loaded demo council to a county's size; returns the number of progress updates reported."""
    council = _existing(organisation, today)
    for name in [*COUNTY_COMMITTEES, COUNTY_BOARD]:
        council.committees[name] = create_committee(organisation, by=BY, name=name)
    words = Words(seed=12)
    leads = [council.users.get("lead")] + [
        _person(council, words, f"{organisation.slug}-lead-{n:02d}", Role.LEAD_OFFICER) for n in range(1, COUNTY_LEADS)
    ]
    shape = replace(COUNTY_REVIEWS, committees=COUNTY_COMMITTEES, leads=leads)
    reported = load_reviews(council, shape, words, finance=council.users.get("finance"), say=say)
    load_programmes(council, COUNTY_PROGRAMMES, words, manager=council.users.get("pm"), lead=leads[1])
    return reported


def ordinary_slug(index: int) -> str:
    return f"generated-{index:03d}"


@transaction.atomic
def load_ordinary(index: int, *, today: dt.date) -> None:
    """One further council of ordinary size: a few reviews, their rounds, and a programme of four projects."""
    slug = ordinary_slug(index)
    words = Words(seed=index)
    people = [
        Person(f"{slug}-admin", *words.person(), "Democratic Services Manager", (Role.ADMINISTRATOR,)),
        Person(f"{slug}-officer", *words.person(), "Scrutiny Officer", (Role.SCRUTINY_OFFICER,)),
        Person(f"{slug}-lead", *words.person(), "Head of Service", (Role.LEAD_OFFICER,)),
        Person(f"{slug}-councillor", *words.person(), "Committee Chair", (Role.COUNCILLOR,)),
    ]
    council = start_council(
        name=council_name(index), slug=slug, domain=f"{slug}.example.org", people=people,
        committees=["Overview and Scrutiny Committee", "Scrutiny Board"], today=today, password=None,
    )
    shape = replace(ORDINARY_REVIEWS, committees=["Overview and Scrutiny Committee"], leads=[council.users[f"{slug}-lead"]])
    load_reviews(council, shape, words)
    load_programmes(council, ORDINARY_PROGRAMMES, words, lead=council.users[f"{slug}-lead"])


def _existing(organisation: Organisation, today: dt.date) -> DemoCouncil:
    scale = AssessmentScale.objects.get(organisation=organisation, is_active=True)
    return DemoCouncil(
        organisation=organisation,
        today=today,
        users={user.username: user for user in User.objects.filter(organisation=organisation)},
        levels={level.code: level for level in scale.levels.all()},
    )


def _person(council: DemoCouncil, words: Words, username: str, role: str) -> User:
    first, last = words.person()
    user = create_user(
        council.organisation, by=BY, username=username, roles=[role], password=None, first_name=first,
        last_name=last, job_title=words.pick(["Head of Service", "Service Manager", "Assistant Director"]),
        email=f"{username}@{council.organisation.slug}.example.org",
    )
    council.users[username] = user
    return user
