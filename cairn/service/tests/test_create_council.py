"""`cairn create-council`: a council, its first administrator and a one-time link that sets their password."""

import datetime as dt
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cairn.accounts.models import Organisation, Role, User
from cairn.audit.models import AuditEvent
from cairn.reviews.models import AssessmentScale

pytestmark = pytest.mark.django_db

NEW = ["--slug", "northmoor", "--name", "Northmoor Borough Council", "--admin", "nadmin", "--admin-email", "n@example.org"]
PASSWORD = "granite-heather-moorland-41"


def create(capsys, *args: str) -> str:
    call_command("create_council", *args)
    return capsys.readouterr().out


def link_in(output: str, settings) -> str:
    return re.search(re.escape(settings.CAIRN_BASE_URL) + r"(/\S+)", output).group(1)


def test_creates_the_council_its_administrator_and_prints_a_link_under_the_base_url(capsys, settings):
    settings.CAIRN_BASE_URL = "https://cairn.northmoor.gov.uk"
    output = create(capsys, *NEW)
    organisation = Organisation.objects.get(slug="northmoor")
    admin = User.objects.get(username="nadmin")
    assert organisation.name == "Northmoor Borough Council"
    assert admin.organisation == organisation and admin.roles == {Role.ADMINISTRATOR} and admin.email == "n@example.org"
    assert not admin.has_usable_password()  # nobody can sign in until the link is used
    assert AssessmentScale.objects.get(organisation=organisation, is_active=True)
    assert "https://cairn.northmoor.gov.uk/account/set-password/" in output
    assert {"organisation.created", "user.created"} <= set(AuditEvent.objects.values_list("action", flat=True))


def test_the_link_sets_the_password_once_and_the_administrator_signs_in(capsys, settings, client):
    path = link_in(create(capsys, *NEW), settings)
    page = client.get(path)
    assert page.status_code == 200 and "Set your password" in page.content.decode() and "nadmin" in page.content.decode()
    weak = client.post(path, {"new_password1": "password", "new_password2": "password"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    assert not User.objects.get(username="nadmin").has_usable_password()
    done = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done.status_code == 302
    assert AuditEvent.objects.filter(action="user.password_set", target_id=str(User.objects.get(username="nadmin").pk)).exists()
    fresh = Client()
    signed_in = fresh.post("/account/sign-in/", {"username": "nadmin", "password": PASSWORD})
    assert signed_in.status_code == 302 and fresh.get("/").status_code == 200
    # Used once: the same link no longer works.
    again = client.get(path)
    assert "This link does not work" in again.content.decode() and "Set your password" not in again.content.decode()
    assert client.post(path, {"new_password1": PASSWORD + "x", "new_password2": PASSWORD + "x"}).status_code == 200
    assert User.objects.get(username="nadmin").check_password(PASSWORD)


def test_the_link_expires(capsys, settings, client, monkeypatch):
    path = link_in(create(capsys, *NEW), settings)
    later = dt.datetime.now() + dt.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 60)
    monkeypatch.setattr("django.contrib.auth.tokens.PasswordResetTokenGenerator._now", lambda self: later)
    assert "This link does not work" in client.get(path).content.decode()


def test_a_taken_slug_or_username_is_refused_clearly_and_nothing_is_created(capsys):
    create(capsys, *NEW)
    with pytest.raises(CommandError, match="The slug 'northmoor' is already taken, by Northmoor Borough Council"):
        call_command("create_council", "--slug", "northmoor", "--name", "Another", "--admin", "a2", "--admin-email", "a@x.org")
    with pytest.raises(CommandError, match="The username 'nadmin' is already taken"):
        call_command("create_council", "--slug", "another", "--name", "Another", "--admin", "nadmin", "--admin-email", "a@x.org")
    assert Organisation.objects.count() == 1 and User.objects.count() == 1


def test_a_bad_slug_is_refused_and_nothing_is_created():
    with pytest.raises(CommandError, match="slug"):
        call_command("create_council", "--slug", "not a slug!", "--name", "X", "--admin", "x", "--admin-email", "x@x.org")
    assert not Organisation.objects.exists() and not User.objects.exists()


def test_password_link_makes_a_new_link_for_a_person(capsys, settings, client):
    create(capsys, *NEW)
    call_command("password_link", "nadmin")
    assert client.get(link_in(capsys.readouterr().out, settings)).status_code == 200
    with pytest.raises(CommandError, match="no one who may sign in with the username 'nobody'"):
        call_command("password_link", "nobody")
