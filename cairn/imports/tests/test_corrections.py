"""Correcting a staged file's records before importing: dates and amounts read again, one audit event, then applied."""

import copy
import datetime as dt
import json
from decimal import Decimal
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.imports import operations
from cairn.imports.models import ImportBatch
from cairn.imports.parsers.contract import from_json
from cairn.programmes.models import Project
from cairn.reviews.models import Action, ProgressUpdate, Recommendation, SavingEstimate

PLAN = "No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tHead of Service\n"


def document(family: str, title: str = "Progress Update – EIT Review of Fostering", **parts) -> dict:
    return {
        "format": "cairn-extract/1",
        "source": {"name": f"{family}.json", "sha256": ""},
        "document": {
            "family": family, "title": title, "organisation": None,
            "committee": "Children and Young People Select Committee", "meeting_date": "2010-07-15",
            "as_at": "2010-06-30",
        },
        "recommendations": [], "projects": [], "figures": [], "budget_lines": [], "warnings": [],
    } | parts


FIRST = {
    "number": "1", "objective": None, "text": "Recruit foster carers",
    "steps": [
        {"action": "Advertise", "success_measure": "Ten enquiries", "due_text": "Mar 2010", "due": "2010-03-31",
         "lead": "Head of Service"},
        {"action": "Train new carers", "success_measure": None, "due_text": "Ongoing", "due": None, "lead": "Team Manager"},
    ],
    "lead": "Head of Service", "finance_manager": None,
    "saving": {"text": "£48,000", "min": 48000, "max": 48000, "period": None, "cashable": None},
    "progress": {"as_at": "2010-06-30", "evidence": "Advert placed.", "savings_to_date": None, "category": 2,
                 "category_reason": None, "status": None},
}
SECOND = {
    "number": "2", "objective": None, "text": "Review placements", "steps": [], "lead": None, "finance_manager": None,
    "saving": None, "progress": None,
}
PROJECT = {
    "number": "1", "name": "Fostering recruitment", "rag": "A", "risk_area": "Recruitment", "objective": "More carers",
    "budget": None, "timeline": {}, "milestones": [], "metrics": [], "progress_points": [], "risks": [],
}


def stage(council, extraction: dict) -> ImportBatch:
    data = json.dumps(extraction).encode()
    return operations.stage_import(council.org, by=council.officer, name="update.json", data=data)


@pytest.fixture
def update(council) -> ImportBatch:
    """A staged progress update with two recommendations."""
    return stage(council, document("progress_update", recommendations=[FIRST, SECOND]))


@pytest.fixture
def report(council) -> ImportBatch:
    """A staged highlight report with one project."""
    return stage(council, document("highlight_report", title="Children in care programme", projects=[PROJECT]))


def correct(batch, council, index=0, part="recommendations", **changes) -> ImportBatch:
    return operations.correct_staged_record(batch, by=council.officer, part=part, index=index, changes=changes)


def events(action="import.record_corrected"):
    return AuditEvent.objects.filter(action=action)


def page(response) -> str:
    return response.content.decode()


# The operation -------------------------------------------------------------------------------------------------------


def test_a_correction_changes_only_the_fields_given_and_records_them(update, council):
    staged = copy.deepcopy(update.extraction["recommendations"])
    batch = correct(update, council, number="1a", text="Recruit more foster carers", objective="  ")
    record = batch.extraction["recommendations"][0]
    assert record == staged[0] | {"number": "1a", "text": "Recruit more foster carers", "objective": None}
    assert batch.extraction["recommendations"][1] == staged[1]
    event = events().get()
    assert event.target_id == str(batch.pk) and event.actor == council.officer
    identity = {"part": "recommendations", "index": 0, "number": "1"}
    assert event.before == {"record": identity, "number": "1", "text": "Recruit foster carers"}
    assert event.after == {"record": identity, "number": "1a", "text": "Recruit more foster carers"}


@pytest.mark.parametrize(
    ("written", "due"),
    [
        ("June 2011", "2011-06-30"),
        ("30/09/2011", "2011-09-30"),
        ("End of March 2012 following consultation", "2012-03-31"),
        ("Ongoing", None),
        ("When funding allows", None),
        ("", None),
    ],
)
def test_a_changed_target_date_is_read_again_from_the_words(update, council, written, due):
    steps = [{"due_text": written}, {}]
    step = correct(update, council, steps=steps).extraction["recommendations"][0]["steps"][0]
    assert (step["due_text"], step["due"]) == (written or None, due)
    assert step["action"] == "Advertise"


def test_the_audit_event_holds_the_date_read_again(update, council):
    correct(update, council, steps=[{"due_text": "June 2011"}, {}])
    event = events().get()
    assert event.before == {
        "record": event.before["record"], "steps[0].due_text": "Mar 2010", "steps[0].due": "2010-03-31"
    }
    assert event.after["steps[0].due"] == "2011-06-30"


def test_step_actions_and_measures_can_be_corrected(update, council):
    steps = [{"action": "Advertise twice", "success_measure": ""}, {"action": "Train new carers\r\nand mentor them"}]
    first, second = correct(update, council, steps=steps).extraction["recommendations"][0]["steps"]
    assert (first["action"], first["success_measure"], first["due"]) == ("Advertise twice", None, "2010-03-31")
    assert second["action"] == "Train new carers\nand mentor them"


@pytest.mark.parametrize(
    ("written", "saving"),
    [
        ("Up to £200,000 per annum", {"min": None, "max": 200000, "period": "annual", "cashable": None}),
        ("£11,000 - £443,000 non cashable", {"min": 11000, "max": 443000, "period": None, "cashable": False}),
        ("c£2.5m one-off", {"min": 2500000, "max": 2500000, "period": "one_off", "cashable": None}),
        ("To be confirmed", {"min": None, "max": None, "period": None, "cashable": None}),
    ],
)
def test_a_changed_saving_is_read_again_from_the_words(update, council, written, saving):
    record = correct(update, council, saving=written).extraction["recommendations"][0]
    assert record["saving"] == {"text": written, **saving}


@pytest.mark.parametrize("written", ["", "None", "Nil"])
def test_a_saving_of_none_is_no_saving(update, council, written):
    assert correct(update, council, saving=written).extraction["recommendations"][0]["saving"] is None


def test_a_saving_can_be_added_to_a_record_without_one(update, council):
    record = correct(update, council, index=1, saving="£5,000 per year").extraction["recommendations"][1]
    assert record["saving"] == {"text": "£5,000 per year", "min": 5000, "max": 5000, "period": "annual", "cashable": None}


def test_an_unchanged_saving_keeps_its_amounts_as_read(council):
    held = copy.deepcopy(FIRST) | {"saving": {"text": "See report", "min": 100, "max": 900, "period": None, "cashable": True}}
    batch = stage(council, document("progress_update", recommendations=[held]))
    record = correct(batch, council, saving="See report", text="Recruit carers").extraction["recommendations"][0]
    assert record["saving"] == held["saving"]


def test_steps_with_the_recommendations_lead_follow_it(update, council):
    record = correct(update, council, lead="Head of Children's Services").extraction["recommendations"][0]
    assert record["lead"] == "Head of Children's Services"
    assert [step["lead"] for step in record["steps"]] == ["Head of Children's Services", "Team Manager"]


def test_progress_can_be_corrected(update, council):
    progress = {"evidence": "Advert placed twice.", "savings_to_date": "£1,000", "category": 3,
                "category_reason": "Delayed by the election."}
    record = correct(update, council, progress=progress).extraction["recommendations"][0]
    assert record["progress"] == {"as_at": "2010-06-30", "status": None, "revised_due_text": None, "revised_due": None,
                                  **progress}


def test_progress_added_to_a_record_without_any_is_as_at_the_paper(update, council):
    record = correct(update, council, index=1, progress={"category": 1}).extraction["recommendations"][1]
    assert record["progress"] == {
        "as_at": "2010-06-30", "evidence": None, "savings_to_date": None, "category": 1, "category_reason": None,
        "status": None, "revised_due_text": None, "revised_due": None,
    }


def test_progress_with_nothing_left_in_it_is_none(update, council):
    progress = {"evidence": "", "savings_to_date": "", "category": None, "category_reason": ""}
    assert correct(update, council, progress=progress).extraction["recommendations"][0]["progress"] is None


@pytest.mark.parametrize("category", [0, 5, "2", True])
def test_a_category_outside_one_to_four_is_refused(update, council, category):
    with pytest.raises(ValidationError) as raised:
        correct(update, council, progress={"category": category})
    assert raised.value.message_dict == {"category": ["Choose a category from 1 to 4, or none"]}


def test_a_project_can_be_corrected(report, council):
    staged = copy.deepcopy(report.extraction["projects"][0])
    changes = {"number": "", "name": "Recruiting foster carers", "rag": "R", "risk_area": "", "objective": "More carers"}
    project = correct(report, council, part="projects", **changes).extraction["projects"][0]
    assert project == staged | {"number": None, "name": "Recruiting foster carers", "rag": "R", "risk_area": None}
    assert events().get().after == {
        "record": {"part": "projects", "index": 0, "number": "1"}, "number": None, "name": "Recruiting foster carers",
        "rag": "R", "risk_area": None,
    }


@pytest.mark.parametrize(
    ("part", "changes", "errors"),
    [
        ("recommendations", {"text": "  "}, {"text": ["Enter the recommendation"]}),
        ("projects", {"name": ""}, {"name": ["Enter the project's name"]}),
        ("projects", {"rag": "P"}, {"rag": ["Choose red, amber, green, blue or not rated"]}),
    ],
)
def test_a_correction_that_breaks_the_record_is_refused(update, report, council, part, changes, errors):
    batch = update if part == "recommendations" else report
    before = batch.extraction
    with pytest.raises(ValidationError) as raised:
        correct(batch, council, part=part, **changes)
    assert raised.value.message_dict == errors
    batch.refresh_from_db()
    assert batch.extraction == before and not events().exists()


@pytest.mark.parametrize(
    ("part", "index", "changes", "message"),
    [
        ("recommendations", 2, {"text": "Anything"}, "update.json has no such recommendation to correct."),
        ("recommendations", -1, {"text": "Anything"}, "update.json has no such recommendation to correct."),
        ("projects", 0, {"name": "Anything"}, "update.json has no such project to correct."),
        ("figures", 0, {"name": "Anything"}, "Only recommendations and projects can be corrected, not figures."),
        ("recommendations", 0, {"rag": "R"}, "These cannot be corrected here: rag."),
        ("recommendations", 0, {"steps": [{}]}, "Give a correction for each of the 2 steps, in order."),
        ("recommendations", 0, {"steps": [{"due": "2011-01-01"}, {}]}, "These cannot be corrected in the step 1: due."),
        ("recommendations", 0, {"text": "Recruit foster carers"}, "Nothing was changed."),
    ],
)
def test_a_correction_to_no_such_record_or_field_is_refused(update, council, part, index, changes, message):
    with pytest.raises(ValidationError) as raised:
        correct(update, council, index=index, part=part, **changes)
    assert raised.value.messages == [message]
    assert not events().exists()


@pytest.mark.parametrize("state", ["applied", "discarded"])
def test_only_a_staged_file_can_be_corrected(update, council, state):
    if state == "applied":
        operations.apply_import(update, by=council.officer)
    else:
        operations.discard_import(update, by=council.officer)
    update.refresh_from_db()
    before = update.extraction
    with pytest.raises(ValidationError) as raised:
        correct(update, council, text="Changed")
    assert raised.value.messages == [f"Records can only be corrected in a staged file; update.json is {state}."]
    update.refresh_from_db()
    assert update.extraction == before and not events().exists()


def test_a_correction_made_to_an_older_page_is_refused(update, council):
    shown = update.updated_at.isoformat()
    operations.drop_staged_records(update, by=council.officer, recommendation_indexes=[0])
    with pytest.raises(ValidationError) as raised:
        operations.correct_staged_record(
            update, by=council.officer, part="recommendations", index=0, changes={"text": "Changed"}, version=shown
        )
    assert raised.value.code == "stale"
    update.refresh_from_db()
    assert [record["text"] for record in update.extraction["recommendations"]] == ["Review placements"]
    assert not events().exists()


def test_a_corrected_file_still_reads_as_the_contract(update, council):
    batch = correct(
        update, council, saving="Up to £200,000 per annum", steps=[{"due_text": "June 2011"}, {"action": ""}],
        progress={"category": 4, "evidence": ""},
    )
    data = json.dumps(batch.extraction).encode()
    assert from_json(data, "update.json", "").to_json()["recommendations"] == batch.extraction["recommendations"]


# Applying a corrected file -------------------------------------------------------------------------------------------


def test_applying_after_a_correction_creates_the_corrected_records(update, council):
    correct(
        update, council, number="1a", text="Recruit more foster carers", saving="Up to £200,000 per annum",
        steps=[{"due_text": "June 2011"}, {"action": "Train and support new carers"}],
        progress={"category": 3, "category_reason": "Delayed by the election."},
    )
    batch = operations.apply_import(update, by=council.officer)
    assert batch.state == ImportBatch.State.APPLIED
    recommendation = Recommendation.objects.get(review__organisation=council.org, number="1a")
    assert recommendation.text == "Recruit more foster carers"
    first, second = Action.objects.filter(recommendation=recommendation).order_by("order")
    assert (first.target_text, first.target_on) == ("June 2011", dt.date(2011, 6, 30))
    assert second.text == "Train and support new carers"
    estimate = SavingEstimate.objects.get(recommendations=recommendation)
    assert (estimate.text, estimate.min_amount, estimate.max_amount) == ("Up to £200,000 per annum", None, Decimal(200000))
    update_ = ProgressUpdate.objects.get(recommendation=recommendation)
    assert (update_.level.code, update_.assessment_reason) == ("3", "Delayed by the election.")


def test_applying_after_a_project_correction_creates_the_corrected_project(report, council):
    correct(report, council, part="projects", name="Recruiting foster carers", rag="G")
    operations.apply_import(report, by=council.officer)
    project = Project.objects.get(programme__organisation=council.org, programme__name="Children in care programme")
    assert (project.name, project.rag) == ("Recruiting foster carers", "G")


# The pages -----------------------------------------------------------------------------------------------------------


def change_url(batch, index=0, part="recommendation") -> str:
    return reverse(f"imports:{part}_correct", args=[batch.pk, index])


def posted(batch, **fields) -> dict:
    """The recommendation form as shown, with some fields changed."""
    data = {
        "version": batch.updated_at.isoformat(), "number": "1", "text": "Recruit foster carers", "objective": "",
        "lead": "Head of Service", "finance_manager": "", "saving": "£48,000",
        "step_0_action": "Advertise", "step_0_success_measure": "Ten enquiries", "step_0_due_text": "Mar 2010",
        "step_1_action": "Train new carers", "step_1_success_measure": "", "step_1_due_text": "Ongoing",
        "evidence": "Advert placed.", "savings_to_date": "", "category": "2", "category_reason": "",
    }
    return data | fields


def test_the_preview_links_each_record_to_its_correction(officer_client, update, report):
    html = page(officer_client.get(reverse("imports:batch_preview", args=[update.pk])))
    for index in (0, 1):
        assert f'href="{change_url(update, index)}"' in html
    assert 'Change<span class="govuk-visually-hidden"> (Recommendation 2)</span>' in html
    html = page(officer_client.get(reverse("imports:batch_preview", args=[report.pk])))
    assert f'href="{change_url(report, 0, "project")}"' in html


def test_the_form_shows_the_record_as_read(officer_client, update):
    response = officer_client.get(change_url(update))
    html = page(response)
    assert response.status_code == 200
    assert "<h1 class=\"govuk-heading-xl\">Correct recommendation 1</h1>" in html
    assert "Recruit foster carers</textarea>" in html
    assert 'value="Mar 2010"' in html and "(now 31/03/2010)" in html and "(now no date)" in html
    assert 'value="£48,000"' in html
    assert '<option value="2" selected>' in html


def test_the_form_for_an_action_plan_has_no_progress_fields(officer_client, council):
    batch = stage(council, document("action_plan", recommendations=[SECOND]))
    html = page(officer_client.get(change_url(batch)))
    assert 'name="text"' in html and 'name="category"' not in html


def test_saving_the_form_corrects_the_record_and_goes_back_to_the_file(officer_client, update):
    data = posted(update, text="Recruit more foster carers", step_0_due_text="June 2011", saving="Up to £200,000 pa")
    response = officer_client.post(change_url(update), data, follow=True)
    assert response.redirect_chain == [(reverse("imports:batch_preview", args=[update.pk]), 302)]
    html = page(response)
    assert "Recommendation 1 has been corrected." in html
    assert "Recruit more foster carers" in html and "30/06/2011" in html
    update.refresh_from_db()
    record = update.extraction["recommendations"][0]
    assert record["steps"][0]["due"] == "2011-06-30" and record["saving"]["max"] == 200000
    assert events().count() == 1


def test_saving_the_project_form_corrects_the_project(officer_client, report):
    data = {"version": report.updated_at.isoformat(), "number": "1", "name": "Recruiting foster carers", "rag": "R",
            "risk_area": "Recruitment", "objective": "More carers"}
    staged = copy.deepcopy(report.extraction["projects"][0])
    response = officer_client.post(change_url(report, 0, "project"), data, follow=True)
    assert "Project 1 has been corrected." in page(response)
    report.refresh_from_db()
    assert report.extraction["projects"][0] == staged | {"name": "Recruiting foster carers", "rag": "R"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Enter the recommendation"),
        ({"step_1_action": "<script>alert(1)</script>"}, "Text must not contain HTML tags"),
        ({"saving": "=SUM(A1)"}, "Text must not begin like a spreadsheet formula"),
        ({"category": "7"}, "Choose a category from 1 to 4, or “Not given”"),
    ],
)
def test_bad_input_is_shown_on_the_form_and_changes_nothing(officer_client, update, fields, message):
    before = update.extraction
    response = officer_client.post(change_url(update), posted(update, **fields))
    html = page(response)
    assert response.status_code == 200
    assert "<title>Error: Correct recommendation 1" in html
    assert "There is a problem" in html and escape(message) in html
    update.refresh_from_db()
    assert update.extraction == before and not events().exists()


@pytest.mark.parametrize("written", ["31/02/2013", "13/13/12", "31 February 2013", "By 31/09/2011"])
def test_a_target_date_that_is_not_a_real_date_is_shown_on_the_form(officer_client, update, written):
    before = update.extraction
    html = page(officer_client.post(change_url(update), posted(update, step_0_due_text=written)))
    assert "There is a problem" in html
    assert escape("Enter a real date, such as 31/03/2010, or words such as “Ongoing”") in html
    update.refresh_from_db()
    assert update.extraction == before and not events().exists()


@pytest.mark.parametrize("written", ["sometime next year", "Ongoing", "To be agreed"])
def test_words_with_no_date_are_kept_and_the_page_says_no_date_was_read(officer_client, update, written):
    response = officer_client.post(change_url(update), posted(update, step_0_due_text=written), follow=True)
    html = page(response)
    assert "Recommendation 1 has been corrected." in html
    assert escape(f"Cairn could not read a date from “{written}” (step 1), so that step has no target date.") in html
    update.refresh_from_db()
    step = update.extraction["recommendations"][0]["steps"][0]
    assert (step["due_text"], step["due"]) == (written, None)


def test_a_date_that_is_read_is_not_said_to_be_unread(officer_client, update):
    html = page(officer_client.post(change_url(update), posted(update, step_0_due_text="30/09/2011"), follow=True))
    assert "Recommendation 1 has been corrected." in html and "could not read" not in html


def test_a_saving_with_no_amount_in_it_is_kept_and_the_page_says_so(officer_client, update):
    response = officer_client.post(change_url(update), posted(update, saving="Saves about thirty grand"), follow=True)
    html = page(response)
    assert "Recommendation 1 has been corrected." in html
    assert escape("Cairn could not read an amount from “Saves about thirty grand”, so the saving has no amount.") in html
    update.refresh_from_db()
    saving = update.extraction["recommendations"][0]["saving"]
    assert saving["text"] == "Saves about thirty grand" and (saving["min"], saving["max"]) == (None, None)


def test_a_date_the_paper_printed_wrongly_does_not_stop_other_corrections(officer_client, council):
    held = copy.deepcopy(FIRST)
    held["steps"][0] |= {"due_text": "31/02/2013", "due": None}
    batch = stage(council, document("progress_update", recommendations=[held]))
    data = posted(batch, text="Recruit more foster carers", step_0_due_text="31/02/2013")
    html = page(officer_client.post(change_url(batch), data, follow=True))
    assert "Recommendation 1 has been corrected." in html and "could not read a date" not in html
    batch.refresh_from_db()
    assert batch.extraction["recommendations"][0]["text"] == "Recruit more foster carers"


def test_a_blank_project_name_is_shown_on_the_form(officer_client, report):
    data = {"version": report.updated_at.isoformat(), "name": " ", "rag": "A"}
    html = page(officer_client.post(change_url(report, 0, "project"), data))
    assert "There is a problem" in html and "Enter the project&#39;s name" in html
    assert not events().exists()


def test_saving_the_form_unchanged_changes_nothing(officer_client, update):
    response = officer_client.post(change_url(update), posted(update), follow=True)
    assert "Nothing was changed." in page(response)
    assert not events().exists()


def test_a_form_from_before_a_record_was_left_out_is_refused(officer_client, update, council):
    data = posted(update, text="Changed")
    operations.drop_staged_records(update, by=council.officer, recommendation_indexes=[0])
    response = officer_client.post(change_url(update), data, follow=True)
    assert "have changed since the page was shown" in page(response)
    update.refresh_from_db()
    assert [record["text"] for record in update.extraction["recommendations"]] == ["Review placements"]
    assert not events().exists()


def test_an_imported_files_records_cannot_be_corrected(officer_client, update, council):
    operations.apply_import(update, by=council.officer)
    html = page(officer_client.get(reverse("imports:batch_preview", args=[update.pk])))
    assert change_url(update) not in html
    response = officer_client.post(change_url(update), posted(update, text="Changed"), follow=True)
    assert "Records can only be corrected in a staged file; update.json is applied." in page(response)
    assert not events().exists()


def test_no_such_record_is_not_found(officer_client, update):
    assert officer_client.get(change_url(update, 2)).status_code == 404
    assert officer_client.get(change_url(update, 0, "project")).status_code == 404


def test_where_a_record_was_found_is_shown(officer_client, update):
    extraction = update.extraction
    extraction["recommendations"][0]["where"] = "table 1, rows 3–4"
    ImportBatch.objects.filter(pk=update.pk).update(extraction=extraction)
    html = page(officer_client.get(reverse("imports:batch_preview", args=[update.pk])))
    assert "Found in" in html and "table 1, rows 3–4" in html
    assert "Found in the file at table 1, rows 3–4." in page(officer_client.get(change_url(update)))


def test_a_correction_keeps_where_the_record_was_found(update, council):
    extraction = update.extraction
    extraction["recommendations"][0]["where"] = "table 1, rows 3–4"
    ImportBatch.objects.filter(pk=update.pk).update(extraction=extraction)
    record = correct(update, council, text="Changed").extraction["recommendations"][0]
    assert record["where"] == "table 1, rows 3–4"


def test_a_paper_read_by_the_parsers_can_be_corrected_and_applied(officer_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="plan.txt", data=PLAN.encode())
    data = {"version": batch.updated_at.isoformat(), "number": "1", "text": "Recruit foster carers",
            "lead": "Head of Service", "step_0_action": "Advertise", "step_0_due_text": "April 2010"}
    officer_client.post(change_url(batch), data)
    officer_client.post(reverse("imports:batch_apply", args=[batch.pk]))
    action = Action.objects.get(recommendation__review__organisation=council.org, text="Advertise")
    assert (action.target_text, action.target_on) == ("April 2010", dt.date(2010, 4, 30))


@pytest.mark.parametrize("persona", ["councillor_client", "lead_client", "finance_client"])
def test_people_who_do_not_import_cannot_correct(request, persona, update):
    client = request.getfixturevalue(persona)
    assert client.get(change_url(update)).status_code == 403
    assert client.post(change_url(update), posted(update, text="Changed")).status_code == 403
    assert not events().exists()


def test_another_councils_file_is_not_found(other_council_client, update, report):
    assert other_council_client.get(change_url(update)).status_code == 404
    assert other_council_client.post(change_url(update), posted(update, text="Changed")).status_code == 404
    assert other_council_client.get(change_url(report, 0, "project")).status_code == 404
    assert not events().exists()
