"""List and dashboard pages make the same number of queries however much data there is."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.core.testing import add_recommendation
from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews


def grow(council, n: int) -> None:
    """Add n more recommendations (with steps, estimates and updates), reviews and projects."""
    officer = council.officer
    for i in range(n):
        rec = add_recommendation(council.review, f"{10 + i}", by=officer, lead=council.users["lead_officer"])
        reviews.create_saving_estimate(council.review, by=officer, recommendations=[rec], text="£1,000", max_amount=Decimal(1000))
        reviews.create_review(council.org, by=officer, kind="scrutiny", title=f"Extra review {i}")
        project = programmes.create_project(council.programme, by=officer, name=f"Project {i}", number=str(10 + i), rag="G")
        programmes.set_phase_plan(project, by=officer, plan={dt.date.today().replace(day=1): "P"})
        programmes.add_milestone(project, by=officer, activity=f"Milestone {i}", due_on=dt.date.today())
        indicator = programmes.create_indicator(council.org, by=officer, name=f"Indicator {i}", projects=[project])
        programmes.record_reading(indicator, by=officer, period_start=dt.date.today().replace(day=1), value=Decimal(i))
        programmes.add_budget_line(council.org, by=officer, name=f"Line {i}", financial_year=2026, project=project, spent=Decimal(5))
    # New recommendations join a round, so the update history grows too.
    reviews.open_round(council.org, by=officer, title=f"Round with {n} more", as_at_on=dt.date.today(), deadline_on=dt.date.today())


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,record",
    [
        ("home:home", None),
        ("reviews:review_list", None),
        ("reviews:review_detail", "review"),
        ("programmes:programme_list", None),
        ("programmes:programme_detail", "programme"),
        ("reviews:recommendation_detail", "recommendation"),
        ("programmes:project_detail", "project"),
        ("reviews:recommendation_tracker", None),
        ("rounds:round_list", None),
        ("rounds:my_updates", None),
        ("rounds:round_detail", "collecting_round"),
    ],
)
def test_query_count_does_not_grow_with_data(name, record, officer_client, council):
    url = reverse(name, args=[getattr(council, record).pk] if record else [])
    grow(council, 2)
    small = count_queries(officer_client, url)
    grow(council, 8)
    large = count_queries(officer_client, url)
    assert large == small, f"{name}: {small} queries with less data, {large} with more"
