"""A council with papers to print: seed 000's recommendations in a published round, a cover report, a programme round."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings

from cairn.lib.dates import add_months, month_end
from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews
from cairn.reviews.models import CommitteePaper

ARTEFACTS = Path(settings.BASE_DIR) / "build" / "artefacts"

# Seed 000's recommendations 2 to 5, with text a spreadsheet would take for a formula in places.
SEED = [
    {
        "number": "2",
        "objective": "Develop a range of local placements",
        "text": (
            "The Committee recommend the creation of a specific full time officer post to deliver the marketing of "
            "the fostering service on a 2 year fixed term contract."
        ),
        "steps": [
            ("Job Description/Person Specification to be finalised", "Post approved", (2010, 3), "Mar 2010"),
            ("Decision taken regarding location of post.", "Agreement reached", (2010, 4), "April 2010"),
            ("Advertise post", "Appointment made", (2010, 5), "May 2010"),
        ],
        "saving": {"text": "Potential Net Savings of £48,000 based on converting two foster placements",
                   "min_amount": Decimal("48000"), "max_amount": Decimal("48000")},
        "update": {"evidence": "=SUM(A1:A9) Job Description drafted and submitted for job evaluation.",
                   "level": "3", "assessment_reason": "Delay due to competing work pressures.",
                   "revised_target_text": "October 2010", "savings_text": "None"},
    },
    {
        "number": "3",
        "objective": "Develop a range of local placements",
        "text": (
            "The Committee recommend that the Council develop a kinship care policy which will identify the levels "
            "of advice, information and support that would be available in differing circumstances."
        ),
        "steps": [
            ("Produce draft policy", "Draft policy completed on schedule", (2010, 6), "June 2010"),
            ("Policy launched and implemented", "Policy implemented on schedule", (2010, 10), "Oct 2010"),
        ],
        "saving": {"text": "-£5,000 one-off cost of consultation", "kind": "cost", "min_amount": Decimal("5000"),
                   "max_amount": Decimal("5000"), "period": "one_off"},
        "update": {"evidence": "Work ongoing. Final agreement now scheduled for December 2010.", "level": "2",
                   "savings_amount": Decimal("1250.50"), "savings_basis": "estimated"},
    },
    {
        "number": "4",
        "objective": "Improve multi-agency service planning",
        "text": (
            "The Committee recommend to increase availability of sub-regional provision for 'hard to place' "
            "children and young people with complex needs."
        ),
        "steps": [
            ("Establish sub regional project Team to explore viability of additional provision.",
             "Project Initiation Document produced", (2010, 5), "May 2010"),
            ("", "Initial Options Appraisal completed", (2010, 7), "July 2010"),
        ],
        "saving": {"text": "Savings range from £11,000 - £443,000 per annum", "min_amount": Decimal("11000"),
                   "max_amount": Decimal("443000"), "period": "annual"},
        "update": {"evidence": "@Tees Valley: project team established to progress proposals.", "level": "4",
                   "assessment_reason": "Unable to proceed due to no expressions of interest being received."},
    },
]


@pytest.fixture
def papers(council):
    """The `council` fixture with seed 000's recommendations published in a round, a cover report and a
    published programme highlight round."""
    by, review = council.officer, council.review
    recommendations = [council.recommendation]
    for spec in SEED:
        recommendation = reviews.create_recommendation(
            review, by=by, number=spec["number"], order=int(spec["number"]), objective=spec["objective"],
            text=spec["text"], lead_name="Head of Children and Young People's Strategy",
            finance_manager_name="Paula Hunt",
        )
        for order, (text, measure, (year, month), written) in enumerate(spec["steps"], start=1):
            reviews.add_action(
                recommendation, by=by, order=order, text=text, success_measure=measure,
                target_on=month_end(year, month), target_precision="month", target_text=written,
                lead_name="Head of Children and Young People's Strategy",
            )
        reviews.create_saving_estimate(review, by=by, recommendations=[recommendation], **spec["saving"])
        recommendations.append(recommendation)
    reviews.create_paper(
        council.meeting, by=by, review=review, kind=CommitteePaper.Kind.ACTION_PLAN, agenda_item="5",
        title="Action plan for agreed recommendations – review of placements",
        summary="Members are asked to consider the Action Plan setting out how the agreed recommendations will be implemented.",
        detail="1. The final report was considered by Cabinet on 8 March.\n2. An Action Plan has now been drawn up.",
        contact_name="Peter Mennear", contact_post="Scrutiny Officer", contact_phone="+44 1642 528957",
        contact_email="peter.mennear@example.org",
    )
    as_at = dt.date.today() - dt.timedelta(days=20)
    round_ = reviews.open_round(
        council.org, by=by, title="Progress as at the autumn", meeting=council.meeting, as_at_on=as_at,
        deadline_on=as_at, recommendations=recommendations,
    )
    updates = {update.recommendation_id: update for update in round_.updates.all()}
    specs = [{"evidence": "Post approved and advertised.", "level": "1"}] + [spec["update"] for spec in SEED]
    for recommendation, spec in zip(recommendations, specs, strict=True):
        fields = dict(spec, level=council.level(spec["level"]))
        if spec["level"] == "3":  # slipped: a revised date, after the round's, for its last step (words beside it)
            fields |= {"revised_target_on": as_at + dt.timedelta(days=180), "revised_actions": [recommendation.actions.last()]}
        update = reviews.save_progress_update(updates[recommendation.pk], by=by, **fields)
        reviews.submit_progress_update(update, by=by)
        reviews.accept_progress_update(update, by=by)
    reviews.publish_round(round_, by=by)
    round_.refresh_from_db()
    return SimpleNamespace(
        council=council, org=council.org, review=review, recommendations=recommendations, round=round_,
        programme_round=_programme_round(council),
    )


def _programme_round(council):
    """A published highlight-report round for the council's programme, with six months of readings."""
    by, project, today = council.officer, council.project, dt.date.today()
    this_month = today.replace(day=1)
    plan = {add_months(this_month, offset): letter for offset, letter in zip(range(-3, 3), "DDPPIS", strict=True)}
    programmes.set_phase_plan(project, by=by, plan=plan)
    programmes.record_readings(
        council.indicator, by=by,
        readings=[{"period_start": add_months(this_month, offset), "value": Decimal(650 + 15 * offset)}
                  for offset in range(-5, 0)],
    )
    round_ = programmes.open_programme_round(
        council.programme, by=by, title="Highlight report", as_at_on=today, deadline_on=today,
        period_label=f"{today:%B %Y}",
    )
    update = round_.project_updates.get()
    update = programmes.save_project_update(
        update, by=by, rag="A", progress_points="Co-location agreed\n+ three partners signed up",
        risks_text="Partners redeployed to Covid duties", spent=Decimal("120000"), savings=Decimal("15000.50"),
        voice_and_feedback="Children's Co-Production Framework to report on child's voice and feedback",
    )
    update = programmes.submit_project_update(update, by=by)
    programmes.accept_project_update(update, by=by)
    reviews.publish_round(round_, by=by)
    round_.refresh_from_db()
    return round_
