"""Every page, in real Chromium: no axe violations against WCAG 2.2 AA, usable by keyboard alone."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.core.testing import PASSWORD

pytestmark = pytest.mark.browser

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTEFACTS = Path(settings.BASE_DIR) / "build" / "artefacts"

# URL name -> the council object whose page it is (None for pages without an id).
PAGES = {
    "home:home": None,
    "search:results": None,
    "reviews:review_list": None,
    "reviews:review_detail": "review",
    "reviews:review_papers": "review",
    "reviews:recommendation_detail": "recommendation",
    "programmes:programme_list": None,
    "programmes:programme_detail": "programme",
    "programmes:programme_papers": "programme",
    "programmes:project_detail": "project",
    "benchmarks:measure_list": None,
    "benchmarks:measure_detail": "benchmark",
    "accounts:account": None,

    "accounts:password_change": None,
    "accounts:two_factor_setup": None,
    "audit:history": "history",
    "public:rounds": "public",
    "public:round": "public round",
    "statements:council_accessibility": "statement",
    "statements:council_privacy": "statement",
    # Editing
    "reviews:review_create": None,
    "reviews:recommendation_edit": "recommendation",
    "reviews:action_create": "recommendation",
    "reviews:action_revise_target": "action",
    "reviews:saving_edit": "saving estimate",
    "reviews:paper_create": "review",
    "reviews:paper_edit": "paper",
    "programmes:programme_edit": "programme",
    "programmes:phase_plan_edit": "programme",
    "programmes:project_edit": "project",
    "programmes:milestone_create": "project",
    "programmes:milestone_edit": "milestone",
    "programmes:milestone_revise": "milestone",
    "programmes:indicator_edit": "indicator",
    "programmes:indicator_rules": "indicator",
    "programmes:reading_revise": "reading",
    "programmes:readings_upload": "indicator",
    "programmes:budget_line_create": "project",
    "programmes:risk_close": "risk",
    # Rounds, committees and meetings
    "rounds:round_open": None,
    "rounds:round_detail": "collecting_round",
    "rounds:round_edit": "collecting_round",
    "rounds:round_cancel": "collecting_round",
    "rounds:round_publish": "collecting_round",
    "rounds:round_workbook_upload": "collecting_round",
    "rounds:my_updates": None,
    "committees:committee_list": None,
    "committees:committee_create": None,
    "committees:meeting_create": "committee",
    "committees:meeting_edit": "meeting",
    # Importing
    "imports:upload": None,
    "imports:batch_list": None,
    "imports:batch_preview": "import batch",
    "imports:recommendation_correct": "import record",
    "imports:batch_discard_confirm": "import batch",
    "jobs:job_list": None,
}

# Where focus is now, and whether a sighted keyboard user could see it.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && style.outlineWidth !== "0px"
    && !["transparent", "rgba(0, 0, 0, 0)"].includes(style.outlineColor);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim(), href: el.getAttribute("href"),
    indicated: outline || style.boxShadow !== "none", onScreen: box.width > 1 && box.height > 1,
  };
}"""


def url_of(name: str, council) -> str:
    attribute = PAGES[name]
    if attribute in ("import batch", "import record"):
        # A paper made here, so the page is checked even where the seed documents are not beside the checkout.
        from .matrix_imports import staged_batch

        return reverse(name, args=staged_batch(council) + ([0] if attribute == "import record" else []))
    if attribute == "benchmark":
        # Small statistics files with combined rows, symbols and a region: every part of the page is drawn.
        from cairn.benchmarks.tests.samples import sample_measure

        return reverse(name, args=[sample_measure().pk]) + "?la=808"
    special = {
        "history": ["recommendation", council.recommendation.pk],
        "public": [council.org.slug],
        "public round": [council.org.slug, council.published_round.pk],
        "statement": [council.org.slug],
        "saving estimate": [council.review.saving_estimates.first().pk],
        "paper": [council.review.papers.first().pk],
        "risk": [council.project.risks.first().pk],
        "milestone": [council.project.milestones.first().pk],
        "reading": [council.indicator.readings.first().pk],
    }
    if attribute in special:
        return reverse(name, args=special[attribute])
    return reverse(name, args=[getattr(council, attribute).pk] if attribute else [])


@pytest.fixture(scope="module")
def axe_options(browser) -> dict:
    """axe's default rules, plus every rule tagged for WCAG 2.2 AA (some, such as target-size, are off by default)."""
    page = browser.new_page()
    try:
        page.evaluate(Axe().axe_script)
        rule_ids = page.evaluate("tags => axe.getRules(tags).map(rule => rule.ruleId)", WCAG_22_AA)
    finally:
        page.close()
    return {"rules": {rule_id: {"enabled": True} for rule_id in rule_ids}, "resultTypes": ["violations"]}


def assert_accessible(page, axe_options: dict) -> None:
    violations = Axe().run(page, options=axe_options).response["violations"]
    report = [f"{len(violations)} axe violation(s) on {page.url}:"]
    for violation in violations:
        report.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            report.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                report.append("      " + node["failureSummary"].replace("\n", "\n      "))
    assert not violations, "\n".join(report)


def focus_after_tab(page) -> dict:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS)


@pytest.mark.parametrize("name", PAGES)
def test_signed_in_page_has_no_axe_violations(officer_page, served_council, axe_options, name):
    response = officer_page.goto(url_of(name, served_council))
    assert response.status == 200
    assert_accessible(officer_page, axe_options)


def test_sign_in_page_has_no_axe_violations(page, axe_options):
    page.goto(reverse("accounts:sign_in"))
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to Cairn"
    assert_accessible(page, axe_options)


def test_failed_sign_in_shows_error_summary_without_axe_violations(page, served_council, axe_options):
    page.goto(reverse("accounts:sign_in"))
    page.get_by_label("Username").fill(f"exampleton-{Role.SCRUTINY_OFFICER}")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    assert page.title().startswith("Error: ")
    # GOV.UK Frontend moves focus to the summary so screen reader users hear the problem first.
    assert page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(page, axe_options)


def test_a_refused_edit_shows_the_error_summary_without_axe_violations(officer_page, served_council, axe_options):
    officer_page.goto(url_of("reviews:recommendation_edit", served_council))
    officer_page.get_by_label("Recommendation", exact=True).fill("")
    officer_page.get_by_role("button", name="Save changes").click()

    summary = officer_page.locator(".govuk-error-summary")
    assert summary.get_by_role("link").first.inner_text() == "Enter the recommendation"
    assert officer_page.title().startswith("Error: ")
    assert officer_page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(officer_page, axe_options)


def test_phase_plan_can_be_changed_with_the_keyboard(officer_page, served_council):
    officer_page.goto(url_of("programmes:phase_plan_edit", served_council))
    first = officer_page.locator("select").first
    assert first.input_value() == "D"
    first.focus()
    officer_page.keyboard.press("ArrowDown")  # the next phase in the legend
    assert first.input_value() == "P"
    officer_page.get_by_role("button", name="Save the phase plan").focus()
    officer_page.keyboard.press("Enter")
    officer_page.wait_for_url(lambda url: urlsplit(url).path == url_of("programmes:programme_detail", served_council))
    assert "has been saved" in officer_page.locator(".govuk-notification-banner").inner_text()
    assert served_council.project.phase_plan.get().phase.letter == "P"


def test_the_review_an_imported_paper_joins_can_be_chosen_with_the_keyboard(officer_page, served_council, axe_options):
    from cairn.imports.models import ImportBatch

    officer_page.goto(url_of("imports:batch_preview", served_council))
    new = officer_page.get_by_label("A new review called “Review imported from plan.txt”")
    held = officer_page.get_by_label(served_council.review.title)
    assert new.is_checked() and not held.is_checked()
    new.focus()
    officer_page.keyboard.press("ArrowDown")  # the next answer, chosen as it is reached
    assert held.is_checked()
    officer_page.get_by_role("button", name="Confirm the review").focus()
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    banner = officer_page.locator(".govuk-notification-banner").inner_text()
    assert f"its records will be added to “{served_council.review.title}”" in banner
    assert ImportBatch.objects.get(organisation=served_council.org).review == served_council.review
    assert_accessible(officer_page, axe_options)


def test_confirm_and_import_imports_into_the_review_chosen_on_screen(officer_page, served_council):
    from cairn.imports import operations
    from cairn.imports.models import ImportBatch

    from .matrix_imports import PAPER

    # A recommendation the council's review does not have yet, so importing into it creates something.
    paper = PAPER.replace(b"\n1\t", b"\n99\t")
    batch = operations.stage_import(served_council.org, by=None, name="plan.txt", data=paper)
    officer_page.goto(reverse("imports:batch_preview", args=[batch.pk]))
    officer_page.get_by_label("A new review called “Review imported from plan.txt”").focus()
    officer_page.keyboard.press("ArrowDown")  # chosen, but "Confirm the review" is not pressed
    assert officer_page.get_by_label(served_council.review.title).is_checked()
    officer_page.get_by_role("button", name="Confirm and import").focus()
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    assert "plan.txt has been imported" in officer_page.locator(".govuk-notification-banner").inner_text()
    batch = ImportBatch.objects.get(organisation=served_council.org)
    assert batch.state == ImportBatch.State.APPLIED
    assert batch.created_records["reviews"] == [served_council.review.pk]


def test_keyboard_user_can_skip_sign_in_and_reach_reviews(page, served_council, live_server):
    page.goto(reverse("accounts:sign_in"))

    focus = focus_after_tab(page)
    assert (focus["text"], focus["href"]) == ("Skip to main content", "#main-content")
    assert focus["onScreen"] and focus["indicated"], focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    focus = focus_after_tab(page)
    assert focus["id"] == "id_username"
    assert focus["indicated"], focus
    page.keyboard.type(f"exampleton-{Role.SCRUTINY_OFFICER}")
    assert focus_after_tab(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    # The form posts to the page's own address, so "#main-content" from the skip link may ride along.
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("home:home"))
    assert page.get_by_role("heading", level=1).inner_text() == "Exampleton Borough Council"

    visited = []
    for _ in range(40):
        focus = focus_after_tab(page)
        visited.append(focus["text"][:40])
        if focus["tag"] == "body":
            continue  # past the last control focus leaves the document, and the next Tab comes back to the top
        assert focus["onScreen"] and focus["indicated"], focus
        if focus["text"] == "Reviews":
            break
    assert (focus["tag"], focus["href"]) == ("a", reverse("reviews:review_list")), visited
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlsplit(url).path == reverse("reviews:review_list"))
    assert page.get_by_role("heading", level=1).is_visible()


def test_home_and_programme_pages_are_saved_as_screenshots(officer_page, served_council):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for filename, name in [("home.png", "home:home"), ("programme.png", "programmes:programme_detail")]:
        officer_page.goto(url_of(name, served_council))
        path = ARTEFACTS / filename
        officer_page.screenshot(path=path, full_page=True)
        assert path.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "name", ["administration:people_list", "administration:person_create", "administration:organisation_settings"]
)
def test_administration_pages_have_no_axe_violations(page, served_council, live_server, axe_options, name):
    from django.test import Client

    client = Client()
    client.force_login(served_council.users[Role.ADMINISTRATOR])
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    response = page.goto(reverse(name))
    assert response.status == 200
    assert_accessible(page, axe_options)


def test_the_set_password_page_has_no_axe_violations_and_works_by_keyboard(page, served_council, axe_options):
    from cairn.accounts.set_password import set_password_link

    link, _ = set_password_link(served_council.users[Role.LEAD_OFFICER])
    page.goto(urlsplit(link).path)
    assert page.get_by_role("heading", level=1).inner_text() == "Set your password"
    assert_accessible(page, axe_options)
    page.get_by_label("New password", exact=True).fill("short")
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.title().startswith("Error: ")
    assert_accessible(page, axe_options)
    page.goto(reverse("accounts:sign_in"))  # and a link that does not work says so, accessibly
    page.goto(urlsplit(link).path.replace("/set-password/", "/set-password/x"))
    assert page.get_by_role("heading", level=1).inner_text() == "This link does not work"
    assert_accessible(page, axe_options)


def _sign_in_as(page, live_server, user) -> None:
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])


def _give_every_role_work(council):
    """Every section of every role's home has something in it: figures to confirm, reports asked, slipping milestones."""
    import datetime as dt
    from decimal import Decimal

    from cairn.programmes import operations as programmes
    from cairn.reviews import operations as reviews

    lead, pm = council.users[Role.LEAD_OFFICER], council.users[Role.PROGRAMME_MANAGER]
    update = reviews.save_progress_update(council.collecting_round.updates.get(), by=lead, evidence="Done.",
                                          level=council.level("2"), savings_amount=Decimal("48000"),
                                          savings_basis="estimated")
    reviews.submit_progress_update(update, by=lead)
    programmes.update_programme(council.programme, by=council.officer, manager=pm)
    today = dt.date.today()
    programmes.add_milestone(council.project, by=council.officer, activity="Open the hub", due_on=today - dt.timedelta(days=5))
    programmes.open_programme_round(council.programme, by=council.officer, title="Board, this month", as_at_on=today,
                                    deadline_on=today + dt.timedelta(days=7))


@pytest.mark.parametrize("role", [Role.PROGRAMME_MANAGER, Role.FINANCE_MANAGER, Role.LEAD_OFFICER, Role.COUNCILLOR,
                                  Role.ADMINISTRATOR])
def test_each_roles_home_has_no_axe_violations(page, served_council, live_server, axe_options, role):
    _give_every_role_work(served_council)
    _sign_in_as(page, live_server, served_council.users[role])
    assert page.goto(reverse("home:home")).status == 200
    heading = {Role.PROGRAMME_MANAGER: "Your programmes", Role.FINANCE_MANAGER: "Figures waiting for you",
               Role.LEAD_OFFICER: "Updates asked of you", Role.COUNCILLOR: "Recently published",
               Role.ADMINISTRATOR: "Rounds in progress"}[role]
    assert page.get_by_role("heading", name=heading).is_visible()
    assert_accessible(page, axe_options)


def test_a_programme_manager_reaches_a_slipping_milestone_from_home_by_keyboard(page, served_council, live_server):
    _give_every_role_work(served_council)
    _sign_in_as(page, live_server, served_council.users[Role.PROGRAMME_MANAGER])
    page.goto(reverse("home:home"))
    for _ in range(60):
        focus = focus_after_tab(page)
        if focus["tag"] == "body":
            continue
        assert focus["onScreen"] and focus["indicated"], focus
        if focus["text"].startswith("Revise the date"):
            break
    assert focus["text"] == "Revise the date of “Open the hub”", focus
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", level=1).is_visible()
    assert "/milestones/" in page.url and page.url.endswith("/revise/")


def test_search_is_reached_from_the_header_by_keyboard_and_its_results_have_no_axe_violations(
    officer_page, served_council, axe_options
):
    from cairn.programmes import operations as programmes

    for number in range(10, 22):  # more projects than a page of results shows
        programmes.create_project(served_council.programme, by=served_council.officer, number=str(number),
                                  name=f"Early help hub {number}")
    officer_page.goto(reverse("home:home"))
    focus = focus_after_tab(officer_page)  # the skip link
    for _ in range(5):
        focus = focus_after_tab(officer_page)
        if focus["id"] == "header-search":
            break
    assert focus["id"] == "header-search" and focus["indicated"], focus
    officer_page.keyboard.type("early help")
    with officer_page.expect_navigation():
        officer_page.keyboard.press("Enter")
    assert officer_page.title().startswith("Search results for “early help”")
    assert officer_page.locator("#header-search").input_value() == "early help"
    assert officer_page.get_by_role("heading", name="Projects").is_visible()
    assert officer_page.get_by_role("navigation", name="Projects found, more pages").is_visible()
    assert_accessible(officer_page, axe_options)
    # Past the box on the page and its button, the contents list leads to each kind of record found.
    officer_page.locator("#search-query").focus()
    focus_after_tab(officer_page)
    focus = focus_after_tab(officer_page)
    assert focus["href"] == "#projects" and focus["indicated"], focus
    officer_page.keyboard.press("Enter")
    assert officer_page.url.endswith("#projects")


def test_a_search_too_short_shows_the_error_summary_without_axe_violations(officer_page, served_council, axe_options):
    officer_page.goto(reverse("search:results"))
    assert_accessible(officer_page, axe_options)
    officer_page.get_by_label("Search reviews, recommendations").fill("a")
    officer_page.get_by_role("button", name="Search", exact=True).last.click()
    summary = officer_page.locator(".govuk-error-summary")
    assert summary.get_by_role("link").inner_text() == "Enter at least 2 letters or numbers to search for"
    assert officer_page.title().startswith("Error: ")
    assert officer_page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
    assert_accessible(officer_page, axe_options)
