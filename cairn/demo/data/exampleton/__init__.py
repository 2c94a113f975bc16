"""Exampleton Borough Council: four reviews of different kinds and a programme of seven projects."""

import datetime as dt

from ..council import start_council
from . import front_door, placements, programme, social_care, transport
from .organisation import COMMITTEES, EMAIL_DOMAIN, NAME, PEOPLE, SLUG

__all__ = ["NAME", "SLUG", "USERNAMES", "load"]

USERNAMES = [person.username for person in PEOPLE]


def load(*, today: dt.date, password: str | None) -> None:
    """Everything in Exampleton's demo, built through the operations."""
    council = start_council(
        name=NAME,
        slug=SLUG,
        domain=EMAIL_DOMAIN,
        people=PEOPLE,
        committees=COMMITTEES,
        today=today,
        password=password,
        public_pages_enabled=True,
        open_data_consent=True,
        website="https://www.exampleton.example.org/",
        accessibility_email=f"accessibility@{EMAIL_DOMAIN}",
        accessibility_phone="01632 960 000",
        data_protection_email=f"data.protection@{EMAIL_DOMAIN}",
        ico_registration="Z0000000",
    )
    child_placements = placements.load(council)
    social_care.load(council)
    transport.load(council)
    front_door.load(council)
    fostering_post = child_placements.recommendations.get(number="2")
    programme.load(council, indicator_links={"Exampleton foster carers (households)": [fostering_post]})
