"""In Chromium: an administrator invites a person who accepts and signs in; another forgets their password and resets
it; axe on every new account page."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts import operations
from cairn.accounts.models import Role, User
from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)
from cairn.core.models import Email

pytestmark = pytest.mark.browser
NEW = "blue-kettle-Orbit-91"


def signed_in_as(page, user, live_server):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["cairn_session"]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def link_in(message) -> str:
    return urlsplit(re.search(r"https?://\S+/account/set-password/\S+/", message.body).group(0)).path


def sign_in(page, username, password):
    page.goto(reverse("accounts:sign_in"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_an_invited_person_accepts_and_signs_in(page, served_council, live_server, axe_options):
    admin = served_council.users[Role.ADMINISTRATOR]
    signed_in_as(page, admin, live_server)
    page.goto(reverse("administration:person_create"))
    assert_accessible(page, axe_options)
    page.get_by_label("First name").fill("Amira")
    page.get_by_label("Last name").fill("Shah")
    page.get_by_label("Email address").fill("amira@example.org")
    page.get_by_label("Lead officer").check()
    page.get_by_role("button", name="Add and invite").click()
    assert "invited by e-mail to amira@example.org" in page.locator(".govuk-notification-banner").inner_text()
    assert "Not yet accepted" in page.locator("table").inner_text()
    assert_accessible(page, axe_options)
    [message] = Email.objects.all()  # kept for the worker to send

    page.context.clear_cookies()
    page.goto(link_in(message))
    assert page.get_by_role("heading", level=1).inner_text() == "Set your password"
    assert_accessible(page, axe_options)
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("New password confirmation").fill(NEW)
    page.get_by_role("button", name="Set password").click()
    sign_in(page, "amira@example.org", NEW)
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("home:home"))
    assert not User.objects.get(username="amira@example.org").invitation_pending


def test_a_person_who_forgot_their_password_resets_it(page, served_council, live_server, axe_options):
    lead = served_council.users[Role.LEAD_OFFICER]
    page.goto(reverse("accounts:sign_in"))
    page.get_by_role("link", name="Forgotten your password?").click()
    assert_accessible(page, axe_options)
    page.get_by_label("Your e-mail address").fill(lead.email)
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check your e-mail"
    assert_accessible(page, axe_options)
    [message] = Email.objects.all()  # kept for the worker to send
    page.goto(link_in(message))
    page.get_by_label("New password", exact=True).fill(NEW)
    page.get_by_label("New password confirmation").fill(NEW)
    page.get_by_role("button", name="Set password").click()
    sign_in(page, lead.username, NEW)
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("home:home"))


@pytest.mark.parametrize("name", ["accounts:recovery_codes", "accounts:two_factor_recovery", "accounts:locked_out"])
def test_new_account_pages_have_no_axe_violations(page, served_council, live_server, axe_options, name):
    lead = served_council.users[Role.LEAD_OFFICER]
    if name == "accounts:locked_out":
        from django.conf import settings

        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(page, lead.username, "not the password")
        assert page.get_by_role("link", name="reset your password").is_visible()
    elif name == "accounts:recovery_codes":
        signed_in_as(page, lead, live_server)
        page.goto(reverse(name))
        assert page.get_by_role("link", name="Turn on two-factor sign-in").is_visible()
    else:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from cairn.core.testing import PASSWORD

        operations.confirm_two_factor(TOTPDevice.objects.create(user=lead, name="Phone", confirmed=False), by=lead)
        sign_in(page, lead.username, PASSWORD)
        page.get_by_role("link", name="Use a recovery code").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Sign in with a recovery code"
    assert_accessible(page, axe_options)
