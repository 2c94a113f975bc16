"""Named changes to programmes, projects, plans, indicators, budgets and risks; each records one audit event."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, create_record, record_event, snapshot
from cairn.benchmarks.context import latest_benchmarks
from cairn.core.concurrency import lock
from cairn.lib.dates import month_start

from cairn.reviews import notifications
from cairn.reviews.models import Notice, ReportingRound, lock_for_change, refuse_if_changed_by_others

from .models import (
    BudgetLine,
    Indicator,
    Milestone,
    MilestoneRevision,
    Phase,
    PhasePlanEntry,
    Programme,
    Project,
    ProjectUpdate,
    Reading,
    Risk,
)
from .reading_sheets import plan_sheet

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
def update_programme(programme: Programme, *, by, **changes) -> Programme:
    """Change a programme's details, manager, board or the months its plan covers."""
    _refuse_unknown(changes, ("name", "summary", "manager", "board", "starts_on", "ends_on"), "a programme")
    return change_record(programme, "programme.updated", by=by, **changes)


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
def set_programme_phase_plan(programme: Programme, *, by, plan: dict[Project, dict[dt.date, str]]) -> Programme:
    """Set the phase of each project of a programme in the months given ("" for none); other months are kept."""
    phases = {phase.letter: phase for phase in programme.phases.all()}
    plan = {project: {month_start(month): letter for month, letter in months.items()} for project, months in plan.items()}
    unknown = sorted({letter for months in plan.values() for letter in months.values() if letter and letter not in phases})
    if unknown:
        raise ValidationError(f"Phase letters not in this programme's legend: {', '.join(unknown)}")
    if any(project.programme_id != programme.pk for project in plan):
        raise ValidationError("Every project must belong to this programme.")
    entries = PhasePlanEntry.objects.filter(
        project__in=list(plan), month__in={month for months in plan.values() for month in months}
    )
    before = {str(project.pk): {} for project in plan}
    for entry in entries.select_related("phase").order_by("project_id", "month"):
        before[str(entry.project_id)][entry.month.isoformat()] = entry.phase.letter
    after = {
        str(project.pk): {month.isoformat(): letter for month, letter in sorted(months.items()) if letter}
        for project, months in plan.items()
    }
    entries.delete()
    PhasePlanEntry.objects.bulk_create(
        PhasePlanEntry(organisation=programme.organisation, project=project, month=month, phase=phases[letter])
        for project, months in plan.items()
        for month, letter in sorted(months.items())
        if letter
    )
    changed = [key for key in after if after[key] != before[key]]
    record_event(
        programme, "programme.phase_plan_set", by=by,
        before={key: before[key] for key in changed}, after={key: after[key] for key in changed},
    )
    return programme


@transaction.atomic
def add_milestone(project: Project, *, by, **fields) -> Milestone:
    """Add a milestone to a project; its due date is the date first agreed, and the current one until revised."""
    fields.setdefault("current_due_on", fields.get("due_on"))
    return create_record(Milestone, "milestone.added", by=by, organisation=project.organisation, project=project, **fields)


# The due date is not among them: it changes only by revision, with a reason, so the date first agreed is kept.
MILESTONE_FIELDS = ("order", "activity", "starts_on", "state", "state_text", "owner", "owner_name", "completed_on")


@transaction.atomic
def update_milestone(milestone: Milestone, *, by, **changes) -> Milestone:
    """Change a milestone's activity, owner, state or completion date (its due date is revised, not overwritten)."""
    _refuse_unknown(changes, MILESTONE_FIELDS, "a milestone that can be changed directly")
    return change_record(milestone, "milestone.updated", by=by, **changes)


@transaction.atomic
def revise_milestone_due(
    milestone: Milestone, *, by, due_on: dt.date | None, reason: str, due_precision: str = "day", due_text: str = "",
) -> MilestoneRevision:
    """Record a revised due date for a milestone, with its reason; the date first agreed is kept."""
    lock(milestone)
    if milestone.is_completed:
        raise ValidationError("This milestone is completed: its due date can no longer be revised.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the due date has changed"})
    revision = MilestoneRevision(
        organisation=milestone.organisation, milestone=milestone, due_on=due_on, due_precision=due_precision,
        due_text=due_text, reason=reason.strip(), recorded_by=by,
    )
    revision.full_clean()
    revision.save()
    before = {"current_due_on": milestone.current_due_on.isoformat() if milestone.current_due_on else None}
    milestone.current_due_on = due_on
    milestone.save(update_fields=["current_due_on", "updated_at"])
    record_event(milestone, "milestone.due_revised", by=by, before=before, after=snapshot(revision))
    return revision


@transaction.atomic
def create_indicator(organisation, *, by, projects=(), recommendations=(), **fields) -> Indicator:
    """Define an indicator (KPI) and link it to projects and recommendations."""
    return create_record(
        Indicator, "indicator.created", by=by, organisation=organisation,
        projects=list(projects), recommendations=list(recommendations), **fields,
    )


INDICATOR_FIELDS = (
    "name", "description", "unit", "polarity", "target", "green_from", "amber_from", "source_code", "frequency",
    "reported_to", "benchmark", "benchmark_la", "rag_rules",
)


@transaction.atomic
def update_indicator(indicator: Indicator, *, by, **changes) -> Indicator:
    """Change an indicator's definition, target or RAG thresholds (readings already taken keep their RAG)."""
    _refuse_unknown(changes, INDICATOR_FIELDS, "an indicator")
    return change_record(indicator, "indicator.updated", by=by, **changes)


@transaction.atomic
def record_reading(
    indicator: Indicator, *, by, period_start: dt.date, value: Decimal | None = None, rag: str | None = None, **fields
) -> Reading:
    """Record an indicator's value (or low-high range) for a period; the RAG follows the thresholds unless given."""
    if rag is None:
        rag = indicator.rag_for(value, _benchmark(indicator))
    if indicator.readings.filter(period_start=period_start).exists():
        raise ValidationError({"period_start": f"{indicator.name} already has a reading for {period_start:%b %Y}"})
    return create_record(
        Reading, "reading.recorded", by=by, organisation=indicator.organisation, indicator=indicator,
        period_start=period_start, value=value, rag=rag, **fields,
    )


def _benchmark(indicator: Indicator):
    """The latest published figures of the indicator's benchmark, where its RAG rules compare with them."""
    if not any(rule.get("test") in ("neighbours", "england") for rule in indicator.rag_rules or []):
        return None
    return latest_benchmarks([indicator]).get(indicator.pk)


@transaction.atomic
def revise_reading(reading: Reading, *, by, reason: str, rag: str | None = None, **changes) -> Reading:
    """Replace a reading's figure with a revised one, saying why; the history keeps the figure it replaced."""
    _refuse_unknown(changes, ("value", "value_low", "value_high", "period_label", "note"), "a reading")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the reading is revised"})
    if rag is None:
        rag = reading.indicator.rag_for(changes.get("value", reading.value), _benchmark(reading.indicator))
    return change_record(
        reading, "reading.revised", by=by, rag=rag, revised_reason=reason, revised_at=timezone.now(), **changes
    )


@transaction.atomic
def record_readings(indicator: Indicator, *, by, readings: list[dict]) -> list[Reading]:
    """Record many readings of one indicator at once (a series or an import): one audit event for the batch."""
    periods = [fields["period_start"] for fields in readings]
    taken = set(indicator.readings.filter(period_start__in=periods).values_list("period_start", flat=True))
    taken |= {period for period in periods if periods.count(period) > 1}
    if taken:
        listed = ", ".join(sorted(f"{period:%b %Y}" for period in taken))
        raise ValidationError(f"{indicator.name} already has a reading for {listed}")
    rows = []
    benchmark = _benchmark(indicator)
    for fields in readings:
        fields = dict(fields)
        if fields.get("rag") is None:
            fields["rag"] = indicator.rag_for(fields.get("value"), benchmark)
        reading = Reading(organisation=indicator.organisation, indicator=indicator, **fields)
        # The indicator and its council are this operation's own: checking they exist once a reading would cost a query
        # a row (a series of 120 readings asked 240 questions).
        reading.full_clean(exclude=["organisation", "indicator"], validate_constraints=False)
        rows.append(reading)
    created = Reading.objects.bulk_create(rows)
    record_event(
        indicator, "readings.recorded", by=by,
        after={"periods": [reading.period_start.isoformat() for reading in created], "count": len(created)},
    )
    return created


@transaction.atomic
def record_reading_sheet(indicator: Indicator, *, by, readings: list[dict], reason: str = "") -> dict:
    """Readings from a spreadsheet, all or none: new months recorded as record_readings records them (one event);
    a month that already has another figure revised as revise_reading revises one (its event and history), its
    reason the row's note or else `reason`; a row with the figure already held left as it is."""
    periods = [fields["period_start"] for fields in readings]
    if twice := sorted({period for period in periods if periods.count(period) > 1}):
        raise ValidationError(f"The sheet gives {', '.join(f'{p:%b %Y}' for p in twice)} more than once: keep one row a month")
    held = indicator.readings.select_for_update().filter(period_start__in=periods)
    plan = plan_sheet(readings, {reading.period_start: reading for reading in held})
    reason = (reason or "").strip()
    revised = [step for step in plan if step["action"] == "revise"]
    unexplained = [step for step in revised if not (step["row"].get("note") or "").strip() and not reason]
    if unexplained:
        listed = ", ".join(f"{step['row']['period_start']:%b %Y}" for step in unexplained)
        raise ValidationError({"reason": f"Say why the readings of {listed} are revised (here, or in the rows' Note)"})
    new = [step["row"] for step in plan if step["action"] == "new"]
    if not new and not revised:
        raise ValidationError("Every reading in the sheet is already recorded with the same figure: nothing changed")
    benchmark = _benchmark(indicator) if revised else None
    for step in revised:
        reading, value = step["reading"], step["row"]["value"]
        change_record(
            reading, "reading.revised", by=by, rag=indicator.rag_for(value, benchmark),
            revised_reason=(step["row"].get("note") or "").strip() or reason, revised_at=timezone.now(), value=value,
        )
    created = record_readings(indicator, by=by, readings=new) if new else []
    return {"recorded": created, "revised": [step["reading"] for step in revised],
            "unchanged": [step["reading"] for step in plan if step["action"] == "same"]}


@transaction.atomic
def add_budget_line(organisation, *, by, **fields) -> BudgetLine:
    """Add a budget line for a financial year, on a project or a review."""
    return create_record(BudgetLine, "budget_line.added", by=by, organisation=organisation, **fields)


BUDGET_LINE_FIELDS = (
    "name", "financial_year", "budget", "spent", "projected_outturn", "projected_variance", "projected_on", "note",
)


@transaction.atomic
def update_budget_line(line: BudgetLine, *, by, **changes) -> BudgetLine:
    """Change a budget line's figures or projection."""
    _refuse_unknown(changes, BUDGET_LINE_FIELDS, "a budget line")
    return change_record(line, "budget_line.updated", by=by, **changes)


@transaction.atomic
def record_risk(organisation, *, by, **fields) -> Risk:
    """Record a risk, issue or barrier on a project or a review."""
    return create_record(Risk, "risk.recorded", by=by, organisation=organisation, **fields)


@transaction.atomic
def update_risk(risk: Risk, *, by, **changes) -> Risk:
    """Change a risk's description, RAG, mitigation or owner (closing it is separate)."""
    _refuse_unknown(changes, ("kind", "text", "rag", "mitigation", "owner_name"), "a risk that can be changed directly")
    return change_record(risk, "risk.updated", by=by, **changes)


@transaction.atomic
def close_risk(risk: Risk, *, by) -> Risk:
    """Close a risk, issue or barrier that no longer applies; it stays on record."""
    lock(risk)
    if risk.state == Risk.State.CLOSED:
        raise ValidationError("This risk is already closed.")
    return change_record(risk, "risk.closed", by=by, state=Risk.State.CLOSED)


def _refuse_unknown(changes: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not fields of {what}: {sorted(unknown)}")


@transaction.atomic
def open_programme_round(
    programme: Programme, *, by, title: str, as_at_on: dt.date, deadline_on: dt.date, period_label: str = "",
    meeting=None, imported_from: str = "",
) -> ReportingRound:
    """Open a highlight-report round for a programme's board and ask every project for its report.

    `imported_from` names the past report a round is read from: its reports are as the board saw them."""
    round_ = ReportingRound(
        organisation=programme.organisation, kind=ReportingRound.Kind.PROGRAMME, title=title, meeting=meeting,
        as_at_on=as_at_on, deadline_on=deadline_on, period_label=period_label, imported_from=imported_from,
    )
    round_.full_clean()
    round_.save()
    projects = list(programme.projects.all())
    ProjectUpdate.objects.bulk_create(
        ProjectUpdate(organisation=programme.organisation, round=round_, project=project) for project in projects
    )
    after = snapshot(round_)
    after["project_ids"] = [project.pk for project in projects]
    record_event(round_, "round.opened", by=by, after=after)
    return round_


PROJECT_UPDATE_FIELDS = ("rag", "progress_points", "risks_text", "spent", "savings", "voice_and_feedback")


@transaction.atomic
def save_project_update(update: ProjectUpdate, *, by, expected_version: int | None = None, **fields) -> ProjectUpdate:
    """Save a project's draft highlight report; refused if someone else saved it since `expected_version`."""
    update = lock_for_change(update)
    refuse_if_changed_by_others(update, expected_version, by=by, what="report")
    unknown = set(fields) - set(PROJECT_UPDATE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a project update: {sorted(unknown)}")
    if update.state == ProjectUpdate.State.ASKED:
        fields["state"] = ProjectUpdate.State.DRAFT
    return change_record(update, "project_update.saved", by=by, author=update.author or by, version=update.version + 1, **fields)


@transaction.atomic
def submit_project_update(update: ProjectUpdate, *, by) -> ProjectUpdate:
    """A project lead submits their highlight report; it needs a RAG status."""
    update = lock_for_change(update)
    if not update.rag:
        raise ValidationError({"rag": "Select the project's RAG status"})
    return change_record(
        update, "project_update.submitted", by=by, state=ProjectUpdate.State.SUBMITTED, submitted_at=timezone.now(),
        version=update.version + 1,
    )


@transaction.atomic
def return_project_update(update: ProjectUpdate, *, by, comment: str) -> ProjectUpdate:
    """The officer sends a submitted highlight report back to the project's lead with a comment; the lead is e-mailed."""
    update = lock_for_change(update)
    if update.state != ProjectUpdate.State.SUBMITTED:
        raise ValidationError("Only a submitted report can be returned.")
    if not comment.strip():
        raise ValidationError({"return_comment": "Enter what the project's lead needs to change"})
    update = change_record(
        update, "project_update.returned", by=by, state=ProjectUpdate.State.RETURNED, return_comment=comment.strip(),
        version=update.version + 1,
    )
    if update.lead is not None:
        notifications.notify(update.round, update.lead, Notice.Kind.RETURNED, notifications.returned_report_message(update))
    return update


@transaction.atomic
def accept_project_update(update: ProjectUpdate, *, by) -> ProjectUpdate:
    """The officer accepts a project's submitted highlight report for the board."""
    update = lock_for_change(update)
    if update.state != ProjectUpdate.State.SUBMITTED:
        raise ValidationError("Only a submitted report can be accepted.")
    update = change_record(
        update, "project_update.accepted", by=by, state=ProjectUpdate.State.ACCEPTED, version=update.version + 1
    )
    _project_rag_follows(update, by=by)
    return update


def _project_rag_follows(report: ProjectUpdate, *, by) -> None:
    """An accepted report's RAG is its project's from then on (what the dashboard shows), unless a report of a later
    round was accepted already. The change is audited on the project, so its history keeps every RAG it had."""
    project = lock(report.project)
    later = ProjectUpdate.objects.filter(
        project=project, state=ProjectUpdate.State.ACCEPTED, round__as_at_on__gt=report.round.as_at_on
    ).exists()
    if report.rag and not later and project.rag != report.rag:
        change_record(project, "project.rag_from_report", by=by, rag=report.rag)
