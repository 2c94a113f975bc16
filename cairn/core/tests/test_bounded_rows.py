"""The home page and a review's page read the rows they show, not the history behind them: years more of published
rounds leave the rows they fetch (counted from the database, not timed) where they were."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse

from cairn.core.testing import add_recommendation
from cairn.reviews import operations as reviews
from cairn.reviews.models import AssessmentLevel, ProgressUpdate


class RowsFetched:
    """Counts the rows every SELECT returns, by asking the database how many rows the same query has."""

    def __init__(self):
        self.rows, self.counting = 0, False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.counting and not many and sql.lstrip().upper().startswith("SELECT"):
            self.counting = True
            try:
                with context["connection"].cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
                    self.rows += cursor.fetchone()[0]
            finally:
                self.counting = False
        return result


def rows_for(client, url: str) -> int:
    counter = RowsFetched()
    with connection.execute_wrapper(counter):
        assert client.get(url).status_code == 200
    return counter.rows


def add_history(council, recommendations, rounds: int, *, slips: bool = True) -> None:
    """Quarterly published rounds on these recommendations, before the fixture's: on track, or a third slipped."""
    levels = {level.meaning: level for level in council.scale.levels.all()}
    start = council.published_round.as_at_on - dt.timedelta(days=92 * (rounds + 1))
    for number in range(rounds):
        as_at_on = start + dt.timedelta(days=92 * number)
        progress = {
            rec: {"evidence": f"Progress {number}", "level": levels[AssessmentLevel.Meaning.ON_TRACK]}
            if (number + index) % 3 or not slips else
            {"evidence": "Late", "level": levels[AssessmentLevel.Meaning.SLIPPED], "assessment_reason": "Staff left",
             "revised_target_on": as_at_on + dt.timedelta(days=120)}
            for index, rec in enumerate(recommendations)
        }
        round_ = reviews.record_past_round(council.org, by=council.officer, title=f"Round {number}",
                                           as_at_on=as_at_on, deadline_on=as_at_on, progress=progress)
        reviews.publish_round(round_, by=council.officer)


@pytest.mark.django_db
def test_home_and_review_pages_read_no_more_rows_as_history_grows(council, officer_client):
    recommendations = [council.recommendation] + [
        add_recommendation(council.review, str(number), by=council.officer) for number in range(2, 13)
    ]
    for rec in recommendations[1:]:
        reviews.record_executive_response(rec, by=council.officer, response="accepted", responded_on=None)
    review_url = reverse("reviews:review_detail", args=[council.review.pk])
    add_history(council, recommendations, rounds=2)
    home, review = rows_for(officer_client, "/"), rows_for(officer_client, review_url)
    updates = ProgressUpdate.objects.count()

    # Five more years of progress on track: nothing more to show but a download link a round and a year in the chart.
    add_history(council, recommendations, rounds=20, slips=False)
    assert ProgressUpdate.objects.count() >= updates + 20 * len(recommendations)
    assert rows_for(officer_client, "/") <= home
    assert rows_for(officer_client, review_url) <= review + 20 + 6


def add_work(council, person, n: int, start: int) -> None:
    """n more of what each role's home sections list, all for one person: amber projects in the programme they
    manage with overdue milestones and reports asked, rounds collecting, updates asked of them as lead and figures
    given for them to confirm as finance manager."""
    from cairn.programmes import operations as programmes

    officer, today = council.officer, dt.date.today()
    for number in range(start, start + n):
        project = programmes.create_project(council.programme, by=officer, name=f"Project {number}",
                                            number=str(number), rag="A")
        programmes.add_milestone(project, by=officer, activity=f"Milestone {number}", due_on=today - dt.timedelta(days=3))
        rec = add_recommendation(council.review, str(number), by=officer, lead=person, finance=person)
        reviews.record_executive_response(rec, by=officer, response="accepted", responded_on=None)
        round_ = reviews.open_round(council.org, by=officer, title=f"Round {number}", as_at_on=today,
                                    deadline_on=today, recommendations=[rec])
        update = reviews.save_progress_update(round_.updates.get(), by=person, evidence="Done.", level=council.level("2"),
                                              savings_amount=1000, savings_basis="actual")
        reviews.submit_progress_update(update, by=person)
    programmes.open_programme_round(council.programme, by=officer, title=f"Board {start}", as_at_on=today,
                                    deadline_on=today)


@pytest.mark.django_db
def test_each_roles_home_sections_read_no_more_rows_as_their_lists_grow(council):
    from django.test import Client

    from cairn.accounts import operations as accounts
    from cairn.accounts.models import Role
    from cairn.programmes import operations as programmes

    person = accounts.create_user(council.org, by=None, username="several", roles=[
        Role.PROGRAMME_MANAGER, Role.FINANCE_MANAGER, Role.LEAD_OFFICER, Role.SCRUTINY_OFFICER,
    ])
    programmes.update_programme(council.programme, by=council.officer, manager=person)
    client = Client()
    client.force_login(person)
    add_work(council, person, 12, start=100)  # more than each list shows
    before = rows_for(client, "/")
    add_work(council, person, 12, start=200)
    page = client.get("/").content.decode()
    assert "And 14 more figures to confirm" in page and "And 14 more progress updates" in page
    assert rows_for(client, "/") <= before
