"""In Chromium, by keyboard: the administrator uploads the council's logo and names its papers; axe on the settings
page (as it is, and with a refused file), on a signed-in page and a public page showing the logo."""

import pytest
from django.urls import reverse

from cairn.accounts.models import Organisation, Role
from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401 (fixtures)
from cairn.core.tests.test_accessibility import assert_accessible, axe_options  # noqa: F401 (fixture)

from .images import image_bytes
from .test_accounts_browser import signed_in_as

pytestmark = pytest.mark.browser


def _logo_shown(page) -> dict:
    return page.evaluate("""() => {
      const img = document.querySelector('header .cairn-header__logo');
      return img && {alt: img.alt, loaded: img.complete && img.naturalWidth, height: img.getBoundingClientRect().height};
    }""")


def test_the_administrator_sets_the_logo_by_keyboard_and_it_shows_on_the_pages(
    page, served_council, live_server, axe_options, tmp_path
):
    signed_in_as(page, served_council.users[Role.ADMINISTRATOR], live_server)
    page.goto(reverse("administration:organisation_settings"))
    page.get_by_role("link", name="Name, logo and contact on papers").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).inner_text() == "Name, logo and contact on papers"
    assert_accessible(page, axe_options)

    svg = tmp_path / "crest.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page.get_by_label("Upload a logo").set_input_files(str(svg))
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    assert "crest.svg is an SVG drawing, which can carry scripts" in summary.inner_text()
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page, axe_options)
    assert Organisation.objects.get(pk=served_council.org.pk).logo_id is None

    png = tmp_path / "crest.png"
    png.write_bytes(image_bytes(300, 100))
    name = page.get_by_label("Name on papers and pages")
    name.focus()
    page.keyboard.type("Exampleton Council")
    page.get_by_label("Upload a logo").set_input_files(str(png))
    page.get_by_label("Contact officer's post").fill("Scrutiny Support Officer")
    page.get_by_role("button", name="Save").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "has been saved" in page.locator(".govuk-notification-banner").inner_text()
    shown = _logo_shown(page)
    assert shown["alt"] == "Exampleton Council logo" and shown["loaded"] == 300 and shown["height"] == 56  # 48 pixels, on a 4-pixel white ground
    assert page.locator(".cairn-logo-preview").get_attribute("alt") == "Exampleton Council logo"
    assert_accessible(page, axe_options)

    page.goto(reverse("reviews:review_list"))
    assert _logo_shown(page)["loaded"] == 300
    assert page.locator(".cairn-header__organisation").inner_text() == "Exampleton Council"
    assert_accessible(page, axe_options)

    page.context.clear_cookies()  # the public, on a council that publishes its pages
    page.goto(reverse("public:rounds", args=[served_council.org.slug]))
    assert _logo_shown(page)["loaded"] == 300
    assert_accessible(page, axe_options)
