"""The recommendation tracker filters across reviews and downloads what it shows as CSV."""

import csv
import io

from django.urls import reverse

from cairn.core.testing import add_recommendation
from cairn.reviews import operations as reviews


def test_the_tracker_filters_by_text_assessment_and_state(officer_client, council):
    other = reviews.create_review(council.org, by=council.officer, kind="scrutiny", title="Review of bus services")
    add_recommendation(other, "7", by=council.officer)
    url = reverse("reviews:recommendation_tracker")

    page = officer_client.get(url).content.decode()
    assert "2 recommendations" in page

    page = officer_client.get(url, {"q": "bus services"}).content.decode()
    assert "1 recommendation." in page and "Review of bus services" in page

    slipped = council.level("3").pk
    page = officer_client.get(url, {"assessment": slipped, "state": "open"}).content.decode()
    assert "1 recommendation." in page and council.review.title in page

    page = officer_client.get(url, {"assessment": "none", "state": "open"}).content.decode()
    assert "Review of bus services" in page and council.review.title not in page.split("Download")[1]

    page = officer_client.get(url, {"overdue": "on", "state": "open"}).content.decode()
    assert "2 recommendations" in page  # each has a step whose date has passed


def test_the_csv_download_has_the_same_rows_and_neutralises_formulas(officer_client, council):
    reviews.create_recommendation(council.review, by=council.officer, number="9", text="=HYPERLINK(\"http://x\")")
    response = officer_client.get(reverse("reviews:recommendation_tracker"), {"format": "csv", "state": "all"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Review", "Committee", "No"]
    texts = [row[3] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x\")" in texts
    assert len(rows) == 1 + 2
    # The new recommendation has no assessment: the CSV says so in the page's words, not with an empty cell.
    assessments = {row[3]: row[6] for row in rows[1:]}
    assert assessments["'=HYPERLINK(\"http://x\")"] == "Not yet assessed"


def test_a_councillor_sees_only_published_assessments(councillor_client, council):
    page = councillor_client.get(reverse("reviews:recommendation_tracker")).content.decode()
    assert "3 Slipped" in page  # from the published round


def test_list_pages_download_their_current_filter_as_csv(officer_client, council):
    from cairn.reviews import operations as reviews

    reviews.create_review(council.org, by=council.officer, kind="scrutiny", title="=Scoping review", state="scoping")
    response = officer_client.get(reverse("reviews:review_list"), {"state": "scoping", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Review" and [row[0] for row in rows[1:]] == ["'=Scoping review"]
    page = officer_client.get(reverse("reviews:review_list"), {"state": "scoping"}).content.decode()
    assert "state=scoping&amp;format=csv" in page
    response = officer_client.get(reverse("programmes:programme_list"), {"format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == council.programme.name
