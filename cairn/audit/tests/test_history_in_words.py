"""History pages say what changed as the rest of the pages say it, for every record that changes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews


def page(client, kind: str, pk: int) -> str:
    response = client.get(reverse("audit:history", args=[kind, pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_changes_read_as_labels_and_values_not_column_names(officer_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    update = council.collecting_round.updates.get()
    reviews.save_progress_update(update, by=lead, evidence="Advert out.", level=council.scale.levels.get(code="3"),
                                 savings_amount=Decimal("12000"), savings_basis="estimated")
    reviews.sign_off_recommendation(council.recommendation, by=council.officer, meeting=council.meeting)
    text = page(officer_client, "recommendation", council.recommendation.pk)
    assert "Assessment" in text and "3 Slipped" in text and "£12,000" in text and "Estimated" in text
    assert f"Signed off at</strong></dt><dd>{council.meeting}" in text.replace("(none) → ", "")
    assert "Progress update: saved" in text
    for internal in ("level_id", "closed_at_meeting_id", "savings_basis", "progress_update.saved", "organisation_id"):
        assert internal not in text, internal
    round_page = page(officer_client, "round", council.published_round.pk)
    assert "What was published" in round_page and "the content as it was frozen" in round_page
    assert "published_content" not in round_page and '{"' not in round_page


@pytest.mark.parametrize("kind", ["indicator", "budget-line", "risk", "saving-estimate", "project-report", "question", "step"])
def test_every_record_that_changes_has_a_history_page(officer_client, council, kind):
    project = council.project
    record = {
        "indicator": lambda: council.indicator,
        "budget-line": lambda: project.budget_lines.first(),
        "risk": lambda: project.risks.first(),
        "saving-estimate": lambda: council.review.saving_estimates.first(),
        "project-report": lambda: programmes.save_project_update(programmes.open_programme_round(
            council.programme, by=council.officer, title="Board", as_at_on=dt.date.today(), deadline_on=dt.date.today()
        ).project_updates.get(), by=council.officer, rag="A"),
        "question": lambda: council.review.questions.first(),
        "step": lambda: council.action,
    }[kind]()
    text = page(officer_client, kind, record.pk)
    assert "No changes have been recorded" not in text  # each was made through an audited operation


def test_a_steps_edit_page_links_its_history(officer_client, council):
    form = officer_client.get(reverse("reviews:action_edit", args=[council.action.pk])).content.decode()
    assert reverse("audit:history", args=["step", council.action.pk]) in form
