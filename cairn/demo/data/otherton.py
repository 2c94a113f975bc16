"""Otherton District Council: a second, smaller council, so that one council never sees another's records."""

import datetime as dt

from cairn.accounts.models import Role
from cairn.reviews.models import Review
from cairn.reviews.operations import create_review

from .council import BY, Person, start_council
from .dates import Month, Words, long_date, month_of
from .recommendations import Rec, Step, Update, add_recommendations, by_number, hold_round

NAME = "Otherton District Council"
SLUG = "otherton"
PEOPLE = [
    Person(
        "other", "Gareth", "Lindqvist", "Policy and Scrutiny Manager", (Role.ADMINISTRATOR,), "01632 960 777"
    ),
]
USERNAMES = [person.username for person in PEOPLE]
COMMITTEE = "Overview and Scrutiny Committee"
LEAD = "Head of Planning and Transport"

REVIEW = {
    "kind": Review.Kind.SCRUTINY,
    "led_by": Review.LedBy.MEMBERS,
    "title": "Scrutiny review of rural bus services",
    "state": Review.State.MONITORING,
    "summary": "How well buses serve the district's villages, and what the council can do about cut routes.",
    "executive_decision_by": "Executive",
}

RECOMMENDATIONS = [
    Rec(
        "1",
        "That the council funds a demand-responsive minibus for Little Hambury, Westcombe and Otterford "
        "for a two-year trial.",
        [
            Step("Procure the minibus service", "Contract awarded", Month(-7), done=Month(-6)),
            Step("Evaluate the trial", "Evaluation reported to the Committee", Month(14)),
        ],
        lead=LEAD,
        finance="Finance Business Partner",
    ),
    Rec(
        "2",
        "That bus timetables are shown at every village hall and on the council website.",
        [
            Step(
                "Timetables displayed and published",
                "All 31 village halls supplied",
                Month(-5),
                done=Month(-5),
            )
        ],
        lead="Communications Manager",
    ),
    Rec(
        "3",
        "That the council works with neighbouring councils on a single bus ticket across the county.",
        [Step("Join the county ticketing partnership", "Partnership agreement signed", Words("Ongoing"))],
        lead=LEAD,
    ),
]

ROUND = {
    "1": Update(
        "2",
        "Minibus trial running since {M-6}: 410 journeys a month, mostly to the market town and surgery.",
        savings_text="Cost £46,000 a year, as budgeted",
        status_text="On track",
    ),
    "2": Update(
        "1", "Timetables at all 31 village halls and on the website since {M-5}.", status_text="Achieved"
    ),
    "3": Update(
        "3",
        "Partnership meetings restarted after the county's reorganisation.",
        reason="County partnership paused for six months.",
        revised=Month(6),
        revise_step=1,
        status_text="Revised timescale",
    ),
}


def load(*, today: dt.date, password: str | None) -> None:
    """Otherton's administrator, one review with three recommendations, and one published round."""
    council = start_council(
        name=NAME,
        slug=SLUG,
        domain="otherton.example.org",
        people=PEOPLE,
        committees=[COMMITTEE],
        today=today,
        password=password,
    )
    decided_on = month_of(today, -9) + dt.timedelta(days=12)
    review = create_review(
        council.organisation,
        by=BY,
        committee=council.committees[COMMITTEE],
        reported_on=decided_on - dt.timedelta(days=21),
        executive_decision_on=decided_on,
        **REVIEW,
    )
    recs = add_recommendations(council, review, RECOMMENDATIONS, responded_on=decided_on)
    as_at_on = month_of(today, -2)
    deadline_on = as_at_on + dt.timedelta(days=14)
    hold_round(
        council,
        title=f"{review.title}: progress as at {long_date(as_at_on)}",
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=council.meeting(COMMITTEE, deadline_on + dt.timedelta(days=14)),
        recommendations=list(recs.values()),
        updates=by_number(recs, ROUND),
        publish=True,
    )
