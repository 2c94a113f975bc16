"""Every list page downloads as CSV exactly the rows it shows: its filter, its reader's access, its council only."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts import operations as accounts
from cairn.accounts.models import Role
from cairn.imports import operations as imports
from cairn.reviews import operations as reviews

from .matrix_imports import PAPER


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_round_list_downloads_only_the_rounds_its_reader_may_see(officer_client, councillor_client, council, other_council):
    reviews.open_round(other_council.org, by=other_council.officer, title="Otherton's own round",
                       as_at_on=other_council.meeting.held_on, deadline_on=other_council.meeting.held_on)
    url = reverse("rounds:round_list")
    assert 'href="?format=csv"' in officer_client.get(url).content.decode()

    rows = rows_of(officer_client.get(url, {"format": "csv"}))
    assert rows[0] == ["Round", "As at", "Deadline", "State"]
    assert sorted(row[0] for row in rows[1:]) == ["Progress as at last quarter", "Progress as at this quarter"]

    # A councillor's page leaves out the round still collecting updates; so does their file.
    rows = rows_of(councillor_client.get(url, {"format": "csv"}))
    assert [row[0] for row in rows[1:]] == ["Progress as at last quarter"]
    assert rows[1][3] == "Published"


def test_your_updates_downloads_what_is_asked_of_the_lead(lead_client, council, other_council):
    update = council.collecting_round.updates.get()
    url = reverse("rounds:my_updates")
    assert 'href="?format=csv"' in lead_client.get(url).content.decode()

    rows = rows_of(lead_client.get(url, {"format": "csv"}))
    assert rows[0] == ["Asked of you", "Item", "Recommendation", "Round", "Due by", "Overdue", "State", "Returned because"]
    assert rows[1:] == [[
        "Progress update", f"{council.review.title}: recommendation 1", council.recommendation.text,
        "Progress as at this quarter", update.round.deadline_on.strftime("%d/%m/%Y"), "No", update.get_state_display(), "",
    ]]
    # Another council's lead is asked for the same kind of update: it is theirs alone.
    rows = rows_of(client_for(other_council.users[Role.LEAD_OFFICER]).get(url, {"format": "csv"}))
    assert [row[1] for row in rows[1:]] == [f"{other_council.review.title}: recommendation 1"]


def test_the_people_list_downloads_the_councils_people_for_administrators_only(admin_client, officer_client, council, other_council):
    url = reverse("administration:people_list")
    assert 'href="?format=csv"' in admin_client.get(url).content.decode()

    rows = rows_of(admin_client.get(url, {"format": "csv"}))
    assert rows[0] == ["Name", "Job title", "Username", "Roles", "Two-factor", "Can sign in", "Invitation"]
    usernames = sorted(row[2] for row in rows[1:])
    assert usernames == sorted(user.username for user in council.users.values())
    assert not any("otherton" in cell for row in rows for cell in row)
    scrutiny = next(row for row in rows if row[2] == council.officer.username)
    assert scrutiny[3:] == ["Scrutiny officer", "Off", "Yes", ""]

    assert officer_client.get(url, {"format": "csv"}).status_code == 403


def test_a_records_history_downloads_its_own_events_only(officer_client, councillor_client, council, other_council):
    reviews.create_recommendation(council.review, by=council.officer, number="2", text="=SUM(A1:A9) elsewhere")
    url = reverse("audit:history", args=["recommendation", council.recommendation.pk])
    assert 'href="?format=csv"' in officer_client.get(url).content.decode()

    rows = rows_of(officer_client.get(url, {"format": "csv"}))
    assert rows[0] == ["When", "Who", "What", "Record", "Changes"]
    actions = [row[2] for row in rows[1:]]
    assert "Recommendation: created" in actions and "Progress update: accepted" in actions  # in words, as on the page
    assert not any("SUM(A1:A9)" in cell for row in rows for cell in row)  # the other recommendation's events
    assert not any("otherton" in cell for row in rows for cell in row)
    created = next(row for row in rows if row[2] == "Recommendation: created")
    assert "Text: The Committee recommend action 1." in created[4].splitlines()

    assert councillor_client.get(url, {"format": "csv"}).status_code == 403
    other = client_for(other_council.users[Role.ADMINISTRATOR])
    assert other.get(url, {"format": "csv"}).status_code == 404


def test_the_imported_papers_list_downloads_the_councils_uploads(officer_client, lead_client, council, other_council):
    imports.stage_import(council.org, by=council.officer, name="plan.txt", data=PAPER)
    imports.stage_import(other_council.org, by=other_council.officer, name="otherton-plan.txt", data=PAPER + b"2\tMore\tX\tApr 2010\tY\n")
    url = reverse("imports:batch_list_csv")
    assert f'<a class="govuk-link" href="{url}">Download this list as CSV</a>' in officer_client.get(
        reverse("imports:batch_list")
    ).content.decode()

    rows = rows_of(officer_client.get(url))
    assert rows[0] == ["File", "Kind of paper", "State", "Warnings", "Uploaded", "Uploaded by"]
    assert [row[0] for row in rows[1:]] == ["plan.txt"]
    assert rows[1][2] == "Staged" and rows[1][5] == council.officer.display_name

    assert lead_client.get(url).status_code == 403


@pytest.fixture
def public_council(council):
    accounts.update_organisation(council.org, by=None, public_pages_enabled=True, open_data_consent=True)
    return council


def test_the_public_list_of_rounds_downloads_published_rounds_only(client, public_council, other_council):
    accounts.update_organisation(other_council.org, by=None, public_pages_enabled=True, open_data_consent=True)
    reviews.open_round(other_council.org, by=other_council.officer, title="Otherton's own round",
                       as_at_on=other_council.meeting.held_on, deadline_on=other_council.meeting.held_on)
    url = reverse("public:rounds_csv", args=[public_council.org.slug])
    assert url in client.get(reverse("public:rounds", args=[public_council.org.slug])).content.decode()

    response = client.get(url)
    assert response["X-Licence"].startswith("Open Government Licence v3.0")
    rows = rows_of(response)
    # Every row carries the licence and the attribution in the file itself.
    assert rows[0] == ["Round", "As at", "Page", "CSV", "JSON", "Licence", "Attribution"]
    round_ = public_council.published_round
    assert [row[:5] for row in rows[1:]] == [[
        round_.title, round_.as_at_on.strftime("%d/%m/%Y"),
        f"http://testserver/public/exampleton/rounds/{round_.pk}/",
        f"http://testserver/public/exampleton/rounds/{round_.pk}.csv",
        f"http://testserver/public/exampleton/rounds/{round_.pk}.json",
    ]]
    assert all(row[5].startswith("Open Government Licence v3.0") and public_council.org.name in row[6]
               for row in rows[1:])


def test_the_public_list_of_rounds_is_open_data_only_with_the_councils_consent(client, council):
    accounts.update_organisation(council.org, by=None, public_pages_enabled=True, open_data_consent=False)
    page = client.get(reverse("public:rounds", args=[council.org.slug])).content.decode()
    assert "CSV" not in page
    assert client.get(reverse("public:rounds_csv", args=[council.org.slug])).status_code == 404
    # Open data alone does not put the list of rounds online: the page itself must be on.
    accounts.update_organisation(council.org, by=None, public_pages_enabled=False, open_data_consent=True)
    assert client.get(reverse("public:rounds_csv", args=[council.org.slug])).status_code == 404


@pytest.mark.parametrize("name", ["rounds:round_list", "rounds:my_updates", "administration:people_list"])
def test_a_list_download_makes_as_many_queries_however_long_the_list(name, admin_client, council):
    from .test_query_counts import count_queries, grow

    url = reverse(name) + "?format=csv"
    grow(council, 2)
    small = count_queries(admin_client, url)
    grow(council, 6)
    for number in range(6):
        accounts.create_user(council.org, by=None, username=f"extra-{number}", password=None, roles=[Role.COUNCILLOR])
    assert count_queries(admin_client, url) == small
