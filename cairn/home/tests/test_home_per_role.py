"""Each role's home page leads with its own work, every entry linking to where the work is done; a person with several
roles sees each section; councillors see no round still being written, and no count of drafts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts import operations as accounts
from cairn.accounts.models import Role
from cairn.core.testing import add_recommendation
from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews
from cairn.reviews import round_operations

HOME = "/"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def manage(council):
    """The council's programme manager manages its programme, with a programme round asking for its reports."""
    pm = council.users[Role.PROGRAMME_MANAGER]
    programmes.update_programme(council.programme, by=council.officer, manager=pm)
    today = dt.date.today()
    round_ = programmes.open_programme_round(council.programme, by=council.officer, title="Board, this month",
                                             as_at_on=today, deadline_on=today + dt.timedelta(days=7))
    return pm, round_


def html(client) -> str:
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_a_programme_managers_home_is_about_their_programmes(council):
    pm, round_ = manage(council)
    today = dt.date.today()
    late = programmes.add_milestone(council.project, by=council.officer, activity="Open the hub",
                                    due_on=today - dt.timedelta(days=5))
    programmes.add_milestone(council.project, by=council.officer, activity="Done already",
                             due_on=today - dt.timedelta(days=50), completed_on=today - dt.timedelta(days=49))
    programmes.add_milestone(council.project, by=council.officer, activity="Far off", due_on=today + dt.timedelta(days=90))
    page = html(client_for(pm))

    assert "Your programmes" in page
    assert reverse("programmes:programme_detail", args=[council.programme.pk]) in page
    # The fixture's project is amber, and its report in the open round is due from its programme's manager.
    assert "Projects at red or amber" in page and reverse("programmes:project_detail", args=[council.project.pk]) in page
    assert "1 due, 0 submitted, 0 returned" in page
    assert "Highlight reports asked of you" in page
    report = round_.project_updates.get()
    assert reverse("rounds:project_update_edit", args=[report.pk]) in page
    assert reverse("rounds:round_detail", args=[round_.pk]) in page
    # Slipping: overdue and not done; the completed and the future milestones are not.
    assert "Open the hub" in page and reverse("programmes:milestone_revise", args=[late.pk]) in page
    assert "Done already" not in page and "Far off" not in page
    # The page is about programmes: no recommendations dashboard, no rounds table for officers.
    assert "Open recommendations by latest assessment" not in page and "Overdue actions" not in page
    assert "Submitted, to check" not in page


@pytest.mark.django_db
def test_a_programme_manager_who_manages_nothing_is_told_so(council):
    page = html(client_for(council.users[Role.PROGRAMME_MANAGER]))
    assert "No programme names you as its manager yet" in page
    assert reverse("programmes:programme_list") in page


@pytest.mark.django_db
def test_a_returned_report_and_a_submitted_one_are_counted_against_the_programme(council):
    pm, round_ = manage(council)
    second = programmes.create_project(council.programme, by=council.officer, number="2", name="Fostering", rag="R")
    round_ = programmes.open_programme_round(council.programme, by=council.officer, title="Board, next month",
                                             as_at_on=dt.date.today(), deadline_on=dt.date.today())
    first, other = round_.project_updates.order_by("project__order", "project_id")
    first = programmes.save_project_update(first, by=pm, rag="A", progress_points="Going well")
    programmes.submit_project_update(first, by=pm)
    other = programmes.save_project_update(other, by=pm, rag="R", progress_points="Late")
    other = programmes.submit_project_update(other, by=pm)
    programmes.return_project_update(other, by=council.officer, comment="Say why")
    page = html(client_for(pm))
    # The first round's report is still due; this round has one submitted and one returned.
    assert "1 due, 1 submitted, 1 returned" in page
    off_track = page[page.index("Projects at red or amber"):page.index("Milestones slipping</h3>")]
    assert off_track.index(str(second)) < off_track.index(str(council.project))  # red before amber


@pytest.mark.django_db
def test_a_finance_managers_home_links_each_figure_to_its_confirmation_and_round(council):
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(council.collecting_round.updates.get(), by=lead, evidence="Done.",
                                          level=council.level("2"), savings_amount=Decimal("48000"),
                                          savings_basis="estimated")
    reviews.submit_progress_update(update, by=lead)
    page = html(client_for(council.users[Role.FINANCE_MANAGER]))
    assert "1 savings or cost figure given by leads waits for your confirmation" in page
    assert reverse("rounds:update_savings", args=[update.pk]) in page
    assert reverse("rounds:round_detail", args=[council.collecting_round.pk]) in page


@pytest.mark.django_db
def test_a_finance_manager_with_nothing_to_confirm_is_told_so(council):
    page = html(client_for(council.users[Role.FINANCE_MANAGER]))
    assert "No savings figures wait for your confirmation." in page


@pytest.mark.django_db
def test_a_leads_home_lists_their_updates_linked_to_writing_them(council):
    page = html(client_for(council.users[Role.LEAD_OFFICER]))
    update = council.collecting_round.updates.get()
    assert "Updates asked of you" in page
    assert reverse("rounds:update_edit", args=[update.pk]) in page
    assert reverse("rounds:round_detail", args=[council.collecting_round.pk]) in page


@pytest.mark.django_db
def test_the_scrutiny_officers_rounds_link_to_the_round_and_leave_out_cancelled_ones(council, officer_client):
    cancelled = reviews.open_round(council.org, by=council.officer, title="Opened by mistake",
                                   as_at_on=dt.date.today(), deadline_on=dt.date.today())
    round_operations.cancel_round(cancelled, by=council.officer, reason="Opened twice")
    page = html(officer_client)
    assert "Submitted, to check" in page
    assert reverse("rounds:round_detail", args=[council.collecting_round.pk]) in page
    assert "Opened by mistake" not in page
    # Recently published rounds link to the round too.
    assert reverse("rounds:round_detail", args=[council.published_round.pk]) in page


@pytest.mark.django_db
def test_councillors_see_published_rounds_only_and_no_counts_of_drafts(council, councillor_client):
    lead = council.users[Role.LEAD_OFFICER]
    reviews.save_progress_update(council.collecting_round.updates.get(), by=lead, evidence="Drafting")
    page = html(councillor_client)
    assert council.collecting_round.title not in page
    assert "Rounds in progress" not in page and "Drafted" not in page
    assert "Recently published" in page
    assert reverse("rounds:round_detail", args=[council.published_round.pk]) in page
    # Every round linked from a councillor's home opens for them.
    assert councillor_client.get(reverse("rounds:round_detail", args=[council.published_round.pk])).status_code == 200


@pytest.mark.django_db
def test_a_person_with_several_roles_sees_each_section(council):
    pm, _ = manage(council)
    pm = accounts.update_user(pm, by=council.users[Role.ADMINISTRATOR], roles=[Role.PROGRAMME_MANAGER, Role.FINANCE_MANAGER])
    page = html(client_for(pm))
    assert "Your programmes" in page and "Figures waiting for you" in page
    # A finance manager works on recommendations, so the council's recommendations are shown too.
    assert "Open recommendations by latest assessment" in page
    assert page.index("Figures waiting for you") < page.index("Your programmes") < page.index("Open recommendations")


def grow(council, pm, n: int) -> None:
    """n more of everything each role's sections show: projects off track, slipping milestones, reports, rounds,
    updates asked and figures to confirm."""
    officer, lead, finance = council.officer, council.users[Role.LEAD_OFFICER], council.users[Role.FINANCE_MANAGER]
    today = dt.date.today()
    recommendations = []
    for i in range(n):
        programme = programmes.create_programme(council.org, by=officer, name=f"Programme {i}", manager=pm)
        project = programmes.create_project(programme, by=officer, name=f"Project {i}", number=str(i), rag="R")
        programmes.add_milestone(project, by=officer, activity=f"Milestone {i}", due_on=today - dt.timedelta(days=i + 1))
        programmes.open_programme_round(programme, by=officer, title=f"Board {i}", as_at_on=today, deadline_on=today)
        rec = add_recommendation(council.review, f"{20 + i}", by=officer, lead=lead, finance=finance)
        reviews.record_executive_response(rec, by=officer, response="accepted", responded_on=None)
        recommendations.append(rec)
    round_ = reviews.open_round(council.org, by=officer, title=f"Round with {n} more", as_at_on=today,
                                deadline_on=today, recommendations=recommendations)
    for update in round_.updates.all():
        update = reviews.save_progress_update(update, by=lead, evidence="Done.", level=council.level("2"),
                                              savings_amount=Decimal("1000"), savings_basis="actual")
        reviews.submit_progress_update(update, by=lead)


@pytest.mark.django_db
@pytest.mark.parametrize("roles", [
    [Role.PROGRAMME_MANAGER], [Role.FINANCE_MANAGER], [Role.LEAD_OFFICER], [Role.COUNCILLOR],
    [Role.SCRUTINY_OFFICER], [Role.PROGRAMME_MANAGER, Role.FINANCE_MANAGER, Role.LEAD_OFFICER, Role.SCRUTINY_OFFICER],
])
def test_each_roles_home_makes_the_same_number_of_queries_however_much_there_is(council, roles):
    pm = council.users[Role.PROGRAMME_MANAGER]
    person = accounts.create_user(council.org, by=None, username="several", password=None, roles=roles)
    client = client_for(person)
    grow(council, pm if Role.PROGRAMME_MANAGER not in roles else person, 2)
    with CaptureQueriesContext(connection) as small:
        html(client)
    grow(council, pm if Role.PROGRAMME_MANAGER not in roles else person, 13)
    with CaptureQueriesContext(connection) as large:
        page = html(client)
    assert len(large) == len(small), f"{roles}: {len(small)} queries with less data, {len(large)} with more"
    if Role.PROGRAMME_MANAGER in roles:
        assert "And 5 more at red or amber" in page  # 15 red projects, 10 shown
    if Role.SCRUTINY_OFFICER in roles:
        assert "more: " in page and "see every round" in page
    if Role.COUNCILLOR in roles:
        assert "Board 1" not in page


@pytest.mark.django_db
def test_the_home_pages_joins_to_recommendations_name_the_council_there_too(council):
    """With hundreds of councils in one database, a join filtered on the recommendation's state alone reads every
    council's recommendations; naming the council on the joined table lets PostgreSQL read only its own."""
    client = Client()
    client.force_login(council.users[Role.SCRUTINY_OFFICER])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home:home")).status_code == 200
    joined = [q["sql"] for q in queries
              if 'JOIN "reviews_recommendation"' in q["sql"] and '"reviews_recommendation"."state" =' in q["sql"]]
    assert joined
    for sql in joined:
        assert '"reviews_recommendation"."organisation_id" =' in sql, sql
