"""A review's or programme's page links its newest papers; a page of its own lists every round's, a page at a time,
only those the person may see."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.reports.presenters import NEWEST_PAPERS
from cairn.reviews import operations as reviews

pytestmark = pytest.mark.django_db


def page(user, name, pk, **query) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse(name, args=[pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def more_rounds(council, count: int) -> None:
    """`count` further rounds, published, reporting on the council's review."""
    start = council.published_round.as_at_on
    for n in range(count):
        past = reviews.record_past_round(
            council.org, by=council.officer, title=f"Earlier round {n}", as_at_on=start - dt.timedelta(days=30 * (n + 1)),
            deadline_on=start - dt.timedelta(days=30 * (n + 1) - 5),
            progress={council.recommendation: {"evidence": f"Step {n}", "level": council.level("2"), "savings_text": "None"}},
        )
        reviews.publish_round(past, by=council.officer)


def test_the_review_page_links_the_newest_and_the_papers_page_lists_them_all(council):
    more_rounds(council, NEWEST_PAPERS + 2)  # with the council's own two rounds: 9 reporting on the review
    officer = council.officer
    review_page = page(officer, "reviews:review_detail", council.review.pk)
    assert review_page.count("<li>Progress update as at") == NEWEST_PAPERS
    assert reverse("reviews:review_papers", args=[council.review.pk]) in review_page
    papers = page(officer, "reviews:review_papers", council.review.pk)
    assert papers.count("<li>Progress update as at") == NEWEST_PAPERS + 4
    assert "9 rounds, newest first" in papers
    # Councillors see papers of rounds in review or published only: the collecting round is not theirs.
    councillor = page(council.users[Role.COUNCILLOR], "reviews:review_papers", council.review.pk)
    assert councillor.count("<li>Progress update as at") == NEWEST_PAPERS + 3
    collecting = f"round={council.collecting_round.pk}\""
    assert collecting in papers and collecting not in councillor


def test_a_review_with_few_rounds_has_no_link_to_more(council):
    review_page = page(council.officer, "reviews:review_detail", council.review.pk)
    assert reverse("reviews:review_papers", args=[council.review.pk]) not in review_page


def test_the_programme_papers_page(council):
    text = page(council.officer, "programmes:programme_papers", council.programme.pk)
    assert "Highlight reports" in text and "No round has reported on it yet." in text
