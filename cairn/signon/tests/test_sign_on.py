"""Signing in through a council's OpenID Connect provider: a real provider (django-oidc-provider) in its own process.

Discovery, the authorisation code flow with PKCE, the ID token's signature, nonce and audience, people matched by
verified e-mail within the council's domains, and roles that follow the provider's groups."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import operations as accounts
from cairn.accounts.models import Role, User
from cairn.audit.models import AuditEvent
from cairn.signon import provider
from cairn.signon.models import SignOnIdentity

from .conftest import configure

OFFICER_EMAIL = "sso.officer@exampleton.gov.uk"


def start(client, email=OFFICER_EMAIL):
    return client.post(reverse("signon:start"), {"email": email})


def callback_path(location: str) -> str:
    parts = urlsplit(location)
    return f"{parts.path}?{parts.query}"


def sign_in(client, oidc_provider, username="officer", email=OFFICER_EMAIL):
    response = start(client, email)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(callback_path(oidc_provider.sign_in(response["Location"], username)))


def signed_in_user(client):
    return User.objects.get(pk=client.session["_auth_user_id"]) if "_auth_user_id" in client.session else None


def test_discovery_is_read_from_the_issuer_and_must_name_it(oidc_provider):
    metadata = provider.discover(oidc_provider.issuer)
    assert metadata["authorization_endpoint"] == oidc_provider.issuer + "/authorize"
    assert metadata["jwks_uri"].startswith(oidc_provider.issuer)
    with pytest.raises(provider.ProviderError, match="could not be reached|did not answer|names another issuer"):
        provider.discover(oidc_provider.base)


def test_the_person_is_sent_to_the_provider_with_pkce_state_nonce_and_their_address(client, sign_on, oidc_provider):
    response = start(client)
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert f"{location.scheme}://{location.netloc}{location.path}" == oidc_provider.issuer + "/authorize"
    assert query["response_type"] == ["code"] and query["client_id"] == ["cairn-tests"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0] and query["login_hint"] == [OFFICER_EMAIL]
    assert query["redirect_uri"] == ["http://testserver/account/sign-in/council/exampleton/return/"]
    assert set(query["scope"][0].split()) == {"openid", "email", "profile"}


def test_a_new_officer_signs_in_with_the_role_their_group_maps_to(client, sign_on, oidc_provider):
    sign_on.create_accounts = True
    sign_on.save()
    response = sign_in(client, oidc_provider)
    assert response.status_code == 302 and response["Location"] == reverse("home:home")
    user = signed_in_user(client)
    assert user.email == OFFICER_EMAIL and user.organisation == sign_on.organisation
    assert user.roles == {Role.SCRUTINY_OFFICER} and not user.has_usable_password()
    assert client.get(reverse("rounds:round_open")).status_code == 200
    assert AuditEvent.objects.filter(action="user.signed_in_through_provider", target_id=str(user.pk)).count() == 1
    assert not AuditEvent.objects.filter(action="user.signed_in", target_id=str(user.pk)).exists()
    assert SignOnIdentity.objects.get(user=user).issuer == oidc_provider.issuer


def test_roles_follow_the_groups_at_every_sign_in_when_groups_are_mapped(client, sign_on, oidc_provider, council):
    person = accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL, roles=[Role.COUNCILLOR])
    sign_in(client, oidc_provider)
    assert signed_in_user(client) == person
    assert User.objects.get(pk=person.pk).roles == {Role.SCRUTINY_OFFICER}
    event = AuditEvent.objects.get(action="user.signed_in_through_provider", target_id=str(person.pk))
    assert event.after["roles_before"] == ["councillor"] and event.after["roles"] == ["scrutiny_officer"]


def test_without_a_mapping_the_roles_an_administrator_gave_stay(client, sign_on, oidc_provider, council):
    configure(council, oidc_provider, role_mapping={})
    person = accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL, roles=[Role.COUNCILLOR])
    sign_in(client, oidc_provider)
    assert signed_in_user(client) == person and User.objects.get(pk=person.pk).roles == {Role.COUNCILLOR}


def test_an_invited_person_is_matched_by_their_address_and_their_invitation_is_accepted(
    client, sign_on, oidc_provider, council
):
    person = accounts.invite_user(council.org, by=None, username="sana", email="SSO.Officer@exampleton.gov.uk")
    assert person.invitation_pending
    sign_in(client, oidc_provider)
    assert signed_in_user(client) == person
    assert not User.objects.get(pk=person.pk).invitation_pending


def test_no_account_is_made_unless_the_council_allows_it(client, sign_on, oidc_provider):
    response = sign_in(client, oidc_provider)
    assert response.status_code == 403 and "There is no Cairn account for sso.officer@exampleton.gov.uk" in (
        response.content.decode())
    assert signed_in_user(client) is None and not User.objects.filter(email=OFFICER_EMAIL).exists()


def test_a_person_of_another_domain_is_refused(client, sign_on, oidc_provider, other_council):
    sign_on.create_accounts = True
    sign_on.save()
    # Otherton signs in with its own domain (through the same provider, to make the point).
    configure(other_council, oidc_provider, domains=["otherton.gov.uk"])
    for username in ("outsider", "neighbour"):
        client = Client()
        response = sign_in(client, oidc_provider, username=username)  # they said an Exampleton address at the start
        assert response.status_code == 403 and "do not sign in to Exampleton Borough Council" in response.content.decode()
        assert signed_in_user(client) is None
    assert not User.objects.filter(email__in=["someone@elsewhere.example.org", "neighbour@otherton.gov.uk"]).exists()


def test_an_address_no_council_signs_in_with_is_told_so(client, sign_on):
    response = start(client, "someone@elsewhere.example.org")
    assert response.status_code == 200
    assert "No council signs in to Cairn with addresses at elsewhere.example.org" in response.content.decode()


def test_an_id_token_for_another_audience_is_refused(client, sign_on, oidc_provider):
    sign_on.create_accounts = True
    sign_on.save()
    response = sign_in(client, oidc_provider, username="wrongaudience", email="wrong.audience@exampleton.gov.uk")
    assert response.status_code == 403 and "cannot trust" in response.content.decode()
    assert "aud" in response.content.decode()
    assert signed_in_user(client) is None and not User.objects.filter(email="wrong.audience@exampleton.gov.uk").exists()


def test_an_unverified_address_is_refused(client, sign_on, oidc_provider):
    sign_on.create_accounts = True
    sign_on.save()
    response = sign_in(client, oidc_provider, username="unverified", email="unverified@exampleton.gov.uk")
    assert response.status_code == 403 and "not verified" in response.content.decode()
    assert signed_in_user(client) is None


def _tamper_with_state(client, change):
    session = client.session
    [key] = [key for key in session.keys() if key.startswith("_state_cairn-sso-exampleton_")]
    value = session[key]
    change(value["data"])
    session[key] = value
    session.save()


def test_an_id_token_whose_nonce_is_not_this_sign_ins_is_refused(client, sign_on, oidc_provider, council):
    accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL)
    response = start(client)
    back = oidc_provider.sign_in(response["Location"], "officer")
    _tamper_with_state(client, lambda data: data.update(nonce="not-the-nonce-sent"))
    refused = client.get(callback_path(back))
    assert refused.status_code == 403 and "nonce" in refused.content.decode()
    assert signed_in_user(client) is None


def test_the_code_is_exchanged_only_with_this_sign_ins_pkce_verifier(client, sign_on, oidc_provider, council):
    accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL)
    response = start(client)
    back = oidc_provider.sign_in(response["Location"], "officer")
    _tamper_with_state(client, lambda data: data.update(code_verifier="x" * 64))
    refused = client.get(callback_path(back))
    assert refused.status_code == 403 and signed_in_user(client) is None


def test_an_id_token_with_a_broken_signature_is_refused(client, sign_on, oidc_provider, council, monkeypatch):
    """A provider's answer altered on the way (the outside world): one character of the signature changed."""
    from authlib.integrations.django_client import DjangoOAuth2App

    accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL)
    real = DjangoOAuth2App.fetch_access_token

    def altered(self, *args, **kwargs):
        token = real(self, *args, **kwargs)
        header, payload, signature = token["id_token"].split(".")
        token["id_token"] = ".".join([header, payload, ("A" if signature[5] != "A" else "B").join(
            [signature[:5], signature[6:]])])
        return token

    monkeypatch.setattr(DjangoOAuth2App, "fetch_access_token", altered)
    response = sign_in(client, oidc_provider)
    assert response.status_code == 403 and "cannot trust" in response.content.decode()
    assert signed_in_user(client) is None


def test_a_sign_in_cannot_be_finished_twice(client, sign_on, oidc_provider, council):
    accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL, roles=[Role.COUNCILLOR])
    response = start(client)
    back = callback_path(oidc_provider.sign_in(response["Location"], "officer"))
    assert client.get(back).status_code == 302
    replay = Client()
    refused = replay.get(back)
    assert refused.status_code == 403 and "not started here" in refused.content.decode()


def test_a_person_turned_off_is_refused(client, sign_on, oidc_provider, council):
    accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL, is_active=False)
    response = sign_in(client, oidc_provider)
    assert response.status_code == 403 and "turned off" in response.content.decode()


def test_a_person_in_no_mapped_group_is_not_signed_in(client, sign_on, oidc_provider, council):
    person = accounts.create_user(council.org, by=None, username="pat", email="plain@exampleton.gov.uk",
                                  roles=[Role.LEAD_OFFICER])
    response = sign_in(client, oidc_provider, username="nogroup", email="plain@exampleton.gov.uk")
    assert response.status_code == 403 and "no role in Cairn" in response.content.decode()
    assert signed_in_user(client) is None and User.objects.get(pk=person.pk).roles == set()


@pytest.mark.parametrize("provider_mfa, lands_on", [(False, "accounts:two_factor_verify"), (True, "home:home")])
def test_cairn_asks_for_its_own_code_unless_the_council_says_its_provider_does(
    client, sign_on, oidc_provider, council, provider_mfa, lands_on
):
    configure(council, oidc_provider, provider_checks_second_factor=provider_mfa)
    person = accounts.create_user(council.org, by=None, username="sana", email=OFFICER_EMAIL)
    TOTPDevice.objects.create(user=person, name="Phone", confirmed=True)
    sign_in(client, oidc_provider)
    response = client.get(reverse("home:home"))
    if provider_mfa:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response["Location"].startswith(reverse(lands_on))


def test_the_sign_in_page_offers_the_council_account_and_its_form_may_go_to_the_provider(client, sign_on, oidc_provider):
    page = client.get(reverse("accounts:sign_in")).content.decode()
    assert "Sign in with your council account" in page and reverse("signon:start") in page
    response = client.get(reverse("signon:start"))
    form_action = [d for d in response["Content-Security-Policy"].split(";") if "form-action" in d][0]
    assert oidc_provider.base in form_action and "'self'" in form_action
    assert oidc_provider.base not in client.get(reverse("accounts:sign_in"))["Content-Security-Policy"]
