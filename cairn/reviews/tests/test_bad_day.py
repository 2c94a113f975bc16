"""The reporting cycle on a bad day: meetings not yet in Cairn, a round to correct or cancel, a slipped date that must
reach the action plan, figures that change after they were confirmed, and a mail server that is down."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.models import Role
from cairn.core.models import Email
from cairn.jobs.testing import run_queued_jobs
from cairn.reviews import operations as reviews
from cairn.reviews import round_operations
from cairn.reviews.models import Action, Committee, Meeting, Notice, ProgressUpdate, ReportingRound

TODAY = timezone.localdate()


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def hidden(response, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', response.content.decode()).group(1)


def round_form(**fields) -> dict:
    return {"title": "Progress to committee", "as_at_on": uk(TODAY), "deadline_on": uk(TODAY + dt.timedelta(days=14)),
            "meeting": "", "new_meeting_committee": "", "new_meeting_on": ""} | fields


def test_an_officer_adds_a_committee_and_its_meetings(officer_client, council):
    officer_client.post(reverse("committees:committee_create"), {"name": "Corporate Parenting Board"})
    board = Committee.objects.get(organisation=council.org, name="Corporate Parenting Board")
    officer_client.post(reverse("committees:meeting_create", args=[board.pk]), {"held_on": uk(TODAY + dt.timedelta(days=40))})
    meeting = board.meetings.get()
    officer_client.post(reverse("committees:meeting_edit", args=[meeting.pk]), {"held_on": uk(TODAY + dt.timedelta(days=47))})
    meeting.refresh_from_db()
    assert meeting.held_on == TODAY + dt.timedelta(days=47)
    page = officer_client.get(reverse("committees:committee_list")).content.decode()
    assert "Corporate Parenting Board" in page and uk(meeting.held_on) in page
    taken = officer_client.post(reverse("committees:committee_create"), {"name": "corporate parenting board"})
    assert "There is already a committee with that name" in taken.content.decode()


def test_opening_a_round_adds_its_meeting_there_and_then(officer_client, council):
    meets_on = TODAY + dt.timedelta(days=30)
    response = officer_client.post(reverse("rounds:round_open"), round_form(
        reviews=[council.review.pk], new_meeting_committee=council.committee.pk, new_meeting_on=uk(meets_on),
    ))
    assert response.status_code == 302
    round_ = ReportingRound.objects.get(title="Progress to committee")
    assert round_.meeting.committee == council.committee and round_.meeting.held_on == meets_on


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"deadline_on": uk(TODAY - dt.timedelta(days=1)), "as_at_on": uk(TODAY - dt.timedelta(days=5))},
         "The deadline has passed"),
        ({"new_meeting_on": uk(TODAY - dt.timedelta(days=3))}, "is before the date progress is reported as at"),
        ({"new_meeting_on": uk(TODAY + dt.timedelta(days=3)), "new_meeting_committee": ""},
         "Choose the committee the new meeting is of"),
    ],
)
def test_a_past_deadline_or_a_meeting_before_the_as_at_date_is_refused(officer_client, council, fields, message):
    data = round_form(reviews=[council.review.pk], new_meeting_committee=council.committee.pk) | fields
    response = officer_client.post(reverse("rounds:round_open"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not ReportingRound.objects.filter(title="Progress to committee").exists()
    assert not Meeting.objects.filter(held_on__gt=TODAY - dt.timedelta(days=5), committee=council.committee).exists()


def test_a_round_is_corrected_and_leads_already_asked_are_told_of_the_new_deadline(officer_client, council, delivered):
    round_ = council.collecting_round
    with delivered():
        round_operations.ask_for_updates(round_, by=council.officer)
    mail.outbox.clear()
    url = reverse("rounds:round_edit", args=[round_.pk])
    form = officer_client.get(url)
    later = round_.deadline_on + dt.timedelta(days=7)
    with delivered():
        response = officer_client.post(url, round_form(
            title="Progress to committee, corrected", as_at_on=uk(round_.as_at_on), deadline_on=uk(later),
            _version=hidden(form, "_version"),
        ))
    assert response.status_code == 302
    round_.refresh_from_db()
    assert (round_.title, round_.deadline_on) == ("Progress to committee, corrected", later)
    lead = council.users[Role.LEAD_OFFICER]
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert f"to {uk(later)}" in mail.outbox[0].body
    assert Notice.objects.filter(round=round_, kind=Notice.Kind.DEADLINE_CHANGED, recipient=lead).exists()


def test_a_round_is_cancelled_with_a_reason_and_takes_no_more_updates(officer_client, lead_client, council, delivered):
    round_ = council.collecting_round
    with delivered():
        round_operations.ask_for_updates(round_, by=council.officer)
    refused = officer_client.post(reverse("rounds:round_cancel", args=[round_.pk]), {"cancelled_reason": ""})
    assert "Enter why the round is cancelled" in refused.content.decode()
    with delivered():
        officer_client.post(reverse("rounds:round_cancel", args=[round_.pk]), {"cancelled_reason": "The meeting was moved."})
    round_.refresh_from_db()
    assert round_.state == ReportingRound.State.CANCELLED
    assert "The meeting was moved." in mail.outbox[-1].body and mail.outbox[-1].subject.startswith("Cancelled")
    update = round_.updates.get()
    with pytest.raises(Exception, match="cancelled"):
        reviews.save_progress_update(update, by=council.users[Role.LEAD_OFFICER], evidence="Late")
    assert officer_client.get(reverse("rounds:round_edit", args=[round_.pk])).status_code == 403


def slipped(council, update, **fields):
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(
        update, by=lead, evidence="Advert out.", level=council.scale.levels.get(code="3"),
        assessment_reason="No applicants at the first advert.", **fields,
    )
    return reviews.submit_progress_update(update, by=lead)


def test_a_slipped_updates_revised_date_reaches_its_step_when_accepted(officer_client, council):
    update = council.collecting_round.updates.get()
    step = council.action  # overdue: due ten days ago
    assert step in Action.objects.overdue(TODAY)
    revised = council.collecting_round.as_at_on + dt.timedelta(days=90)
    update = slipped(council, update, revised_target_on=revised, revised_target_text="subject to Cabinet",
                     revised_actions=[step])
    step.refresh_from_db()
    assert step.current_target_on != revised  # not until the officer accepts it
    reviews.accept_progress_update(update, by=council.officer)
    step.refresh_from_db()
    assert step.target_on == TODAY - dt.timedelta(days=10) and step.current_target_on == revised
    revision = step.revisions.get(progress_update=update)
    assert revision.reason == "No applicants at the first advert." and revision.recorded_by == council.officer
    assert step not in Action.objects.overdue(TODAY)
    home = officer_client.get(reverse("home:home")).content.decode()
    assert "past its target date" not in home
    detail = officer_client.get(reverse("reviews:recommendation_detail", args=[council.recommendation.pk])).content.decode()
    assert f"Revised to {uk(revised)}" in detail


@pytest.mark.parametrize("fields", [{"revised_target_text": "TBC"}, {"revised_target_on": dt.date(2001, 1, 1)}])
def test_a_revised_date_must_be_a_real_date_after_the_as_at_date(council, fields):
    from django.core.exceptions import ValidationError

    update = council.collecting_round.updates.get()
    with pytest.raises(ValidationError, match="revised target date"):
        slipped(council, update, **fields)
    assert ProgressUpdate.objects.get(pk=update.pk).state == ProgressUpdate.State.DRAFT


def test_changing_a_confirmed_figure_clears_its_confirmation(council):
    from cairn.reviews.round_operations import confirm_savings

    lead, finance = council.users[Role.LEAD_OFFICER], council.users[Role.FINANCE_MANAGER]
    update = reviews.save_progress_update(council.collecting_round.updates.get(), by=lead,
                                          savings_amount=Decimal("10000"), savings_basis="estimated")
    update = confirm_savings(update, by=finance, savings_amount=Decimal("10000"), savings_basis="estimated", savings_text="")
    assert update.finance_confirmed_by == finance
    update = reviews.save_progress_update(update, by=lead, evidence="More done.")  # words only: still confirmed
    assert update.finance_confirmed_by == finance
    update = reviews.save_progress_update(update, by=lead, savings_amount=Decimal("95000"))
    assert update.finance_confirmed_by is None and update.finance_confirmed_at is None


def test_a_finance_manager_is_emailed_once_a_round_when_figures_wait(council, delivered):
    lead, finance = council.users[Role.LEAD_OFFICER], council.users[Role.FINANCE_MANAGER]
    update = reviews.save_progress_update(
        council.collecting_round.updates.get(), by=lead, evidence="Placements made.", level=council.scale.levels.get(code="2"),
        savings_amount=Decimal("48000"), savings_basis="estimated",
    )
    with delivered():
        update = reviews.submit_progress_update(update, by=lead)
    assert [m.to for m in mail.outbox] == [[finance.email]]
    assert "£48,000 estimated" in mail.outbox[0].body
    round_operations.return_progress_update(update, by=council.officer, comment="Say which placements.")
    update.refresh_from_db()
    with delivered():
        reviews.submit_progress_update(update, by=lead)
    assert [m.to for m in mail.outbox].count([finance.email]) == 1


@pytest.mark.django_db(transaction=True)  # the real worker, which closes its connections between tasks
def test_an_email_the_mail_server_refuses_is_tried_again_and_shown_on_the_round(officer_client, council, settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2}}}
    round_ = council.collecting_round
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        round_operations.ask_for_updates(round_, by=council.officer)
    run_queued_jobs()
    email = round_.notices.get(kind=Notice.Kind.REQUEST).email
    email.refresh_from_db()
    assert email.state == Email.State.QUEUED and email.attempts == 1 and "refused" in email.last_error.lower()
    assert email.next_attempt_at > timezone.now()
    page = officer_client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert "Waiting to be sent" in page and "Trying again at" in page

    Email.objects.filter(pk=email.pk).update(state=Email.State.FAILED)  # as after the last attempt
    page = officer_client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert "1 e-mail could not be sent" in page
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with TestCase.captureOnCommitCallbacks(execute=True):
        officer_client.post(reverse("rounds:notice_resend", args=[round_.notices.get().pk]))
    run_queued_jobs()
    email.refresh_from_db()
    assert email.state == Email.State.SENT and email.sent_at is not None
    assert len(mail.outbox) == 1


def test_the_request_cuts_a_long_recommendation_at_a_word(council, delivered):
    council.recommendation.text = "The Committee recommend " + "a retender of all supported accommodation " * 5
    council.recommendation.save()
    with delivered():
        round_operations.ask_for_updates(council.collecting_round, by=council.officer)
    line = next(line for line in mail.outbox[0].body.splitlines() if "recommendation 1:" in line)
    assert line.endswith("…")
    words = line.split(": ", 1)[1].rstrip("…").split()  # every word whole: none cut part-way
    assert words and all(word in council.recommendation.text.split() for word in words)


def accepted(council, update, **fields):
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(update, by=lead, evidence="Done.", level=council.scale.levels.get(code="2"), **fields)
    return reviews.accept_progress_update(reviews.submit_progress_update(update, by=lead), by=council.officer)


def test_publishing_is_refused_while_an_update_is_unchecked(officer_client, council):
    round_ = council.collecting_round
    page = officer_client.get(reverse("rounds:round_publish", args=[round_.pk])).content.decode()
    assert "publishes a round only when every update is accepted" in page and "Publish the round</button>" not in page
    officer_client.post(reverse("rounds:round_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.state == ReportingRound.State.COLLECTING
    accepted(council, round_.updates.get())
    officer_client.post(reverse("rounds:round_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.is_published


def test_a_council_may_publish_with_unchecked_updates_named_in_the_paper(officer_client, council):
    from cairn.accounts import operations as accounts
    from cairn.reports import data, docx
    from cairn.reports.tests.reading import docx_text

    accounts.update_organisation(council.org, by=None, publish_unchecked=True)
    round_ = council.collecting_round
    page = officer_client.get(reverse("rounds:round_publish", args=[round_.pk])).content.decode()
    assert "The paper will name it as not checked" in page
    officer_client.post(reverse("rounds:round_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.is_published and round_.published_content["items"][0]["checked"] is False
    text = docx_text(docx.render(data.progress_update(council.review, round_)))
    assert "Not checked before publication" in text
    assert "Recommendation 1 (asked): not checked by the officer before publication" in text


def test_the_paper_says_which_figures_a_finance_manager_confirmed_and_who(officer_client, council):
    from cairn.reports import data, docx
    from cairn.reports.tests.reading import docx_text
    from cairn.reviews.round_operations import confirm_savings

    finance = council.users[Role.FINANCE_MANAGER]
    update = accepted(council, council.collecting_round.updates.get(), savings_amount=Decimal("12000"), savings_basis="actual")
    page = officer_client.get(reverse("rounds:round_publish", args=[council.collecting_round.pk])).content.decode()
    assert "Figures no finance manager has confirmed" in page and "£12,000" in page
    confirm_savings(update, by=finance, savings_amount=Decimal("12000"), savings_basis="actual", savings_text="")
    reviews.publish_round(council.collecting_round, by=council.officer)
    round_ = ReportingRound.objects.get(pk=council.collecting_round.pk)
    assert round_.published_content["items"][0]["finance_confirmed_by"] == finance.display_name
    text = docx_text(docx.render(data.progress_update(council.review, round_)))
    assert "Savings figures and the finance check" in text and f"Confirmed by {finance.display_name}" in text


def test_a_finance_managers_home_leads_with_the_figures_to_confirm(finance_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(council.collecting_round.updates.get(), by=lead, evidence="Done.",
                                          level=council.scale.levels.get(code="2"), savings_amount=Decimal("48000"),
                                          savings_basis="estimated")
    reviews.submit_progress_update(update, by=lead)
    home = finance_client.get(reverse("home:home")).content.decode()
    assert "Figures waiting for you" in home and "£48,000 estimated" in home
    assert home.index("Figures waiting for you") < home.index("Open recommendations by latest assessment")
    mine = finance_client.get(reverse("rounds:my_updates")).content.decode()
    assert "Figures for you to confirm" in mine and "Nothing is asked of you" not in mine
    confirm = finance_client.get(reverse("rounds:update_savings", args=[update.pk])).content.decode()
    assert "Up to £200,000 per annum" in confirm  # the action plan's estimate
    assert 'value="48,000"' in confirm  # the lead's figure, written as money
    assert "Last round" in confirm


def test_councillors_see_published_progress_only_and_what_is_unchecked_is_labelled(councillor_client, officer_client, council):
    round_ = council.collecting_round
    lead = council.users[Role.LEAD_OFFICER]
    reviews.save_progress_update(round_.updates.get(), by=lead, evidence="A draft nobody has checked.",
                                 level=council.scale.levels.get(code="1"))
    round_operations.start_round_review(round_, by=council.officer)
    detail = councillor_client.get(reverse("reviews:recommendation_detail", args=[council.recommendation.pk])).content.decode()
    assert "A draft nobody has checked." not in detail and "Post approved." in detail  # the published update
    page = councillor_client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert "Not yet checked" in page and "not yet published" in page


def test_text_keeps_its_line_breaks_and_a_returned_comment_shows_no_markup(officer_client, lead_client, council):
    lead = council.users[Role.LEAD_OFFICER]
    update = reviews.save_progress_update(
        council.collecting_round.updates.get(), by=lead, level=council.scale.levels.get(code="2"),
        evidence="1. Advert placed\n2. Interviews held\n\nA second paragraph <b>as typed</b>.",
    )
    update = reviews.submit_progress_update(update, by=lead)
    round_operations.return_progress_update(update, by=council.officer, comment="Say who:\nname and post.")
    page = lead_client.get(reverse("rounds:update_edit", args=[update.pk])).content.decode()
    assert re.search(r"<strong>Returned to you:</strong> Say who:<br>\s*name and post\.", page)
    assert "&lt;strong&gt;" not in page
    detail = officer_client.get(reverse("reviews:recommendation_detail", args=[council.recommendation.pk])).content.decode()
    assert "1. Advert placed<br>\n2. Interviews held<br>\n<br>\nA second paragraph &lt;b&gt;as typed&lt;/b&gt;." in detail


def test_a_pdf_paper_keeps_the_line_breaks_typed_in_a_cell(council):
    import io

    import pdfplumber

    from cairn.reports import data, pdf

    reviews.update_recommendation(council.recommendation, by=council.officer,
                                  text="First line of the recommendation\nSecond line of it")
    report = data.progress_update(council.review, council.collecting_round)
    words = pdfplumber.open(io.BytesIO(pdf.render(report))).pages[0].extract_words()
    first = next(word for word in words if word["text"] == "First")
    second = next(word for word in words if word["text"] == "Second")
    # "Second" begins a line of its own at the cell's left edge, not after "recommendation" on a shared line.
    assert second["top"] > first["top"] and abs(second["x0"] - first["x0"]) < 1


def test_a_reviews_page_shows_its_figures_and_its_papers_sections(officer_client, council):
    from cairn.programmes import operations as programmes

    indicator = programmes.create_indicator(council.org, by=council.officer, name="Children looked after", reviews=[council.review])
    programmes.record_reading(indicator, by=council.officer, period_start=dt.date(2013, 3, 1), value=Decimal("412"))
    programmes.record_reading(indicator, by=council.officer, period_start=dt.date(2014, 3, 1), value=Decimal("438"))
    paper = council.review.papers.get()
    reviews.add_paper_section(paper, by=council.officer, heading="Legal framework", presenter_name="A Solicitor",
                              body="The Children Act 1989\nSection 20 accommodation")
    page = officer_client.get(reverse("reviews:review_detail", args=[council.review.pk])).content.decode()
    assert "Children looked after" in page and "438" in page and ">412<" not in page  # the latest reading only
    assert "Legal framework" in page and "A Solicitor" in page and "The Children Act 1989<br>" in page
