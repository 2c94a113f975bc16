"""What a paper says, as plain data, and its `cairn-extract/1` JSON form (a contract other tools rely on).

Keys added since the format was first fixed are optional: `where` on each recommendation and project (where in the
file it was read, in the warnings' words, or null). They are always written; a reader that does not need them ignores
them, and `contract.from_json` reads documents with or without them.
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
class Step:
    action: str | None = None
    success_measure: str | None = None
    due_text: str | None = None
    due: dt.date | None = None
    lead: str | None = None


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
    warnings: list[Warning] = field(default_factory=list)
    format: str = "text"
    pages: int = 1

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
            "recommendations": [_recommendation(rec) for rec in self.recommendations],
            "projects": [_project(project) for project in self.projects],
            "figures": [
                {"name": f.name, "low": _number(f.low), "high": _number(f.high), "unit": f.unit} for f in self.figures
            ],
            "budget_lines": [
                {"name": b.name, "budget": _number(b.budget), "variance": _number(b.variance)} for b in self.budget_lines
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
        "metrics": [{"name": m.name, "value": _number(m.value), "rag": m.rag} for m in project.metrics],
        "progress_points": list(project.progress_points),
        "risks": list(project.risks),
        "where": project.where,
    }
