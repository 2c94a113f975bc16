"""Bad requests get a plain page that says what happened and that nothing changed."""

from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role


def test_a_missing_page_says_so(officer_client):
    response = officer_client.get("/reviews/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_forbidden_page_says_so(client, council):
    client.force_login(council.users[Role.LEAD_OFFICER])
    response = client.get(reverse("audit:export"))
    assert response.status_code == 403
    assert "You cannot do that" in response.content.decode()


def test_an_oversized_form_is_refused_with_a_clear_page(client, council):
    response = client.post(reverse("accounts:sign_in"), {"username": "x" * (6 * 1024 * 1024), "password": "y"})
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_an_overlong_username_is_a_form_error_not_a_crash(client, council):
    response = client.post(reverse("accounts:sign_in"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_a_form_without_its_token_is_refused_and_changes_nothing(council):
    client = Client(enforce_csrf_checks=True)
    client.force_login(council.users[Role.COUNCILLOR])
    generation = council.users[Role.COUNCILLOR].session_generation
    response = client.post(reverse("accounts:sign_out_everywhere"))
    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()
    council.users[Role.COUNCILLOR].refresh_from_db()
    assert council.users[Role.COUNCILLOR].session_generation == generation


def test_wrongly_encoded_input_does_not_crash(client, council):
    response = client.post(
        reverse("accounts:sign_in"), data=b"username=%ff%fe&password=%c3%28", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in {200, 400}


def test_a_bad_host_header_is_a_plain_400_and_logs_nothing_alarming(client, council, caplog):
    import logging

    with caplog.at_level(logging.DEBUG):
        for path in ("/", reverse("accounts:sign_in"), "/no-such-page/"):
            response = client.get(path, HTTP_HOST="evil.example.com")
            assert response.status_code == 400, path
            assert "Cairn could not read what was sent" in response.content.decode()
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
