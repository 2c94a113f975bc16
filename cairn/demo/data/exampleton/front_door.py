"""A scrutiny review in scoping: key questions, next steps with dates, its budget and workload."""

import datetime as dt
from decimal import Decimal

from cairn.lib.dates import FinancialYear
from cairn.lib.money import format_pounds
from cairn.programmes.models import Indicator, Rag, Risk
from cairn.programmes.operations import add_budget_line, create_indicator, record_reading, record_risk
from cairn.reviews.models import Review
from cairn.reviews.operations import (
    add_paper_section,
    add_review_question,
    add_review_step,
    create_paper,
    create_review,
)

from ..council import BY, DemoCouncil
from ..dates import long_date, month_of, spent_so_far
from .organisation import ADULTS, SCRUTINY_CONTACT

REVIEW = {
    "kind": Review.Kind.SCRUTINY,
    "led_by": Review.LedBy.MEMBERS,
    "title": "Scrutiny review of the adult social care front door",
    "state": Review.State.SCOPING,
    "summary": (
        "How people first contact adult social care, how quickly they are assessed, and whether more of "
        "them could be helped to stay independent without long-term care."
    ),
}

QUESTIONS = [
    (
        "The front door is split between the customer contact centre and the adult social care duty team. "
        "How successful has this been in resolving people's needs at first contact, and is there a more "
        "effective way of organising it?"
    ),
    (
        "Reablement and occupational therapy sit in different service areas. How should they be organised so "
        "that more people regain their independence after a hospital stay or a crisis?"
    ),
    (
        "Given the projected overspend on home care and residential placements, are there services that "
        "should be reviewed, provided from elsewhere in the council or stopped?"
    ),
    (
        "Several temporary arrangements have been made to manage waiting lists for assessment. Which have "
        "worked and should continue (budget permitting), and which should end?"
    ),
    (
        "How well do recruitment incentives for social workers and occupational therapists attract and keep "
        "good staff, and are there better ways of doing so?"
    ),
]

# Next steps, with the number of days from today each is due (negative: already past).
STEPS = [
    ("Agree the review's scope", -21),
    ("Set up the project team", -7),
    ("Send a briefing note to staff", 6),
    ("Hold a development day with staff and partners", 23),
    ("Present a progress report to the Committee", 44),
]

# (budget line, budget for this year, projected outturn) in pounds: the picture at the scoping meeting.
BUDGET = [
    ("Adult social care: overall budget", 64_200_000, 65_150_000),
    ("Home care packages", 8_120_000, 8_630_000),
    ("Residential and nursing care: external placements", 14_480_000, 15_235_000),
    ("Assessment and care management staffing", 4_210_000, 4_288_000),
]

# Workload as the lowest and highest monthly figure (or total) in each year: last year and this year so far.
WORKLOAD = [
    ("Contacts to adult social care", "per month", [(610, 940), (655, 987)]),
    ("Assessments completed", "per month", [(182, 261), (175, 248)]),
    ("Reviews of care and support", "per month", [(140, 212), (151, 230)]),
    ("People receiving long-term support", "people (total)", [(2150, 2312), (2236, 2359)]),
]

HEAD = ("Alison Threlfall", "Head of Adult Social Care Operations")

# The presentation that opened the review: (heading, presenter, points); workload, budget, questions and steps
# are added from the lists above.
PRESENTATION = [
    (
        "Current structure",
        HEAD,
        [
            "Front door: customer contact centre and duty team",
            "Reablement",
            "Occupational therapy",
            "Long-term support teams",
        ],
    ),
    (
        "Legal framework",
        ("Omar Siddiqui", "Principal Lawyer, Adults"),
        [
            "Care Act 2014, section 2: preventing needs for care and support",
            "Care Act 2014, section 9: assessment of needs",
            "Care Act 2014, section 10: carers' assessments",
            "Care Act 2014, section 13: eligibility",
            "Mental Capacity Act 2005",
        ],
    ),
    (
        "Current issues",
        ("", "Service Manager, Front Door"),
        [
            "Waiting lists for assessment",
            "Hospital discharge pressures",
            "National shortage of occupational therapists",
            "Care market capacity",
        ],
    ),
    (
        "Case study",
        ("Beth Corrigan", "Service Manager, Reablement"),
        [
            "First contact",
            "Information and advice",
            "Assessment",
            "Six weeks of reablement",
            "Review",
        ],
    ),
]

RISK = {
    "kind": Risk.Kind.RISK,
    "rag": Rag.AMBER,
    "text": (
        "Vacancies in the occupational therapy team may limit the time officers can give to the review's "
        "evidence sessions."
    ),
    "mitigation": "Evidence sessions timed around the team's duty rota; three months' agency cover agreed.",
    "owner_name": "Head of Adult Social Care Operations",
}


def load(council: DemoCouncil) -> Review:
    """The review in scoping, with the presentation to the Committee that opened it."""
    today = council.today
    review = create_review(council.organisation, by=BY, committee=council.committees[ADULTS], **REVIEW)
    for number, text in enumerate(QUESTIONS, start=1):
        add_review_question(review, by=BY, number=number, text=text)
    for order, (text, days) in enumerate(STEPS, start=1):
        add_review_step(review, by=BY, text=text, due_on=today + dt.timedelta(days=days), order=order)

    year = FinancialYear.of(today)
    for name, budget, projected in BUDGET:
        add_budget_line(
            council.organisation,
            by=BY,
            review=review,
            name=name,
            financial_year=year.start_year,
            budget=Decimal(budget),
            projected_outturn=Decimal(projected),
            spent=spent_so_far(projected, today),
            projected_on=month_of(today, 0),
        )

    for name, unit, ranges in WORKLOAD:
        indicator = create_indicator(
            council.organisation,
            by=BY,
            reviews=[review],
            name=name,
            unit=unit,
            frequency=Indicator.Frequency.ANNUAL,
            polarity=Indicator.Polarity.NEUTRAL,
            reported_to="Cabinet",
            description="From the adult social care case management system; reported quarterly.",
        )
        for offset, (low, high) in zip((-1, 0), ranges, strict=True):
            period = FinancialYear(year.start_year + offset)
            record_reading(
                indicator,
                by=BY,
                period_start=period.starts_on,
                period_label=str(period),
                value_low=Decimal(low),
                value_high=Decimal(high),
                note="Lowest and highest monthly figure" + (" so far" if offset == 0 else ""),
            )

    record_risk(council.organisation, by=BY, review=review, **RISK)
    _presentation(council, review)
    return review


def _presentation(council: DemoCouncil, review: Review) -> None:
    """The officers' presentation to the Committee a month ago, section by section."""
    today = council.today
    paper = create_paper(
        council.meeting(ADULTS, today - dt.timedelta(days=30)),
        by=BY,
        review=review,
        kind="presentation",
        agenda_item="4",
        title=REVIEW["title"],
        summary=(
            "Officers present the current structure, legal framework, current issues, a case study, workload "
            "and budget, and the key questions proposed for the review."
        ),
        **SCRUTINY_CONTACT,
    )
    workload = ["Quarterly reporting to Cabinet"] + [
        f"{name} {ranges[-1][0]:,} – {ranges[-1][1]:,} ({unit})" for name, unit, ranges in WORKLOAD
    ]
    budget = [
        f"{name} {format_pounds(amount)} – currently projecting {format_pounds(projected - amount)} overspend"
        for name, amount, projected in BUDGET
    ]
    sections = PRESENTATION + [
        ("Workload", HEAD, workload),
        ("Budget", HEAD, budget),
        ("Key questions", HEAD, [f"{number}. {text}" for number, text in enumerate(QUESTIONS, start=1)]),
        (
            "Next steps",
            ("", ""),
            [
                text + (f" ({long_date(today + dt.timedelta(days=days))})" if days > 0 else "")
                for text, days in STEPS
            ],
        ),
    ]
    for order, (heading, (name, post), points) in enumerate(sections, start=1):
        add_paper_section(
            paper,
            by=BY,
            heading=heading,
            order=order,
            presenter_name=name,
            presenter_post=post,
            body="\n".join(points),
        )
