"""Security keys and passkeys as a second factor: added and used in Chromium with a virtual authenticator (the
browser's own WebAuthn, through the DevTools protocol), never added with a password alone, removed with care."""

from urllib.parse import urlsplit

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from cairn.accounts import operations
from cairn.accounts.models import Role
from cairn.accounts.security_keys import BeginRegistration
from cairn.audit.models import AuditEvent
from cairn.core.models import Email
from cairn.core.testing import PASSWORD
from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)

from .test_two_factor_bypass import code_for, signed_in_with_password_alone


def with_virtual_key(page):
    """Give the page's browser a security key: Chromium's virtual authenticator, which signs as a real one does."""
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "usb", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True,
    }})
    return devtools


def sign_in(page, username):
    page.goto(reverse("accounts:sign_in"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def at_path(url, name) -> bool:
    return urlsplit(url).path == reverse(name)



@pytest.mark.browser
def test_a_key_is_added_after_the_code_and_then_signs_the_person_in(page, served_council, axe_options):
    officer = served_council.users[Role.SCRUTINY_OFFICER]
    phone = TOTPDevice.objects.create(user=officer, name="Phone", confirmed=False)
    operations.confirm_two_factor(phone, by=officer)  # with its recovery codes
    with_virtual_key(page)

    sign_in(page, officer.username)
    page.wait_for_url(lambda url: at_path(url, "accounts:two_factor_verify"))
    page.get_by_label("Code").fill(code_for(phone))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: at_path(url, "home:home"))

    page.goto(reverse("accounts:account"))
    page.get_by_role("link", name="Use a security key or passkey").click()
    assert_accessible(page, axe_options)
    page.get_by_role("button", name="Add a security key or passkey").click()
    page.wait_for_url(lambda url: at_path(url, "accounts:account"))
    assert "is added" in page.locator(".govuk-notification-banner").inner_text()
    [key] = WebAuthnCredential.objects.filter(user=officer)
    assert key.name == "Security key 1"
    assert AuditEvent.objects.filter(action="user.security_key_added", target_id=str(officer.pk)).count() == 1
    assert Email.objects.filter(subject="A security key was added to your Cairn account").count() == 1
    page.goto(reverse("accounts:security_keys"))
    assert "Security key 1" in page.locator("table").inner_text()

    # Next time: password, then the key in place of the code.
    page.context.clear_cookies()
    sign_in(page, officer.username)
    page.wait_for_url(lambda url: at_path(url, "accounts:two_factor_verify"))
    assert_accessible(page, axe_options)
    page.get_by_role("button", name="Use your security key or passkey").click()
    page.wait_for_url(lambda url: at_path(url, "home:home"))
    key.refresh_from_db()
    assert key.last_used_at is not None


@pytest.mark.browser
def test_a_person_who_must_use_two_factor_can_start_with_a_key(page, served_council, axe_options):
    lead = served_council.users[Role.LEAD_OFFICER]
    operations.update_organisation(served_council.org, by=None, two_factor_roles=[Role.LEAD_OFFICER])
    with_virtual_key(page)

    sign_in(page, lead.username)
    page.wait_for_url(lambda url: at_path(url, "accounts:two_factor_setup"))
    page.get_by_role("link", name="use a security key or passkey").click()
    page.get_by_role("button", name="Add a security key or passkey").click()
    # A first second factor comes with recovery codes, for the day the key is lost.
    page.wait_for_url(lambda url: at_path(url, "accounts:recovery_codes"))
    assert page.get_by_role("list", name="Recovery codes").locator("li").count() == 10
    page.goto(reverse("home:home"))
    assert at_path(page.url, "home:home")

    page.context.clear_cookies()
    sign_in(page, lead.username)
    page.wait_for_url(lambda url: at_path(url, "accounts:two_factor_verify"))
    assert page.get_by_role("heading", level=1).inner_text() == "Use your security key"
    assert page.get_by_label("Code").count() == 0  # no authenticator app to ask a code of
    page.get_by_role("button", name="Use your security key or passkey").click()
    page.wait_for_url(lambda url: at_path(url, "home:home"))


def test_a_password_alone_cannot_add_a_key(council):
    user = council.users[Role.SCRUTINY_OFFICER]
    TOTPDevice.objects.create(user=user, name="Victim's phone", confirmed=True)
    attacker = signed_in_with_password_alone(user)

    page = attacker.get(reverse("accounts:security_keys"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:two_factor_verify"))
    for name in ("otp_webauthn:credential-registration-begin", "otp_webauthn:credential-registration-complete"):
        response = attacker.post(reverse(name), "{}", content_type="application/json")
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:two_factor_verify"))
    # The ceremony's own refusal stands behind the page's: a session that has not passed its second factor gets no
    # registration options even where the middleware lets it through (as for a first enrolment).
    request = RequestFactory().post("/", "{}", content_type="application/json")
    request.user, request.session = user, SessionStore()
    request.user.is_verified = lambda: False
    refused = BeginRegistration.as_view()(request)
    assert refused.status_code == 403
    assert not WebAuthnCredential.objects.exists()


def test_removing_a_key_is_told_and_the_last_one_is_kept_where_the_council_requires_it(council):
    lead = council.users[Role.LEAD_OFFICER]
    key = WebAuthnCredential.objects.create(user=lead, name="Security key 1", confirmed=True,
                                            credential_id=b"one", public_key=b"k", sign_count=0)
    operations.update_organisation(council.org, by=None, two_factor_roles=[Role.LEAD_OFFICER])
    lead.refresh_from_db()
    browser = Client()
    browser.force_login(lead)
    session = browser.session
    session["otp_device_id"] = key.persistent_id  # the key was used at sign-in
    session.save()

    refused = browser.post(reverse("accounts:remove_security_key", args=[key.pk]), follow=True)
    assert "add another security key or an authenticator app" in refused.content.decode()
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()

    operations.update_organisation(council.org, by=None, two_factor_roles=[])
    browser.post(reverse("accounts:remove_security_key", args=[key.pk]))
    assert not WebAuthnCredential.objects.filter(pk=key.pk).exists()
    assert AuditEvent.objects.filter(action="user.security_key_removed", target_id=str(lead.pk)).count() == 1
    assert Email.objects.filter(subject="A security key was removed from your Cairn account").count() == 1


def test_nobody_removes_another_persons_key(council):
    lead, officer = council.users[Role.LEAD_OFFICER], council.users[Role.SCRUTINY_OFFICER]
    key = WebAuthnCredential.objects.create(user=lead, name="Security key 1", confirmed=True,
                                            credential_id=b"one", public_key=b"k", sign_count=0)
    browser = Client()
    browser.force_login(officer)
    assert browser.post(reverse("accounts:remove_security_key", args=[key.pk])).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_an_administrator_turning_off_two_factor_removes_keys_too(council):
    lead = council.users[Role.LEAD_OFFICER]
    WebAuthnCredential.objects.create(user=lead, name="Security key 1", confirmed=True,
                                      credential_id=b"one", public_key=b"k", sign_count=0)
    operations.remove_two_factor(lead, by=council.users[Role.ADMINISTRATOR])
    assert not WebAuthnCredential.objects.filter(user=lead).exists()
    assert Email.objects.filter(subject="Two-factor sign-in is off for your Cairn account").count() == 1
