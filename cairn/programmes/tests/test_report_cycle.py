"""Highlight reports through the same cycle as progress updates: a project's RAG follows its accepted reports."""

import datetime as dt
import re

from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.programmes import operations as programmes
from cairn.programmes.models import Project, ProjectUpdate
from cairn.reviews import operations as reviews

TODAY = dt.date.today()


def board_round(council, *, as_at_on=TODAY, title="Board"):
    return programmes.open_programme_round(
        council.programme, by=council.officer, title=title, as_at_on=as_at_on, deadline_on=as_at_on + dt.timedelta(days=7)
    )


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

    officer_client.post(reverse("rounds:project_update_accept", args=[report.pk]))
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
