"""The whole reporting cycle in real Chromium, each person in their own browser, every page checked with axe."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.core.tests.test_accessibility import assert_accessible
from cairn.reviews.models import ProgressUpdate, Recommendation, ReportingRound

pytestmark = pytest.mark.browser


@pytest.fixture
def person(browser, live_server, served_council):
    """A browser page signed in as a given role; all closed at the end."""
    contexts = []

    def sign_in(role):
        client = Client()
        client.force_login(served_council.users[role])
        session = client.cookies[settings.SESSION_COOKIE_NAME]
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield sign_in
    for context in contexts:
        context.close()


def test_the_whole_cycle_in_the_browser(person, served_council, axe_options):
    council = served_council
    officer, lead, finance = person(Role.SCRUTINY_OFFICER), person(Role.LEAD_OFFICER), person(Role.FINANCE_MANAGER)

    # The officer opens a round for the review and asks the leads.
    officer.goto(reverse("rounds:round_open"))
    assert_accessible(officer, axe_options)
    officer.get_by_label("Name of the round").fill("Progress to committee, March 2027")
    officer.get_by_label("Progress as at").fill("1/3/2027")
    officer.get_by_label("Deadline for updates from leads").fill("15/3/2027")
    officer.get_by_label(council.review.title).check()
    officer.get_by_role("button", name="Open the round").click()
    officer.get_by_role("button", name="Ask leads for their updates").click()
    assert "1 lead officer was e-mailed" in officer.locator(".govuk-notification-banner").inner_text()
    assert_accessible(officer, axe_options)
    round_ = ReportingRound.objects.get(title="Progress to committee, March 2027")
    update = round_.updates.get()

    # The lead drafts, comes back, and submits: with the keyboard alone.
    lead.goto(reverse("rounds:my_updates"))
    assert_accessible(lead, axe_options)
    lead.locator(f'a[href="{reverse("rounds:update_edit", args=[update.pk])}"]').click()
    assert_accessible(lead, axe_options)
    lead.get_by_label("Evidence of progress").focus()
    lead.keyboard.press("Control+A")
    lead.keyboard.type("Advert placed; interviews booked.")
    lead.keyboard.press("Tab")  # into the assessment: last round's "3 Slipped" is chosen
    assert lead.evaluate("document.activeElement.labels[0].textContent.trim()") == "3 Slipped"
    lead.keyboard.press("ArrowUp")
    lead.keyboard.press("ArrowUp")  # arrows move the choice: now "1 Fully achieved"
    lead.get_by_role("button", name="Save as draft").focus()
    lead.keyboard.press("Enter")
    lead.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:update_edit", args=[update.pk]))
    assert "draft has been saved" in lead.locator(".govuk-notification-banner").inner_text()
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.DRAFT and update.level == council.complete

    lead.get_by_role("button", name="Submit update").focus()
    lead.keyboard.press("Enter")
    lead.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:my_updates"))
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    # The officer checks it beside last round's and returns it.
    officer.goto(reverse("rounds:update_check", args=[update.pk]))
    assert_accessible(officer, axe_options)
    officer.get_by_label("What needs to change").fill("Say when the post starts.")
    officer.get_by_role("button", name="Return to the lead").click()
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.RETURNED

    # The lead sees why, and resubmits with savings to date.
    lead.goto(reverse("rounds:update_edit", args=[update.pk]))
    assert "Say when the post starts." in lead.content()
    lead.get_by_label("Evidence of progress").fill("Officer appointed; starts 6 January.")
    lead.get_by_label("Savings or costs to date", exact=True).fill("12,000")
    lead.get_by_label("Estimated").check()
    lead.get_by_role("button", name="Submit update").click()
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    # The finance manager confirms the savings.
    finance.goto(reverse("rounds:my_updates"))
    finance.locator(f'a[href="{reverse("rounds:update_savings", args=[update.pk])}"]').click()
    assert_accessible(finance, axe_options)
    finance.get_by_label("Actual").check()
    finance.get_by_role("button", name="Confirm savings").click()
    update.refresh_from_db()
    assert update.finance_confirmed_by == council.users[Role.FINANCE_MANAGER]

    # The officer accepts and publishes.
    officer.goto(reverse("rounds:update_check", args=[update.pk]))
    officer.get_by_role("button", name="Accept this update").click()
    officer.goto(reverse("rounds:round_publish", args=[round_.pk]))
    assert_accessible(officer, axe_options)
    officer.get_by_role("button", name="Publish the round").click()
    round_.refresh_from_db()
    assert round_.is_published
    frozen, fingerprint = round_.published_content, round_.content_hash

    # A later edit of the recommendation leaves the published round untouched.
    Recommendation.objects.filter(pk=council.recommendation.pk).update(text="Reworded later")
    response = officer.goto(reverse("rounds:update_edit", args=[update.pk]))
    assert response.status == 403
    round_.refresh_from_db()
    assert (round_.published_content, round_.content_hash) == (frozen, fingerprint)

    # At the meeting the committee signs off the fully achieved recommendation.
    officer.goto(reverse("rounds:round_sign_off", args=[round_.pk]))
    assert_accessible(officer, axe_options)
    officer.get_by_label("Meeting that signed them off").select_option(str(council.meeting.pk))
    officer.get_by_role("button", name="Sign off and close").click()
    assert Recommendation.objects.get(pk=council.recommendation.pk).state == Recommendation.State.CLOSED


def test_the_cycle_on_a_bad_day_in_the_browser(person, served_council, axe_options):
    """A new meeting added as the round opens, publishing refused while unchecked, a refused submit corrected on the
    same page, a return, a figure changed after finance confirmed it, and a slipped date reaching its step."""
    import datetime as dt

    from cairn.jobs.testing import run_queued_jobs
    from cairn.reviews.models import Action

    council = served_council
    today = dt.date.today()
    uk = lambda day: day.strftime("%d/%m/%Y")  # noqa: E731
    officer, lead, finance = person(Role.SCRUTINY_OFFICER), person(Role.LEAD_OFFICER), person(Role.FINANCE_MANAGER)

    # The meeting is not in Cairn yet: the officer adds it while opening the round.
    officer.goto(reverse("rounds:round_open"))
    officer.get_by_label("Name of the round").fill("Progress to committee, bad day")
    officer.get_by_label("Progress as at").fill(uk(today))
    officer.get_by_label("Deadline for updates from leads").fill(uk(today + dt.timedelta(days=14)))
    officer.get_by_label("Committee", exact=True).select_option(str(council.committee.pk))
    officer.get_by_label("Date of the meeting").fill(uk(today + dt.timedelta(days=30)))
    officer.get_by_label(council.review.title).check()
    officer.get_by_role("button", name="Open the round").click()
    round_ = ReportingRound.objects.get(title="Progress to committee, bad day")
    assert round_.meeting.held_on == today + dt.timedelta(days=30)
    officer.get_by_role("button", name="Ask leads for their updates").click()
    run_queued_jobs()
    update = round_.updates.get()

    # Publishing before anything is checked is refused, and the page says why.
    officer.goto(reverse("rounds:round_publish", args=[round_.pk]))
    assert_accessible(officer, axe_options)
    assert "only when every update is accepted" in officer.content()
    assert officer.get_by_role("button", name="Publish the round").count() == 0

    # The lead's slipped update without a reason or date is refused; filled in on the same page, it goes.
    lead.goto(reverse("rounds:update_edit", args=[update.pk]))
    lead.get_by_label("Evidence of progress").fill("Advert out; no suitable applicants.")
    lead.get_by_label("3 Slipped").check()
    lead.get_by_label("Reason for the assessment").fill("")
    lead.get_by_label("Revised target date").fill("")
    lead.get_by_label("Savings or costs to date", exact=True).fill("10,000")
    lead.get_by_label("Estimated").check()
    lead.get_by_role("button", name="Submit update").click()
    assert lead.locator(".govuk-error-summary").count() == 1
    assert_accessible(lead, axe_options)
    revised = round_.as_at_on + dt.timedelta(days=90)
    lead.get_by_label("Reason for the assessment").fill("No suitable applicants at the first advert.")
    lead.get_by_label("Revised target date").fill(uk(revised))
    lead.get_by_role("button", name="Submit update").click()
    lead.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:my_updates"))
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    # Finance confirms £10,000; the officer returns the update; the lead changes the figure.
    finance.goto(reverse("home:home"))
    assert "£10,000 estimated" in finance.locator("main").inner_text()
    finance.locator(f'a[href="{reverse("rounds:update_savings", args=[update.pk])}"]').click()
    finance.get_by_role("button", name="Confirm savings").click()
    update.refresh_from_db()
    assert update.finance_confirmed_by == council.users[Role.FINANCE_MANAGER]
    officer.goto(reverse("rounds:update_check", args=[update.pk]))
    officer.get_by_label("What needs to change").fill("Give this year's figure, not last year's.")
    officer.get_by_role("button", name="Return to the lead").click()
    lead.goto(reverse("rounds:update_edit", args=[update.pk]))
    assert "Give this year's figure" in lead.content()
    lead.get_by_label("Savings or costs to date", exact=True).fill("95,000")
    lead.get_by_role("button", name="Submit update").click()
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED and update.finance_confirmed_by is None

    # The changed figure waits for finance again, who corrects and confirms it.
    finance.goto(reverse("home:home"))
    assert "£95,000 estimated" in finance.locator("main").inner_text()
    finance.locator(f'a[href="{reverse("rounds:update_savings", args=[update.pk])}"]').click()
    assert_accessible(finance, axe_options)
    finance.get_by_label("Savings or costs to date", exact=True).fill("90,000")
    finance.get_by_role("button", name="Confirm savings").click()
    update.refresh_from_db()
    assert update.savings_amount == 90000 and update.finance_confirmed_by is not None

    # Accepted, the slipped date reaches the step it names; then the round is published.
    step = council.action
    officer.goto(reverse("rounds:update_check", args=[update.pk]))
    officer.get_by_role("button", name="Accept this update").click()
    assert Action.objects.get(pk=step.pk).current_target_on == revised
    officer.goto(reverse("rounds:round_publish", args=[round_.pk]))
    officer.get_by_role("button", name="Publish the round").click()
    round_.refresh_from_db()
    assert round_.is_published
    officer.goto(reverse("reviews:recommendation_detail", args=[council.recommendation.pk]))
    assert f"Revised to {uk(revised)}" in officer.content()


def test_a_highlight_report_returned_then_accepted_in_the_browser(person, served_council, axe_options):
    """A board round: the lead's report filled in from last month's, a figure refused and corrected on the same page,
    the report returned with a comment (in the round's e-mail log), corrected and accepted, and the project's RAG
    following it; then a milestone's date revised with a reason, and the dashboard showing the slippage."""
    import datetime as dt
    from decimal import Decimal

    from cairn.jobs.testing import run_queued_jobs
    from cairn.programmes import operations as programmes
    from cairn.programmes.models import Milestone, Project, ProjectUpdate
    from cairn.reviews.models import Notice
    from cairn.reviews.operations import publish_round

    council = served_council
    today = dt.date.today()
    uk = lambda day: day.strftime("%d/%m/%Y")  # noqa: E731
    manager = council.users[Role.PROGRAMME_MANAGER]
    programmes.update_programme(council.programme, by=council.officer, manager=manager)
    last = programmes.open_programme_round(council.programme, by=council.officer, title="Board, last month",
                                           as_at_on=today - dt.timedelta(days=30), deadline_on=today)
    report = programmes.save_project_update(last.project_updates.get(), by=manager, rag="G",
                                            progress_points="Building agreed", spent=Decimal("12500"))
    programmes.accept_project_update(programmes.submit_project_update(report, by=manager), by=council.officer)
    publish_round(last, by=council.officer)
    officer, lead = person(Role.SCRUTINY_OFFICER), person(Role.PROGRAMME_MANAGER)

    # The officer opens this month's board round.
    officer.goto(reverse("rounds:programme_round_open"))
    officer.get_by_label("Name of the round").fill("Board, this month")
    officer.get_by_label("Progress as at").fill(uk(today))
    officer.get_by_label("Deadline for reports from project leads").fill(uk(today + dt.timedelta(days=14)))
    officer.get_by_role("button", name="Open the round").click()
    round_ = ReportingRound.objects.get(title="Board, this month")
    report = round_.project_updates.get()

    # The lead finds last month's report filled in; a figure not written as money is refused, then corrected.
    lead.goto(reverse("rounds:my_updates"))
    lead.locator(f'a[href="{reverse("rounds:project_update_edit", args=[report.pk])}"]').click()
    assert_accessible(lead, axe_options)
    assert lead.get_by_label("Progress: key points").input_value() == "Building agreed"
    assert lead.get_by_label("Spent so far").input_value() == "12,500"
    lead.get_by_label("Progress: key points").fill("Building agreed\nStaff moved in")
    lead.get_by_label("Spent so far").fill("1e6")
    lead.get_by_role("button", name="Submit report").click()
    assert "Enter an amount in pounds" in lead.locator(".govuk-error-summary").inner_text()
    assert_accessible(lead, axe_options)
    lead.get_by_label("Spent so far").fill("£14,000")
    lead.get_by_role("button", name="Submit report").click()
    lead.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:my_updates"))
    report.refresh_from_db()
    assert (report.state, report.rag, report.spent) == (ProjectUpdate.State.SUBMITTED, "G", Decimal("14000"))

    # The officer checks it beside last month's and returns it; the e-mail is in the round's log.
    officer.goto(reverse("rounds:round_detail", args=[round_.pk]))
    officer.get_by_role("link", name=f"Check report for {council.project}").click()
    assert_accessible(officer, axe_options)
    assert "Last report (as at" in officer.content()
    officer.get_by_label("What needs to change").fill("Still green? The lease is not signed yet.")
    officer.get_by_role("button", name="Return to the lead").click()
    officer.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:round_detail", args=[round_.pk]))
    run_queued_jobs()
    assert Notice.objects.filter(round=round_, recipient=manager, kind=Notice.Kind.RETURNED).exists()
    officer.reload()
    assert "Update returned" in officer.locator("#emails + table").inner_text()
    assert_accessible(officer, axe_options)

    # The lead sees why, makes it amber and submits again; the officer accepts; the project is amber now.
    lead.goto(reverse("rounds:project_update_edit", args=[report.pk]))
    assert "Still green? The lease is not signed yet." in lead.locator(".govuk-inset-text").inner_text()
    lead.get_by_label("Amber").check()
    lead.get_by_role("button", name="Submit report").click()
    lead.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:my_updates"))
    officer.goto(reverse("rounds:project_update_check", args=[report.pk]))
    officer.get_by_role("button", name="Accept this report").click()
    officer.wait_for_url(lambda url: urlsplit(url).path == reverse("rounds:round_detail", args=[round_.pk]))
    assert Project.objects.get(pk=council.project.pk).rag == "A"

    # The manager revises a milestone's date, with the reason; the dashboard shows how far it has slipped.
    milestone = Milestone.objects.get(project=council.project)
    lead.goto(reverse("programmes:project_detail", args=[council.project.pk]))
    lead.get_by_role("link", name=f"Revise date of milestone: {milestone.activity}").click()
    assert_accessible(lead, axe_options)
    lead.get_by_label("New due date", exact=True).fill(uk(milestone.due_on + dt.timedelta(days=21)))
    lead.get_by_label("Why has the due date changed?").fill("The landlord wants a later start.")
    lead.get_by_role("button", name="Record the revised date").click()
    lead.goto(reverse("programmes:programme_detail", args=[council.programme.pk]))
    assert "Slipped 21 days, revised once" in lead.locator("main").inner_text()
    assert "Amber" in lead.locator("main table").first.inner_text()
    assert_accessible(lead, axe_options)
