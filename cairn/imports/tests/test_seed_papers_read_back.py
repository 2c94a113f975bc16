"""Each seed imported, then every paper Cairn makes from the records it became, read back to those records (issue 16).

Each paper is made as Word, PDF and cairn-extract/1 JSON, read back through the same reader as `cairn extract`, and
compared field by field with the report data it was made from. What a paper cannot give back is the same as for the
demo's papers (test_paper_round_trip.py) and is left out the same way; the JSON export holds the records themselves,
so where a paper prints less (a project's budget as its resources, a step with no lead of its own read with the
recommendation's, a revised target without its reason) JSON is compared with the record.

Excel and CSV exports are a paper's tables for a spreadsheet. An action plan's read back to its recommendations
field by field, as its Word paper does; the paper's committee, meeting and cover report are not in the tables, nor
is its title in a CSV (a workbook holds it in its properties). A highlight report's read back to its projects from
the sheets Cairn writes for them, known by their headings (the CSV holds the projects sheet only). A progress
update's read back to its recommendations' progress, the reason, status as written, revised target and as-at date
each from its own column.

Seed 001's steps carry progress notes of several lines each; an action plan prints them under their steps in one
cell and labels each step ("Step 2: ...") where a row has several, which is how the reader tells a note's second line
from the next step; a step led by someone other than its recommendation's lead is named in the lead cell the same
way. Its first row runs over two PDF pages: the page it starts on prints the row with no rule at its foot, and the
page it ends on carries it on under the repeated heading row.
"""

import pytest

from cairn.imports import operations as imports
from cairn.imports.parsers import extract
from cairn.programmes.models import Programme
from cairn.reports import data, documents
from cairn.reviews.models import ReportingRound, Review

from .conftest import differences, seed
from .test_paper_round_trip import expected, progress_sheet_differences, read_back

pytestmark = pytest.mark.django_db
SEEDS = ("000", "001", "002", "003", "004")
FORMATS = ("docx", "pdf", "json")
CASES = [(prefix, fmt) for prefix in SEEDS for fmt in FORMATS]
# Seed 003 is a programme's highlight report: it makes no action plan.
SHEETS = [(prefix, fmt) for prefix in ("000", "001", "002", "004") for fmt in ("xlsx", "csv")]
# Seed 003 is the one with a programme: its highlight report's sheets.
PROJECT_SHEETS = ("xlsx", "csv")


def papers(organisation) -> list:
    """Cairn's papers for what the council now holds: each review's action plan and progress updates, each
    programme's highlight reports."""
    found = []
    for review in Review.objects.filter(organisation=organisation):
        found.append(data.action_plan(review))
        rounds = ReportingRound.objects.filter(updates__recommendation__review=review).distinct().order_by("as_at_on")
        found += [data.progress_update(review, round_) for round_ in rounds]
    for programme in Programme.objects.filter(organisation=organisation):
        rounds = ReportingRound.objects.filter(project_updates__project__programme=programme).distinct()
        found += [data.highlight(programme, round_) for round_ in rounds.order_by("as_at_on")]
    return found


def imported(organisation, officer, prefix: str) -> list:
    name, raw = seed(prefix)
    imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=raw), by=officer)
    made = papers(organisation)
    assert made, f"seed {prefix} made no paper"
    return made


def expected_from(report, fmt: str) -> dict:
    """What the paper should give back; from JSON, what the records hold where a paper prints less of it."""
    found = expected(report)
    if fmt != "json":
        return found
    # A project's budget as written (a paper prints the amount in its place when there are no words).
    held = {project.name: project.budget_text or None for project in getattr(report, "projects", [])}
    for project in found["projects"]:
        project["budget_text"] = held[project["name"]]
    # Each step's own lead, and its revised targets as written with their reasons (a paper prints one lead for the
    # recommendation, and each revised date without its reason).
    for row, rec in zip(getattr(report, "rows", []), found["recommendations"], strict=True):
        for step, compared in zip(row.steps, rec["steps"], strict=True):
            compared["lead"] = step.lead_name or None
            compared["revisions"] = [{"due_text": r.target_text or r.target, "due": r.target_on, "reason": r.reason or None}
                                     for r in step.revisions]
    return found


@pytest.mark.parametrize("prefix,fmt", SHEETS, ids=[f"{p}-{f}" for p, f in SHEETS])
def test_an_action_plan_made_from_an_imported_seed_reads_back_from_its_spreadsheet(organisation, officer, prefix, fmt):
    plans = [report for report in imported(organisation, officer, prefix) if isinstance(report, data.ActionPlanReport)]
    assert plans, f"seed {prefix} made no action plan"
    for report in plans:
        content, name, _ = documents.render(report, fmt)
        extraction = extract(content, name).to_json()
        wanted = expected(report) | {"cover": None}
        # Only the tables are written, and in a workbook the title in its properties: no committee or meeting.
        title = wanted["document"]["title"] if fmt == "xlsx" else None
        wanted["document"] = {key: None for key in wanted["document"]} | {"family": "action_plan", "title": title}
        found = differences(read_back(extraction, report), wanted)
        assert not found, f"seed {prefix}, action plan ({fmt}):\n" + "\n".join(found[:30])


@pytest.mark.parametrize("prefix,fmt", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_every_paper_made_from_an_imported_seed_reads_back_to_its_records(organisation, officer, prefix, fmt):
    for report in imported(organisation, officer, prefix):
        content, name, _ = documents.render(report, fmt)
        extraction = extract(content, name).to_json()
        found = differences(read_back(extraction, report), expected_from(report, fmt))
        assert not found, f"seed {prefix}, {type(report).__name__} ({fmt}):\n" + "\n".join(found[:30])


def test_seed_001s_action_plan_has_the_steps_and_notes_that_are_compared(organisation, officer):
    """So that the comparison above cannot pass for want of anything to compare: 28 recommendations, one with nine
    steps, notes of several lines, and a row long enough to run over a PDF page."""
    [report] = imported(organisation, officer, "001")
    assert isinstance(report, data.ActionPlanReport)
    compared = expected(report)["recommendations"]
    assert len(compared) == 28
    assert max(len(rec["steps"]) for rec in compared) == 9
    assert sum(len(rec["steps"]) for rec in compared) > 28
    notes = [rec["progress"]["note"] for rec in compared if rec["progress"]]
    assert len(notes) > 10 and any(note.count("\n") >= 5 for note in notes)
    assert [(step["due_text"], step["lead"]) for step in compared[0]["steps"]] == [("April 2001", "Head of Service")] * 9
    assert any(step["lead"] != rec["lead"] for rec in compared for step in rec["steps"])


@pytest.mark.parametrize("fmt", PROJECT_SHEETS)
def test_a_highlight_report_made_from_an_imported_seed_reads_back_from_its_spreadsheet(organisation, officer, fmt):
    """Seed 003's projects, from the workbook's sheets (projects, phase plan, milestones, indicators, progress and
    risks) or the CSV's one (projects). The sheets do not hold a project's key elements, other resources, impact or
    voice and feedback, nor the board; a CSV holds no title, phase plan, milestones, indicators or points."""
    reports = [report for report in imported(organisation, officer, "003") if isinstance(report, data.HighlightReport)]
    assert reports, "seed 003 made no highlight report"
    for report in reports:
        content, name, _ = documents.render(report, fmt)
        extraction = extract(content, name).to_json()
        wanted = expected(report)
        assert len(wanted["projects"]) == 7
        title = report.info.title if fmt == "xlsx" else None
        wanted["document"] = {key: None for key in wanted["document"]} | {
            "family": "highlight_report", "title": title, "as_at_month": report.as_at.strftime("%Y-%m"),
        }
        for project in wanted["projects"]:
            project |= {"key_elements": [], "other_resources": [], "impact": None, "voice_and_feedback": None}
            if fmt == "csv":
                project |= {"timeline": {}, "milestones": [], "metrics": [], "progress_points": [], "risks": []}
        found = differences(read_back(extraction, report), wanted)
        assert not found, f"seed 003, highlight report ({fmt}):\n" + "\n".join(found[:30])


@pytest.mark.parametrize("fmt", ("xlsx", "csv"))
def test_a_progress_update_made_from_an_imported_seed_reads_back_from_its_spreadsheet(organisation, officer, fmt):
    """Seed 000's progress sheet: each recommendation's progress, its reason and the day it is as at from their own
    columns (the seed words no status; test_paper_round_trip.py compares the demo's status words and revised targets)."""
    prefix = "000"  # the seed that is a progress update
    updates = [r for r in imported(organisation, officer, prefix) if isinstance(r, data.ProgressUpdateReport)]
    assert updates, "seed 000 made no progress update"
    compared = [rec["progress"] for report in updates for rec in expected(report)["recommendations"] if rec["progress"]]
    assert any(progress["category_reason"] for progress in compared)  # its status words are compared on the demo's
    for report in updates:
        found = progress_sheet_differences(report, fmt)
        assert not found, f"seed {prefix}, progress update ({fmt}):\n" + "\n".join(found[:30])
