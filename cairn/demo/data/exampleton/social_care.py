"""The EIT gateway review of children's social care: one restructure, with one estimate for all of it."""

import datetime as dt

from cairn.reviews.models import Review
from cairn.reviews.operations import create_paper, create_review

from ..council import BY, DemoCouncil
from ..dates import Day, Month, long_date, month_of
from ..recommendations import (
    Estimate,
    Rec,
    State,
    Step,
    Update,
    add_estimates,
    add_recommendations,
    by_number,
    hold_round,
)
from .organisation import CHILDREN, SCRUTINY_CONTACT

REVIEW = {
    "kind": Review.Kind.GATEWAY,
    "led_by": Review.LedBy.OFFICERS,
    "title": "EIT gateway review of children's social care",
    "state": Review.State.MONITORING,
    "summary": (
        "An officer-led gateway review of how children's social care is organised: fieldwork, permanence "
        "and family support teams, the management structure, and temporary arrangements made to cope with "
        "workload."
    ),
    "executive_decision_by": "Cabinet",
}

# Every recommendation is delivered by the one restructure, so each has the same step, lead and date.
RESTRUCTURE = Step(
    "Implement the proposed structure.",
    "Proposed structure implemented within timescale",
    Day(40, "%d/%m/%y"),
    note="Proposals currently subject to a 30-day formal consultation period (due to end {D-70}).",
)
LEAD = "Head of Children's Operational Services"


def _rec(number: str, text: str, *, measured: bool = True) -> Rec:
    step = RESTRUCTURE if measured else RESTRUCTURE._replace(measure="")
    return Rec(
        number, text, [step], lead=LEAD, lead_user="lead", finance="Helen Marchbank", finance_user="finance"
    )


RECOMMENDATIONS = [
    _rec(
        "1",
        "That the separation between specialist and targeted social work teams is removed and five "
        "fieldwork teams are created",
    ),
    _rec("2", "That a permanence team for children aged 0 to 13 is established"),
    _rec(
        "3",
        "That the remit of the young people's children in care team is reviewed, so that it becomes the "
        "permanence team for young people aged 14 to 18 and works alongside the permanence team for 0 to 13",
    ),
    _rec("4", "That a family support team is established"),
    _rec("5", "That some family support workers are attached to each fieldwork team"),
    _rec(
        "6",
        "That the protocol for transferring work from the referral and assessment team to the longer-term "
        "social work teams is reviewed",
    ),
    _rec("7", "That family and friends foster carer assessments are carried out by the child placement team"),
    _rec("8", "That the recruitment and retention payment scheme ends on 31 March", measured=False),
]

ESTIMATES = [
    Estimate(
        "It is estimated that the recommendations as a whole will deliver a non cashable efficiency saving "
        "of c£250k",
        tuple(rec.number for rec in RECOMMENDATIONS),
        low=250000,
        high=250000,
        cashable=False,
    )
]

# The first round of progress, now being collected.
FIRST_ROUND = {
    "1": Update(
        "2",
        "Five fieldwork teams formed from {M-1}. Caseloads have been transferred and every child has been "
        "told the name of their new social worker.",
        state=State.SUBMITTED,
    ),
    "2": Update(
        "2", "Team manager appointed; three of the five social worker posts filled.", state=State.DRAFT
    ),
    "4": Update(
        "3",
        "Two of the six family support worker posts are still vacant after two rounds of advertising. The "
        "team is working with four workers until the posts are filled.",
        reason="Recruitment delayed: no suitable applicants in the first two rounds.",
        revised=Month(3),
        revise_step=1,
        state=State.SUBMITTED,
    ),
}

PAPER = {
    "kind": "action_plan",
    "agenda_item": "5",
    "title": "Action plan for agreed recommendations – EIT gateway review of children's social care",
    "summary": (
        "Members are asked to consider the action plan setting out how the agreed recommendations from the "
        "officer-led Efficiency, Improvement and Transformation (EIT) gateway review of children's social "
        "care will be put into effect, and the target dates for completion."
    ),
    **SCRUTINY_CONTACT,
}


def load(council: DemoCouncil) -> Review:
    """The review, its cover report and action plan, the shared estimate and its first round (collecting)."""
    today = council.today
    decided_on = month_of(today, -4) + dt.timedelta(days=8)
    review = create_review(
        council.organisation,
        by=BY,
        committee=council.committees[CHILDREN],
        reported_on=decided_on - dt.timedelta(days=28),
        executive_decision_on=decided_on,
        **REVIEW,
    )
    recs = add_recommendations(council, review, RECOMMENDATIONS, responded_on=decided_on)
    add_estimates(council, review, recs, ESTIMATES)

    plan_meeting = council.meeting(CHILDREN, month_of(today, -3) + dt.timedelta(days=10))
    create_paper(
        plan_meeting,
        by=BY,
        review=review,
        **PAPER,
        detail=(
            f"1. The final report of the officer-led EIT gateway review of children's social care was "
            f"considered by Cabinet on {long_date(decided_on)}. Cabinet accepted the recommendations it "
            f"contains.\n"
            "2. These are now subject to the procedure for monitoring agreed recommendations. An action "
            "plan has been drawn up and is attached at Appendix 1. It sets out how the department will "
            "take the recommendations forward and includes target dates for completion.\n3. Members should "
            "consider the action plan. The Committee will receive progress updates on the recommendations."
        ),
    )

    as_at_on = month_of(today, 0)
    deadline_on = today + dt.timedelta(days=14)
    hold_round(
        council,
        title=f"{review.title}: progress as at {long_date(as_at_on)}",
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=council.meeting(CHILDREN, deadline_on + dt.timedelta(days=21)),
        recommendations=list(recs.values()),
        updates=by_number(recs, FIRST_ROUND),
        publish=False,
    )
    return review
