"""One search box: a council's reviews, recommendations, projects, milestones, indicators and papers, grouped by kind,
each linking to its page with the words found marked; never another council's; a page of each kind at a time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews
from cairn.search.presenters import excerpt

URL = reverse("search:results")


def search(client, query: str, **more) -> str:
    response = client.get(URL, {"q": query, **more})
    assert response.status_code == 200
    return response.content.decode()


def group(page: str, key: str) -> str:
    """The part of the results page for one kind of record (empty when the kind found nothing)."""
    start = page.find(f'id="{key}"')
    if start == -1:
        return ""
    end = page.find("<h2", start + 1)
    return page[start:end if end != -1 else None]


@pytest.mark.django_db
def test_every_kind_of_record_is_found_and_links_to_its_page(council, councillor_client):
    officer = council.officer
    reviews.update_review(council.review, by=officer, summary="How the council places looked after children.")
    paper = council.review.papers.get()
    reviews.update_paper(paper, by=officer, summary="This report asks the committee to note progress on placements.")
    milestone = council.project.milestones.get()
    page = search(councillor_client, "placements")
    assert "Review of placements" in group(page, "reviews")
    assert reverse("reviews:review_detail", args=[council.review.pk]) in group(page, "reviews")
    assert f'{reverse("reviews:review_detail", args=[council.review.pk])}#paper-{paper.pk}' in group(page, "papers")
    assert "note progress on <mark>placements</mark>" in group(page, "papers")

    page = search(councillor_client, "ACTION 1")  # every word, any case: "recommend action 1"
    assert reverse("reviews:recommendation_detail", args=[council.recommendation.pk]) in group(page, "recommendations")
    assert "recommend <mark>action</mark> <mark>1</mark>" not in page  # one letter is not a word to look for
    assert "<mark>action</mark> 1" in group(page, "recommendations")

    page = search(councillor_client, "early help")
    assert reverse("programmes:project_detail", args=[council.project.pk]) in group(page, "projects")
    assert "Early help episodes open" in group(page, "indicators")
    assert reverse("programmes:project_detail", args=[council.project.pk]) in group(page, "indicators")

    page = search(councillor_client, "building")
    assert "Agree a building" in group(page, "milestones")
    assert reverse("programmes:project_detail", args=[milestone.project_id]) in group(page, "milestones")
    assert "Milestones (1)" in page and "Reviews (" not in page


@pytest.mark.django_db
def test_a_paper_is_found_by_what_its_sections_say(council, officer_client):
    paper = council.review.papers.get()
    reviews.add_paper_section(paper, by=council.officer, heading="Workload", body="Caseloads per social worker fell to 18.")
    page = search(officer_client, "caseloads")
    assert paper.title in group(page, "papers")
    assert "<mark>Caseloads</mark> per social worker" in group(page, "papers")


@pytest.mark.django_db
def test_another_councils_records_are_never_found(council, other_council, other_council_client, officer_client):
    page = search(other_council_client, "placements")
    assert "(exampleton)" not in page and "(otherton)" in page
    ours, theirs = (reverse("reviews:review_detail", args=[c.review.pk]) for c in (council, other_council))
    assert f'href="{theirs}"' in page and f'href="{ours}"' not in page and f'href="{ours}#' not in page
    assert reverse("reviews:recommendation_detail", args=[council.recommendation.pk]) not in search(
        other_council_client, "recommend action")
    page = search(officer_client, "otherton")
    assert "No reviews, recommendations, projects, milestones, indicators or papers match" in page


@pytest.mark.django_db
@pytest.mark.parametrize("query,message", [
    ("", "Enter a word or more to search for"),
    ("   ", "Enter a word or more to search for"),
    ("a", "Enter at least 2 letters or numbers to search for"),
    ("a b c", "Enter at least 2 letters or numbers to search for"),
    ("x" * 201, "Search for 200 characters or fewer"),
    (" ".join(f"w{n}" for n in range(11)), "Search for 10 words or fewer"),
])
def test_an_empty_or_too_short_query_says_what_to_do(officer_client, query, message):
    page = search(officer_client, query)
    assert message in page
    assert "<title>Error: " in page and 'href="#search-query"' in page
    assert "govuk-input--error" in page


@pytest.mark.django_db
def test_the_page_without_a_query_shows_the_box_and_no_error(officer_client):
    page = officer_client.get(URL).content.decode()
    assert 'id="search-query"' in page and "There is a problem" not in page


@pytest.mark.django_db
def test_nothing_found_says_so(officer_client):
    page = search(officer_client, "zebra crossing")
    assert "No reviews, recommendations, projects, milestones, indicators or papers match “zebra crossing”." in page


@pytest.mark.django_db
def test_results_come_a_page_of_each_kind_at_a_time_and_the_query_count_stays_the_same(council, officer_client):
    def add_projects(first: int, n: int) -> None:
        for number in range(first, first + n):
            project = programmes.create_project(council.programme, by=council.officer, number=str(number),
                                                name=f"Harbour project {number}", objective="Harbour works")
            programmes.add_milestone(project, by=council.officer, activity=f"Harbour milestone {number}",
                                     due_on=dt.date.today())
            programmes.create_indicator(council.org, by=council.officer, name=f"Harbour indicator {number}",
                                        projects=[project])

    add_projects(10, 3)
    with CaptureQueriesContext(connection) as small:
        search(officer_client, "harbour")
    add_projects(20, 22)
    with CaptureQueriesContext(connection) as large:
        page = search(officer_client, "harbour")
    assert len(large) == len(small)
    assert "Projects (25)" in page and "25 found, 1 to 10 shown" in page
    projects = group(page, "projects")
    assert projects.count('<h3 class="govuk-heading-s') == 10
    # Each kind turns its own pages: the second page of projects leaves milestones on their first.
    page = search(officer_client, "harbour", projects_page=3)
    assert "25 found, 21 to 25 shown" in group(page, "projects")
    assert group(page, "projects").count('<h3 class="govuk-heading-s') == 5
    assert "1 to 10 shown" in group(page, "milestones")
    assert "projects_page=2" in group(page, "projects") and "milestones_page=2" in group(page, "milestones")


def test_the_excerpt_shows_the_text_around_the_word_found_with_it_marked():
    text = "First sentence about nothing. " * 10 + "The <b>harbour</b> wall is repaired. " + "Filler words. " * 20
    shown = excerpt(["", text], ["harbour"])
    assert "&lt;b&gt;<mark>harbour</mark>&lt;/b&gt; wall is repaired." in shown  # escaped, then marked
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) < 400
    assert excerpt(["Short text."], ["absent"]) == "Short text."
    assert excerpt(["", "  "], ["absent"]) == ""


@pytest.mark.django_db
def test_every_role_finds_its_own_councils_records_and_a_person_with_no_role_is_refused(council, other_council):
    from django.test import Client

    from cairn.accounts import operations as accounts

    for people, own, other in ((council.users, council, other_council), (other_council.users, other_council, council)):
        for role, user in people.items():
            client = Client()
            client.force_login(user)
            # Words every record of both councils' fixtures has: a review, a recommendation, a project, a milestone,
            # an indicator and a paper each.
            for query in ("placements", "recommend action", "early help", "building", "action plan"):
                page = search(client, query)
                assert other.review.title not in page and other.org.name not in page, (role, query)
                for href in (reverse("reviews:review_detail", args=[other.review.pk]),
                             reverse("reviews:recommendation_detail", args=[other.recommendation.pk]),
                             reverse("programmes:project_detail", args=[other.project.pk])):
                    assert f'href="{href}' not in page, (role, query, href)
            assert own.review.title in search(client, "placements"), role
    nobody = accounts.create_user(council.org, by=None, username="no-role")
    client = Client()
    client.force_login(nobody)
    assert client.get(URL, {"q": "placements"}).status_code == 403
