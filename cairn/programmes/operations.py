"""Named changes to programmes, projects, plans, indicators, budgets and risks; each records one audit event."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.audit.events import change_record, create_record, record_event
from cairn.lib.dates import month_start

from .models import BudgetLine, Indicator, Milestone, Phase, PhasePlanEntry, Programme, Project, ProjectUpdate, Reading, Risk

DEFAULT_PHASES = [
    # Dark enough for white letters to meet WCAG AA contrast.
    ("D", "Design", "#1d70b8"),
    ("P", "Plan", "#4c2c92"),
    ("I", "Implement", "#a23c00"),
    ("S", "Sustain", "#00703c"),
]


@transaction.atomic
def create_programme(organisation, *, by, name: str, phases=DEFAULT_PHASES, **fields) -> Programme:
    """Start a programme with its phase legend (Design, Plan, Implement, Sustain unless given)."""
    programme = create_record(Programme, "programme.created", by=by, organisation=organisation, name=name, **fields)
    Phase.objects.bulk_create(
        Phase(organisation=organisation, programme=programme, letter=letter, name=label, colour=colour, order=order)
        for order, (letter, label, colour) in enumerate(phases)
    )
    return programme


@transaction.atomic
def create_project(programme: Programme, *, by, **fields) -> Project:
    """Add a project to a programme."""
    return create_record(Project, "project.created", by=by, organisation=programme.organisation, programme=programme, **fields)


@transaction.atomic
def update_project(project: Project, *, by, **changes) -> Project:
    """Change a project's details, RAG or headline risk."""
    return change_record(project, "project.updated", by=by, **changes)


@transaction.atomic
def set_phase_plan(project: Project, *, by, plan: dict[dt.date, str]) -> None:
    """Replace a project's month-by-month phase plan: {first of month: phase letter}."""
    phases = {phase.letter: phase for phase in project.programme.phases.all()}
    unknown = sorted({letter for letter in plan.values() if letter not in phases})
    if unknown:
        raise ValidationError(f"Phase letters not in this programme's legend: {', '.join(unknown)}")
    before = {entry.month.isoformat(): entry.phase.letter for entry in project.phase_plan.select_related("phase")}
    project.phase_plan.all().delete()
    PhasePlanEntry.objects.bulk_create(
        PhasePlanEntry(organisation=project.organisation, project=project, month=month_start(month), phase=phases[letter])
        for month, letter in sorted(plan.items())
    )
    after = {month_start(month).isoformat(): letter for month, letter in sorted(plan.items())}
    record_event(project, "project.phase_plan_set", by=by, before=before, after=after)


@transaction.atomic
def add_milestone(project: Project, *, by, **fields) -> Milestone:
    """Add a milestone to a project."""
    return create_record(Milestone, "milestone.added", by=by, organisation=project.organisation, project=project, **fields)


@transaction.atomic
def create_indicator(organisation, *, by, projects=(), recommendations=(), **fields) -> Indicator:
    """Define an indicator (KPI) and link it to projects and recommendations."""
    return create_record(
        Indicator, "indicator.created", by=by, organisation=organisation,
        projects=list(projects), recommendations=list(recommendations), **fields,
    )


@transaction.atomic
def record_reading(
    indicator: Indicator, *, by, period_start: dt.date, value: Decimal | None = None, rag: str | None = None, **fields
) -> Reading:
    """Record an indicator's value (or low-high range) for a period; the RAG follows the thresholds unless given."""
    if rag is None:
        rag = indicator.rag_for(value)
    return create_record(
        Reading, "reading.recorded", by=by, organisation=indicator.organisation, indicator=indicator,
        period_start=period_start, value=value, rag=rag, **fields,
    )


@transaction.atomic
def add_budget_line(organisation, *, by, **fields) -> BudgetLine:
    """Add a budget line for a financial year, on a project or a review."""
    return create_record(BudgetLine, "budget_line.added", by=by, organisation=organisation, **fields)


@transaction.atomic
def record_risk(organisation, *, by, **fields) -> Risk:
    """Record a risk, issue or barrier on a project or a review."""
    return create_record(Risk, "risk.recorded", by=by, organisation=organisation, **fields)


@transaction.atomic
def save_project_update(round_, project: Project, *, by, **fields) -> ProjectUpdate:
    """Write a project's highlight report for a round (one per project per round)."""
    if round_.is_published:
        raise ValidationError("This round has been published. What the board saw cannot be changed.")
    existing = ProjectUpdate.objects.filter(round=round_, project=project).first()
    if existing is None:
        return create_record(
            ProjectUpdate, "project_update.saved", by=by, organisation=project.organisation, round=round_,
            project=project, author=by, **fields,
        )
    return change_record(existing, "project_update.saved", by=by, version=existing.version + 1, **fields)
