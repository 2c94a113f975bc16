"""Spreadsheet, CSV and JSON exports: frozen headers, filters, dates as dates, money as numbers, no formulas."""

import csv
import datetime as dt
import io
import json

import openpyxl

from cairn.reports import data, extract, spreadsheets
from cairn.reviews import operations as reviews


def test_xlsx_has_a_sheet_per_table_with_frozen_filtered_headers(papers):
    report = data.progress_update(papers.review, papers.round)
    workbook = openpyxl.load_workbook(io.BytesIO(spreadsheets.render_xlsx(report)))
    assert workbook.sheetnames == ["Progress", "Actions", "Summary of assessments", "Assessment scale"]
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    progress = workbook["Progress"]
    header = [cell.value for cell in progress[1]]
    rows = [dict(zip(header, (cell for cell in row), strict=True)) for row in progress.iter_rows(min_row=2)]
    assert [row["No"].value for row in rows] == ["1", "2", "3", "4"]
    as_at = rows[0]["As at"]
    assert as_at.is_date and as_at.value.date() == papers.round.as_at_on
    saving = rows[3]["Saving up to (£)"]
    assert saving.value == 443000 and saving.data_type == "n" and "£" in saving.number_format
    assert rows[2]["Savings / costs to date (£)"].value == 1250.5
    # Text that looks like a formula is stored as text, never as a formula.
    evidence = rows[1]["Evidence of progress"]
    assert evidence.data_type == "s" and evidence.value.startswith("=SUM(")
    actions = workbook["Actions"]
    targets = [row[5] for row in actions.iter_rows(min_row=2) if row[0].value == "2"]
    assert [cell.value.date() for cell in targets] == [dt.date(2010, 3, 31), dt.date(2010, 4, 30), dt.date(2010, 5, 31)]
    assert all(cell.is_date for cell in targets)


def test_highlight_xlsx_keeps_money_and_months_as_values(papers):
    report = data.highlight(papers.council.programme, papers.programme_round)
    workbook = openpyxl.load_workbook(io.BytesIO(spreadsheets.render_xlsx(report)))
    assert workbook.sheetnames == ["Projects", "Phase plan", "Milestones", "Indicators", "Progress and risks"]
    projects = workbook["Projects"]
    header = [cell.value for cell in projects[1]]
    row = dict(zip(header, projects[2], strict=True))
    assert (row["Budget (£)"].value, row["Spent (£)"].value, row["Savings (£)"].value) == (800000, 120000, 15000.5)
    months = [row[2] for row in workbook["Phase plan"].iter_rows(min_row=2)]
    assert len(months) == 6 and all(cell.is_date for cell in months)
    points = [row[3] for row in workbook["Progress and risks"].iter_rows(min_row=2)]
    plus = next(cell for cell in points if "three partners" in cell.value)
    assert plus.data_type == "s" and plus.value == "+ three partners signed up"


def test_csv_puts_an_apostrophe_before_text_that_looks_like_a_formula(papers):
    report = data.progress_update(papers.review, papers.round)
    content = spreadsheets.render_csv(report)
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    by_number = {row["No"]: row for row in rows}
    assert by_number["2"]["Evidence of progress"].startswith("'=SUM(A1:A9)")
    assert by_number["3"]["Saving / cost as written"] == "'-£5,000 one-off cost of consultation"
    assert by_number["4"]["Evidence of progress"].startswith("'@Tees Valley")
    assert by_number["3"]["Savings / costs to date (£)"] == "1250.50"
    assert by_number["4"]["Saving from (£)"] == "11000" and by_number["4"]["As at"] == papers.round.as_at_on.isoformat()
    for value in (v for row in rows for v in row.values()):
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_every_formula_start_is_made_plain():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert spreadsheets.looks_like_formula(text)
        assert spreadsheets._csv_value(text) == "'" + text
    assert spreadsheets._csv_value("Plain text") == "Plain text"


def _check_shape(document: dict) -> None:
    """The cairn-extract/1 contract of issue 3, key by key and type by type."""
    assert document["format"] == "cairn-extract/1"
    assert set(document) == {"format", "source", "document", "cover", "recommendations", "projects", "figures",
                             "budget_lines", "questions", "next_steps", "sections", "warnings"}
    assert set(document["source"]) == {"name", "sha256"} and len(document["source"]["sha256"]) == 64
    assert set(document["document"]) == {"family", "title", "organisation", "committee", "meeting_date", "as_at"}
    if document["cover"] is not None:
        assert set(document["cover"]) == {"agenda_item", "summary", "detail", "contact_name", "contact_post",
                                          "contact_phone", "contact_email", "where"}
    assert all(set(question) == {"number", "text", "where"} for question in document["questions"])
    assert all(set(step) == {"text", "due_text", "due", "done", "where"} for step in document["next_steps"])
    for recommendation in document["recommendations"]:
        assert set(recommendation) == {"number", "objective", "text", "steps", "lead", "finance_manager", "saving",
                                       "progress", "where"}
        assert recommendation["where"] is None  # made from records, so not found anywhere in a file
        for step in recommendation["steps"]:
            assert set(step) == {"action", "success_measure", "due_text", "due", "lead", "revisions"}
            assert step["due"] is None or dt.date.fromisoformat(step["due"])
            assert all(set(revision) == {"due_text", "due", "reason"} for revision in step["revisions"])
        if recommendation["saving"] is not None:
            assert set(recommendation["saving"]) == {"text", "min", "max", "period", "cashable"}
            assert recommendation["saving"]["period"] in {"annual", "one_off", None}
        if recommendation["progress"] is not None:
            assert set(recommendation["progress"]) == {"as_at", "evidence", "savings_to_date", "category",
                                                       "category_reason", "status", "revised_due_text",
                                                       "revised_due"}
    for project in document["projects"]:
        assert set(project) == {"number", "name", "rag", "risk_area", "objective", "budget", "timeline",
                                "milestones", "metrics", "progress_points", "risks", "where", "short_name",
                                "key_elements", "budget_text", "other_resources", "impact", "lead", "spent",
                                "savings", "voice_and_feedback"}
        assert project["where"] is None
        assert project["rag"] in {"R", "A", "G", "B", None}
        for milestone in project["milestones"]:
            assert set(milestone) == {"date_text", "date", "activity", "state", "state_text"}
            assert milestone["state"] in {"on", "off", "completed", None}
        for metric in project["metrics"]:
            assert set(metric) == {"name", "value", "rag", "unit", "description"}


def test_progress_update_json_is_a_cairn_extract(papers):
    report = data.progress_update(papers.review, papers.round)
    document = json.loads(extract.render(report, source_name="paper.json"))
    _check_shape(document)
    assert document["document"]["family"] == "progress_update"
    assert document["document"]["as_at"] == papers.round.as_at_on.isoformat()
    by_number = {r["number"]: r for r in document["recommendations"]}
    assert [s["due"] for s in by_number["2"]["steps"]] == ["2010-03-31", "2010-04-30", "2010-05-31"]
    assert [s["due_text"] for s in by_number["2"]["steps"]] == ["Mar 2010", "April 2010", "May 2010"]
    assert by_number["4"]["steps"][1]["action"] is None
    assert by_number["4"]["saving"] == {
        "text": "Savings range from £11,000 - £443,000 per annum", "min": 11000, "max": 443000,
        "period": "annual", "cashable": None,
    }
    assert by_number["4"]["progress"]["category"] == 4
    assert by_number["2"]["progress"]["category_reason"] == "Delay due to competing work pressures."
    assert by_number["2"]["finance_manager"] == "Paula Hunt"
    assert by_number["2"]["lead"] == "Head of Children and Young People's Strategy"
    revised = papers.round.updates.get(recommendation__number="2").revised_target_on
    assert (by_number["2"]["progress"]["revised_due_text"], by_number["2"]["progress"]["revised_due"]) == (
        "October 2010", revised.isoformat()
    )
    assert document["cover"] is None and document["questions"] == document["next_steps"] == []


def test_action_plan_and_highlight_json_are_cairn_extracts(papers):
    plan = json.loads(extract.render(data.action_plan(papers.review), source_name="plan.json"))
    _check_shape(plan)
    assert plan["document"]["family"] == "action_plan"
    assert plan["document"]["meeting_date"] == papers.council.meeting.held_on.isoformat()
    assert all(r["progress"] is None for r in plan["recommendations"])
    highlight = json.loads(
        extract.render(data.highlight(papers.council.programme, papers.programme_round), source_name="h.json")
    )
    _check_shape(highlight)
    [project] = highlight["projects"]
    assert project["budget"] == 800000 and project["rag"] == "A"
    assert list(project["timeline"].values()) == list("DDPPIS")
    assert project["metrics"] == [
        {"name": "Early help episodes open", "value": 732, "rag": "G", "unit": None, "description": None}
    ]
    assert project["milestones"][0]["state"] == "on"
    assert (project["spent"], project["savings"]) == (120000, 15000.5)
    assert project["voice_and_feedback"] == "Children's Co-Production Framework to report on child's voice and feedback"


def test_an_action_plans_json_carries_its_cover_revised_targets_and_its_reviews_questions_and_steps(papers):
    by, review = papers.council.officer, papers.review
    action = review.recommendations.get(number="2").actions.get(order=1)
    reviews.revise_action_target(action, by=by, target_on=dt.date(2010, 6, 30), target_precision="month",
                                 target_text="June 2010", reason="Job evaluation took longer than planned")
    plan = json.loads(extract.render(data.action_plan(review), source_name="plan.json"))
    _check_shape(plan)
    assert plan["cover"] == {
        "agenda_item": "5",
        "summary": "Members are asked to consider the Action Plan setting out how the agreed recommendations will be "
                   "implemented.",
        "detail": ["1. The final report was considered by Cabinet on 8 March.", "2. An Action Plan has now been drawn up."],
        "contact_name": "Peter Mennear", "contact_post": "Scrutiny Officer", "contact_phone": "+44 1642 528957",
        "contact_email": "peter.mennear@example.org", "where": None,
    }
    step = next(r for r in plan["recommendations"] if r["number"] == "2")["steps"][0]
    assert step["revisions"] == [
        {"due_text": "June 2010", "due": "2010-06-30", "reason": "Job evaluation took longer than planned"}
    ]
    # The council's review has one key question and one next step.
    assert plan["questions"] == [{"number": 1, "text": "Is the structure right first time?", "where": None}]
    assert plan["next_steps"] == [
        {"text": "Present progress report", "due_text": None, "due": review.steps.get().due_on.isoformat(),
         "done": None, "where": None}
    ]
