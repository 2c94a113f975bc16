"""The officer checks an update against what the last committee saw: the previous published round as frozen."""

import pytest
from django.urls import reverse

from cairn.reviews import operations
from cairn.reviews.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def _submitted(council, **fields):
    update = council.collecting_round.updates.get()
    update = operations.save_progress_update(update, by=council.officer, **fields)
    return operations.submit_progress_update(update, by=council.officer)


def test_the_check_page_shows_what_changed_since_the_frozen_previous_round(officer_client, council):
    update = _submitted(council, evidence="Two placements made.", level=council.level("2"), savings_text="£5,000 a year")
    # The previous round's live record changed after publication: the page still shows what the committee saw.
    ProgressUpdate.objects.filter(round=council.published_round).update(evidence="Rewritten long after.")

    page = officer_client.get(reverse("rounds:update_check", args=[update.pk])).content.decode()
    assert "What changed since the last committee" in page
    assert "Assessment moved up" in page and "3 Slipped → 2 On track to be achieved" in page
    assert "Savings to date changed" in page and "None → £5,000 a year" in page
    assert f"Last committee: {council.published_round.title}" in page
    assert "Post approved." in page and "Rewritten long after." not in page


def test_the_check_page_says_when_nothing_has_changed(officer_client, council):
    before = council.published_round.updates.get()
    update = _submitted(council, evidence="Post approved.", level=council.level("3"), savings_text="None",
                        assessment_reason="Delay due to competing work pressures.",
                        revised_target_on=before.revised_target_on, revised_actions=[council.recommendation.actions.last()])
    page = officer_client.get(reverse("rounds:update_check", args=[update.pk])).content.decode()
    assert f"Nothing in this update has changed since “{council.published_round.title}”" in page


def test_the_check_page_of_a_first_round_has_no_comparison(officer_client, council):
    update = council.published_round.updates.get()
    page = officer_client.get(reverse("rounds:update_check", args=[update.pk])).content.decode()
    assert "What changed since the last committee" not in page
    assert "No round reporting on this review has been published yet." in page


def _highlight_round(council, title, as_at, **fields):
    from cairn.programmes import operations as programmes

    round_ = programmes.open_programme_round(council.programme, by=council.officer, title=title, as_at_on=as_at,
                                             deadline_on=as_at)
    report = programmes.save_project_update(round_.project_updates.get(), by=council.officer, **fields)
    return round_, programmes.submit_project_update(report, by=council.officer)


def test_the_highlight_report_check_page_shows_rag_and_milestone_changes_since_the_last_board(officer_client, council):
    import datetime as dt

    from cairn.programmes import operations as programmes

    today = dt.date.today()
    first, report = _highlight_round(council, "Highlight report, last month", today - dt.timedelta(days=30), rag="G",
                                     progress_points="Building found")
    programmes.accept_project_update(report, by=council.officer)
    operations.publish_round(first, by=council.officer)
    milestone = council.project.milestones.get()
    programmes.revise_milestone_due(milestone, by=council.officer, due_on=today + dt.timedelta(days=90),
                                    reason="The landlord wants longer")
    _, report = _highlight_round(council, "Highlight report, this month", today, rag="A", progress_points="Lease delayed")

    page = officer_client.get(reverse("rounds:project_update_check", args=[report.pk])).content.decode()
    assert "What changed since the last committee" in page
    assert "RAG changed" in page and "Green → Amber" in page
    assert "Milestone slipped" in page
    assert "Highlight report, last month" in page
