"""Cairn's own committee papers, written as Word and PDF, read back to the data they were made from (issue 5).

The demo council's papers (every progress update, action plan and highlight report it has) are made from their
report data, read back by the importer's parsers, and compared field by field with that report data.

A paper cannot give back what it does not print, and `cairn-extract/1` has no place for some of what it does. Left
out of the comparison, each noted again where it is compared:
- not on the paper: a progress update's meeting date (printed only on its cover report), an action plan's council, a
  highlight report's as-at day (it prints the month), whether a saving is cashable (unless its words say so), that
  a step has no lead of its own (it reads back with the recommendation's lead), why a target was revised, a measure's unit when it
  has no figure (the unit is printed beside the figure), and a review's key questions and next steps (its JSON export
  carries them);
- a project's budget as written comes back as what the paper prints for its resources: the words, or the amount
  when there are none;
- shown only by a cell's colour: a milestone's state, which comes back from its word ("On track", "Off track",
  "Completed", "Agreed"...); where the milestone had no word of its own, the word Cairn printed for the state comes
  back as its word;
- line breaks inside a recommendation's text or evidence: the PDF prints them as spaces, and a cell's lines are
  read as one paragraph;
- a word too long for a narrow PDF column: the PDF breaks it without a hyphen, so it reads back as two words
  ("recommendatio ns" in the Saving / Cost column of the social care review's progress update, "communication s" in
  the transport review's Assessment column). Those two PDFs are not compared for that reason; their Word files are.
- several savings estimates on one recommendation come back as one, each text on its own line and no single range,
  as the JSON export writes them;
- kept in warnings, as the contract has no field for them: the assessment scale's key and the summary of
  assessments, and a measure's period where the measures differ in theirs.
The demo reports progress on whole recommendations and gives each action-plan step at most one progress note: the
contract holds one progress per recommendation, so progress step by step does not come back step by step.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from cairn.demo.data.exampleton import front_door, placements, programme, social_care, transport
from cairn.demo.data.exampleton import load as load_exampleton
from cairn.imports.parsers import extract
from cairn.programmes.models import Milestone, Programme
from cairn.reports import data, documents, docx, pdf
from cairn.reviews.models import ReportingRound, Review

from .conftest import differences

REVIEWS = [placements.REVIEW["title"], social_care.REVIEW["title"], transport.REVIEW["title"],
           front_door.REVIEW["title"]]
PROGRAMME = programme.PROGRAMME["name"]
# Every paper as Word (the front door review is still being scoped: it has no progress to report); as PDF, the
# newest of the papers that between them have every kind of table and cell (PDF is slow to make and to read).
PAPERS = (
    [("progress update", title, "docx") for title in REVIEWS if title != front_door.REVIEW["title"]]
    + [("action plan", title, "docx") for title in REVIEWS]
    + [("highlight report", PROGRAMME, "docx")]
    + [("progress update", placements.REVIEW["title"], "pdf"), ("action plan", social_care.REVIEW["title"], "pdf"),
       ("action plan", transport.REVIEW["title"], "pdf"), ("highlight report", PROGRAMME, "pdf")]
)
RENDERERS = {"docx": docx.render, "pdf": pdf.render}
STATE_LABELS = dict(Milestone.State.choices)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker) -> dict[tuple[str, str], list]:
    """The demo council's report data for each paper (one per round where a paper reports a round), made once."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_exampleton(today=timezone.localdate(), password=None)
        found: dict[tuple[str, str], list] = {}
        for review in Review.objects.filter(organisation__slug="exampleton"):
            found[("action plan", review.title)] = [data.action_plan(review)]
            rounds = ReportingRound.objects.filter(updates__recommendation__review=review).distinct().order_by("as_at_on")
            found[("progress update", review.title)] = [data.progress_update(review, round_) for round_ in rounds]
        for programme_ in Programme.objects.filter(organisation__slug="exampleton"):
            rounds = ReportingRound.objects.filter(project_updates__project__programme=programme_).distinct()
            found[("highlight report", programme_.name)] = [
                data.highlight(programme_, round_) for round_ in rounds.order_by("as_at_on")
            ]
        transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("kind,title,fmt", PAPERS, ids=[f"{kind}-{title[:24]}-{fmt}" for kind, title, fmt in PAPERS])
def test_a_paper_cairn_wrote_reads_back_to_its_report_data(reports, kind, title, fmt):
    papers = reports[(kind, title)]
    assert papers, f"the demo has no {kind} for {title}"
    for report in papers if fmt == "docx" else papers[-1:]:
        extraction = extract(RENDERERS[fmt](report), f"paper.{fmt}").to_json()
        found = differences(read_back(extraction, report), expected(report))
        assert not found, f"{report.info.title} ({fmt}):\n" + "\n".join(found[:30])


def test_the_demo_papers_have_every_part_that_is_compared(reports):
    """So that no comparison above passes only because there was nothing to compare."""
    found = [expected(report) for papers in reports.values() for report in papers]
    steps = [step for paper in found for rec in paper["recommendations"] for step in rec["steps"]]
    progress = [rec["progress"] for paper in found for rec in paper["recommendations"] if rec["progress"]]
    projects = [project for paper in found for project in paper["projects"]]
    assert any(paper["cover"] and paper["cover"]["detail"] and paper["cover"]["contact_email"] for paper in found)
    assert any(step["revisions"] for step in steps)
    assert any(p.get("revised_due") for p in progress)
    for name in ("short_name", "key_elements", "budget_text", "other_resources", "impact", "lead", "spent",
                 "savings", "voice_and_feedback"):
        assert any(project[name] for project in projects), name
    metrics = [metric for project in projects for metric in project["metrics"]]
    assert any(metric.get("unit") for metric in metrics)


def test_cairns_own_tables_and_headings_are_not_read_as_records(reports):
    """The key to the scale and the summary of assessments are kept in warnings, not read as recommendations."""
    report = reports[("progress update", placements.REVIEW["title"])][-1]
    extraction = extract(docx.render(report), "paper.docx").to_json()
    assert len(extraction["recommendations"]) == len(report.rows)
    messages = [warning["message"] for warning in extraction["warnings"]]
    assert any(m.startswith("Not held in the extraction (key to the assessment scale): Assessment Meaning")
               for m in messages)
    assert any(m.startswith("Not held in the extraction (summary of assessments):") for m in messages)



def test_what_changed_since_the_last_committee_is_not_read_as_records(reports):
    """The placements review's second published round has changes against its first, in a table of their own."""
    report = next(r for r in reports[("progress update", placements.REVIEW["title"])] if r.changes and r.changes.changes)
    for render in (docx.render, pdf.render):
        extraction = extract(render(report), "paper.docx" if render is docx.render else "paper.pdf").to_json()
        assert len(extraction["recommendations"]) == len(report.rows)
        messages = [warning["message"] for warning in extraction["warnings"]]
        assert any(m.startswith("Not held in the extraction (what changed since the last committee)") for m in messages)


# What the paper should give back -----------------------------------------------------------------------------------


def expected(report) -> dict:
    if isinstance(report, data.HighlightReport):
        return {"document": _document(report), "cover": None, "recommendations": [],
                "projects": [_project(p) for p in report.projects]}
    return {
        "document": _document(report),
        "cover": _cover(report.cover) if report.cover else None,
        "recommendations": [_recommendation(row, report) for row in report.rows],
        "projects": [],
    }


def _cover(cover: data.CoverReport) -> dict:
    return {
        "agenda_item": cover.agenda_item or None, "summary": cover.summary or None, "detail": cover.detail,
        "contact_name": cover.contact_name or None, "contact_post": cover.contact_post or None,
        "contact_phone": cover.contact_phone or None, "contact_email": cover.contact_email or None,
    }


def _document(report) -> dict:
    info = report.info
    if isinstance(report, data.ProgressUpdateReport) and report.cover:
        # A cover report is the paper's front: its title is the paper's, it names the meeting and its date but no
        # council (seed 002), and the progress table's own heading and facts follow on the next page.
        cover = report.cover
        return {"family": "progress_update", "title": cover.title, "committee": cover.committee or None,
                "meeting_date": cover.meeting_on, "as_at": report.as_at}
    if isinstance(report, data.ProgressUpdateReport):
        # The meeting date is not printed on a progress update without a cover report.
        return {"family": "progress_update", "title": info.title, "organisation": info.organisation,
                "committee": report.committee or None, "as_at": report.as_at}
    if isinstance(report, data.ActionPlanReport):
        # An action plan does not print the council's name (only the Word file's properties hold it).
        cover = report.cover
        return {"family": "action_plan", "title": info.title, "committee": cover.committee if cover else None,
                "meeting_date": cover.meeting_on if cover else None, "as_at": None}
    # A highlight report prints its period ("November 2026"), not the day it is as at.
    return {"family": "highlight_report", "title": report.programme, "organisation": info.organisation,
            "committee": report.board or None, "as_at_month": report.as_at.strftime("%Y-%m")}


def _recommendation(row: data.RecommendationRow, report) -> dict:
    lead = row.lead_name or row.lead or None
    return {
        "number": row.number or None,
        "objective": row.objective or None,
        "text": _words(row.text),
        # The recommendation's lead is printed, then each step led by someone else ("Step 3: ..."); a step with no
        # lead of its own is read with the recommendation's.
        "steps": [
            {"action": step.text or None, "success_measure": step.success_measure or None,
             "due_text": step.target_text or step.target or None, "due": step.target_on,
             "lead": step.lead_name or lead,
             # Each revised target as printed ("(revised: Apr 2026)"); the reason is not printed.
             "revisions": [{"due_text": r.target, "due": r.target_on, "reason": None} for r in step.revisions]}
            for step in row.steps
        ],
        "lead": lead,
        "finance_manager": row.finance_manager or None,
        "saving": _saving(row.savings),
        "progress": _progress(row, report),
    }


def _saving(savings: list[data.Saving]) -> dict | None:
    if len(savings) > 1:
        return {"text": "\n".join(s.text for s in savings), "min": None, "max": None, "period": None}
    if not savings:
        return None
    saving = savings[0]
    return {"text": saving.text, "min": saving.min_amount, "max": saving.max_amount, "period": saving.period}


def _progress(row: data.RecommendationRow, report) -> dict | None:
    if isinstance(report, data.ActionPlanReport):
        # An action plan prints each step's progress note below the step; it reads back as the plan's progress.
        notes = [step.progress_note for step in row.steps if step.progress_note]
        return {"note": "\n".join(notes)} if notes else None
    if not row.progress:
        return None
    [progress] = row.progress  # the demo reports each recommendation as a whole, not step by step
    return {
        "as_at": report.as_at,
        "evidence": _words(progress.evidence) or None,
        "savings_to_date": progress.savings_to_date or None,
        "category": int(progress.level.code) if progress.level else None,
        "category_reason": progress.reason or None,
        "status": progress.status_text or None,
        "revised_due_text": progress.revised_target or None,
        "revised_due": progress.revised_target_on,
    }


def _project(project: data.ProjectSection) -> dict:
    return {
        "number": project.number or None,
        "name": project.name,
        "rag": project.rag or None,
        "risk_area": project.risk_area or None,
        "objective": project.objective or None,
        "budget": project.budget,
        "timeline": project.timeline,
        "milestones": [
            {"date_text": m.due_text or m.date or None, "date": m.due_on, "activity": m.activity, "state": m.state or None,
             "words": m.state_text or STATE_LABELS.get(m.state) or None}
            for m in project.milestones
        ],
        "metrics": [
            {"name": i.name, "value": i.value_number, "rag": i.rag or None, "description": i.description or None}
            | ({"unit": i.unit or None} if i.value_number is not None else {})
            for i in project.indicators
        ],
        "progress_points": project.progress_points,
        "risks": project.risks,
        "short_name": project.short_name or None,
        "key_elements": project.key_elements,
        "budget_text": project.resources or None,
        "other_resources": project.other_resources,
        "impact": project.impact or None,
        "lead": project.lead or None,
        "spent": project.spent,
        "savings": project.savings,
        "voice_and_feedback": project.voice_and_feedback or None,
    }


# What the paper gave back, in the same shape ----------------------------------------------------------------------


def read_back(extraction: dict, report) -> dict:
    """The extraction in the shape of `expected`: the parts that can come back, as plain values."""
    document = extraction["document"]
    compared = {key: _value(document[key]) for key in expected(report)["document"] if key in document}
    compared["family"] = document["family"]
    if "as_at_month" in expected(report)["document"]:
        compared["as_at_month"] = document["as_at"][:7] if document["as_at"] else None
    cover = extraction["cover"]
    return {
        "document": compared,
        "cover": None if cover is None else {key: value for key, value in cover.items() if key != "where"},
        "recommendations": [_read_recommendation(rec, report) for rec in extraction["recommendations"]],
        "projects": [_read_project(project) for project in extraction["projects"]],
    }


def _read_recommendation(rec: dict, report) -> dict:
    saving = rec["saving"]
    progress = rec["progress"]
    if progress is not None and isinstance(report, data.ActionPlanReport):
        progress = {"note": _note(progress)}
    elif progress is not None:
        progress = {key: _value(value) for key, value in progress.items()}
        progress["evidence"] = _words(progress["evidence"]) or None
    return {
        "number": rec["number"],
        "objective": rec["objective"],
        "text": _words(rec["text"]),
        "steps": [
            {key: _value(value) for key, value in step.items() if key != "revisions"}
            | {"revisions": [{key: _value(value) for key, value in r.items()} for r in step["revisions"]]}
            for step in rec["steps"]
        ],
        "lead": rec["lead"],
        "finance_manager": rec["finance_manager"],
        "saving": None if saving is None else {
            "text": saving["text"], "min": _amount(saving["min"]), "max": _amount(saving["max"]), "period": saving["period"],
        },
        "progress": progress,
    }


def _read_project(project: dict) -> dict:
    return {
        "number": project["number"],
        "name": project["name"],
        "rag": project["rag"],
        "risk_area": project["risk_area"],
        "objective": project["objective"],
        "budget": _amount(project["budget"]),
        "timeline": project["timeline"],
        "milestones": [
            {"date_text": m["date_text"], "date": _value(m["date"]), "activity": m["activity"], "state": m["state"],
             "words": m["state_text"]}
            for m in project["milestones"]
        ],
        "metrics": [
            {"name": m["name"], "value": _amount(m["value"]), "rag": m["rag"], "description": m["description"]}
            | ({"unit": m["unit"]} if m["value"] is not None else {})
            for m in project["metrics"]
        ],
        "progress_points": project["progress_points"],
        "risks": project["risks"],
        "short_name": project["short_name"],
        "key_elements": project["key_elements"],
        "budget_text": project["budget_text"],
        "other_resources": project["other_resources"],
        "impact": project["impact"],
        "lead": project["lead"],
        "spent": _amount(project["spent"]),
        "savings": _amount(project["savings"]),
        "voice_and_feedback": project["voice_and_feedback"],
    }


def _note(progress: dict) -> str:
    """An action plan's progress as one note: a status read off its start ("Achieved.") put back in front."""
    parts = [part for part in (progress["status"], progress["evidence"]) if part]
    return ". ".join(part.rstrip(".") if index == 0 and len(parts) > 1 else part for index, part in enumerate(parts))


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _value(value):
    """Dates as dates, so both sides compare alike."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _amount(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))



@pytest.mark.parametrize("fmt", ("xlsx", "csv"))
def test_the_demos_progress_updates_read_back_from_their_spreadsheets(reports, fmt):
    """Each demo progress update's sheet, the reason, status as written, revised target and as-at date of each
    recommendation's progress from their own columns; the sheet has no committee or cover report, and a CSV no title."""
    papers = [report for (kind, _), found in reports.items() if kind == "progress update" for report in found]
    compared = [rec["progress"] for report in papers for rec in expected(report)["recommendations"] if rec["progress"]]
    assert any(p["status"] for p in compared) and any(p["category_reason"] for p in compared)
    for report in papers:
        found = progress_sheet_differences(report, fmt)
        assert not found, f"{report.info.title} ({fmt}):\n" + "\n".join(found[:30])


def progress_sheet_differences(report, fmt: str) -> list[str]:
    """How a progress update's sheet (xlsx or csv) reads back differently from its report: a sheet has no committee
    or cover report, and a CSV no title."""
    content, name, _ = documents.render(report, fmt)
    extraction = extract(content, name).to_json()
    wanted = expected(report) | {"cover": None}
    title = report.info.title if fmt == "xlsx" else None
    wanted["document"] = {key: None for key in wanted["document"]} | {
        "family": "progress_update", "title": title, "as_at": report.as_at}
    return differences(read_back(extraction, report), wanted)
