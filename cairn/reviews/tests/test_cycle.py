"""The reporting cycle over HTTP: open, ask, collect, return, confirm, accept, publish, sign off; e-mails and reminders."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from cairn.accounts.models import Role
from cairn.reviews.models import Notice, ProgressUpdate, Recommendation, ReportingRound


@pytest.fixture
def round_(officer_client, council):
    """A round opened through the form, for the council's review."""
    response = officer_client.post(
        reverse("rounds:round_open"),
        {"title": "Progress to committee, March", "as_at_on": "1/3/2027", "deadline_on": "15/3/2027",
         "reviews": [council.review.pk], "meeting": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return ReportingRound.objects.get(title="Progress to committee, March")


def update_form(update, **fields):
    data = {"evidence": "", "level": "", "assessment_reason": "", "revised_target_on": "", "revised_target_text": "",
            "savings_amount": "", "savings_basis": "", "savings_text": "", "version": update.version, "action": "save"}
    data.update(fields)
    return data


def test_opening_a_round_asks_for_every_open_recommendation(round_, council):
    assert list(round_.updates.values_list("recommendation", flat=True)) == [council.recommendation.pk]
    assert round_.updates.get().state == ProgressUpdate.State.ASKED


def test_opening_a_round_with_bad_dates_says_so_and_creates_nothing(officer_client, council):
    before = ReportingRound.objects.count()
    response = officer_client.post(
        reverse("rounds:round_open"),
        {"title": "Bad", "as_at_on": "31/2/2027", "deadline_on": "1/1/2027", "reviews": []},
    )
    page = response.content.decode()
    assert "Enter a real date, for example 27/3/2026" in page
    assert "Select at least one review" in page
    assert ReportingRound.objects.count() == before


def test_each_lead_gets_one_email_listing_all_their_items(officer_client, round_, council, delivered):
    with delivered():
        officer_client.post(reverse("rounds:round_ask", args=[round_.pk]))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [council.users[Role.LEAD_OFFICER].email]
    assert "recommendation 1" in message.body
    assert reverse("rounds:my_updates") in message.body
    with delivered():
        officer_client.post(reverse("rounds:round_ask", args=[round_.pk]))
    assert len(mail.outbox) == 1  # never the same request twice


def test_the_lead_starts_from_their_last_update(lead_client, round_):
    update = round_.updates.get()
    page = lead_client.get(reverse("rounds:update_edit", args=[update.pk])).content.decode()
    assert "Post approved." in page  # the evidence given last round
    assert "Your last update is filled in below" in page


def test_the_scales_rules_are_shown_as_errors_and_the_draft_is_kept(lead_client, round_, council):
    update = round_.updates.get()
    slipped = council.level("3").pk
    response = lead_client.post(
        reverse("rounds:update_edit", args=[update.pk]),
        update_form(update, evidence="Advert out", level=slipped, action="submit"),
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter the revised target date, as the work has slipped" in page
    assert "Enter why the work has slipped" in page
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.DRAFT and update.evidence == "Advert out"


def test_two_people_editing_never_silently_overwrite(lead_client, officer_client, round_):
    update = round_.updates.get()
    stale = update_form(update, evidence="The lead's words")
    officer_client.post(reverse("rounds:update_edit", args=[update.pk]), update_form(update, evidence="The officer's words"))
    response = lead_client.post(reverse("rounds:update_edit", args=[update.pk]), stale)
    page = response.content.decode()
    assert "Someone else saved this update" in page
    assert "The officer&#39;s words" in page and "The lead&#39;s words" in page
    update.refresh_from_db()
    assert update.evidence == "The officer's words"


def test_the_whole_cycle(officer_client, lead_client, finance_client, round_, council, delivered):
    update = round_.updates.get()
    officer_client.post(reverse("rounds:round_ask", args=[round_.pk]))
    complete = council.complete.pk

    lead_client.post(reverse("rounds:update_edit", args=[update.pk]),
                     update_form(update, evidence="Post filled in January.", level=complete, action="submit"))
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    mail.outbox.clear()
    with delivered():
        officer_client.post(
            reverse("rounds:update_check", args=[update.pk]), {"action": "return", "return_comment": "Say who was appointed."}
        )
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.RETURNED
    assert len(mail.outbox) == 1 and "Say who was appointed." in mail.outbox[0].body

    lead_client.post(reverse("rounds:update_edit", args=[update.pk]),
                     update_form(update, evidence="A marketing officer started on 6 January.", level=complete,
                                 savings_amount="£12,000", savings_basis="estimated", action="submit"))
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED

    finance_client.post(reverse("rounds:update_savings", args=[update.pk]),
                        {"savings_amount": "13000", "savings_basis": "actual", "savings_text": ""})
    update.refresh_from_db()
    assert update.savings_amount == Decimal("13000") and update.finance_confirmed_by == council.users[Role.FINANCE_MANAGER]

    officer_client.post(reverse("rounds:update_check", args=[update.pk]), {"action": "accept"})
    officer_client.post(reverse("rounds:round_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.is_published and round_.published_content["items"][0]["savings_amount"] == "13000.00"
    frozen = round_.published_content

    # A later edit of the live record leaves what the committee saw untouched.
    response = officer_client.post(reverse("rounds:update_edit", args=[update.pk]), update_form(update, evidence="Rewritten"))
    assert response.status_code == 403
    council.recommendation.text = "Changed afterwards"
    council.recommendation.save()
    round_.refresh_from_db()
    assert round_.published_content == frozen

    officer_client.post(reverse("rounds:round_sign_off", args=[round_.pk]),
                        {"meeting": council.meeting.pk, "recommendations": [council.recommendation.pk]})
    assert Recommendation.objects.get(pk=council.recommendation.pk).state == Recommendation.State.CLOSED


def test_reminders_go_once_before_the_deadline_and_once_after(round_, council, monkeypatch, delivered):
    from django.utils import timezone

    def run_on(day):
        monkeypatch.setattr(timezone, "localdate", lambda: day)
        with delivered():
            call_command("send_reminders", "--days-before", "3", stdout=io.StringIO())

    def sent_for_this_round():
        return [m.subject.split(":")[0] for m in mail.outbox if round_.title in m.subject]

    run_on(dt.date(2027, 3, 1))  # too early
    assert sent_for_this_round() == []
    run_on(dt.date(2027, 3, 13))
    run_on(dt.date(2027, 3, 14))
    assert sent_for_this_round() == ["Reminder"]
    run_on(dt.date(2027, 3, 16))
    run_on(dt.date(2027, 3, 17))
    assert sent_for_this_round() == ["Reminder", "Overdue"]
    assert Notice.objects.filter(round=round_).count() == 2


def test_no_reminder_for_an_update_already_submitted(lead_client, round_, council, monkeypatch, delivered):
    from django.utils import timezone

    update = round_.updates.get()
    lead_client.post(reverse("rounds:update_edit", args=[update.pk]),
                     update_form(update, evidence="Done.", level=council.complete.pk, action="submit"))
    monkeypatch.setattr(timezone, "localdate", lambda: dt.date(2027, 3, 20))
    with delivered():
        call_command("send_reminders", stdout=io.StringIO())
    assert mail.outbox, "the council's other round is overdue, so reminders did go out"
    assert not [m for m in mail.outbox if round_.title in m.subject]
    assert not Notice.objects.filter(round=round_).exists()


def test_a_refused_submit_is_corrected_and_submitted_from_the_same_page(lead_client, round_, council):
    import re

    update = round_.updates.get()
    slipped = council.scale.levels.get(code="3").pk
    url = reverse("rounds:update_edit", args=[update.pk])
    refused = lead_client.post(url, update_form(update, evidence="Advert out.", level=slipped, action="submit"))
    page = refused.content.decode()
    assert refused.status_code == 200 and "Enter why the work has slipped" in page
    shown_version = re.search(r'name="version" value="(\d+)"', page).group(1)

    corrected = lead_client.post(url, update_form(
        update, evidence="Advert out.", level=slipped, action="submit", version=shown_version,
        assessment_reason="No applicants at the first advert.", revised_target_on="30/6/2027",
    ))
    assert corrected.status_code == 302, corrected.content.decode()[:2000]
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.SUBMITTED
    assert update.assessment_reason == "No applicants at the first advert."
