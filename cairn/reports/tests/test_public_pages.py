"""What a resident sees of a council that publishes its progress: what the papers show, the papers themselves, and
the accessibility statement and privacy notice every page links."""

import re

import pytest
from django.urls import reverse

from cairn.accounts.operations import update_organisation
from cairn.reviews.models import ReportingRound

from .reading import pdf_pages


@pytest.fixture
def public(papers):
    update_organisation(papers.org, by=None, public_pages_enabled=True, open_data_consent=True)
    return papers


def test_the_public_round_page_shows_savings_in_pounds_and_revised_targets_as_the_paper_does(client, public):
    round_ = public.round
    round_.published_content  # noqa: B018
    page = client.get(reverse("public:round", args=[public.org.slug, round_.pk])).content.decode()
    items = [item for item in round_.published_content["items"] if item.get("savings_amount")]
    assert items, "the seed gives at least one amount"
    assert re.search(r"£[0-9][0-9,]*", page)
    slipped = [item for item in round_.published_content["items"] if item.get("revised_target")]
    assert slipped and all(f"Revised target: {item['revised_target']}" in page for item in slipped)


def test_each_public_round_links_its_paper_as_a_pdf_made_from_the_frozen_content(client, public):
    round_ = public.round
    page = client.get(reverse("public:round", args=[public.org.slug, round_.pk])).content.decode()
    href = reverse("public:round_paper", args=[public.org.slug, round_.pk, "progress-update", public.review.pk])
    assert f'href="{href}"' in page
    response = client.get(href)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert public.recommendations[0].number in " ".join(pdf_pages(response.content))
    # A review the round did not report on, or another kind of paper, is not found.
    assert client.get(reverse("public:round_paper", args=[public.org.slug, round_.pk, "highlight", public.review.pk])).status_code == 404
    assert client.get(reverse("public:round_paper", args=[public.org.slug, round_.pk, "progress-update", 999999])).status_code == 404


def test_a_public_paper_is_made_once_and_kept_for_its_round(client, public, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    round_ = public.round
    href = reverse("public:round_paper", args=[public.org.slug, round_.pk, "progress-update", public.review.pk])
    first = client.get(href).content
    kept = list((tmp_path / "papers").glob(f"{round_.pk}-progress-update-{public.review.pk}-*.pdf"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    assert round_.content_hash[:20] in kept[0].name
    # Asked again, the kept file is what is sent: made once, however often it is asked for.
    kept[0].write_bytes(first + b"%kept")
    assert client.get(href).content == first + b"%kept"
    assert not list((tmp_path / "papers").glob("*.part"))


def test_the_public_highlight_page_has_its_phase_grid_and_indicators(client, public):
    round_ = public.programme_round
    page = client.get(reverse("public:round", args=[public.org.slug, round_.pk])).content.decode()
    assert "Phase of each project" in page and 'class="cairn-phase-grid"' in page
    assert re.search(r"<abbr title=\"[^\"]+\">D</abbr>", page)
    assert public.council.indicator.name in page
    assert "Key performance indicators" in page
    assert "£15,000.50" in page


def test_a_papers_of_a_round_not_published_or_of_a_council_without_public_pages_are_not_found(client, public, other_council):
    collecting = public.council.collecting_round
    assert collecting.state != ReportingRound.State.PUBLISHED
    url = reverse("public:round_paper", args=[public.org.slug, collecting.pk, "progress-update", public.review.pk])
    assert client.get(url).status_code == 404
    url = reverse("public:round_paper", args=[other_council.org.slug, other_council.published_round.pk, "progress-update", other_council.review.pk])
    assert client.get(url).status_code == 404


def test_the_sign_in_page_links_the_public_pages_of_councils_that_publish_them(client, public, other_council):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert f'href="{reverse("public:rounds", args=[public.org.slug])}"' in page
    assert reverse("public:rounds", args=[other_council.org.slug]) not in page


def test_every_page_links_the_councils_accessibility_statement_and_privacy_notice(client, officer_client, public):
    accessibility = reverse("statements:council_accessibility", args=[public.org.slug])
    privacy = reverse("statements:council_privacy", args=[public.org.slug])
    for page in (
        officer_client.get(reverse("home:home")).content.decode(),
        client.get(reverse("public:rounds", args=[public.org.slug])).content.decode(),
    ):
        assert f'href="{accessibility}"' in page and f'href="{privacy}"' in page
    signed_out = client.get(reverse("accounts:sign_in")).content.decode()
    assert f'href="{reverse("statements:accessibility")}"' in signed_out


def test_the_statements_are_filled_from_the_councils_settings(client, public):
    update_organisation(
        public.org, by=None, accessibility_email="access@exampleton.example.org", accessibility_phone="01234 567890",
        data_protection_email="dpo@exampleton.example.org", ico_registration="Z1234567",
    )
    page = client.get(reverse("statements:council_accessibility", args=[public.org.slug])).content.decode()
    assert re.search(r"<h1[^>]*>Accessibility statement", page)
    assert "access@exampleton.example.org" in page and "01234 567890" in page
    page = client.get(reverse("statements:council_privacy", args=[public.org.slug])).content.decode()
    assert re.search(r"<h1[^>]*>Privacy notice", page)
    assert "dpo@exampleton.example.org" in page and "Z1234567" in page and public.org.name in page


def test_a_statement_without_contacts_says_the_council_has_not_given_them(client, public):
    page = client.get(reverse("statements:council_accessibility", args=[public.org.slug])).content.decode()
    assert "has not yet given an address" in page
    assert client.get(reverse("statements:council_privacy", args=["no-such-council"])).status_code == 404


def test_the_administrator_sets_the_statements_contacts(admin_client, client, public):
    url = reverse("administration:organisation_settings")
    settings = {"public_pages_enabled": "on", "open_data_consent": "on", "scale": "categories"}
    response = admin_client.post(url, settings | {"accessibility_email": "not an address"})
    assert response.status_code == 200 and "Enter a valid email address" in response.content.decode()
    public.org.refresh_from_db()
    assert public.org.accessibility_email == ""
    admin_client.post(url, settings | {"accessibility_email": "access@exampleton.example.org", "website": "exampleton.example.org"})
    public.org.refresh_from_db()
    assert public.org.accessibility_email == "access@exampleton.example.org"
    assert public.org.website == "https://exampleton.example.org"
    page = client.get(reverse("statements:council_accessibility", args=[public.org.slug])).content.decode()
    assert "mailto:access@exampleton.example.org" in page


def _csv_rows(response) -> list[list[str]]:
    import csv
    import io

    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_programme_rounds_open_data_csv_has_a_row_per_project_with_licence_and_attribution(client, public):
    round_ = public.programme_round
    rows = _csv_rows(client.get(reverse("public:round_csv", args=[public.org.slug, round_.pk])))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Programme", "No", "Project"] and header[-2:] == ["Licence", "Attribution"]
    assert len(body) == 1
    project = dict(zip(header, body[0], strict=True))
    assert project["Project"] == public.council.project.name and project["RAG"] == "A"
    assert project["Savings (£)"] == "15000.50"
    assert project["Progress"] == "Co-location agreed\n+ three partners signed up"
    assert "Open Government Licence v3.0" in project["Licence"]
    assert project["Attribution"] == f"Contains public sector information from {public.org.name} licensed under the Open Government Licence v3.0."


def test_a_review_rounds_csv_gives_savings_as_the_paper_does(client, public):
    rows = _csv_rows(client.get(reverse("public:round_csv", args=[public.org.slug, public.round.pk])))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    with_amount = [r for r in records if r["Savings amount (£)"]]
    assert with_amount and all(r["Savings or costs to date"].startswith("£") or r["Savings or costs to date"] for r in with_amount)
    assert all(r["Licence"] and r["Attribution"] for r in records)


def test_the_recommendations_dataset_gives_each_recommendations_latest_published_status(client, public):
    from cairn.reviews import operations as reviews

    council = public.council
    # A later round says something new about the council's own recommendation; its earlier status is replaced.
    update = council.collecting_round.updates.get()
    update = reviews.save_progress_update(update, by=council.officer, evidence="All placements made.", level=council.complete)
    reviews.accept_progress_update(reviews.submit_progress_update(update, by=council.officer), by=council.officer)
    reviews.publish_round(council.collecting_round, by=council.officer)

    rows = _csv_rows(client.get(reverse("public:recommendations_csv", args=[public.org.slug])))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["No"] for r in records] == [rec.number for rec in public.recommendations]
    latest = {r["No"]: r for r in records}
    own = latest[council.recommendation.number]
    assert own["Evidence of progress"] == "All placements made." and own["Reported in"] == council.collecting_round.title
    assert own["Assessment"] == council.complete.code
    others = [r for number, r in latest.items() if number != council.recommendation.number]
    assert others and all(r["Reported in"] == public.round.title for r in others)
    assert all(r["Licence"] and r["Attribution"] for r in records)


def test_the_catalogue_lists_the_councils_datasets_in_dcat(client, public):
    import json

    response = client.get(reverse("public:catalogue", args=[public.org.slug]))
    assert response["Content-Type"] == "application/ld+json"
    catalogue = json.loads(response.content)
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:publisher"]["foaf:name"] == public.org.name
    urls = {d["dcat:downloadURL"]["@id"] for ds in catalogue["dcat:dataset"] for d in ds["dcat:distribution"]}
    assert "http://testserver" + reverse("public:recommendations_csv", args=[public.org.slug]) in urls
    assert "http://testserver" + reverse("public:round_csv", args=[public.org.slug, public.programme_round.pk]) in urls
    for url in urls:
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_open_data_needs_consent(client, papers):
    update_organisation(papers.org, by=None, public_pages_enabled=True)
    for name in ("public:catalogue", "public:recommendations_csv"):
        assert client.get(reverse(name, args=[papers.org.slug])).status_code == 404


def test_what_changed_since_the_last_committee_is_on_the_public_page_and_in_the_open_data(client, public):
    import json

    args = [public.org.slug, public.round.pk]
    page = client.get(reverse("public:round", args=args)).content.decode()
    assert "What changed since the last committee" in page
    assert f"Compared with “{public.council.published_round.title}”" in page
    assert "Assessment moved up" in page and "New recommendation" in page

    rows = _csv_rows(client.get(reverse("public:round_changes_csv", args=args)))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [(r["No"], r["What changed"]) for r in records] == [
        ("2", "New recommendation"), ("3", "New recommendation"), ("4", "New recommendation"),
        ("1", "Assessment moved up"),
    ]
    assert all(r["Compared with"] == public.council.published_round.title for r in records)
    assert all(r["Licence"] and r["Attribution"] for r in records)

    data = json.loads(client.get(reverse("public:round_json", args=args)).content)
    [about] = data["changes_since_previous"]
    assert about["about"] == public.review.title
    assert [c["kind"] for c in about["changes"]] == ["new", "new", "new", "assessment_up"]


def test_the_first_published_round_has_no_changes_section(client, public):
    page = client.get(reverse("public:round", args=[public.org.slug, public.council.published_round.pk])).content.decode()
    assert "What changed since the last committee" not in page
    rows = _csv_rows(client.get(reverse("public:round_changes_csv", args=[public.org.slug, public.council.published_round.pk])))
    assert len(rows) == 1
