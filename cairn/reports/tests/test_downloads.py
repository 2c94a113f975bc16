"""Downloading papers from the pages, and open data of published rounds."""

import csv
import io
import json

from django.urls import reverse

from cairn.accounts import operations as accounts


def test_an_officer_downloads_a_progress_update_for_a_round(officer_client, council):
    url = reverse("reports:download", args=["progress-update", council.review.pk])
    response = officer_client.get(url, {"format": "pdf", "round": council.published_round.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


def test_the_review_page_offers_its_papers(officer_client, council):
    page = officer_client.get(reverse("reviews:review_detail", args=[council.review.pk])).content.decode()
    assert "Download papers" in page
    assert f"round={council.published_round.pk}" in page and f"round={council.collecting_round.pk}" in page


def test_a_councillor_is_never_given_a_draft_round(councillor_client, council):
    page = councillor_client.get(reverse("reviews:review_detail", args=[council.review.pk])).content.decode()
    assert f"round={council.collecting_round.pk}" not in page
    url = reverse("reports:download", args=["progress-update", council.review.pk])
    assert councillor_client.get(url, {"round": council.collecting_round.pk}).status_code == 403
    # Without a round they get the newest one they may see: the published one, as Word.
    response = councillor_client.get(url)
    assert response.status_code == 200 and response.content[:2] == b"PK"


def test_an_unknown_format_is_explained(officer_client, council):
    response = officer_client.get(reverse("reports:download", args=["action-plan", council.review.pk]), {"format": "exe"})
    assert response.status_code == 400
    assert "does not make .exe files" in response.content.decode()


def test_open_data_needs_the_councils_consent(client, council):
    args = [council.org.slug, council.published_round.pk]
    assert client.get(reverse("public:round_json", args=args)).status_code == 404
    accounts.update_organisation(council.org, by=None, open_data_consent=True)
    data = json.loads(client.get(reverse("public:round_json", args=args)).content)
    assert data["sha256"] == council.published_round.content_hash
    assert "Open Government Licence" in data["licence"]
    rows = list(csv.reader(io.StringIO(client.get(reverse("public:round_csv", args=args)).content.decode())))
    assert rows[0][:3] == ["Review", "No", "Recommendation"] and rows[1][1] == "1"
    collecting = [council.org.slug, council.collecting_round.pk]
    assert client.get(reverse("public:round_csv", args=collecting)).status_code == 404


def test_savings_are_charted_by_financial_year(officer_client, council):
    from decimal import Decimal

    from cairn.lib.dates import FinancialYear
    from cairn.reports.presenters import savings_by_year
    from cairn.reviews import operations as reviews

    update = council.collecting_round.updates.get()
    update = reviews.save_progress_update(update, by=council.officer, savings_amount=Decimal(13000), savings_basis="actual",
                                          evidence="Two placements made.", level=council.scale.levels.get(code="2"))
    reviews.accept_progress_update(reviews.submit_progress_update(update, by=council.officer), by=council.officer)
    reviews.publish_round(council.collecting_round, by=council.officer)
    year = str(FinancialYear.of(council.collecting_round.as_at_on))
    rows = dict((label, (estimated, actual)) for label, estimated, actual in savings_by_year(council.review))
    assert rows[year] == (Decimal(200000), Decimal(13000))
    page = officer_client.get(reverse("reviews:review_detail", args=[council.review.pk])).content.decode()
    assert "Savings estimated against achieved" in page and "achieved £13,000" in page


def test_each_paper_downloaded_is_in_the_audit_trail(officer_client, council):
    from cairn.audit.models import AuditEvent

    url = reverse("reports:download", args=["progress-update", council.review.pk])
    officer_client.get(url, {"format": "docx", "round": council.published_round.pk})
    event = AuditEvent.objects.for_object(council.review).get(action="document.downloaded")
    assert event.actor == council.officer
    assert event.after["round"] == council.published_round.pk and event.after["document"].endswith(".docx")
