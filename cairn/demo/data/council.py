"""What every part of a council's demo data needs: the council, today, its people, committees and scale."""

import datetime as dt
from dataclasses import dataclass, field

from cairn.accounts.models import Organisation, User
from cairn.accounts.operations import create_organisation, create_user
from cairn.reviews.models import AssessmentLevel, Committee, Meeting
from cairn.reviews.operations import create_assessment_scale, create_committee, schedule_meeting

from .dates import When, fill, resolve, wednesday_on_or_after

# The loader acts as the system throughout: the audit trail shows "System" for every demo record.
BY = None


@dataclass(frozen=True)
class Person:
    username: str
    first_name: str
    last_name: str
    job_title: str
    roles: tuple[str, ...]
    phone: str = ""

    def email(self, domain: str) -> str:
        return f"{self.first_name}.{self.last_name}@{domain}".lower().replace(" ", "")


@dataclass
class DemoCouncil:
    organisation: Organisation
    today: dt.date
    users: dict[str, User]
    levels: dict[str, AssessmentLevel]
    committees: dict[str, Committee] = field(default_factory=dict)
    meetings: dict[tuple[str, dt.date], Meeting] = field(default_factory=dict)

    def user(self, username: str | None) -> User | None:
        return self.users[username] if username else None

    def fill(self, text: str) -> str:
        """The text with its relative dates ({M-7}, {D+20}, {FY-1}) written out."""
        return fill(text, self.today)

    def date(self, when: When | None) -> dt.date | None:
        return resolve(when, self.today).on

    def meeting(self, committee_name: str, not_before: dt.date) -> Meeting:
        """The committee's meeting on the first Wednesday on or after `not_before`, scheduled once."""
        held_on = wednesday_on_or_after(not_before)
        key = (committee_name, held_on)
        if key not in self.meetings:
            self.meetings[key] = schedule_meeting(self.committees[committee_name], by=BY, held_on=held_on)
        return self.meetings[key]


def start_council(
    *,
    name: str,
    slug: str,
    domain: str,
    people: list[Person],
    committees: list[str],
    today: dt.date,
    password: str | None,
    **organisation_fields,
) -> DemoCouncil:
    """Register the council, its people, the 1-4 assessment scale and its committees."""
    organisation = create_organisation(by=BY, name=name, slug=slug, **organisation_fields)
    users = {
        person.username: create_user(
            organisation,
            by=BY,
            username=person.username,
            roles=list(person.roles),
            password=password,
            first_name=person.first_name,
            last_name=person.last_name,
            job_title=person.job_title,
            email=person.email(domain),
            phone=person.phone,
        )
        for person in people
    }
    scale = create_assessment_scale(organisation, by=BY, kind="categories")
    council = DemoCouncil(
        organisation=organisation,
        today=today,
        users=users,
        levels={level.code: level for level in scale.levels.all()},
    )
    for committee_name in committees:
        council.committees[committee_name] = create_committee(organisation, by=BY, name=committee_name)
    return council
