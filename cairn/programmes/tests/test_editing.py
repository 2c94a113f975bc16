"""Officers, and a programme's own manager, create and change programmes and everything in them in the browser."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.audit.models import AuditEvent
from cairn.lib.dates import add_months, month_start
from cairn.programmes import operations
from cairn.programmes.forms import plan_window
from cairn.programmes.models import Indicator, Milestone, PhasePlanEntry, Programme, Project, Reading, Risk

TODAY = dt.date.today()


def events(action: str):
    return AuditEvent.objects.filter(action=action)


def page(response) -> str:
    return response.content.decode()


def assert_refused_with(response, message: str) -> None:
    assert response.status_code == 200
    html = page(response)
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "<title>Error: " in html
    assert message in html


@pytest.fixture
def manager(council):
    """The council's programme manager, made manager of the world's programme."""
    user = council.users[Role.PROGRAMME_MANAGER]
    operations.update_programme(council.programme, by=council.officer, manager=user)
    return user


@pytest.fixture
def manager_client(client, council):
    client.force_login(council.users[Role.PROGRAMME_MANAGER])
    return client


def plan_field(project, month: dt.date) -> str:
    return f"plan_{project.pk}_{month:%Y_%m}"


# Programmes and projects


def test_officer_adds_a_programme_with_the_standard_phases(officer_client, council):
    manager = council.users[Role.PROGRAMME_MANAGER]
    response = officer_client.post(
        reverse("programmes:programme_create"),
        {"name": "Fostering programme", "manager": manager.pk, "board": council.committee.pk,
         "starts_on": "15/4/2026", "ends_on": "31/3/2028"},
    )
    programme = Programme.objects.get(name="Fostering programme")
    assert response["Location"] == reverse("programmes:programme_detail", args=[programme.pk])
    assert programme.manager == manager and programme.starts_on == dt.date(2026, 4, 1)
    assert [phase.letter for phase in programme.phases.all()] == ["D", "P", "I", "S"]
    assert events("programme.created").filter(target_id=str(programme.pk)).count() == 1


def test_a_programme_cannot_end_before_it_starts(officer_client, council):
    response = officer_client.post(
        reverse("programmes:programme_edit", args=[council.programme.pk]),
        {"name": "Children in care", "starts_on": "1/4/2027", "ends_on": "1/3/2027"},
    )
    assert_refused_with(response, "The last month must be the same as or after the first month")
    assert not events("programme.updated").exists()


def test_programme_managers_change_their_own_programme_but_not_who_manages_it(manager, manager_client, council):
    url = reverse("programmes:programme_edit", args=[council.programme.pk])
    form = page(manager_client.get(url))
    assert 'name="manager"' not in form
    response = manager_client.post(url, {"name": "Children in care programme", "manager": council.officer.pk})
    assert response.status_code == 302
    council.programme.refresh_from_db()
    assert council.programme.name == "Children in care programme" and council.programme.manager == manager
    assert manager_client.get(reverse("programmes:project_edit", args=[council.project.pk])).status_code == 200
    assert manager_client.get(reverse("programmes:programme_create")).status_code == 403


def test_programme_managers_cannot_touch_a_programme_they_do_not_manage(manager_client, council):
    project = council.project
    assert manager_client.get(reverse("programmes:programme_edit", args=[council.programme.pk])).status_code == 403
    response = manager_client.post(reverse("programmes:project_edit", args=[project.pk]), {"name": "Taken over"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.name == "Early help"
    detail = page(manager_client.get(reverse("programmes:project_detail", args=[project.pk])))
    assert reverse("programmes:project_edit", args=[project.pk]) not in detail


def test_projects_are_added_and_changed(officer_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    response = officer_client.post(
        reverse("programmes:project_create", args=[council.programme.pk]),
        {"number": "2", "name": "Residential Review", "short_name": "Residential", "lead": lead.pk, "rag": "G",
         "budget": "£560,000", "key_elements": "- Review placements\n- Commission beds"},
    )
    project = Project.objects.get(name="Residential Review")
    assert response["Location"] == reverse("programmes:project_detail", args=[project.pk])
    assert project.budget == Decimal("560000") and project.lead == lead
    assert project.key_element_lines == ["- Review placements", "- Commission beds"]

    officer_client.post(
        reverse("programmes:project_edit", args=[project.pk]),
        {"number": "2", "name": "Residential Review", "rag": "R", "risk_area": "Market shortage"},
    )
    project.refresh_from_db()
    assert project.rag == "R" and project.risk_area == "Market shortage"
    event = events("project.updated").get()
    assert event.before["rag"] == "G" and event.after["rag"] == "R"


# The phase plan


def test_the_phase_plan_is_set_month_by_month_for_every_project_in_one_change(officer_client, council):
    programme = council.programme
    second = operations.create_project(programme, by=council.officer, name="Fostering", number="2")
    this_month, next_month = month_start(TODAY), add_months(TODAY, 1)
    url = reverse("programmes:phase_plan_edit", args=[programme.pk])
    form = page(officer_client.get(url))
    assert f'name="{plan_field(second, next_month)}"' in form
    assert "D – Design" in form

    response = officer_client.post(
        url,
        {plan_field(council.project, this_month): "P", plan_field(council.project, next_month): "I",
         plan_field(second, next_month): "D"},
    )
    assert response["Location"] == reverse("programmes:programme_detail", args=[programme.pk])
    plan = {(e.project_id, e.month): e.phase.letter for e in PhasePlanEntry.objects.select_related("phase")}
    assert plan == {
        (council.project.pk, this_month): "P", (council.project.pk, next_month): "I", (second.pk, next_month): "D"
    }
    event = events("programme.phase_plan_set").get()
    assert event.before == {str(council.project.pk): {this_month.isoformat(): "D"}, str(second.pk): {}}
    assert event.after[str(second.pk)] == {next_month.isoformat(): "D"}


def test_an_unknown_phase_letter_is_refused_and_nothing_changes(officer_client, council):
    url = reverse("programmes:phase_plan_edit", args=[council.programme.pk])
    response = officer_client.post(url, {plan_field(council.project, month_start(TODAY)): "Z"})
    assert_refused_with(response, "Select a phase from the legend (D, P, I, S)")
    assert "govuk-select--error" in page(response)
    assert list(council.project.phase_plan.values_list("phase__letter", flat=True)) == ["D"]
    assert not events("programme.phase_plan_set").exists()


def test_months_outside_the_year_shown_are_kept(officer_client, council):
    later = add_months(TODAY, 18)
    operations.set_programme_phase_plan(council.programme, by=council.officer, plan={council.project: {later: "S"}})
    officer_client.post(
        reverse("programmes:phase_plan_edit", args=[council.programme.pk]),
        {plan_field(council.project, month_start(TODAY)): ""},
    )
    assert list(council.project.phase_plan.values_list("month", "phase__letter")) == [(later, "S")]


def test_the_plan_is_edited_a_year_at_a_time_within_the_programmes_months(council):
    programme = council.programme
    operations.update_programme(programme, by=council.officer, starts_on=dt.date(2026, 4, 1), ends_on=dt.date(2027, 12, 1))
    months, earlier, later = plan_window(programme, TODAY, None)
    assert (months[0], months[-1], earlier, later) == (dt.date(2026, 4, 1), dt.date(2027, 3, 1), None, dt.date(2027, 4, 1))
    months, earlier, later = plan_window(programme, TODAY, "2027-04")
    assert (months[0], months[-1], earlier, later) == (dt.date(2027, 4, 1), dt.date(2027, 12, 1), dt.date(2026, 4, 1), None)
    months, _, _ = plan_window(programme, TODAY, "not-a-month")
    assert months[0] == dt.date(2026, 4, 1)


def test_the_phase_plan_form_makes_the_same_number_of_queries_however_many_projects(officer_client, council):
    url = reverse("programmes:phase_plan_edit", args=[council.programme.pk])

    def count(method) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert method(url).status_code in (200, 302)
        return len(queries)

    small = count(officer_client.get), count(lambda u: officer_client.post(u, {}))
    for number in range(2, 8):
        project = operations.create_project(council.programme, by=council.officer, name=f"Project {number}")
        operations.set_phase_plan(project, by=council.officer, plan={month_start(TODAY): "P"})
    large = count(officer_client.get), count(lambda u: officer_client.post(u, {}))
    assert large == small


# Milestones, indicators and readings


def test_milestones_are_added_and_changed(officer_client, council):
    project = council.project
    officer_client.post(
        reverse("programmes:milestone_create", args=[project.pk]),
        {"activity": "Consult on the new model", "due_on": "14/2/2027", "due_precision": "month",
         "due_text": "Mid Feb 27", "state": "on"},
    )
    milestone = project.milestones.get(activity="Consult on the new model")
    assert milestone.due_on == dt.date(2027, 2, 28) and milestone.due_display == "Mid Feb 27"
    officer_client.post(
        reverse("programmes:milestone_edit", args=[milestone.pk]),
        {"activity": "Consult on the new model", "state": "completed", "state_text": "Consulted",
         "completed_on": TODAY.strftime("%d/%m/%Y")},
    )
    milestone.refresh_from_db()
    assert milestone.state == Milestone.State.COMPLETED and milestone.state_text == "Consulted"
    assert milestone.completed_on == TODAY and milestone.due_on == dt.date(2027, 2, 28)
    assert events("milestone.updated").count() == 1


def test_indicators_are_added_to_a_project_and_their_thresholds_changed(officer_client, council):
    project = council.project
    officer_client.post(
        reverse("programmes:indicator_create", args=[project.pk]),
        {"name": "Children in care per 10,000", "polarity": "lower", "green_from": "60", "amber_from": "70",
         "frequency": "quarterly", "unit": "per 10,000"},
    )
    indicator = Indicator.objects.get(name="Children in care per 10,000")
    assert list(indicator.projects.all()) == [project]
    response = officer_client.post(
        reverse("programmes:indicator_edit", args=[indicator.pk]),
        {"name": indicator.name, "polarity": "lower", "green_from": "80", "amber_from": "70", "frequency": "quarterly"},
    )
    assert_refused_with(response, "When lower is better, green must start at or below amber")
    response = officer_client.post(
        reverse("programmes:indicator_edit", args=[indicator.pk]),
        {"name": indicator.name, "polarity": "lower", "green_from": "55", "amber_from": "65", "frequency": "quarterly"},
    )
    assert response["Location"] == reverse("programmes:project_detail", args=[project.pk])
    indicator.refresh_from_db()
    assert indicator.green_from == Decimal("55")


def test_readings_follow_the_thresholds_and_refuse_a_second_reading_for_a_period(officer_client, council):
    indicator = council.indicator
    url = reverse("programmes:reading_create", args=[indicator.pk])
    response = officer_client.post(url, {"period_start": "1/1/2026", "value": "650", "period_label": "Jan 26"})
    assert response["Location"] == reverse("programmes:project_detail", args=[council.project.pk])
    reading = indicator.readings.get(period_start=dt.date(2026, 1, 1))
    assert reading.rag == "A" and reading.value == Decimal("650")

    again = officer_client.post(url, {"period_start": "1/1/2026", "value": "700"})
    assert_refused_with(again, f"{indicator.name} already has a reading for Jan 2026")
    backwards = officer_client.post(url, {"period_start": "1/2/2026", "value_low": "9", "value_high": "3"})
    assert_refused_with(backwards, "The lowest value must not be more than the highest value")
    empty = officer_client.post(url, {"period_start": "1/3/2026"})
    assert_refused_with(empty, "Enter the value, or both the lowest and highest values")
    assert Reading.objects.filter(indicator=indicator).count() == 2


# Budget lines and risks


def test_budget_lines_are_added_and_changed(officer_client, council):
    project = council.project
    officer_client.post(
        reverse("programmes:budget_line_create", args=[project.pk]),
        {"name": "Staffing", "financial_year": "2026/27", "budget": "£200,000", "projected_variance": "-15,000"},
    )
    line = project.budget_lines.get(name="Staffing")
    assert line.financial_year == 2026 and line.projected_outturn == Decimal("185000")

    response = officer_client.post(
        reverse("programmes:budget_line_edit", args=[line.pk]),
        {"name": "Staffing", "financial_year": "2026-27", "budget": "200000", "projected_outturn": "190000",
         "projected_variance": "-15000"},
    )
    assert_refused_with(response, "The projected variance must be the outturn less the budget")
    line.refresh_from_db()
    assert line.projected_outturn == Decimal("185000")

    response = officer_client.post(
        reverse("programmes:budget_line_edit", args=[line.pk]),
        {"name": "Staffing", "financial_year": "2026-27", "budget": "200000", "spent": "80000",
         "projected_outturn": "190000", "projected_variance": "-10000"},
    )
    assert response["Location"] == reverse("programmes:project_detail", args=[project.pk])
    line.refresh_from_db()
    assert line.spent == Decimal("80000") and line.projected_outturn == Decimal("190000")


def test_risks_are_recorded_changed_and_closed_but_never_deleted(officer_client, council):
    project = council.project
    officer_client.post(
        reverse("programmes:risk_create", args=[project.pk]),
        {"kind": "barrier", "text": "No suitable building", "rag": "R", "owner_name": "Head of Property"},
    )
    risk = project.risks.get(text="No suitable building")
    officer_client.post(
        reverse("programmes:risk_edit", args=[risk.pk]),
        {"kind": "barrier", "text": "No suitable building", "rag": "A", "mitigation": "Share the health centre"},
    )
    risk.refresh_from_db()
    assert risk.rag == "A" and risk.mitigation == "Share the health centre" and risk.state == "open"

    close = reverse("programmes:risk_close", args=[risk.pk])
    assert "Close this barrier?" in page(officer_client.get(close))
    assert officer_client.post(close)["Location"] == reverse("programmes:project_detail", args=[project.pk])
    risk.refresh_from_db()
    assert risk.state == Risk.State.CLOSED
    officer_client.post(close)
    assert events("risk.closed").count() == 1 and Risk.objects.filter(pk=risk.pk).exists()


# Bad input, and who may edit


BAD_INPUT = [
    ("programmes:programme_edit", "programme", {"name": ""}, "Enter the programme&#39;s name"),
    ("programmes:project_edit", "project", {"name": "<script>alert(1)</script>"}, "Text must not contain HTML tags"),
    ("programmes:project_edit", "project", {"name": "Early help", "budget": "lots"}, "Enter an amount in pounds"),
    ("programmes:milestone_create", "project", {"activity": "Go live", "due_on": "31/2/2026"}, "Enter a real date"),
    ("programmes:risk_create", "project", {"kind": "risk", "text": "@SUM(A1:A9)"}, "Text must not begin like a spreadsheet formula"),
    ("programmes:budget_line_create", "project", {"name": "Staff", "financial_year": "2026-28"}, "Enter a financial year, like 2026-27"),
    ("programmes:reading_create", "indicator", {"period_start": "31/2/2026", "value": "1"}, "Enter a real date"),
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


def record_of(council, kind: str):
    return {
        "programme": council.programme,
        "project": council.project,
        "indicator": council.indicator,
        "milestone": council.project.milestones.first(),
        "budget_line": council.project.budget_lines.first(),
        "risk": council.project.risks.first(),
    }[kind]


EDIT_POSTS = [
    ("programmes:programme_create", None, {"name": "Taken over"}),
    ("programmes:programme_edit", "programme", {"name": "Taken over"}),
    ("programmes:phase_plan_edit", "programme", {}),
    ("programmes:project_create", "programme", {"name": "Taken over"}),
    ("programmes:project_edit", "project", {"name": "Taken over"}),
    ("programmes:milestone_edit", "milestone", {"activity": "Taken over"}),
    ("programmes:indicator_edit", "indicator", {"name": "Taken over", "polarity": "higher", "frequency": "monthly"}),
    ("programmes:reading_create", "indicator", {"period_start": "1/1/2020", "value": "1"}),
    ("programmes:budget_line_edit", "budget_line", {"name": "Taken over", "financial_year": "2026"}),
    ("programmes:risk_edit", "risk", {"kind": "risk", "text": "Taken over"}),
    ("programmes:risk_close", "risk", {}),
]


# Every role's GET is in the access matrix (core/tests/test_tenancy.py); here, that a refused POST writes nothing.
# The programme manager does not manage the world's programme.
@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.PROGRAMME_MANAGER])
def test_a_refused_post_is_403_and_changes_nothing(role, client, council):
    client.force_login(council.users[role])
    before = AuditEvent.objects.count()
    outcomes = {
        name: client.post(reverse(name, args=[record_of(council, kind).pk] if kind else []), data).status_code
        for name, kind, data in EDIT_POSTS
    }
    assert outcomes == {name: 403 for name, _, _ in EDIT_POSTS}
    assert AuditEvent.objects.count() == before


def test_another_councils_records_are_not_found_on_get_or_post(other_council_client, council):
    before = AuditEvent.objects.count()
    outcomes = {}
    for name, kind, data in EDIT_POSTS:
        if kind:
            url = reverse(name, args=[record_of(council, kind).pk])
            outcomes[name] = (other_council_client.get(url).status_code, other_council_client.post(url, data).status_code)
    assert set(outcomes.values()) == {(404, 404)}, outcomes
    assert AuditEvent.objects.count() == before


def test_the_programmes_own_manager_may_do_everything_in_it(manager, manager_client, council):
    project = council.project
    manager_client.post(reverse("programmes:milestone_create", args=[project.pk]), {"activity": "Open the hub"})
    manager_client.post(reverse("programmes:risk_create", args=[project.pk]), {"kind": "risk", "text": "Delay"})
    manager_client.post(
        reverse("programmes:reading_create", args=[council.indicator.pk]), {"period_start": "1/1/2020", "value": "5"}
    )
    manager_client.post(
        reverse("programmes:phase_plan_edit", args=[council.programme.pk]),
        {plan_field(project, month_start(TODAY)): "S"},
    )
    assert project.milestones.filter(activity="Open the hub").exists()
    assert project.risks.filter(text="Delay").exists()
    assert council.indicator.readings.filter(period_start=dt.date(2020, 1, 1)).exists()
    assert project.phase_plan.get().phase.letter == "S"
    assert AuditEvent.objects.filter(actor=manager).exclude(action="user.signed_in").count() == 4
    detail = page(manager_client.get(reverse("programmes:programme_detail", args=[council.programme.pk])))
    assert reverse("programmes:phase_plan_edit", args=[council.programme.pk]) in detail


def test_a_councillor_sees_no_links_to_edit(client, council):
    client.force_login(council.users[Role.COUNCILLOR])
    html = page(client.get(reverse("programmes:programme_detail", args=[council.programme.pk])))
    html += page(client.get(reverse("programmes:project_detail", args=[council.project.pk])))
    html += page(client.get(reverse("programmes:programme_list")))
    assert "/edit/" not in html and "/new/" not in html and "phase-plan" not in html and "/close/" not in html
