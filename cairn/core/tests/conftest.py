"""Real-browser fixtures: one Chromium per test module, a fresh page per test, a council the live server can show."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

from cairn.accounts.models import Role
from cairn.accounts.operations import update_organisation
from cairn.browser import ChromiumMissing, launch_chromium
from cairn.core.testing import build_council


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: while Playwright runs, asyncio reports a running loop in this thread, which
    # Django's async-safety checks (and any asyncio.run) in the tests of other modules should not see.
    with sync_playwright() as playwright:
        try:
            chromium = launch_chromium(playwright)
        except ChromiumMissing as error:
            # A failure, never a skip: a missing browser must not pass as "no accessibility problems".
            raise pytest.fail.Exception(str(error), pytrace=False) from None
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    # Fail in seconds, not Playwright's default 30, when something is missing from a page.
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def served_council(transactional_db, live_server):
    """A council the live server's thread can see (so committed, not inside a test transaction)."""
    council = build_council("exampleton", "Exampleton Borough Council")
    update_organisation(council.org, by=None, public_pages_enabled=True)
    return council


@pytest.fixture
def officer_page(page, served_council, live_server):
    """A page signed in as the scrutiny officer by handing the browser a session made by the test client."""
    client = Client()
    client.force_login(served_council.users[Role.SCRUTINY_OFFICER])
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    return page
