"""The EIT review of child placements: its action plan, two published rounds and one still collecting."""

import datetime as dt

from cairn.reviews.models import Meeting, Recommendation, Review
from cairn.reviews.operations import create_paper, create_review, sign_off_recommendation

from ..council import BY, DemoCouncil
from ..dates import Month, Words, long_date, month_of
from ..recommendations import (
    Estimate,
    Rec,
    Response,
    State,
    Step,
    Update,
    add_estimates,
    add_recommendations,
    by_number,
    hold_round,
)
from .organisation import CHILDREN, SCRUTINY_CONTACT

FINANCE = "Helen Marchbank"
CIC_MANAGER = "Service Manager, Children in Care"

REVIEW = {
    "kind": Review.Kind.EFFICIENCY,
    "led_by": Review.LedBy.MEMBERS,
    "title": "EIT review of child placements",
    "state": Review.State.MONITORING,
    "summary": (
        "An efficiency, improvement and transformation review of how the council finds, commissions and "
        "pays for homes for the children in its care: fostering, residential care, kinship care and "
        "support after adoption."
    ),
    "executive_decision_by": "Cabinet",
}

RECOMMENDATIONS = [
    Rec(
        "1",
        "The Committee acknowledges the work the Director of Children's Services is doing with the "
        "Southmoor Improvement Partnership and with director colleagues across the sub-region, and "
        "recommends that it continues.",
        [
            Step(
                "Attend the Southmoor directors' placement meetings and contribute to regional placement "
                "initiatives",
                "Exampleton represented at every meeting",
                Words("Ongoing"),
            ),
            Step(
                "Assess which regional opportunities Exampleton should pursue further",
                "Opportunities assessed and reported to the Children's Partnership Board",
                Month(-10),
                done=Month(-10),
            ),
        ],
        lead="Director of Children's Services",
        finance=FINANCE,
        finance_user="finance",
    ),
    Rec(
        "2",
        "The Committee recommends creating a full-time post on a two-year fixed-term contract to market the "
        "fostering service. Where the post sits is to be decided: it could be part of the council's central "
        "communications team or sit within children's services.",
        [
            Step(
                "Finalise the job description and person specification",
                "Post approved",
                Month(-14),
                done=Month(-14),
            ),
            Step("Decide where the post sits", "Agreement reached", Month(-13), done=Month(-12)),
            Step("Advertise the post and appoint", "Appointment made", Month(-12), done=Month(-7)),
            Step(
                "Evaluate the impact of the post on enquiries and foster carer approvals",
                "Evaluation completed",
                Month(5),
            ),
        ],
        lead=f"{CIC_MANAGER} / Communications Manager",
        lead_user="lead",
        finance=FINANCE,
        finance_user="finance",
    ),
    Rec(
        "3",
        "The Committee recommends that the council develops a kinship care policy setting out the advice, "
        "information and support available in different circumstances. Any developments within the policy "
        "would be subject to available finances.",
        [
            Step("Produce a draft policy", "Draft policy completed on schedule", Month(-13), done=Month(-10)),
            Step(
                "Consult kinship carers and key partners",
                "Consultation completed on schedule",
                Month(-12),
                done=Month(-7),
            ),
            Step(
                "Policy approved by the Children's Partnership Management Team and Cabinet",
                "Policy approved on schedule",
                Month(-11),
                done=Month(-6),
            ),
            Step(
                "Launch and implement the policy",
                "Policy implemented on schedule",
                Month(-10),
                done=Month(-6),
            ),
        ],
        lead="Head of Children's Strategy and Commissioning",
        finance=FINANCE,
        finance_user="finance",
    ),
    Rec(
        "4",
        "The Committee recommends increasing sub-regional provision for hard-to-place children and young "
        "people with complex needs, and that officers have the flexibility to develop provision within the "
        "borough should this be necessary. The Committee supports the continuing work of the Southmoor "
        "Directors' Group on this.",
        [
            Step(
                "Set up a sub-regional project team to explore the viability of additional provision",
                "Project initiation document produced",
                Month(-14),
                done=Month(-12),
            ),
            Step("Complete an initial options appraisal", "Initial options appraisal completed", Month(-12)),
            Step(
                "Agree a ten-year sub-regional sufficiency strategy",
                "Strategy agreed by all five councils",
                Month(9),
            ),
        ],
        lead="Head of Children's Operational Services",
        lead_user="lead",
        finance=FINANCE,
        finance_user="finance",
    ),
    Rec(
        "5",
        "The Committee recommends that, subject to further appraisal of the financial implications, the "
        "council develops additional council-run residential care for children in its care.",
        [
            Step(
                "Appraise the options for council-run residential care",
                "Options appraisal completed on schedule",
                Month(-13),
                done=Month(-12),
            ),
            Step(
                "Present a recommendation to Cabinet (subject to the outcome of the appraisal)",
                "Recommendation approved by Cabinet",
                Month(-11),
                done=Month(-10),
            ),
            Step(
                "Buy and refurbish a four-bed home and register it with Ofsted",
                "Home registered and first young person living there",
                Month(2),
            ),
        ],
        lead="Head of Children's Operational Services",
        lead_user="lead",
        finance=FINANCE,
        finance_user="finance",
        response=Response.PARTLY_ACCEPTED,
        response_note="Accepted subject to a business case for one home; a second to be considered later.",
    ),
    Rec(
        "6",
        "The Committee recommends that the council explores with its Children's Partnership colleagues how "
        "to commission therapeutic support for children who have been adopted.",
        [
            Step(
                "Present a discussion paper to the Children's Partnership Board",
                "Paper presented on schedule",
                Month(-10),
                done=Month(-10),
            )
        ],
        lead=CIC_MANAGER,
        finance=FINANCE,
        finance_user="finance",
    ),
    Rec(
        "7",
        "The Committee recommends that the council and its partners explore ways of raising awareness of "
        "adoption and of the role of each agency in the Children's Partnership.",
        [
            Step(
                "Present a discussion paper to the Children's Partnership Board",
                "Paper presented on schedule",
                Month(-10, "%b %y"),
            ),
            Step(
                "Hold an adoption awareness week with partners", "Awareness week held", Words("To be agreed")
            ),
        ],
        lead=CIC_MANAGER,
        finance=FINANCE,
        finance_user="finance",
    ),
]

ESTIMATES = [
    Estimate(
        "Potential net saving of £52,000 a year, based on two children moving from agency foster care to "
        "council foster carers in the first year",
        ("2",),
        low=52000,
        high=52000,
        period="annual",
        cashable=True,
    ),
    Estimate(
        "Up to £180,000 a year from the Dedicated Schools Grant, and possibly a similar amount from the "
        "council's own budget",
        ("4",),
        high=180000,
        period="annual",
        cashable=True,
    ),
    Estimate(
        "Savings range from £14,000 to £410,000 a year",
        ("5",),
        low=14000,
        high=410000,
        period="annual",
        cashable=True,
    ),
]

# Each round's updates, by recommendation number. The first two rounds are published; the third is collecting.
FIRST_ROUND = {
    "1": Update(
        "2",
        "Exampleton was represented at all three Southmoor directors' meetings since the action plan was "
        "agreed. A joint specification for a regional fostering framework is being drafted.",
    ),
    "2": Update(
        "3",
        "Job description agreed and evaluated. The post will sit in the Child Placement Team with close "
        "links to the Communications Team. The advert was held back until the new recruitment system went "
        "live and is now due to go out in {M-8}.",
        reason="Delay due to the move to the new recruitment system.",
        revised=Month(-7),
        revise_step=3,
    ),
    "3": Update(
        "3",
        "Draft policy written and presented to the Children's Partnership Management Team. Consultation "
        "with kinship carers, schools and health partners runs until {M-7}; final agreement now scheduled "
        "for Cabinet in {M-6}.",
        reason="Delay due to competing work pressures in the policy team.",
        revised=Month(-6),
        revise_step=3,
    ),
    "4": Update(
        "3",
        "Project team set up with the four other Southmoor councils to look at specialist homes for "
        "children with complex and additional needs. The needs assessment is under way and the options "
        "appraisal is now scheduled to finish by {M-6}.",
        reason="Delay due to the need to coordinate many councils and providers across the sub-region.",
        revised=Month(-6),
        revise_step=2,
    ),
    "5": Update(
        "2",
        "Options appraisal completed and Cabinet approved one four-bed home in {M-10}. Two properties "
        "viewed, on Larch Road and Fennel Close.",
    ),
    "6": Update(
        "1",
        "Paper presented to the Children's Partnership Board in {M-10}. The Board agreed to commission a "
        "therapeutic parenting service jointly with the Integrated Care Board, starting in {M-6}.",
        status_text="Achieved",
    ),
    "7": Update(
        "3",
        "Paper outlining the needs of adopted children and their families is being prepared with the "
        "regional adoption agency and is now due at the Children's Partnership Board in {M-6}.",
        reason="Delay due to the need to gather complex information from several agencies.",
        revised=Month(-6),
        revise_step=1,
    ),
}

SECOND_ROUND = {
    "1": Update(
        "4",
        "The regional fostering framework was put out to tender but no expressions of interest were "
        "received. Improvement partnership funding not yet committed is expected to be withdrawn, which "
        "would stop further work in this area.",
        reason="Unable to proceed: no expressions of interest were received.",
    ),
    "2": Update(
        "2",
        "Fostering marketing officer appointed and started in {M-6}. Two recruitment campaigns run; "
        "enquiries rose from 9 to 21 a month and four assessments of new carers have started.",
        savings_text="£13,000 estimated: one child moved from an agency placement to a council foster carer",
        savings_amount=13000,
        savings_basis="estimated",
    ),
    "3": Update(
        "1",
        "Kinship care policy approved by Cabinet in {M-6} and launched at two information evenings for "
        "carers. The policy is on the council website and all 38 known kinship households have been sent a "
        "copy.",
        status_text="Achieved",
    ),
    "4": Update(
        "3",
        "Needs assessment complete. The options appraisal has been drafted but cannot be finalised until all "
        "five councils confirm their likely demand; this is now expected at the directors' meeting in {M+1}.",
        reason="Delay while two councils complete their own sufficiency assessments.",
        revised=Month(1),
        revise_step=2,
    ),
    "5": Update(
        "2",
        "Purchase of 14 Larch Road completed. Refurbishment has started and a registered manager has been "
        "appointed. Registration with Ofsted is planned for {M+2}.",
    ),
    "7": Update(
        "3",
        "Paper drafted but the Children's Partnership Board meeting in {M-6} was cancelled. It will now go "
        "to the Board in {M-2}.",
        reason="Board meeting cancelled.",
        revised=Month(-2),
        revise_step=1,
    ),
}

# The round now collecting: one update still asked for (7), one in draft, two submitted and one accepted.
THIRD_ROUND = {
    "1": Update(
        "4",
        "Regional funding has now been withdrawn. Exampleton still attends the directors' meetings, but "
        "there is no regional placements work left to take part in. The Committee may wish to close this "
        "recommendation.",
        reason="Regional funding withdrawn; no regional placement initiative is running.",
        state=State.SUBMITTED,
    ),
    "2": Update(
        "2",
        "A new campaign is under way with the local radio station, and three employers have signed up as "
        "foster friendly. Evaluation of the post starts in {M+2}. (Figures for the last quarter to add.)",
        savings_text="£26,000 estimated",
        savings_amount=26000,
        savings_basis="estimated",
        state=State.DRAFT,
    ),
    "4": Update(
        "2",
        "Options appraisal agreed in principle by the Southmoor directors. Final sign-off is on the agenda "
        "for the directors' meeting in {M+1}, after which the strategy work starts.",
        state=State.SUBMITTED,
    ),
    "5": Update(
        "2",
        "Refurbishment of 14 Larch Road is complete and the Ofsted registration visit is booked for "
        "{D+24}. Matching is under way for the first two young people, both currently in agency homes out "
        "of the borough.",
        savings_text="None yet: £96,000 a year expected once three young people have moved in",
        state=State.ACCEPTED,
    ),
}


def load(council: DemoCouncil) -> Review:
    """The review, its plan and estimates, and its three rounds of progress."""
    today = council.today
    reported_on = council.meeting(CHILDREN, month_of(today, -16) + dt.timedelta(days=8)).held_on
    decided_on = month_of(today, -15) + dt.timedelta(days=6)
    review = create_review(
        council.organisation,
        by=BY,
        committee=council.committees[CHILDREN],
        reported_on=reported_on,
        executive_decision_on=decided_on,
        **REVIEW,
    )
    recs = add_recommendations(council, review, RECOMMENDATIONS, responded_on=decided_on)
    add_estimates(council, review, recs, ESTIMATES)

    first_meeting = _round(council, review, recs, FIRST_ROUND, as_at_on=month_of(today, -9))
    sign_off_recommendation(recs["6"], by=BY, meeting=first_meeting)
    second_meeting = _round(council, review, recs, SECOND_ROUND, as_at_on=month_of(today, -5))
    sign_off_recommendation(recs["3"], by=BY, meeting=second_meeting)
    _round(
        council,
        review,
        recs,
        THIRD_ROUND,
        as_at_on=month_of(today, 0),
        deadline_on=today + dt.timedelta(days=14),
    )
    return review


def _round(
    council: DemoCouncil,
    review: Review,
    recs: dict[str, Recommendation],
    updates: dict[str, Update],
    *,
    as_at_on: dt.date,
    deadline_on: dt.date | None = None,
) -> Meeting:
    """A round on the open recommendations, with a cover report; published once its deadline has passed."""
    deadline_on = deadline_on or as_at_on + dt.timedelta(days=14)
    meeting = council.meeting(CHILDREN, max(as_at_on, deadline_on) + dt.timedelta(days=21))
    open_recs = [rec for rec in recs.values() if rec.state == rec.State.OPEN]
    hold_round(
        council,
        title=f"{review.title}: progress as at {long_date(as_at_on)}",
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=meeting,
        recommendations=open_recs,
        updates=by_number(recs, updates),
        publish=deadline_on < council.today,
    )
    create_paper(
        meeting,
        by=BY,
        review=review,
        kind="progress_update",
        agenda_item="6",
        title=f"Progress update: {review.title}",
        summary=(
            "Members are asked to consider progress on the agreed recommendations of the EIT review of child "
            "placements and to agree which, if any, can be signed off as fully achieved."
        ),
        detail=(
            "1. The action plan for the review was agreed by the Committee and Cabinet accepted the "
            "recommendations.\n2. Lead officers have assessed progress against each recommendation using the "
            "categories 1 (fully achieved) to 4 (not achieved).\n3. Members should consider the progress "
            "reported and whether any recommendation assessed as fully achieved can be signed off."
        ),
        **SCRUTINY_CONTACT,
    )
    return meeting
