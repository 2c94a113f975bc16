"""Highlight reports through the same cycle as progress updates: a project's RAG follows its accepted reports."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.programmes import operations as programmes
from cairn.programmes.models import Project, ProjectUpdate
from cairn.reviews import operations as reviews
from cairn.reviews.models import Notice

TODAY = dt.date.today()


def board_round(council, *, as_at_on=TODAY, title="Board"):
    return programmes.open_programme_round(
        council.programme, by=council.officer, title=title, as_at_on=as_at_on, deadline_on=as_at_on + dt.timedelta(days=7)
    )


@pytest.fixture
def lead_of_project(council):
    """The programme's manager, who writes the project's reports (the project names no lead of its own)."""
    manager = council.users[Role.PROGRAMME_MANAGER]
    programmes.update_programme(council.programme, by=council.officer, manager=manager)
    client = Client()
    client.force_login(manager)
    return client


def submitted_report(council, round_, **fields):
    lead = council.users[Role.PROGRAMME_MANAGER]
    report = programmes.save_project_update(round_.project_updates.get(), by=lead, **fields)
    return programmes.submit_project_update(report, by=lead)


def headline_rag(page: str, project: Project) -> str:
    """The RAG shown beside the project in the dashboard's headline table."""
    row = re.search(rf'{re.escape(str(project))}</a></td>\s*<td class="govuk-table__cell"><strong[^>]*>([^<]+)<', page)
    return row.group(1)


def test_an_accepted_report_gives_the_project_its_rag_on_the_dashboard(officer_client, council):
    project = council.project
    assert project.rag == "A"
    report = submitted_report(council, board_round(council), rag="R", progress_points="Building lost")
    dashboard = reverse("programmes:programme_detail", args=[council.programme.pk])
    assert headline_rag(officer_client.get(dashboard).content.decode(), project) == "Amber"  # not until accepted

    officer_client.post(reverse("rounds:project_update_check", args=[report.pk]), {"action": "accept"})
    project.refresh_from_db()
    assert project.rag == "R"
    assert headline_rag(officer_client.get(dashboard).content.decode(), project) == "Red"
    event = AuditEvent.objects.for_object(project).get(action="project.rag_from_report")
    assert (event.before["rag"], event.after["rag"], event.actor) == ("A", "R", council.officer)
    page = officer_client.get(reverse("programmes:project_detail", args=[project.pk])).content.decode()
    assert "RAG status over time" in page and "Board" in page


def test_a_report_of_an_earlier_round_accepted_later_leaves_the_latest_rag(council):
    later = submitted_report(council, board_round(council, title="Board, this month"), rag="G")
    programmes.accept_project_update(later, by=council.officer)
    earlier = submitted_report(council, board_round(council, as_at_on=TODAY - dt.timedelta(days=60), title="Board, earlier"),
                               rag="R")
    programmes.accept_project_update(earlier, by=council.officer)
    assert Project.objects.get(pk=council.project.pk).rag == "G"


def test_a_published_report_keeps_the_rag_it_gave_when_the_project_changes(officer_client, council):
    round_ = board_round(council)
    programmes.accept_project_update(submitted_report(council, round_, rag="R"), by=council.officer)
    reviews.publish_round(round_, by=council.officer)
    programmes.update_project(council.project, by=council.officer, rag="G")
    round_.refresh_from_db()
    assert round_.published_content["projects"][0]["rag"] == "R"
    assert ProjectUpdate.objects.get(round=round_).rag == "R"


def last_months_report(council):
    """A report the board saw last time: accepted and published."""
    round_ = board_round(council, as_at_on=TODAY - dt.timedelta(days=30), title="Board, last month")
    report = submitted_report(council, round_, rag="A", progress_points="Building agreed\nStaff consulted",
                              risks_text="Partners redeployed", spent=Decimal("12500"), voice_and_feedback="Parents like it")
    programmes.accept_project_update(report, by=council.officer)
    reviews.publish_round(round_, by=council.officer)
    return report


def test_a_report_is_filled_in_from_the_projects_last_report(lead_of_project, council):
    last_months_report(council)
    report = board_round(council).project_updates.get()
    page = lead_of_project.get(reverse("rounds:project_update_edit", args=[report.pk])).content.decode()
    assert "The project's last report is filled in below" in page
    assert re.search(r'<textarea[^>]*name="progress_points"[^>]*>\s*Building agreed\nStaff consulted</textarea>', page)
    assert re.search(r'name="spent"[^>]*value="12,500"', page)
    assert re.search(r'<input[^>]*value="A"[^>]*checked', page)
    assert "Last report (as at" in page
    # Once the lead has saved, the report is theirs: what they saved is shown, not the last one.
    programmes.save_project_update(report, by=council.users[Role.PROGRAMME_MANAGER], progress_points="Moved in")
    page = lead_of_project.get(reverse("rounds:project_update_edit", args=[report.pk])).content.decode()
    assert "Moved in</textarea>" in page and "is filled in below" not in page


def test_a_refused_submit_is_corrected_on_the_same_page(lead_of_project, council):
    report = board_round(council).project_updates.get()
    url = reverse("rounds:project_update_edit", args=[report.pk])
    form = {"rag": "", "progress_points": "Some", "risks_text": "", "spent": "", "savings": "",
            "voice_and_feedback": "", "version": report.version, "action": "submit"}
    refused = lead_of_project.post(url, form).content.decode()
    assert "Select the project&#39;s RAG status" in refused
    version = re.search(r'name="version" value="(\d+)"', refused).group(1)
    response = lead_of_project.post(url, form | {"rag": "G", "version": version})
    assert response.status_code == 302
    assert ProjectUpdate.objects.get(pk=report.pk).state == ProjectUpdate.State.SUBMITTED


def test_a_returned_report_goes_back_to_its_lead_with_the_comment(officer_client, lead_of_project, council, delivered):
    last_months_report(council)
    round_ = board_round(council)
    report = submitted_report(council, round_, rag="G", progress_points="All done")
    check = reverse("rounds:project_update_check", args=[report.pk])

    refused = officer_client.post(check, {"action": "return", "return_comment": " "}).content.decode()
    assert "Enter what the lead needs to change" in refused
    assert ProjectUpdate.objects.get(pk=report.pk).state == ProjectUpdate.State.SUBMITTED

    with delivered():
        response = officer_client.post(check, {"action": "return", "return_comment": "Green? The building fell through."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.return_comment) == (ProjectUpdate.State.RETURNED, "Green? The building fell through.")
    manager = council.users[Role.PROGRAMME_MANAGER]
    [email] = mail.outbox
    assert email.to == [manager.email] and "Green? The building fell through." in email.body
    assert reverse("rounds:project_update_edit", args=[report.pk]) in email.body
    assert Notice.objects.filter(round=round_, recipient=manager, kind=Notice.Kind.RETURNED).exists()
    log = officer_client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    emails = log[log.index('id="emails"'):]
    assert "Update returned" in emails and manager.display_name in emails

    mine = lead_of_project.get(reverse("rounds:my_updates")).content.decode()
    assert "Returned:</strong> Green? The building fell through." in mine
    edit = lead_of_project.get(reverse("rounds:project_update_edit", args=[report.pk])).content.decode()
    assert "Returned to you:</strong> Green? The building fell through." in edit
    lead_of_project.post(reverse("rounds:project_update_edit", args=[report.pk]), {
        "rag": "R", "progress_points": "The building fell through", "risks_text": "", "spent": "", "savings": "",
        "voice_and_feedback": "", "version": report.version, "action": "submit",
    })
    report.refresh_from_db()
    assert (report.state, report.rag) == (ProjectUpdate.State.SUBMITTED, "R")
    officer_client.post(check, {"action": "accept"})
    assert Project.objects.get(pk=council.project.pk).rag == "R"


def test_only_a_submitted_report_can_be_returned(council):
    report = board_round(council).project_updates.get()
    with pytest.raises(ValidationError, match="Only a submitted report"):
        programmes.return_project_update(report, by=council.officer, comment="Not yet")


def test_the_check_page_shows_the_report_beside_the_last_one(officer_client, council):
    last_months_report(council)
    report = submitted_report(council, board_round(council), rag="R", progress_points="Building lost",
                              spent=Decimal("20000"))
    page = officer_client.get(reverse("rounds:project_update_check", args=[report.pk])).content.decode()
    this, last = page.split("Last report (as at", 1)
    assert "Building lost" in this and "£20,000" in this and "Red" in this
    assert "Building agreed" in last and "£12,500" in last and "Amber" in last and "Parents like it" in last
    assert "Accept this report" in page and "Return to the lead" in page
    round_page = officer_client.get(reverse("rounds:round_detail", args=[report.round_id])).content.decode()
    assert reverse("rounds:project_update_check", args=[report.pk]) in round_page
