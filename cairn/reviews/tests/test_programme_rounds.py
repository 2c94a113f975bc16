"""Highlight-report rounds: the board round opened from the page, project leads' reports, accepting, publishing."""

from decimal import Decimal

from django.core import mail
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.programmes import operations as programmes
from cairn.programmes.models import ProjectUpdate
from cairn.reviews import operations as reviews
from cairn.reviews import round_operations
from cairn.reviews.models import ReportingRound


def test_a_programme_round_asks_each_project_and_its_lead_writes_the_report(
    officer_client, client, council, delivered
):
    pm = council.users[Role.PROGRAMME_MANAGER]
    programmes.update_programme(council.programme, by=council.officer, manager=pm)
    response = officer_client.post(reverse("rounds:programme_round_open"), {
        "programme": council.programme.pk, "title": "Board, March 2027", "period_label": "March 2027",
        "as_at_on": "31/3/2027", "deadline_on": "7/4/2027", "meeting": "",
    })
    assert response.status_code == 302
    round_ = ReportingRound.objects.get(title="Board, March 2027")
    report = round_.project_updates.get()
    assert round_.kind == ReportingRound.Kind.PROGRAMME and report.state == ProjectUpdate.State.ASKED

    with delivered():
        round_operations.ask_for_updates(round_, by=council.officer)
    assert [m.to for m in mail.outbox] == [[pm.email]]
    assert f"Highlight report for project {council.project}" in mail.outbox[0].body

    client.force_login(pm)
    assert reverse("rounds:project_update_edit", args=[report.pk]) in client.get(reverse("rounds:my_updates")).content.decode()
    client.post(reverse("rounds:project_update_edit", args=[report.pk]), {
        "rag": "A", "progress_points": "Building agreed\nStaff consulted", "risks_text": "Partners redeployed",
        "spent": "£12,500", "savings": "", "voice_and_feedback": "", "version": report.version, "action": "submit",
    })
    report.refresh_from_db()
    assert report.state == ProjectUpdate.State.SUBMITTED and report.spent == Decimal("12500")

    officer_client.post(reverse("rounds:project_update_check", args=[report.pk]), {"action": "accept"})
    report.refresh_from_db()
    assert report.state == ProjectUpdate.State.ACCEPTED
    reviews.publish_round(round_, by=council.officer)
    round_.refresh_from_db()
    assert round_.published_content["projects"][0]["progress_points"] == ["Building agreed", "Staff consulted"]


def test_a_report_needs_a_rag_to_be_submitted(officer_client, council):
    round_ = programmes.open_programme_round(council.programme, by=council.officer, title="Board",
                                             as_at_on=council.meeting.held_on, deadline_on=council.meeting.held_on)
    report = round_.project_updates.get()
    page = officer_client.post(reverse("rounds:project_update_edit", args=[report.pk]), {
        "rag": "", "progress_points": "Some", "risks_text": "", "spent": "", "savings": "", "voice_and_feedback": "",
        "version": report.version, "action": "submit",
    }).content.decode()
    assert "Select the project&#39;s RAG status" in page
    report.refresh_from_db()
    assert report.state == ProjectUpdate.State.DRAFT
