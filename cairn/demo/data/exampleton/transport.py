"""Best value review of home to school transport: recommendations under objectives, one published round."""

import datetime as dt

from cairn.reviews.models import Review
from cairn.reviews.operations import create_review, sign_off_recommendation

from ..council import BY, DemoCouncil
from ..dates import Month, Words, long_date, month_of
from ..recommendations import (
    Estimate,
    Rec,
    Step,
    Update,
    add_estimates,
    add_recommendations,
    by_number,
    hold_round,
)
from .organisation import PLACE

FINANCE = "Imran Bhatti"
HEAD = "Head of Transport and Fleet"
SEND = "SEND Transport Coordinator"

REVIEW = {
    "kind": Review.Kind.BEST_VALUE,
    "led_by": Review.LedBy.JOINT,
    "title": "Best value review of home to school transport",
    "state": Review.State.MONITORING,
    "summary": (
        "A best value review of transport to school for children with special educational needs and "
        "disabilities and for pupils living beyond walking distance: cost, safety, independence and how "
        "routes are bought."
    ),
    "executive_decision_by": "Cabinet",
}

CONTROL = "Control the projected overspend on home to school transport"
INDEPENDENCE = "Promote independent travel"
COMMISSIONING = "Improve how routes are commissioned"
MONITORING = "Ensure better monitoring of performance"

RECOMMENDATIONS = [
    Rec(
        "1",
        "Develop a detailed service and financial plan to bring spending on contracted routes back within "
        "budget:\n1. retender all minibus and taxi routes in two lots, saving £180,000 a year;\n2. merge "
        "routes to the three special schools, saving £95,000 a year;\n3. use council fleet vehicles for "
        "school runs between their other duties, saving £60,000 a year.",
        [
            Step(
                "Retender minibus and taxi routes (north and south lots)",
                "Contracts awarded",
                Month(-15),
                done=Month(-14),
            ),
            Step(
                "Merge routes to Hollins Park, Brookside and Westcote schools",
                "Routes merged from the new term",
                Month(-12),
                done=Month(-11),
            ),
            Step(
                "Use council fleet vehicles for school runs",
                "Six fleet vehicles in daily school use",
                Month(-9),
            ),
        ],
        lead=HEAD,
        finance=FINANCE,
        objective=CONTROL,
    ),
    Rec(
        "2",
        "Review and simplify mileage payments to parents who drive their own children to school.",
        [
            Step(
                "Introduce a single mileage rate and online claims",
                "New rate in place",
                Month(-14),
                done=Month(-13),
            )
        ],
        lead="Passenger Transport Manager",
        finance=FINANCE,
        objective=CONTROL,
    ),
    Rec(
        "3",
        "Set up an independent travel training scheme for young people aged 14 and over with special "
        "educational needs and disabilities.",
        [
            Step("Appoint two travel trainers", "Trainers in post", Month(-13), done=Month(-12)),
            Step(
                "Train at least 40 young people a year to travel independently",
                "40 young people a year",
                Words("Ongoing"),
            ),
        ],
        lead=SEND,
        finance=FINANCE,
        objective=INDEPENDENCE,
    ),
    Rec(
        "4",
        "Offer personal transport budgets to families as an alternative to a place in a taxi.",
        [
            Step("Agree a personal transport budget policy", "Policy agreed by Cabinet", Month(-10)),
            Step(
                "Offer budgets to eligible families at their child's annual review",
                "Offer made at every review",
                Words("Ongoing"),
            ),
        ],
        lead=SEND,
        finance=FINANCE,
        objective=INDEPENDENCE,
    ),
    Rec(
        "5",
        "Introduce a dynamic purchasing system so that a new route can be commissioned within five working "
        "days.",
        [
            Step(
                "Dynamic purchasing system live",
                "New routes commissioned within five working days",
                Month(-8),
                done=Month(-8),
            )
        ],
        lead="Procurement Manager",
        finance=FINANCE,
        objective=COMMISSIONING,
    ),
    Rec(
        "6",
        "Ensure every driver and passenger assistant has an enhanced DBS check and safeguarding training "
        "before starting work.",
        [
            Step(
                "Check every current driver and passenger assistant",
                "All checks and training recorded",
                Words("Immediately"),
                done=Month(-15),
            )
        ],
        lead="Passenger Transport Manager",
        finance=FINANCE,
        objective=COMMISSIONING,
    ),
    Rec(
        "7",
        "Report cost per pupil and punctuality of routes to the Transport Board every quarter.",
        [
            Step(
                "Quarterly performance report to the Transport Board",
                "Report received every quarter",
                Month(-12),
                done=Month(-12),
            )
        ],
        lead=HEAD,
        finance=FINANCE,
        objective=MONITORING,
    ),
    Rec(
        "8",
        "Feed back the results of the review's consultation to parents, schools and the staff who took part.",
        [
            Step(
                "Publish a 'you said, we did' summary and send it to everyone consulted",
                "Summary sent",
                Month(-14),
            )
        ],
        lead=HEAD,
        finance=FINANCE,
        objective=MONITORING,
    ),
]

ESTIMATES = [
    Estimate(
        "Up to £335,000 a year once all three parts are in place",
        ("1",),
        high=335000,
        period="annual",
        cashable=True,
    ),
    Estimate(
        "£4,000 to £7,000 a year for each young person who travels independently",
        ("3", "4"),
        low=4000,
        high=7000,
        period="annual",
        cashable=True,
    ),
    Estimate(
        "One-off cost of £38,000 for the travel trainers' first year",
        ("3",),
        low=38000,
        high=38000,
        period="one_off",
        cashable=True,
        kind="cost",
    ),
    Estimate("No saving: improves safeguarding", ("6",)),
]

ROUND = {
    "1": Update(
        "2",
        "Both lots retendered and awarded; routes to the three special schools merged from the new term. "
        "Fleet vehicles are not yet in school use because of a shortage of drivers with the right licence.",
        savings_text="£241,000 actual in the first year",
        savings_amount=241000,
        savings_basis="actual",
        status_text="Partly achieved",
    ),
    "2": Update(
        "1",
        "Achieved. A single rate of 45p a mile and online claims were introduced in {M-13}; 92% of claims "
        "are now made online and paid within ten working days.",
        savings_text="£12,500 actual",
        savings_amount=12500,
        savings_basis="actual",
        status_text="Achieved",
    ),
    "3": Update(
        "2",
        "Two travel trainers in post since {M-12}. 27 young people have completed training so far and now "
        "travel to school or college on their own.",
        savings_text="£58,000 estimated",
        savings_amount=58000,
        savings_basis="estimated",
        status_text="Ongoing",
    ),
    "4": Update(
        "3",
        "Draft policy written but paused while the SEND transport appeals process was redesigned.",
        reason="Paused while the appeals process was redesigned; policy now due at Cabinet in {M-1}.",
        revised=Month(-1),
        revise_step=1,
        status_text="Revised timescale",
    ),
    "5": Update(
        "1",
        "Achieved. The dynamic purchasing system went live in {M-8}; the 14 routes commissioned since took "
        "an average of three working days.",
        status_text="Achieved",
    ),
    "6": Update(
        "1",
        "Achieved. All 212 drivers and passenger assistants have an enhanced DBS check and have completed "
        "safeguarding training; new starters cannot be rostered until both are recorded.",
        status_text="Achieved",
    ),
    "7": Update(
        "1",
        "Achieved. Quarterly dashboard in place and reported to the Transport Board since {M-12}.",
        status_text="Achieved",
    ),
    "8": Update(
        "4",
        "Not achieved. A summary was drafted but not sent.",
        reason="The communications post supporting the review was vacant for six months.",
        status_text="Not achieved",
    ),
}


def load(council: DemoCouncil) -> Review:
    """The review and its plan, one published round, and the recommendations signed off at that meeting."""
    today = council.today
    decided_on = month_of(today, -17) + dt.timedelta(days=9)
    review = create_review(
        council.organisation,
        by=BY,
        committee=council.committees[PLACE],
        reported_on=decided_on - dt.timedelta(days=35),
        executive_decision_on=decided_on,
        **REVIEW,
    )
    recs = add_recommendations(council, review, RECOMMENDATIONS, responded_on=decided_on)
    add_estimates(council, review, recs, ESTIMATES)

    as_at_on = month_of(today, -4)
    deadline_on = as_at_on + dt.timedelta(days=14)
    meeting = council.meeting(PLACE, deadline_on + dt.timedelta(days=21))
    hold_round(
        council,
        title=f"{review.title}: progress as at {long_date(as_at_on)}",
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=meeting,
        recommendations=list(recs.values()),
        updates=by_number(recs, ROUND),
        publish=True,
    )
    for number in ("2", "5", "7"):
        sign_off_recommendation(recs[number], by=BY, meeting=meeting)
    return review
