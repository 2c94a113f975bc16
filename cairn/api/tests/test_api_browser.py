"""The token and webhook pages in real Chromium: no axe violations, usable by keyboard; the API docs load nothing from
elsewhere and break none of the Content Security Policy."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.api.models import ApiToken
from cairn.core.tests.conftest import browser, officer_page, page, served_council  # noqa: F401  (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def admin_page(page, served_council, live_server):  # noqa: F811
    client = Client()
    client.force_login(served_council.users[Role.ADMINISTRATOR])
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    return page


def test_a_token_is_made_by_keyboard_and_the_page_passes_axe(officer_page, served_council, axe_options):  # noqa: F811
    officer_page.goto(reverse("api_pages:token_list"))
    assert_accessible(officer_page, axe_options)
    officer_page.get_by_label("What is the token for?").focus()
    officer_page.keyboard.type("Power BI dashboard")
    officer_page.keyboard.press("Enter")
    key = officer_page.locator("#new-token").inner_text()
    assert ApiToken.objects.get(user=served_council.officer).prefix == key[:12]
    assert "Power BI dashboard" in officer_page.locator("table").inner_text()
    assert_accessible(officer_page, axe_options)


def test_a_nameless_token_shows_the_error_summary_without_axe_violations(officer_page, axe_options):  # noqa: F811
    officer_page.goto(reverse("api_pages:token_list"))
    officer_page.get_by_role("button", name="Make a token").click()
    assert officer_page.title().startswith("Error: ")
    assert_accessible(officer_page, axe_options)


@pytest.mark.parametrize("name", ["api_pages:council_tokens", "api_pages:webhook_list"])
def test_administrators_pages_pass_axe(admin_page, served_council, axe_options, name):  # noqa: F811
    from cairn.api.operations import create_api_token, register_webhook

    create_api_token(served_council.officer, by=None, name="Spreadsheet")
    register_webhook(served_council.org, by=None, url="https://example.org/hook", events=["round.published"])
    admin_page.goto(reverse(name))
    assert_accessible(admin_page, axe_options)


def test_a_webhook_is_registered_by_keyboard(admin_page, served_council):  # noqa: F811
    admin_page.goto(reverse("api_pages:webhook_list"))
    admin_page.get_by_label("Address to send to").focus()
    admin_page.keyboard.type("https://example.org/hooks/cairn")
    admin_page.keyboard.press("Tab")
    admin_page.keyboard.press("Space")  # the first event
    admin_page.get_by_role("button", name="Register the address").focus()
    admin_page.keyboard.press("Enter")
    assert admin_page.locator("#webhook-secret").inner_text()
    assert served_council.org.pk and "round.published" in admin_page.locator("table").first.inner_text()


def test_the_api_docs_load_only_from_cairn_within_its_policy(page, live_server):  # noqa: F811
    requests, refused = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    page.goto(reverse("api_docs"))
    page.locator(".swagger-ui .opblock").first.wait_for()
    assert "/api/v1/reviews" in page.locator(".swagger-ui").inner_text()
    assert all(url.startswith(live_server.url) or url.startswith("data:") for url in requests), requests
    assert not refused, refused
