"""The demo data set: two fictional councils, built only through the named operations, as the system.

Dates are relative to the day the demo is loaded, so rounds, deadlines and overdue steps always look current.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from cairn.accounts.models import Organisation

from . import exampleton, otherton


@dataclass(frozen=True)
class Council:
    name: str
    slug: str
    usernames: list[str]
    load: Callable[..., None]


COUNCILS = [
    Council(exampleton.NAME, exampleton.SLUG, exampleton.USERNAMES, exampleton.load),
    Council(otherton.NAME, otherton.SLUG, otherton.USERNAMES, otherton.load),
]


def is_loaded(council: Council) -> bool:
    return Organisation.objects.filter(slug=council.slug).exists()


@transaction.atomic
def load_council(council: Council, *, today: dt.date, password: str | None) -> None:
    """Load one council's demo in one transaction: all of it, or none of it."""
    council.load(today=today, password=password)
