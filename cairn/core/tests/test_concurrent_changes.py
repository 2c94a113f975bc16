"""People changing the same thing at once: no edit lost without a word, no state change made twice, no form acted on
twice."""

import re
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.reviews import operations as reviews
from cairn.reviews.models import ProgressUpdate, ReportingRound


def hidden(response, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"the form carries no {name}"
    return match.group(1)


def recommendation_form(recommendation, response, **changes) -> dict:
    data = {
        "number": recommendation.number, "text": recommendation.text, "objective": "", "order": recommendation.order,
        "lead_name": recommendation.lead_name, "lead_officer": recommendation.lead_officer_id or "",
        "finance_manager_name": recommendation.finance_manager_name,
        "finance_manager": recommendation.finance_manager_id or "",
        "executive_response": recommendation.executive_response, "executive_response_on": "",
        "executive_response_note": "",
        "_version": hidden(response, "_version"), "_submission": hidden(response, "_submission"),
    }
    return data | changes


def test_two_people_editing_one_recommendation_never_lose_an_edit_silently(officer_client, admin_client, council):
    recommendation = council.recommendation
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    first, second = officer_client.get(url), admin_client.get(url)

    saved = officer_client.post(url, recommendation_form(recommendation, first, text="Recruit two social workers."))
    assert saved.status_code == 302
    refused = admin_client.post(url, recommendation_form(recommendation, second, text="Recruit a team manager."))

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "changed this after you opened it. Nothing was saved." in page
    assert "Recruit two social workers." in page and "Recruit a team manager." in page  # both versions shown
    recommendation.refresh_from_db()
    assert recommendation.text == "Recruit two social workers."
    # Having seen both, saving again keeps the second person's words.
    again = admin_client.post(url, recommendation_form(recommendation, refused, text="Recruit a team manager."))
    assert again.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.text == "Recruit a team manager."


def test_a_persons_own_earlier_save_is_not_a_conflict(officer_client, council):
    recommendation = council.recommendation
    url = reverse("reviews:recommendation_edit", args=[recommendation.pk])
    tab_one, tab_two = officer_client.get(url), officer_client.get(url)
    assert officer_client.post(url, recommendation_form(recommendation, tab_one, text="First wording.")).status_code == 302
    assert officer_client.post(url, recommendation_form(recommendation, tab_two, text="Second wording.")).status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.text == "Second wording."


def test_a_finance_managers_stale_form_does_not_overwrite_the_leads_newer_figure(
    officer_client, lead_client, finance_client, council
):
    update = council.collecting_round.updates.get()
    reviews.save_progress_update(update, by=council.users[Role.LEAD_OFFICER], savings_amount=Decimal("10000"),
                                 savings_basis="estimated", evidence="Started.")
    url = reverse("rounds:update_savings", args=[update.pk])
    stale = finance_client.get(url)

    update.refresh_from_db()
    reviews.save_progress_update(update, by=council.users[Role.LEAD_OFFICER], savings_amount=Decimal("95000"),
                                 savings_basis="estimated")
    refused = finance_client.post(url, {
        "savings_amount": "10000", "savings_basis": "estimated", "savings_text": "",
        "_version": hidden(stale, "_version"), "_submission": hidden(stale, "_submission"),
    })

    page = refused.content.decode()
    assert refused.status_code == 200 and "Nothing was saved" in page
    assert "95000" in page and "10000" in page
    update.refresh_from_db()
    assert update.savings_amount == Decimal("95000")
    assert update.finance_confirmed_by is None


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database cannot be written from several threads; there every write transaction "
    "begins IMMEDIATE and so runs one at a time, and the test below shows each change decided on the committed row",
)
def test_publishing_three_times_at_once_freezes_the_round_once(transactional_db, council):
    round_ = council.collecting_round
    update = round_.updates.get()
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(update, by=lead, evidence="Done.", level=council.complete)
    reviews.submit_progress_update(update, by=lead)
    reviews.accept_progress_update(update, by=council.officer)

    clicks = [ReportingRound.objects.get(pk=round_.pk) for _ in range(3)]  # three pages showing "Publish"
    start, outcomes = threading.Barrier(3), []

    def click(copy):
        try:
            start.wait()
            reviews.publish_round(copy, by=council.officer)
            outcomes.append("published")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(copy,)) for copy in clicks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["published", "refused", "refused"]
    assert AuditEvent.objects.filter(action="round.published", target_id=str(round_.pk)).count() == 1


def test_a_state_change_decides_on_the_row_as_committed_not_as_first_read(council):
    update = council.collecting_round.updates.get()
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(update, by=lead, evidence="Done.", level=council.complete)
    reviews.submit_progress_update(update, by=lead)
    page_shown = ProgressUpdate.objects.get(pk=update.pk)
    reviews.accept_progress_update(update, by=council.officer)
    round_copy = ReportingRound.objects.get(pk=council.collecting_round.pk)
    reviews.publish_round(round_copy, by=council.officer)

    with pytest.raises(ValidationError, match="has been published"):
        reviews.accept_progress_update(page_shown, by=council.officer)
    with pytest.raises(ValidationError, match="has been published"):
        reviews.publish_round(council.collecting_round, by=council.officer)  # a copy read before publishing


def test_a_create_form_sent_twice_makes_one_record(officer_client, council):
    url = reverse("reviews:question_create", args=[council.review.pk])
    form = officer_client.get(url)
    data = {"number": "7", "text": "Are placements stable?", "_submission": hidden(form, "_submission")}
    first = officer_client.post(url, data)
    second = officer_client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert council.review.questions.filter(text="Are placements stable?").count() == 1
    assert AuditEvent.objects.filter(action="review_question.added", after__text="Are placements stable?").count() == 1


def test_opening_a_round_sent_twice_opens_one_round(officer_client, council):
    url = reverse("rounds:round_open")
    token = hidden(officer_client.get(url), "_submission")
    data = {"title": "Progress to committee, June", "as_at_on": "1/6/2027", "deadline_on": "15/6/2027",
            "reviews": [council.review.pk], "meeting": "", "_submission": token}
    first, second = officer_client.post(url, data), officer_client.post(url, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert ReportingRound.objects.filter(title="Progress to committee, June").count() == 1


def test_every_edit_form_carries_the_version_it_was_shown_at(officer_client, admin_client, council):
    for client, url in [
        (officer_client, reverse("reviews:review_edit", args=[council.review.pk])),
        (officer_client, reverse("reviews:recommendation_edit", args=[council.recommendation.pk])),
        (officer_client, reverse("reviews:action_edit", args=[council.action.pk])),
        (officer_client, reverse("programmes:project_edit", args=[council.project.pk])),
        (officer_client, reverse("programmes:indicator_edit", args=[council.indicator.pk])),
        (admin_client, reverse("administration:person_edit", args=[council.officer.pk])),
        (admin_client, reverse("administration:organisation_settings")),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        hidden(response, "_version")
        hidden(response, "_submission")
