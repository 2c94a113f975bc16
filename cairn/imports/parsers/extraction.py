"""What a paper says, as plain data, and its `cairn-extract/1` JSON form (a contract other tools rely on).

Keys added since the format was first fixed are optional (docs/cli.md lists them): `where` on each recommendation and
project (where in the file it was read, in the warnings' words, or null); a paper's `cover` report, a presentation's
`questions`, `next_steps` and `sections`; a project's `short_name`, `key_elements`, `budget_text`, `other_resources`, `impact`,
`lead`, `spent`, `savings` and `voice_and_feedback`; a metric's `unit` and `description`; a step's `revisions`; and a
progress's `revised_due_text` and `revised_due`. They are always written (null or empty when the paper does not
say); a reader that does not need them ignores them, and `contract.from_json` reads documents with or without them.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

FORMAT = "cairn-extract/1"
FAMILIES = ("progress_update", "action_plan", "highlight_report", "presentation", "unknown")


@dataclass
class Warning:
    where: str
    message: str


@dataclass
class Revision:
    """A revised target printed after a step's original one ("Revised Timescale Oct 2004", "(revised: Apr 2026)")."""

    due_text: str
    due: dt.date | None = None
    reason: str | None = None  # papers do not print one; a `cairn report` export gives the one Cairn holds


@dataclass
class Step:
    action: str | None = None
    success_measure: str | None = None
    due_text: str | None = None
    due: dt.date | None = None
    lead: str | None = None
    revisions: list[Revision] = field(default_factory=list)


@dataclass
class Saving:
    text: str
    min: Decimal | None = None
    max: Decimal | None = None
    period: str | None = None
    cashable: bool | None = None


@dataclass
class Progress:
    as_at: dt.date | None = None
    evidence: str | None = None
    savings_to_date: str | None = None
    category: int | None = None
    category_reason: str | None = None
    status: str | None = None
    revised_due_text: str | None = None  # "Revised target: 31/10/2026" under an assessment, as written
    revised_due: dt.date | None = None


@dataclass
class Recommendation:
    text: str
    number: str | None = None
    objective: str | None = None
    steps: list[Step] = field(default_factory=list)
    lead: str | None = None
    finance_manager: str | None = None
    saving: Saving | None = None
    progress: Progress | None = None
    where: str | None = None  # where in the file it was read ("table 1, rows 3–4"), in the warnings' words


@dataclass
class Milestone:
    activity: str
    date_text: str | None = None
    date: dt.date | None = None
    state: str | None = None
    state_text: str | None = None


@dataclass
class Metric:
    name: str
    value: Decimal | None = None
    rag: str | None = None
    unit: str | None = None  # "%", "No", "contacts": said by the name or printed beside the value
    description: str | None = None


@dataclass
class Project:
    name: str
    number: str | None = None
    rag: str | None = None
    risk_area: str | None = None
    objective: str | None = None
    budget: Decimal | None = None
    timeline: dict[str, str] = field(default_factory=dict)
    milestones: list[Milestone] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    progress_points: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    where: str | None = None
    short_name: str | None = None  # the name in the headline table, beside the section's full title
    key_elements: list[str] = field(default_factory=list)
    budget_text: str | None = None  # the budget as written ("£ - £ 560K", "N/A no budget required")
    other_resources: list[str] = field(default_factory=list)
    impact: str | None = None
    lead: str | None = None
    spent: Decimal | None = None
    savings: Decimal | None = None
    voice_and_feedback: str | None = None


@dataclass
class CoverReport:
    """The cover report before a paper's table (seed 002): what members are asked to consider, and whom to ask."""

    agenda_item: str | None = None
    summary: str | None = None
    detail: list[str] = field(default_factory=list)  # one paragraph each, as printed (with its number)
    contact_name: str | None = None
    contact_post: str | None = None
    contact_phone: str | None = None
    contact_email: str | None = None
    where: str | None = None


@dataclass
class Question:
    """A key question in a review's scope (seed 004)."""

    text: str
    number: int | None = None
    where: str | None = None


@dataclass
class NextStep:
    """A next step in running a review, with its date where one is printed (seed 004)."""

    text: str
    due_text: str | None = None
    due: dt.date | None = None
    done: dt.date | None = None
    where: str | None = None


@dataclass
class Section:
    """A section of a presentation (seed 004): its heading, who presented it, and its slides' other text."""

    heading: str
    presenter_name: str | None = None
    presenter_post: str | None = None
    body: list[str] = field(default_factory=list)  # one point each
    where: str | None = None


@dataclass
class Figure:
    name: str
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None


@dataclass
class BudgetLine:
    name: str
    budget: Decimal | None = None
    variance: Decimal | None = None


@dataclass
class DocumentInfo:
    family: str = "unknown"
    title: str | None = None
    organisation: str | None = None
    committee: str | None = None
    meeting_date: dt.date | None = None
    as_at: dt.date | None = None


@dataclass
class Extraction:
    """Everything read from one file."""

    name: str
    sha256: str
    document: DocumentInfo = field(default_factory=DocumentInfo)
    recommendations: list[Recommendation] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    cover: CoverReport | None = None
    questions: list[Question] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    format: str = "text"
    pages: int = 1
    # The recommendations table's columns as read (heading, a value, the field), for a person to check; not part of
    # `cairn-extract/1`.
    columns: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """The `cairn-extract/1` document: dates as YYYY-MM-DD, amounts as plain numbers of pounds."""
        doc = self.document
        return {
            "format": FORMAT,
            "source": {"name": self.name, "sha256": self.sha256},
            "document": {
                "family": doc.family,
                "title": doc.title,
                "organisation": doc.organisation,
                "committee": doc.committee,
                "meeting_date": _date(doc.meeting_date),
                "as_at": _date(doc.as_at),
            },
            "cover": _cover(self.cover),
            "recommendations": [_recommendation(rec) for rec in self.recommendations],
            "projects": [_project(project) for project in self.projects],
            "figures": [
                {"name": f.name, "low": _number(f.low), "high": _number(f.high), "unit": f.unit} for f in self.figures
            ],
            "budget_lines": [
                {"name": b.name, "budget": _number(b.budget), "variance": _number(b.variance)} for b in self.budget_lines
            ],
            "questions": [{"number": q.number, "text": q.text, "where": q.where} for q in self.questions],
            "next_steps": [
                {"text": s.text, "due_text": s.due_text, "due": _date(s.due), "done": _date(s.done), "where": s.where}
                for s in self.next_steps
            ],
            "sections": [
                {"heading": s.heading, "presenter_name": s.presenter_name, "presenter_post": s.presenter_post,
                 "body": list(s.body), "where": s.where}
                for s in self.sections
            ],
            "warnings": [{"where": w.where, "message": w.message} for w in self.warnings],
        }


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _recommendation(rec: Recommendation) -> dict:
    saving, progress = rec.saving, rec.progress
    return {
        "number": rec.number,
        "objective": rec.objective,
        "text": rec.text,
        "steps": [
            {
                "action": step.action,
                "success_measure": step.success_measure,
                "due_text": step.due_text,
                "due": _date(step.due),
                "lead": step.lead,
                "revisions": [
                    {"due_text": r.due_text, "due": _date(r.due), "reason": r.reason} for r in step.revisions
                ],
            }
            for step in rec.steps
        ],
        "lead": rec.lead,
        "finance_manager": rec.finance_manager,
        "saving": None if saving is None else {
            "text": saving.text,
            "min": _number(saving.min),
            "max": _number(saving.max),
            "period": saving.period,
            "cashable": saving.cashable,
        },
        "progress": None if progress is None else {
            "as_at": _date(progress.as_at),
            "evidence": progress.evidence,
            "savings_to_date": progress.savings_to_date,
            "category": progress.category,
            "category_reason": progress.category_reason,
            "status": progress.status,
            "revised_due_text": progress.revised_due_text,
            "revised_due": _date(progress.revised_due),
        },
        "where": rec.where,
    }


def _project(project: Project) -> dict:
    return {
        "number": project.number,
        "name": project.name,
        "rag": project.rag,
        "risk_area": project.risk_area,
        "objective": project.objective,
        "budget": _number(project.budget),
        "timeline": dict(sorted(project.timeline.items())),
        "milestones": [
            {
                "date_text": m.date_text,
                "date": _date(m.date),
                "activity": m.activity,
                "state": m.state,
                "state_text": m.state_text,
            }
            for m in project.milestones
        ],
        "metrics": [
            {"name": m.name, "value": _number(m.value), "rag": m.rag, "unit": m.unit, "description": m.description}
            for m in project.metrics
        ],
        "progress_points": list(project.progress_points),
        "risks": list(project.risks),
        "where": project.where,
        "short_name": project.short_name,
        "key_elements": list(project.key_elements),
        "budget_text": project.budget_text,
        "other_resources": list(project.other_resources),
        "impact": project.impact,
        "lead": project.lead,
        "spent": _number(project.spent),
        "savings": _number(project.savings),
        "voice_and_feedback": project.voice_and_feedback,
    }


def _cover(cover: CoverReport | None) -> dict | None:
    if cover is None:
        return None
    return {
        "agenda_item": cover.agenda_item,
        "summary": cover.summary,
        "detail": list(cover.detail),
        "contact_name": cover.contact_name,
        "contact_post": cover.contact_post,
        "contact_phone": cover.contact_phone,
        "contact_email": cover.contact_email,
        "where": cover.where,
    }
