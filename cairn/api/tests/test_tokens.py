"""Tokens: made and printed once, stored hashed, acting as their person, revoked by them or their administrator,
and limited in how often they may be used."""

import io

from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.accounts.operations import update_user
from cairn.api.models import ApiToken
from cairn.api.operations import create_api_token
from cairn.api.tokens import hash_key
from cairn.audit.models import AuditEvent

from .conftest import ApiClient

ME = "/api/v1/me"


def test_the_command_prints_a_working_token_alone_on_its_last_line(council):
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", council.officer.username, stdout=out, stderr=err)
    key = out.getvalue().strip().splitlines()[-1]
    assert key.startswith("cairn_") and " " not in key
    response = Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["council"] == council.org.name
    assert response.json()["roles"] == [Role.SCRUTINY_OFFICER]


def test_the_command_refuses_an_unknown_person_plainly(db):
    import pytest
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("api_token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_token_is_stored_only_as_its_hash(council):
    token, key = create_api_token(council.officer, by=council.officer, name="Power BI")
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == hash_key(key) and key not in str(vars(stored).values())
    event = AuditEvent.objects.filter(action="api_token.created").get()
    assert key not in str(event.after) and event.after["name"] == "Power BI"


def test_no_token_a_wrong_token_and_a_revoked_token_are_refused_as_problems(council):
    response = Client().get(ME)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 401 and response.json()["title"]
    assert Client().get(ME, HTTP_AUTHORIZATION="Bearer cairn_made-up").status_code == 401
    token, key = create_api_token(council.officer, by=council.officer, name="Old")
    client = Client()
    client.force_login(council.officer)
    client.post(reverse("api_pages:token_revoke", args=[token.pk]))
    assert Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_token_stops_working_when_its_person_is_turned_off(council):
    api = ApiClient(council.officer)
    update_user(council.officer, by=None, is_active=False)
    assert api.get(ME).status_code == 401


def test_a_token_carries_the_persons_roles_as_they_are_now(council):
    lead = council.users[Role.LEAD_OFFICER]
    api = ApiClient(lead)
    assert api.get("/api/v1/audit-events").status_code == 403
    update_user(lead, by=None, roles=[Role.ADMINISTRATOR])
    assert api.get("/api/v1/audit-events").status_code == 200


@override_settings(CAIRN_API_RATE_LIMIT=3)
def test_a_token_used_too_often_is_told_to_wait(council):
    api = ApiClient(council.officer)
    assert [api.get(ME).status_code for _ in range(3)] == [200, 200, 200]
    response = api.get(ME)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert response.json()["detail"].startswith("Too many requests")
    # Another person's token is counted on its own.
    assert ApiClient(council.users[Role.LEAD_OFFICER]).get(ME).status_code == 200


def test_people_make_name_see_the_last_use_of_and_revoke_their_own_tokens(officer_client, council):
    page = reverse("api_pages:token_list")
    response = officer_client.post(page, {"name": "Power BI dashboard"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=council.officer)
    key = response.content.decode().split('<code id="new-token">')[1].split("<")[0]
    assert hash_key(key) == token.key_hash
    Client().get(ME, HTTP_AUTHORIZATION=f"Bearer {key}")
    listing = officer_client.get(page).content.decode()
    assert "Power BI dashboard" in listing and key not in listing and "Never" not in listing
    officer_client.post(reverse("api_pages:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == council.officer
    assert AuditEvent.objects.filter(action="api_token.revoked", target_id=str(token.pk)).exists()


def test_a_token_needs_a_name(officer_client, council):
    response = officer_client.post(reverse("api_pages:token_list"), {"name": " "})
    assert "Enter what the token is for" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_an_administrator_revokes_any_token_in_their_council_only(admin_client, council, other_council):
    token, _ = create_api_token(council.officer, by=council.officer, name="Spreadsheet")
    theirs, _ = create_api_token(other_council.officer, by=other_council.officer, name="Theirs")
    assert "Spreadsheet" in admin_client.get(reverse("api_pages:council_tokens")).content.decode()
    assert admin_client.post(reverse("api_pages:token_revoke", args=[theirs.pk])).status_code == 404
    assert admin_client.post(reverse("api_pages:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_by == council.users[Role.ADMINISTRATOR]


def test_nobody_else_revokes_another_persons_token(lead_client, council):
    token, _ = create_api_token(council.officer, by=council.officer, name="Spreadsheet")
    assert lead_client.post(reverse("api_pages:token_revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None
