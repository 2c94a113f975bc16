"""Officers create and change reviews, recommendations, action plans and savings estimates in the browser."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.core.testing import add_recommendation
from cairn.reviews import operations
from cairn.reviews.models import Action, Recommendation, Review, SavingEstimate, TargetRevision


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def page(response) -> str:
    return response.content.decode()


def assert_refused_with(response, message: str) -> None:
    """The form came back with a GOV.UK error summary, the field's message, and "Error: " in the title."""
    assert response.status_code == 200
    html = page(response)
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: " in html
    assert message in html


def review_data(**changes) -> dict:
    return {"title": "Review of home to school transport", "kind": "scrutiny", "state": "scoping", **changes}


def recommendation_data(**changes) -> dict:
    return {"number": "2", "text": "The Committee recommend a review of routes.", "order": "2", **changes}


# Reviews, key questions and next steps


def test_officer_adds_a_review_and_the_change_is_audited(officer_client, council):
    response = officer_client.post(
        reverse("reviews:review_create"),
        review_data(committee=council.committee.pk, reported_on="27/3/2026", executive_decision_by="Cabinet"),
    )
    review = Review.objects.get(title="Review of home to school transport")
    assert response.status_code == 302 and response["Location"] == reverse("reviews:review_detail", args=[review.pk])
    assert review.organisation == council.org and review.committee == council.committee
    assert review.reported_on == dt.date(2026, 3, 27)
    event = events("review.created").get(target_id=str(review.pk))
    assert event.actor == council.officer and event.after["title"] == review.title
    shown = page(officer_client.get(response["Location"]))
    assert "has been added" in shown and "govuk-notification-banner--success" in shown


def test_officer_changes_a_review_and_before_and_after_are_recorded(officer_client, council):
    url = reverse("reviews:review_edit", args=[council.review.pk])
    form = page(officer_client.get(url))
    assert council.review.title in form and "Cancel" in form
    response = officer_client.post(url, review_data(title="Review of placements, revised", state="closed"))
    assert response.status_code == 302
    council.review.refresh_from_db()
    assert council.review.title == "Review of placements, revised" and council.review.state == "closed"
    event = events("review.updated").get()
    assert event.before["state"] == "monitoring" and event.after["state"] == "closed"


def test_key_questions_and_next_steps_are_added_and_changed(officer_client, council):
    review = council.review
    response = officer_client.get(reverse("reviews:question_create", args=[review.pk]))
    assert 'value="2"' in page(response)  # the next number is offered
    officer_client.post(reverse("reviews:question_create", args=[review.pk]), {"number": "2", "text": "Who decides?"})
    question = review.questions.get(number=2)
    officer_client.post(reverse("reviews:question_edit", args=[question.pk]), {"number": "2", "text": "Who decides, and when?"})
    question.refresh_from_db()
    assert question.text == "Who decides, and when?"

    officer_client.post(
        reverse("reviews:step_create", args=[review.pk]), {"text": "Visit the placement team", "due_on": "1/6/2026"}
    )
    step = review.steps.get(text="Visit the placement team")
    assert step.due_on == dt.date(2026, 6, 1)
    officer_client.post(
        reverse("reviews:step_edit", args=[step.pk]),
        {"text": "Visit the placement team", "due_on": "1/6/2026", "done_on": "3/6/2026"},
    )
    step.refresh_from_db()
    assert step.done_on == dt.date(2026, 6, 3)
    assert [events(name).count() for name in ("review_question.added", "review_question.updated")] == [2, 1]
    assert [events(name).count() for name in ("review_step.added", "review_step.updated")] == [2, 1]


# Recommendations and the executive response


def test_recommendation_is_added_with_its_executive_response_in_one_audited_change(officer_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    before = AuditEvent.objects.count()
    response = officer_client.post(
        reverse("reviews:recommendation_create", args=[council.review.pk]),
        recommendation_data(
            lead_name="Head of Transport", lead_officer=lead.pk, executive_response="partly_accepted",
            executive_response_on="12/4/2026", executive_response_note="Subject to funding.",
        ),
    )
    recommendation = council.review.recommendations.get(number="2")
    assert response["Location"] == reverse("reviews:recommendation_detail", args=[recommendation.pk])
    assert recommendation.lead_officer == lead
    assert recommendation.executive_response == Recommendation.Response.PARTLY_ACCEPTED
    assert recommendation.executive_response_on == dt.date(2026, 4, 12)
    assert AuditEvent.objects.count() == before + 1


def test_recommendation_edit_changes_wording_and_response(officer_client, council):
    recommendation = council.recommendation
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    form = page(officer_client.get(url))
    assert recommendation.text in form and "Executive response" in form
    response = officer_client.post(
        url,
        recommendation_data(
            number="1", text="The Committee recommend action 1, as amended.", executive_response="accepted",
            executive_response_on="1/5/2026", lead_officer=recommendation.lead_officer_id,
            finance_manager=recommendation.finance_manager_id,
        ),
    )
    assert response["Location"] == reverse("reviews:recommendation_detail", args=[recommendation.pk])
    recommendation.refresh_from_db()
    assert recommendation.text == "The Committee recommend action 1, as amended."
    assert recommendation.executive_response == "accepted"
    event = events("recommendation.updated").get()
    assert event.before["executive_response"] == "" and event.after["executive_response"] == "accepted"


def test_a_response_date_without_a_response_is_refused(officer_client, council):
    response = officer_client.post(
        reverse("reviews:recommendation_edit", args=[council.recommendation.pk]),
        recommendation_data(executive_response="", executive_response_on="1/5/2026"),
    )
    assert_refused_with(response, "Select the executive response, or remove its date and note")
    assert not events("recommendation.updated").exists()


def test_people_from_another_council_cannot_be_named(officer_client, council, other_council):
    outsider = other_council.users[Role.LEAD_OFFICER]
    form = page(officer_client.get(reverse("reviews:recommendation_edit", args=[council.recommendation.pk])))
    assert outsider.display_name not in form
    response = officer_client.post(
        reverse("reviews:recommendation_edit", args=[council.recommendation.pk]),
        recommendation_data(lead_officer=outsider.pk),
    )
    assert_refused_with(response, "Select a valid choice")
    council.recommendation.refresh_from_db()
    assert council.recommendation.lead_officer != outsider


# Action plans: steps, revised target dates, completion


def test_step_is_added_with_a_month_target_as_written(officer_client, council):
    response = officer_client.post(
        reverse("reviews:action_create", args=[council.recommendation.pk]),
        {
            "text": "Consult providers", "success_measure": "Responses from every provider", "target_on": "15/3/2027",
            "target_precision": "month", "target_text": "End of March 2027", "lead_name": "Head of Commissioning",
            "order": "3",
        },
    )
    assert response.status_code == 302
    action = council.recommendation.actions.get(text="Consult providers")
    assert action.target_on == dt.date(2027, 3, 31) and action.current_target_on == dt.date(2027, 3, 31)
    assert action.target_precision == "month" and action.target_text == "End of March 2027"
    assert action.target_display == "Mar 2027"
    assert events("action.added").filter(target_id=str(action.pk)).count() == 1


def test_a_step_with_no_date_keeps_the_words(officer_client, council):
    officer_client.post(
        reverse("reviews:action_create", args=[council.recommendation.pk]),
        {"text": "Keep under review", "target_precision": "none", "target_text": "Ongoing"},
    )
    action = council.recommendation.actions.get(text="Keep under review")
    assert action.target_on is None and action.target_display == "Ongoing"


def test_changing_a_step_never_overwrites_its_target_date(officer_client, council):
    action = council.action
    original = action.target_on
    response = officer_client.post(
        reverse("reviews:action_edit", args=[action.pk]),
        {"text": "Advertise the post nationally", "target_on": "1/1/2030", "target_precision": "day", "order": "1"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.text == "Advertise the post nationally"
    assert action.target_on == original and action.current_target_on == original
    with pytest.raises(ValueError):
        operations.update_action(action, by=council.officer, target_on=dt.date(2030, 1, 1))


def test_revising_a_target_date_records_a_revision_and_keeps_the_original(officer_client, council):
    action = council.action
    original = action.target_on
    url = reverse("reviews:action_revise_target", args=[action.pk])
    assert "Target first agreed" in page(officer_client.get(url))
    response = officer_client.post(
        url, {"target_on": "30/9/2026", "target_precision": "day", "reason": "Recruitment freeze until the summer."}
    )
    assert response["Location"] == reverse("reviews:recommendation_detail", args=[action.recommendation_id])
    action.refresh_from_db()
    revision = TargetRevision.objects.get(action=action)
    assert revision.target_on == dt.date(2026, 9, 30) and revision.recorded_by == council.officer
    assert revision.reason == "Recruitment freeze until the summer."
    assert action.target_on == original and action.current_target_on == dt.date(2026, 9, 30)
    assert events("action.target_revised").filter(target_id=str(action.pk)).count() == 1
    detail = page(officer_client.get(response["Location"]))
    assert "Revised to 30/09/2026" in detail and "Recruitment freeze" in detail


def test_a_revision_needs_a_reason_and_a_date_or_words(officer_client, council):
    response = officer_client.post(
        reverse("reviews:action_revise_target", args=[council.action.pk]), {"target_precision": "day", "reason": ""}
    )
    assert_refused_with(response, "Enter why the target date has changed")
    assert "Enter a date, or choose “No date”" in page(response)
    assert not TargetRevision.objects.filter(action=council.action).exists()


def test_marking_a_step_complete_once(officer_client, council):
    url = reverse("reviews:action_complete", args=[council.action.pk])
    assert officer_client.post(url, {"completed_on": "2/2/2026"}).status_code == 302
    council.action.refresh_from_db()
    assert council.action.completed_on == dt.date(2026, 2, 2)
    again = officer_client.post(url, {"completed_on": "3/2/2026"})
    assert_refused_with(again, "This step was already marked complete on 02/02/2026")
    assert events("action.completed").count() == 1


# Savings estimates, shared by several recommendations


def test_an_estimate_is_shared_by_two_recommendations_then_narrowed_to_one(officer_client, council):
    second = add_recommendation(council.review, "2", by=council.officer)
    response = officer_client.post(
        reverse("reviews:saving_create", args=[council.review.pk]),
        {
            "kind": "saving", "text": "£11,000 - £443,000 per annum", "min_amount": "£11,000", "max_amount": "443,000",
            "period": "annual", "cashable": "True", "recommendations": [council.recommendation.pk, second.pk],
        },
    )
    assert response["Location"] == reverse("reviews:review_detail", args=[council.review.pk])
    estimate = SavingEstimate.objects.get(text__startswith="£11,000")
    assert estimate.min_amount == Decimal("11000") and estimate.max_amount == Decimal("443000")
    assert estimate.cashable is True and estimate.is_shared

    response = officer_client.post(
        reverse("reviews:saving_edit", args=[estimate.pk]),
        {"kind": "saving", "text": "£11,000 - £443,000 per annum", "min_amount": "11000", "max_amount": "443000",
         "period": "annual", "cashable": "None", "recommendations": [second.pk]},
    )
    assert response["Location"] == reverse("reviews:recommendation_detail", args=[second.pk])
    estimate.refresh_from_db()
    assert list(estimate.recommendations.all()) == [second] and estimate.cashable is None
    event = events("saving_estimate.updated").get()
    assert event.before["recommendation_ids"] == sorted([council.recommendation.pk, second.pk])
    assert event.after["recommendation_ids"] == [second.pk]


def test_an_estimate_offers_only_its_own_reviews_recommendations(officer_client, council):
    other_review = operations.create_review(council.org, by=council.officer, kind="scrutiny", title="Another review")
    elsewhere = add_recommendation(other_review, "9", by=council.officer)
    response = officer_client.post(
        reverse("reviews:saving_create", args=[council.review.pk]),
        {"kind": "saving", "text": "£5,000", "max_amount": "5000", "recommendations": [elsewhere.pk]},
    )
    assert_refused_with(response, "Select a valid choice")
    assert not SavingEstimate.objects.filter(text="£5,000").exists()
    with pytest.raises(ValidationError):
        operations.update_saving_estimate(council.review.saving_estimates.get(), by=council.officer, recommendations=[elsewhere])


def test_the_lowest_amount_above_the_highest_is_refused(officer_client, council):
    estimate = council.review.saving_estimates.get()
    response = officer_client.post(
        reverse("reviews:saving_edit", args=[estimate.pk]),
        {"kind": "saving", "text": "Up to £200,000 per annum", "min_amount": "300000", "max_amount": "200000"},
    )
    assert_refused_with(response, "The lowest amount must not be more than the highest amount")
    estimate.refresh_from_db()
    assert estimate.min_amount is None and not events("saving_estimate.updated").exists()


# A review's own budget lines and risks


def test_a_reviews_budget_line_and_risk_are_added_and_changed_through_the_shared_pages(officer_client, council):
    review = council.review
    officer_client.post(
        reverse("reviews:budget_line_create", args=[review.pk]),
        {"name": "Placements", "financial_year": "2026-27", "budget": "1,000,000", "projected_outturn": "1,100,000"},
    )
    line = review.budget_lines.get()
    assert line.financial_year == 2026 and line.projected_variance == Decimal("100000")
    response = officer_client.post(
        reverse("programmes:budget_line_edit", args=[line.pk]),
        {"name": "Placements", "financial_year": "2026-27", "budget": "1,000,000", "spent": "250000",
         "projected_outturn": "1,100,000", "projected_variance": "100000"},
    )
    assert response["Location"] == reverse("reviews:review_detail", args=[review.pk])

    officer_client.post(reverse("reviews:risk_create", args=[review.pk]), {"kind": "issue", "text": "Court delays", "rag": "A"})
    risk = review.risks.get()
    response = officer_client.post(reverse("programmes:risk_close", args=[risk.pk]))
    assert response["Location"] == reverse("reviews:review_detail", args=[review.pk])
    risk.refresh_from_db()
    assert risk.state == "closed"
    detail = page(officer_client.get(reverse("reviews:review_detail", args=[review.pk])))
    assert "Court delays" in detail and "Placements" in detail


# Bad input: a clear GOV.UK error, and nothing changes


BAD_INPUT = [
    ("reviews:review_edit", "review", review_data(title=""), "Enter the review&#39;s title"),
    ("reviews:review_edit", "review", review_data(reported_on="31/2/2026"), "Enter a real date, for example 27/3/2026"),
    (
        "reviews:recommendation_edit", "recommendation", recommendation_data(text="<script>alert(1)</script>"),
        "Text must not contain HTML tags",
    ),
    (
        "reviews:action_edit", "action", {"text": "=cmd|' /C calc'!A0", "order": "1"},
        "Text must not begin like a spreadsheet formula",
    ),
    ("reviews:action_complete", "action", {"completed_on": "31/2/2026"}, "Enter a real date, for example 27/3/2026"),
    ("reviews:recommendation_create", "review", recommendation_data(text=""), "Enter the recommendation"),
]


@pytest.mark.parametrize("name,record,data,message", BAD_INPUT)
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(name, record, data, message, officer_client, council):
    target = getattr(council, record)
    before = AuditEvent.objects.count()
    snapshot = type(target).objects.values().get(pk=target.pk)
    response = officer_client.post(reverse(name, args=[target.pk]), data)
    assert_refused_with(response, message)
    assert AuditEvent.objects.count() == before
    assert type(target).objects.values().get(pk=target.pk) == snapshot
    assert "<script>alert" not in page(response)


# Who may edit


EDIT_POSTS = [
    ("reviews:review_create", None, review_data()),
    ("reviews:review_edit", "review", review_data(title="Taken over")),
    ("reviews:recommendation_create", "review", recommendation_data()),
    ("reviews:recommendation_edit", "recommendation", recommendation_data(text="Taken over")),
    ("reviews:action_edit", "action", {"text": "Taken over"}),
    ("reviews:action_revise_target", "action", {"target_on": "1/1/2030", "reason": "Because"}),
    ("reviews:action_complete", "action", {"completed_on": "1/1/2026"}),
    ("reviews:question_create", "review", {"number": "5", "text": "Taken over?"}),
    ("reviews:step_create", "review", {"text": "Taken over"}),
    ("reviews:saving_create", "review", {"kind": "saving", "text": "£1"}),
]


# Every role's GET is in the access matrix (core/tests/test_tenancy.py); here, that a refused POST writes nothing.
@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.LEAD_OFFICER])
def test_only_officers_may_edit_and_a_refused_post_changes_nothing(role, client, council):
    client.force_login(council.users[role])
    before = AuditEvent.objects.count()
    outcomes = {
        name: client.post(reverse(name, args=[getattr(council, record).pk] if record else []), data).status_code
        for name, record, data in EDIT_POSTS
    }
    assert outcomes == {name: 403 for name, _, _ in EDIT_POSTS}
    assert AuditEvent.objects.count() == before


def test_another_councils_records_are_not_found_on_get_or_post(other_council_client, council):
    before = AuditEvent.objects.count()
    outcomes = {}
    for name, record, data in EDIT_POSTS:
        if record:
            url = reverse(name, args=[getattr(council, record).pk])
            outcomes[name] = (other_council_client.get(url).status_code, other_council_client.post(url, data).status_code)
    assert set(outcomes.values()) == {(404, 404)}, outcomes
    assert AuditEvent.objects.count() == before


def test_links_to_edit_are_shown_only_to_those_who_may_edit(officer_client, council, client):
    recommendation_url = reverse("reviews:recommendation_detail", args=[council.recommendation.pk])
    review_url = reverse("reviews:review_detail", args=[council.review.pk])
    edit = reverse("reviews:recommendation_edit", args=[council.recommendation.pk])
    revise = reverse("reviews:action_revise_target", args=[council.action.pk])
    officer_page = page(officer_client.get(recommendation_url))
    assert edit in officer_page and revise in officer_page
    assert reverse("reviews:recommendation_create", args=[council.review.pk]) in page(officer_client.get(review_url))

    client.force_login(council.users[Role.COUNCILLOR])
    councillor_page = page(client.get(recommendation_url)) + page(client.get(review_url))
    assert edit not in councillor_page and revise not in councillor_page and "/edit/" not in councillor_page


def test_editing_pages_keep_a_steady_number_of_queries(officer_client, council):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("reviews:saving_create", args=[council.review.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert officer_client.get(url).status_code == 200
        return len(queries)

    small = count()
    for number in range(2, 8):
        add_recommendation(council.review, str(number), by=council.officer)
    assert count() == small
    assert Action.objects.filter(recommendation__review=council.review).count() > 10
