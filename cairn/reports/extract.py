"""Report data in the `cairn-extract/1` shape (issue 3's import contract), so an export can be imported again.

The shape is the one `cairn extract` prints for a paper it has read; this module writes it from Cairn's own
records instead, with amounts as plain pounds and dates as YYYY-MM-DD, including the optional keys (docs/cli.md):
an action plan's cover report and its review's key questions and next steps, each step's revised targets, a
progress update's revised target, and a project's outline, spending and savings and its measures' units.
"""

import datetime as dt
import hashlib
import json
from decimal import Decimal

from .data import (
    ActionPlanReport,
    CoverReport,
    HighlightReport,
    ProgressUpdateReport,
    RecommendationRow,
    Saving,
)

FORMAT = "cairn-extract/1"
CONTENT_TYPE = "application/json"
FAMILIES = {ProgressUpdateReport: "progress_update", ActionPlanReport: "action_plan", HighlightReport: "highlight_report"}


def extract(report, *, source_name: str) -> dict:
    """The report as a `cairn-extract/1` document; `source.sha256` is the SHA-256 of everything else in it."""
    plan = report if isinstance(report, ActionPlanReport) else None
    body = {
        "document": _document(report),
        "cover": _cover(report.cover) if getattr(report, "cover", None) else None,
        "recommendations": _recommendations(report),
        "projects": _projects(report) if isinstance(report, HighlightReport) else [],
        "figures": [],
        "budget_lines": [],
        "questions": [
            {"number": question.number, "text": question.text, "where": None} for question in plan.questions
        ] if plan else [],
        "next_steps": [
            {"text": step.text, "due_text": None, "due": step.due_on, "done": step.done_on, "where": None}
            for step in plan.next_steps
        ] if plan else [],
        "sections": [],  # only a presentation has sections, and Cairn makes no presentation
        "warnings": [],
    }
    digest = hashlib.sha256(dumps(body).encode()).hexdigest()
    return {"format": FORMAT, "source": {"name": source_name, "sha256": digest}, **body}


def dumps(document: dict, *, indent: int | None = None) -> str:
    """JSON text with sorted keys, money and measures as numbers, and dates as YYYY-MM-DD."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, indent=indent, default=_plain)


def render(report, *, source_name: str) -> bytes:
    return (dumps(extract(report, source_name=source_name), indent=2) + "\n").encode()


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _document(report) -> dict:
    document = {
        "family": FAMILIES[type(report)],
        # The title the paper prints at its head (a highlight report's is the programme's name).
        "title": report.programme if isinstance(report, HighlightReport) else report.info.title,
        "organisation": report.info.organisation or None,
        "committee": None,
        "meeting_date": None,
        "as_at": None,
    }
    if isinstance(report, ProgressUpdateReport):
        document.update(committee=report.committee or None, meeting_date=report.meeting_on, as_at=report.as_at)
    elif isinstance(report, ActionPlanReport) and report.cover:
        document.update(committee=report.cover.committee or None, meeting_date=report.cover.meeting_on)
    elif isinstance(report, HighlightReport):
        document.update(committee=report.board or None, as_at=report.as_at)
    return document


def _cover(cover: CoverReport) -> dict:
    return {
        "agenda_item": cover.agenda_item or None,
        "summary": cover.summary or None,
        "detail": list(cover.detail),
        "contact_name": cover.contact_name or None,
        "contact_post": cover.contact_post or None,
        "contact_phone": cover.contact_phone or None,
        "contact_email": cover.contact_email or None,
        "where": None,
    }


def _recommendations(report) -> list[dict]:
    if isinstance(report, HighlightReport):
        return []
    if isinstance(report, ActionPlanReport):
        return [_recommendation(row, _noted(row)) for row in report.rows]
    return [_recommendation(row, _progress(row, report.as_at)) for row in report.rows]


def _recommendation(row: RecommendationRow, progress: dict | None) -> dict:
    return {
        "number": row.number or None,
        "objective": row.objective or None,
        "text": row.text,
        "steps": [
            {
                "action": step.text or None,
                "success_measure": step.success_measure or None,
                "due_text": step.target_text or step.target or None,
                "due": step.target_on,
                "lead": step.lead_name or None,
                "revisions": [
                    {"due_text": revision.target_text or revision.target, "due": revision.target_on,
                     "reason": revision.reason or None}
                    for revision in step.revisions
                ],
            }
            for step in row.steps
        ],
        "lead": row.lead_name or row.lead or None,
        "finance_manager": row.finance_manager or None,
        "saving": _saving(row.savings),
        "progress": progress,
        "where": None,  # made from Cairn's records, not read from a file
    }


def _saving(savings: list[Saving]) -> dict | None:
    """One estimate in full; several shared into one text, as a paper's single Saving/Cost cell would hold them."""
    if not savings:
        return None
    if len(savings) > 1:
        return {"text": "\n".join(s.text for s in savings), "min": None, "max": None, "period": None, "cashable": None}
    saving = savings[0]
    return {
        "text": saving.text, "min": saving.min_amount, "max": saving.max_amount, "period": saving.period,
        "cashable": saving.cashable,
    }


def _noted(row: RecommendationRow) -> dict | None:
    """An action plan's progress notes, as its paper prints them below their steps and as they are imported: the
    recommendation's progress, one note a line."""
    notes = [step.progress_note for step in row.steps if step.progress_note]
    if not notes:
        return None
    return {"as_at": None, "evidence": "\n".join(notes), "savings_to_date": None, "category": None,
            "category_reason": None, "status": None, "revised_due_text": None, "revised_due": None}


def _progress(row: RecommendationRow, as_at: dt.date) -> dict | None:
    if not row.progress:
        return None
    progress = row.progress[0]
    code = progress.level.code if progress.level else None
    return {
        "as_at": as_at,
        "evidence": progress.evidence or None,
        "savings_to_date": progress.savings_to_date or None,
        "category": int(code) if code and code.isdigit() else None,
        "category_reason": progress.reason or None,
        "status": progress.status_text or None,
        "revised_due_text": progress.revised_target or None,
        "revised_due": progress.revised_target_on,
    }


def _projects(report: HighlightReport) -> list[dict]:
    return [
        {
            "number": project.number or None,
            "name": project.name,
            "rag": project.rag or None,
            "risk_area": project.risk_area or None,
            "objective": project.objective or None,
            "budget": project.budget,
            "timeline": project.timeline,
            "milestones": [
                {
                    "date_text": milestone.due_text or milestone.date or None,
                    "date": milestone.due_on,
                    "activity": milestone.activity,
                    "state": milestone.state or None,
                    "state_text": milestone.state_text or None,
                }
                for milestone in project.milestones
            ],
            "metrics": [
                {"name": indicator.name, "value": indicator.value_number, "rag": indicator.rag or None,
                 "unit": indicator.unit or None, "description": indicator.description or None}
                for indicator in project.indicators
            ],
            "progress_points": project.progress_points,
            "risks": project.risks,
            "where": None,
            "short_name": project.short_name or None,
            "key_elements": project.key_elements,
            "budget_text": project.budget_text or None,
            "other_resources": project.other_resources,
            "impact": project.impact or None,
            "lead": project.lead or None,
            "spent": project.spent,
            "savings": project.savings,
            "voice_and_feedback": project.voice_and_feedback or None,
        }
        for project in report.projects
    ]
