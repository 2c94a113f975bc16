"""An action plan's cover report is an action-plan paper: another kind of paper is never printed as its cover."""

import datetime as dt

from django.utils import timezone

from cairn.reports import data
from cairn.reviews import operations as reviews
from cairn.reviews.models import CommitteePaper, Meeting


def test_a_progress_update_paper_is_not_an_action_plans_cover(council):
    review = council.review
    review.papers.all().delete()
    meeting = Meeting.objects.filter(organisation=council.org).first()
    reviews.create_paper(
        meeting, by=council.officer, review=review, kind=CommitteePaper.Kind.PROGRESS_UPDATE,
        title="Progress update on the review", summary="Members are asked to consider progress.",
    )
    plan = data.action_plan(review)
    assert plan.cover is None
    assert plan.info.title == f"Action Plan – {review.title}"
    assert plan.info.date == timezone.localdate()

    reviews.create_paper(
        meeting, by=council.officer, review=review, kind=CommitteePaper.Kind.ACTION_PLAN,
        title="Action plan for agreed recommendations", summary="Members are asked to agree the plan.",
    )
    plan = data.action_plan(review)
    assert plan.cover.title == "Action plan for agreed recommendations"
    assert plan.info.date == meeting.held_on != dt.date.min
