"""Officers write a paper's cover report in Cairn: seed 002's action plan from a review made in Cairn, and a progress
update's cover report, kept with its round when the round is published."""

import datetime as dt
import html
import io
import json
from pathlib import Path

import pytest
from django.urls import reverse
from docx import Document

from cairn.audit.models import AuditEvent
from cairn.imports.parsers import extract
from cairn.reports.tests.reading import pdf_pages
from cairn.reviews import operations
from cairn.reviews.models import Committee, CommitteePaper, Meeting, Review

SEED_002 = Path(__file__).resolve().parents[2] / "imports" / "tests" / "expected" / "002_action_plan.json"
pytestmark = pytest.mark.django_db


def page(response) -> str:
    return response.content.decode()


def docx_paragraphs(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in Document(io.BytesIO(content)).paragraphs if paragraph.text.strip()]


def posted(client, name: str, args: list, data: dict):
    """Post a form and insist it was accepted (a redirect), showing the page's errors otherwise."""
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 302, page(response)[page(response).find("govuk-error-summary"):][:1500]
    return response


def test_officer_writes_seed_002s_cover_report_and_action_plan_in_cairn(officer_client, council):
    """Everything seed 002 prints is typed into Cairn's own forms; its Word paper reads back as the seed."""
    seed = json.loads(SEED_002.read_text())
    cover, document = seed["cover"], seed["document"]
    posted(officer_client, "committees:committee_create", [], {"name": document["committee"]})
    committee = Committee.objects.get(organisation=council.org, name=document["committee"])
    posted(officer_client, "committees:meeting_create", [committee.pk], {"held_on": "2/5/2012"})
    meeting = Meeting.objects.get(committee=committee)
    posted(officer_client, "reviews:review_create", [], {
        "title": "EIT Gateway Review of Children’s Social Care", "kind": "gateway", "led_by": "officers",
        "committee": committee.pk, "state": "monitoring", "executive_decision_on": "8/3/2012",
        "executive_decision_by": "Cabinet",
    })
    review = Review.objects.get(organisation=council.org, title="EIT Gateway Review of Children’s Social Care")
    for order, recommendation in enumerate(seed["recommendations"], start=1):
        [step] = recommendation["steps"]
        posted(officer_client, "reviews:recommendation_create", [review.pk], {
            "number": recommendation["number"], "order": order, "text": recommendation["text"],
            "lead_name": recommendation["lead"], "finance_manager_name": recommendation["finance_manager"],
            "executive_response": "accepted", "executive_response_on": "8/3/2012",
        })
        added = review.recommendations.get(number=recommendation["number"])
        posted(officer_client, "reviews:action_create", [added.pk], {
            "order": 1, "text": step["action"], "success_measure": step["success_measure"] or "",
            "target_on": "3/9/2012", "target_precision": "day", "target_text": step["due_text"],
            "lead_name": step["lead"], "progress_note": recommendation["progress"]["evidence"],
        })
    saving = seed["recommendations"][0]["saving"]
    posted(officer_client, "reviews:saving_create", [review.pk], {
        "kind": "saving", "text": saving["text"], "min_amount": "250000", "max_amount": "250000", "cashable": "False",
        "recommendations": [r.pk for r in review.recommendations.all()],
    })

    # The cover report, written on its own form, starting from the officer as contact.
    form = page(officer_client.get(reverse("reviews:paper_create", args=[review.pk])))
    assert "Write a cover report" in form and council.officer.email in form
    posted(officer_client, "reviews:paper_create", [review.pk], {
        "kind": "action_plan", "meeting": meeting.pk, "agenda_item": "", "title": document["title"],
        "summary": cover["summary"], "detail": "\n".join(cover["detail"]),
        "contact_name": cover["contact_name"], "contact_post": cover["contact_post"],
        "contact_phone": cover["contact_phone"], "contact_email": cover["contact_email"],
    })
    paper = review.papers.get()
    assert paper.kind == CommitteePaper.Kind.ACTION_PLAN and paper.meeting == meeting
    assert AuditEvent.objects.filter(action="paper.created", target_id=str(paper.pk), actor=council.officer).exists()
    assert "Change the cover report" in page(officer_client.get(reverse("reviews:review_detail", args=[review.pk])))

    response = officer_client.get(reverse("reports:download", args=["action-plan", review.pk]), {"format": "docx"})
    assert response.status_code == 200
    word = response.content
    # The cover page as seed 002 prints it: committee, the meeting's date, title, summary, numbered detail, contact.
    paragraphs = docx_paragraphs(word)
    assert paragraphs[:5] == [document["committee"], "2 May 2012", document["title"], "Summary", cover["summary"]]
    assert paragraphs[5:9] == ["Detail", *cover["detail"]]
    assert paragraphs[9:13] == [
        f"Name of Contact Officer: {cover['contact_name']}", f"Post Title: {cover['contact_post']}",
        f"Telephone No. {cover['contact_phone']}", f"Email Address: {cover['contact_email']}",
    ]
    # Read back by Cairn's own importer, the paper gives seed 002's cover and twelve recommendations.
    back = extract(word, "action-plan.docx").to_json()
    assert back["document"]["title"] == document["title"]
    assert back["document"]["committee"] == document["committee"]
    assert str(back["document"]["meeting_date"]) == document["meeting_date"]
    assert {key: back["cover"][key] for key in cover if key != "where"} == {k: v for k, v in cover.items() if k != "where"}
    assert len(back["recommendations"]) == len(seed["recommendations"]) == 12
    for made, printed in zip(back["recommendations"], seed["recommendations"], strict=True):
        assert (made["number"], made["text"], made["lead"], made["finance_manager"]) == (
            printed["number"], printed["text"], printed["lead"], printed["finance_manager"])
        [step], [expected_step] = made["steps"], printed["steps"]
        for key in ("action", "success_measure", "due_text", "lead"):
            assert step[key] == expected_step[key], (printed["number"], key)
        assert str(step["due"]) == expected_step["due"]
        assert made["saving"]["text"] == printed["saving"]["text"]
        assert made["saving"]["min"] == made["saving"]["max"] == 250000
        assert printed["progress"]["evidence"] in json.dumps(made["progress"], ensure_ascii=False)


def _round_at_meeting(council):
    """A round reporting to the council's meeting, its one update accepted and ready to publish."""
    today = dt.date.today()
    round_ = operations.open_round(
        council.org, by=council.officer, title="Progress for the committee", meeting=council.meeting,
        as_at_on=council.meeting.held_on - dt.timedelta(days=2), deadline_on=today,
        recommendations=[council.recommendation],
    )
    update = operations.save_progress_update(round_.updates.get(), by=council.officer, evidence="Post filled.",
                                             level=council.complete)
    operations.submit_progress_update(update, by=council.officer)
    operations.accept_progress_update(update, by=council.officer)
    return round_


def cover_data(council, **changes) -> dict:
    return {
        "kind": "progress_update", "meeting": council.meeting.pk, "agenda_item": "6",
        "title": "Progress Update – Review of placements", "summary": "Members are asked to note progress.",
        "detail": "1. The Committee agreed the action plan.\n2. Progress is set out at Appendix 1.",
        "contact_name": "Peter Mennear", "contact_post": "Scrutiny Officer", "contact_phone": "01642 528957",
        "contact_email": "peter.mennear@example.gov.uk", **changes,
    }


def download(client, review, round_, format="docx") -> bytes:
    response = client.get(reverse("reports:download", args=["progress-update", review.pk]),
                          {"format": format, "round": round_.pk})
    assert response.status_code == 200
    return response.content


def test_progress_update_cover_report_is_previewed_then_kept_as_published(officer_client, council):
    round_ = _round_at_meeting(council)
    review = council.review
    before = page(officer_client.get(reverse("rounds:round_detail", args=[round_.pk])))
    link = f"{reverse('reviews:paper_create', args=[review.pk])}?kind=progress_update&amp;meeting={council.meeting.pk}"
    assert link in before and "Papers" in before
    form = page(officer_client.get(link.replace("&amp;", "&")))
    assert 'value="progress_update" checked' in form and f'value="{council.meeting.pk}" selected' in form

    posted(officer_client, "reviews:paper_create", [review.pk], cover_data(council))
    paper = review.papers.get(kind=CommitteePaper.Kind.PROGRESS_UPDATE)
    shown = page(officer_client.get(reverse("rounds:round_detail", args=[round_.pk])))
    assert reverse("reviews:paper_edit", args=[paper.pk]) in shown

    # The draft paper, before the round is published, opens with the cover report and the meeting's date.
    draft = docx_paragraphs(download(officer_client, review, round_))
    meeting_on = f"{council.meeting.held_on.day} {council.meeting.held_on:%B %Y}"
    assert draft[:4] == ["Agenda Item 6", council.committee.name, meeting_on, "Progress Update – Review of placements"]
    assert "1. The Committee agreed the action plan." in draft and "Email Address: peter.mennear@example.gov.uk" in draft
    assert "Agenda Item 6" in " ".join(pdf_pages(download(officer_client, review, round_, "pdf")))

    operations.publish_round(round_, by=council.officer)
    published = {format: download(officer_client, review, round_, format) for format in ("docx", "pdf", "json")}
    assert json.loads(published["json"])["cover"]["agenda_item"] == "6"
    # Changed after publication, the cover report is the next round's: the published paper keeps what it printed.
    data = cover_data(council, summary="Members are asked to note the later position.", agenda_item="9")
    posted(officer_client, "reviews:paper_edit", [paper.pk], data)
    paper.refresh_from_db()
    assert paper.summary == "Members are asked to note the later position."
    assert {format: download(officer_client, review, round_, format) for format in published} == published
    assert "Agenda Item 6" in docx_paragraphs(published["docx"])
    event = AuditEvent.objects.get(action="paper.changed", target_id=str(paper.pk))
    assert event.before["summary"] == "Members are asked to note progress." and event.actor == council.officer
    history = page(officer_client.get(reverse("audit:history", args=["paper", paper.pk])))
    assert "Paper: changed" in history and "Members are asked to note the later position." in history


def test_a_paper_without_a_cover_report_is_as_before(officer_client, council):
    """A round with no cover report written makes the paper it always made: its title first."""
    round_ = _round_at_meeting(council)
    paragraphs = docx_paragraphs(download(officer_client, council.review, round_))
    assert paragraphs[0] == f"Progress Update – {council.review.title}"


def test_bad_cover_reports_are_refused_with_a_reason_and_change_nothing(officer_client, council, other_council):
    review = council.review
    count = CommitteePaper.objects.count()
    url = reverse("reviews:paper_create", args=[review.pk])
    cases = [
        ({"title": ""}, "Enter the paper's title"),
        ({"meeting": ""}, "Choose the meeting the paper goes to"),
        ({"meeting": other_council.meeting.pk}, "Choose one of the council's meetings"),
        ({"contact_email": "peter at stockton"}, "Enter an email address in the correct format"),
        ({"summary": "<script>alert(1)</script>"}, "must not contain HTML tags"),
        ({"kind": "presentation"}, "Select a valid choice"),
    ]
    for changes, message in cases:
        response = officer_client.post(url, cover_data(council, **changes))
        assert response.status_code == 200 and message in html.unescape(page(response)), changes
    assert CommitteePaper.objects.count() == count
    # One progress update cover report per review and meeting: a second is refused.
    posted(officer_client, "reviews:paper_create", [review.pk], cover_data(council))
    response = officer_client.post(url, cover_data(council, title="Another"))
    assert "already has a progress update cover report" in page(response)
    assert CommitteePaper.objects.count() == count + 1


def test_councillors_cannot_write_cover_reports(councillor_client, council):
    response = councillor_client.post(reverse("reviews:paper_create", args=[council.review.pk]), cover_data(council))
    assert response.status_code == 403
    assert not council.review.papers.filter(kind=CommitteePaper.Kind.PROGRESS_UPDATE).exists()
