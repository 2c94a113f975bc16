"""Small worlds for tests: a council with one of everything, built through the real operations."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from cairn.accounts import operations as accounts
from cairn.accounts.models import Role
from cairn.programmes import operations as programmes
from cairn.programmes.models import Milestone, Risk
from cairn.reviews import operations as reviews
from cairn.reviews.models import AssessmentLevel, Review

PASSWORD = "correct-horse-battery-staple"


def build_council(slug: str, name: str | None = None, *, today: dt.date | None = None) -> SimpleNamespace:
    """One council with a user per role, a review with a published and a collecting round, and a programme."""
    today = today or dt.date.today()
    org = accounts.create_organisation(by=None, name=name or f"{slug.title()} Council", slug=slug)
    users = {
        role: accounts.create_user(
            org, by=None, username=f"{slug}-{role}", password=PASSWORD, roles=[role],
            first_name=role.replace("_", " ").title(), last_name=slug.title(), email=f"{role}@{slug}.example.org",
        )
        for role in Role.values
    }
    officer = users[Role.SCRUTINY_OFFICER]
    scale = reviews.create_assessment_scale(org, by=officer)
    committee = reviews.create_committee(org, by=officer, name="Children and Young People Select Committee")
    meeting = reviews.schedule_meeting(committee, by=officer, held_on=today - dt.timedelta(days=30))
    review = reviews.create_review(
        org, by=officer, kind=Review.Kind.EFFICIENCY, title=f"Review of placements ({slug})", committee=committee,
        state=Review.State.MONITORING,
    )
    reviews.add_review_question(review, by=officer, number=1, text="Is the structure right first time?")
    reviews.add_review_step(review, by=officer, text="Present progress report", due_on=today + dt.timedelta(days=20))
    reviews.create_paper(meeting, by=officer, review=review, title="Action plan", agenda_item="7", contact_name="A Officer")
    recommendation = add_recommendation(review, "1", by=officer, lead=users[Role.LEAD_OFFICER], finance=users[Role.FINANCE_MANAGER], today=today)
    reviews.create_saving_estimate(
        review, by=officer, recommendations=[recommendation], text="Up to £200,000 per annum",
        max_amount=Decimal("200000"), period="annual",
    )
    published = reviews.open_round(
        org, by=officer, title="Progress as at last quarter", meeting=meeting,
        as_at_on=today - dt.timedelta(days=40), deadline_on=today - dt.timedelta(days=35),
    )
    level = lambda code: scale.levels.get(code=code)  # noqa: E731
    update = published.updates.get()
    update = reviews.save_progress_update(
        update, by=users[Role.LEAD_OFFICER], evidence="Post approved.", savings_text="None",
        level=level("3"), assessment_reason="Delay due to competing work pressures.",
        revised_target_on=today + dt.timedelta(days=60), revised_actions=[recommendation.actions.last()],
    )
    reviews.submit_progress_update(update, by=users[Role.LEAD_OFFICER])
    reviews.accept_progress_update(update, by=officer)
    reviews.publish_round(published, by=officer)
    collecting = reviews.open_round(
        org, by=officer, title="Progress as at this quarter", as_at_on=today, deadline_on=today + dt.timedelta(days=14)
    )
    programme = programmes.create_programme(org, by=officer, name="Children in care sustainability programme")
    project = programmes.create_project(
        programme, by=officer, number="1", name="Early help", rag="A", risk_area="Co-location may slip",
        budget=Decimal("800000"),
    )
    programmes.set_phase_plan(project, by=officer, plan={today.replace(day=1): "D"})
    programmes.add_milestone(project, by=officer, activity="Agree a building", due_on=today, state=Milestone.State.ON)
    indicator = programmes.create_indicator(
        org, by=officer, name="Early help episodes open", projects=[project], recommendations=[recommendation],
        polarity="higher", green_from=Decimal("700"), amber_from=Decimal("600"),
    )
    programmes.record_reading(indicator, by=officer, period_start=today.replace(day=1), value=Decimal("732"))
    programmes.add_budget_line(org, by=officer, name="Fostering", financial_year=today.year, budget=Decimal("150000"), project=project)
    programmes.record_risk(org, by=officer, kind=Risk.Kind.RISK, text="Partners redeployed", rag="R", project=project)
    return SimpleNamespace(
        org=org, users=users, officer=officer, scale=scale, committee=committee, meeting=meeting, review=review,
        recommendation=recommendation, action=recommendation.actions.first(), published_round=published,
        collecting_round=collecting, programme=programme, project=project, indicator=indicator,
        level=level, complete=scale.levels.get(meaning=AssessmentLevel.Meaning.COMPLETE),
    )


def add_recommendation(review, number: str, *, by, lead=None, finance=None, today: dt.date | None = None):
    """A recommendation with two dated steps, as in a progress update table."""
    today = today or dt.date.today()
    recommendation = reviews.create_recommendation(
        review, by=by, number=number, order=int("".join(c for c in number if c.isdigit()) or 0),
        text=f"The Committee recommend action {number}.", lead_name="Service Manager, Looked After Children",
        lead_officer=lead, finance_manager_name=finance.display_name if finance else "", finance_manager=finance,
    )
    reviews.add_action(
        recommendation, by=by, order=1, text="Advertise post", success_measure="Appointment made",
        target_on=today - dt.timedelta(days=10), target_precision="day", target_text="",
        lead_name="Service Manager, Looked After Children",
    )
    reviews.add_action(
        recommendation, by=by, order=2, text="Evaluate impact", success_measure="Evaluation completed",
        target_precision="none", target_text="Ongoing",
    )
    return recommendation
