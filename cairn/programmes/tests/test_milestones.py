"""Milestones held as steps of an action plan are: the date first agreed kept, later dates revisions with a reason,
a completion date and an owner; the programme dashboard shows how far they have slipped."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.programmes import operations as programmes
from cairn.programmes.models import Milestone
from cairn.reports import data, docx
from cairn.reports.tests.reading import docx_text
from cairn.reviews import operations as reviews

TODAY = dt.date.today()


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def test_a_milestone_is_added_with_an_owner_and_its_date_revised_with_a_reason(officer_client, council):
    project, lead = council.project, council.users[Role.LEAD_OFFICER]
    first = TODAY + dt.timedelta(days=10)
    officer_client.post(reverse("programmes:milestone_create", args=[project.pk]), {
        "activity": "Open the family hub", "due_on": uk(first), "due_precision": "day", "owner": lead.pk,
        "state": "on",
    })
    milestone = project.milestones.get(activity="Open the family hub")
    assert (milestone.due_on, milestone.current_due_on, milestone.owner) == (first, first, lead)

    revise = reverse("programmes:milestone_revise", args=[milestone.pk])
    officer_client.post(revise, {"due_on": uk(first + dt.timedelta(days=30)), "due_precision": "day",
                                 "reason": "The builders found asbestos."})
    officer_client.post(revise, {"due_on": uk(first + dt.timedelta(days=45)), "due_precision": "day",
                                 "reason": "Fire doors delivered late."})
    milestone.refresh_from_db()
    assert milestone.due_on == first and milestone.current_due_on == first + dt.timedelta(days=45)
    assert [r.reason for r in milestone.revisions.all()] == ["The builders found asbestos.", "Fire doors delivered late."]
    assert milestone.revisions.last().recorded_by == council.officer
    events = AuditEvent.objects.for_object(milestone).filter(action="milestone.due_revised")
    assert events.count() == 2 and events.order_by("pk").last().before == {"current_due_on": (first + dt.timedelta(days=30)).isoformat()}

    dashboard = officer_client.get(reverse("programmes:programme_detail", args=[council.programme.pk])).content.decode()
    assert "Slipped from the date first agreed" in dashboard
    assert "Slipped 45 days, revised twice" in dashboard and f"First agreed: {uk(first)}" in dashboard
    assert "Revised because: Fire doors delivered late." in dashboard and lead.display_name in dashboard
    page = officer_client.get(revise).content.decode()
    assert "The builders found asbestos." in page and "Due date first agreed" in page


def test_a_revision_without_a_reason_or_a_date_is_refused_and_changes_nothing(officer_client, council):
    milestone = council.project.milestones.get()
    revise = reverse("programmes:milestone_revise", args=[milestone.pk])
    page = officer_client.post(revise, {"due_on": uk(TODAY + dt.timedelta(days=5)), "reason": ""}).content.decode()
    assert "Enter why the due date has changed" in page
    page = officer_client.post(revise, {"due_on": "", "due_text": "", "reason": "Later"}).content.decode()
    assert "Enter a date" in page
    milestone.refresh_from_db()
    assert milestone.current_due_on == milestone.due_on and not milestone.revisions.exists()


def test_the_due_date_is_not_overwritten_by_a_change(council):
    milestone = council.project.milestones.get()
    with pytest.raises(ValueError, match="not fields of a milestone"):
        programmes.update_milestone(milestone, by=council.officer, due_on=TODAY + dt.timedelta(days=9))


def test_completing_a_milestone_needs_its_date_and_ends_its_revisions(officer_client, council):
    milestone = council.project.milestones.get()
    edit = reverse("programmes:milestone_edit", args=[milestone.pk])
    page = officer_client.post(edit, {"activity": milestone.activity, "state": "completed"}).content.decode()
    assert "Enter the date the milestone was completed" in page
    page = officer_client.post(edit, {"activity": milestone.activity, "state": "on",
                                      "completed_on": uk(TODAY + dt.timedelta(days=3))}).content.decode()
    assert "The date completed must be today or in the past" in page
    assert Milestone.objects.get(pk=milestone.pk).completed_on is None

    officer_client.post(edit, {"activity": milestone.activity, "state": "on", "completed_on": uk(TODAY)})
    milestone.refresh_from_db()
    assert (milestone.state, milestone.completed_on) == (Milestone.State.COMPLETED, TODAY)
    with pytest.raises(ValidationError, match="completed"):
        programmes.revise_milestone_due(milestone, by=council.officer, due_on=TODAY, reason="Late")


def table(page: str, caption: str) -> str:
    """The dashboard's table of that caption ("" when it has none)."""
    return page.split(caption)[1].split("</table>")[0] if caption in page else ""


def test_a_milestone_revised_to_a_later_date_is_no_longer_missed(officer_client, council):
    milestone = programmes.add_milestone(council.project, by=council.officer, activity="Recruit the team",
                                         due_on=TODAY - dt.timedelta(days=20), state=Milestone.State.ON)
    dashboard = reverse("programmes:programme_detail", args=[council.programme.pk])
    assert "Recruit the team" in table(officer_client.get(dashboard).content.decode(), "Missed or off track")
    programmes.revise_milestone_due(milestone, by=council.officer, due_on=TODAY + dt.timedelta(days=20),
                                    reason="Agency staff first")
    page = officer_client.get(dashboard).content.decode()
    assert "Recruit the team" not in table(page, "Missed or off track")
    assert "Recruit the team" in table(page, "Due in the next 60 days")
    assert "Slipped 40 days, revised once" in page


def test_the_migration_carries_each_due_date_over_as_the_current_one(council):
    milestone = council.project.milestones.get()
    Milestone.objects.filter(pk=milestone.pk).update(current_due_on=None)
    import_module("cairn.programmes.migrations.0005_milestone_revisions").carry_over_due_dates(apps, None)
    assert Milestone.objects.get(pk=milestone.pk).current_due_on == milestone.due_on


def test_the_board_paper_gives_the_revised_date_and_the_date_first_agreed(council):
    milestone = council.project.milestones.get()
    later = TODAY + dt.timedelta(days=31)
    programmes.revise_milestone_due(milestone, by=council.officer, due_on=later, reason="Lease signed late")
    round_ = programmes.open_programme_round(council.programme, by=council.officer, title="Board", as_at_on=TODAY,
                                             deadline_on=TODAY)
    report = programmes.save_project_update(round_.project_updates.get(), by=council.officer, rag="A")
    programmes.accept_project_update(programmes.submit_project_update(report, by=council.officer), by=council.officer)
    reviews.publish_round(round_, by=council.officer)
    round_.refresh_from_db()
    [frozen] = round_.published_content["projects"][0]["milestones"]
    assert (frozen["date"], frozen["first_agreed"], frozen["revisions"]) == (uk(later), uk(milestone.due_on), 1)
    paper = data.highlight_from_content(
        round_.published_content, programme_id=council.programme.pk, programme_name=council.programme.name,
        published=True, published_on=None, content_hash="",
    )
    assert f"(first agreed {uk(milestone.due_on)})" in docx_text(docx.render(paper))


def test_a_month_slips_by_months_and_a_milestone_past_its_date_is_overdue(council):
    from cairn.programmes.presenters import slippage

    milestone = programmes.add_milestone(council.project, by=council.officer, activity="Open the unit",
                                         due_on=dt.date(2026, 3, 31), due_precision="month", due_text="March 2026")
    assert slippage(milestone, dt.date(2026, 3, 1)) == ""
    assert slippage(milestone, dt.date(2026, 4, 10)) == "Overdue by 10 days"
    programmes.revise_milestone_due(milestone, by=council.officer, due_on=dt.date(2026, 6, 30), due_precision="month",
                                    due_text="June 2026", reason="Staff not yet recruited")
    milestone = Milestone.objects.prefetch_related("revisions").get(pk=milestone.pk)
    assert slippage(milestone, dt.date(2026, 4, 10)) == "Slipped 3 months, revised once"
    programmes.update_milestone(milestone, by=council.officer, completed_on=dt.date(2026, 7, 3))
    milestone = Milestone.objects.prefetch_related("revisions").get(pk=milestone.pk)
    assert slippage(milestone, dt.date(2026, 8, 1)) == "Completed 94 days late, revised once"
