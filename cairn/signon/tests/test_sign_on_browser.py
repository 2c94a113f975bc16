"""In Chromium: a council officer signs in through the real OpenID Connect provider and lands on their home page with
the role their group maps to; axe on the single sign-on pages."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role, User
from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)

from .conftest import configure
from .provider import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def council_sign_on(served_council, oidc_provider, live_server, settings):
    settings.CAIRN_BASE_URL = live_server.url
    oidc_provider.allow_redirect(f"{live_server.url}/account/sign-in/council/exampleton/return/")
    return configure(served_council, oidc_provider, create_accounts=True)


def test_an_officer_signs_in_through_the_council_provider_with_the_role_their_group_maps_to(
    page, council_sign_on, live_server, axe_options
):
    page.goto("/")
    page.get_by_role("link", name="Sign in with your council account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in with your council account"
    assert_accessible(page, axe_options)
    page.get_by_label("Your work e-mail address").fill("sso.officer@exampleton.gov.uk")
    page.get_by_role("button", name="Continue").click()
    # The council's own sign-in page, on the provider.
    page.locator("#id_username").fill("officer")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#provider-sign-in").click()
    page.wait_for_url(lambda url: url.startswith(live_server.url) and urlsplit(url).path == reverse("home:home"))
    assert page.get_by_role("heading", level=1).inner_text() == "Exampleton Borough Council"
    assert page.get_by_role("button", name="Sign out").is_visible() or page.get_by_text("Sign out").first.is_visible()
    person = User.objects.get(email="sso.officer@exampleton.gov.uk")
    assert person.roles == {Role.SCRUTINY_OFFICER}
    page.goto(reverse("rounds:round_open"))
    assert page.get_by_role("heading", level=1).is_visible() and "Open" in page.get_by_role("heading", level=1).inner_text()


def test_a_person_of_another_domain_is_told_no_council_signs_in_with_it(page, council_sign_on, axe_options):
    page.goto(reverse("signon:start"))
    page.get_by_label("Your work e-mail address").fill("someone@elsewhere.example.org")
    page.get_by_role("button", name="Continue").click()
    assert "No council signs in to Cairn with addresses at elsewhere.example.org" in page.locator(
        ".govuk-error-summary").inner_text()
    assert_accessible(page, axe_options)


def test_the_single_sign_on_settings_and_refusal_pages_have_no_axe_violations(
    page, council_sign_on, served_council, live_server, axe_options
):
    client = Client()
    client.force_login(served_council.users[Role.ADMINISTRATOR])
    cookie = client.cookies["cairn_session"]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page.goto(reverse("signon:settings"))
    assert page.get_by_role("heading", level=1).inner_text() == "Single sign-on"
    assert_accessible(page, axe_options)
    page.context.clear_cookies()
    page.goto(reverse("signon:callback", args=["exampleton"]) + "?state=not-begun-here&code=x")
    assert page.get_by_role("heading", level=1).inner_text() == "You have not been signed in"
    assert_accessible(page, axe_options)
