"""Setting a council's single sign-on: `cairn sso set|show|remove`, and the administrator's page. The client secret is
sealed in the database and never shown back."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.signon.models import SingleSignOn

SECRET = "very-secret-value-123"


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret"
    path.write_text(SECRET + "\n")
    return path


def sso(capsys, *arguments):
    call_command("sso", *arguments)
    return capsys.readouterr().out


def test_cairn_sso_set_show_and_remove(capsys, council, secret_file, settings):
    settings.CAIRN_BASE_URL = "https://cairn.exampleton.gov.uk"
    out = sso(capsys, "set", "--council", "exampleton", "--issuer", "https://login.microsoftonline.com/t-1/v2.0",
              "--client-id", "app-1", "--client-secret-file", str(secret_file), "--domains",
              "Exampleton.gov.uk, schools.exampleton.gov.uk", "--role", "cairn-officers=Scrutiny officer",
              "--role", "cairn-admins=administrator", "--create-accounts")
    assert "https://cairn.exampleton.gov.uk/account/sign-in/council/exampleton/return/" in out
    sign_on = SingleSignOn.objects.get(organisation=council.org)
    assert sign_on.domain_names == ["exampleton.gov.uk", "schools.exampleton.gov.uk"]
    assert sign_on.role_mapping == {"cairn-officers": ["scrutiny_officer"], "cairn-admins": ["administrator"]}
    assert sign_on.client_secret() == SECRET and SECRET not in sign_on.client_secret_sealed
    shown = sso(capsys, "show", "--council", "exampleton")
    assert "app-1" in shown and SECRET not in shown and "never shown" in shown
    event = AuditEvent.objects.get(action="organisation.sign_on_set")
    assert SECRET not in str(event.after) and event.after["secret_changed"] is True
    assert "off" in sso(capsys, "remove", "--council", "exampleton")
    assert not SingleSignOn.objects.exists()


@pytest.mark.parametrize("arguments, message", [
    (["--role", "cairn=mayor"], "“mayor” is not a role"),
    (["--role", "no-equals-sign"], "is not GROUP=ROLE"),
    (["--issuer", "http://login.example.org/t"], "must be an https:// address"),
    (["--domains", "not a domain!"], "is not an e-mail domain"),
])
def test_bad_settings_are_refused_with_a_reason_and_change_nothing(council, secret_file, arguments, message):
    base = {"--issuer": "https://login.example.org/t", "--client-id": "app", "--client-secret-file": str(secret_file),
            "--domains": "exampleton.gov.uk"}
    extra = dict(zip(arguments[::2], arguments[1::2]))
    given = [item for key, value in (base | {k: v for k, v in extra.items() if k in base}).items() for item in (key, value)]
    given += [item for key, value in extra.items() if key not in base for item in (key, value)]
    with pytest.raises(CommandError, match=message):
        call_command("sso", "set", "--council", "exampleton", *given)
    assert not SingleSignOn.objects.exists()


def test_a_domain_belongs_to_one_council(council, other_council, secret_file):
    common = ["--issuer", "https://login.example.org/t", "--client-id", "app", "--client-secret-file", str(secret_file)]
    call_command("sso", "set", "--council", "exampleton", "--domains", "exampleton.gov.uk", *common)
    with pytest.raises(CommandError, match="exampleton.gov.uk already signs in to Exampleton Borough Council"):
        call_command("sso", "set", "--council", "otherton", "--domains", "otherton.gov.uk,exampleton.gov.uk", *common)


def test_an_administrator_sets_single_sign_on_and_never_sees_the_secret_again(admin_client, council):
    form = {"issuer": "https://login.microsoftonline.com/t-1/v2.0", "client_id": "app-1", "client_secret": SECRET,
            "domains": "exampleton.gov.uk", "groups_claim": "groups",
            "role_mapping": "cairn-officers=Scrutiny officer\r\ncairn-officers=Lead officer"}
    response = admin_client.post(reverse("signon:settings"), form)
    assert response.status_code == 302
    sign_on = SingleSignOn.objects.get(organisation=council.org)
    assert sign_on.role_mapping == {"cairn-officers": ["scrutiny_officer", "lead_officer"]}
    page = admin_client.get(reverse("signon:settings")).content.decode()
    assert SECRET not in page and "app-1" in page and "/account/sign-in/council/exampleton/return/" in page
    # Saved again without a secret: the one saved stays.
    admin_client.post(reverse("signon:settings"), form | {"client_secret": "", "client_id": "app-2"})
    sign_on.refresh_from_db()
    assert sign_on.client_id == "app-2" and sign_on.client_secret() == SECRET
    refused = admin_client.post(reverse("signon:settings"), form | {"role_mapping": "x=mayor"}).content.decode()
    assert "“mayor” is not a role" in refused and SECRET not in refused
    admin_client.post(reverse("signon:remove"))
    assert not SingleSignOn.objects.exists()
