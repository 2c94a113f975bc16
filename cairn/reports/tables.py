"""Report data as typed tables for spreadsheets and CSV: one table per table of the paper, values kept as values.

Dates stay dates and money stays Decimal pounds, so a spreadsheet can sort and sum them; the words as written sit
in their own columns beside them.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import presenters
from .data import ActionPlanReport, HighlightReport, ProgressUpdateReport, RecommendationRow

TEXT, DATE, MONEY, NUMBER, INTEGER = "text", "date", "money", "number", "integer"


@dataclass(frozen=True)
class Column:
    title: str
    kind: str = TEXT


@dataclass
class Sheet:
    name: str  # at most 31 characters, as Excel allows
    columns: list[Column]
    rows: list[list[str | Decimal | dt.date | int | None]]


def sheets(report) -> list[Sheet]:
    """The report's tables, the main one first (the one a CSV export holds)."""
    if isinstance(report, ProgressUpdateReport):
        return [_progress(report), _steps(report.rows), _tallies(report), _scale(report)]
    if isinstance(report, ActionPlanReport):
        return [_action_plan(report), _steps(report.rows)]
    if isinstance(report, HighlightReport):
        return [_projects(report), _phase_plan(report), _milestones(report), _indicators(report), _points(report)]
    raise TypeError(f"no tables for {type(report).__name__}")


def _lines(lines: list[str]) -> str:
    return "\n".join(lines)


def _saving_bounds(row: RecommendationRow) -> tuple[Decimal | None, Decimal | None]:
    """The lowest and highest figures among a recommendation's estimates, when any are given."""
    lows = [s.min_amount if s.min_amount is not None else s.max_amount for s in row.savings]
    highs = [s.max_amount if s.max_amount is not None else s.min_amount for s in row.savings]
    lows, highs = [v for v in lows if v is not None], [v for v in highs if v is not None]
    return (min(lows) if lows else None, max(highs) if highs else None)


def _progress(report: ProgressUpdateReport) -> Sheet:
    columns = [
        Column("No"), Column("Objective"), Column("Recommendation"), Column("Proposed actions"),
        Column("Success measures"), Column("Saving / cost as written"), Column("Saving from (£)", MONEY),
        Column("Saving up to (£)", MONEY), Column("Lead responsibility"), Column("Finance manager"),
        Column("Completion dates"), Column("Step"), Column("Evidence of progress"),
        Column("Savings / costs to date as written"), Column("Savings / costs to date (£)", MONEY),
        Column("Actual or estimated"), Column("Assessment"), Column("Assessment label"), Column("Reason"),
        Column("Status as written"), Column("Revised target as written"), Column("Revised target date", DATE), Column("As at", DATE),
    ]
    rows = []
    for row in report.rows:
        low, high = _saving_bounds(row)
        common = [
            row.number, row.objective, row.text, _lines(presenters.action_lines(row)),
            _lines(presenters.measure_lines(row)), _lines([s.text for s in row.savings]), low, high, _lines(presenters.lead_lines(row)),
            row.finance_manager, _lines(presenters.target_lines(row)),
        ]
        for progress in row.progress or [None]:
            if progress is None:
                rows.append(common + [None] * 11 + [report.as_at])
                continue
            rows.append(common + [
                progress.step, progress.evidence, progress.savings_to_date, progress.savings_amount,
                progress.savings_basis, progress.level.code if progress.level else None,
                progress.level.label if progress.level else None, progress.reason, progress.status_text or None,
                progress.revised_target,
                progress.revised_target_on, report.as_at,
            ])
    return Sheet("Progress", columns, rows)


def _steps(rows: list[RecommendationRow]) -> Sheet:
    columns = [
        Column("No"), Column("Step", INTEGER), Column("Proposed action"), Column("Success measure"),
        Column("Completion date as written"), Column("Completion date", DATE), Column("Revised targets"),
        Column("Lead"), Column("Progress noted in the plan"),
    ]
    table = [
        [row.number, step.number, step.text, step.success_measure, step.target, step.target_on,
         "; ".join(step.revised), step.lead_name or step.lead, step.progress_note]
        for row in rows for step in row.steps
    ]
    return Sheet("Actions", columns, table)


def _tallies(report: ProgressUpdateReport) -> Sheet:
    return Sheet(
        "Summary of assessments",
        [Column("Assessment"), Column("Label"), Column("Number of updates", INTEGER)],
        [[t.level.code if t.level else None, presenters.level_heading(t.level), t.count] for t in report.tallies],
    )


def _scale(report: ProgressUpdateReport) -> Sheet:
    return Sheet(
        "Assessment scale",
        [Column("Assessment"), Column("Label"), Column("Meaning")],
        [[level.code, level.label, presenters.level_meaning(level)] for level in report.levels],
    )


def _action_plan(report: ActionPlanReport) -> Sheet:
    columns = [
        Column("No"), Column("Objective"), Column("Recommendation"), Column("Proposed actions / progress"),
        Column("Success measures"), Column("Savings / cost as written"), Column("Saving from (£)", MONEY),
        Column("Saving up to (£)", MONEY), Column("Lead responsibility"), Column("Finance manager"),
        Column("Completion dates"),
    ]
    rows = []
    for row in report.rows:
        low, high = _saving_bounds(row)
        rows.append([
            row.number, row.objective, row.text, _lines(presenters.action_lines(row, with_progress_notes=True)),
            _lines(presenters.measure_lines(row)), _lines([s.text for s in row.savings]), low, high, _lines(presenters.lead_lines(row)),
            row.finance_manager, _lines(presenters.target_lines(row)),
        ])
    return Sheet("Action plan", columns, rows)


def _projects(report: HighlightReport) -> Sheet:
    columns = [
        Column("No"), Column("Project"), Column("Full name"), Column("RAG"), Column("Risk area"), Column("Objective"),
        Column("Lead"), Column("Resources as written"), Column("Budget (£)", MONEY), Column("Spent (£)", MONEY),
        Column("Savings (£)", MONEY), Column("As at", DATE),
    ]
    rows = [
        [p.number, p.short_name, p.name, p.rag_label, p.risk_area, p.objective, p.lead, p.resources, p.budget,
         p.spent, p.savings, report.as_at]
        for p in report.projects
    ]
    return Sheet("Projects", columns, rows)


def _phase_plan(report: HighlightReport) -> Sheet:
    rows = [
        [p.number, p.short_name, month, phase.letter, phase.name]
        for p in report.projects for month, phase in zip(report.months, p.plan, strict=True) if phase
    ]
    return Sheet(
        "Phase plan", [Column("No"), Column("Project"), Column("Month", DATE), Column("Phase"), Column("Phase name")], rows
    )


def _milestones(report: HighlightReport) -> Sheet:
    columns = [
        Column("No"), Column("Project"), Column("Date as written"), Column("Due", DATE), Column("Activity"),
        Column("On/Off"),
    ]
    rows = [
        [p.number, p.short_name, m.date, m.due_on, m.activity, m.state_label]
        for p in report.projects for m in p.milestones
    ]
    return Sheet("Milestones", columns, rows)


def _indicators(report: HighlightReport) -> Sheet:
    columns = [
        Column("No"), Column("Project"), Column("Metric"), Column("Description"), Column("Now", NUMBER),
        Column("Now as written"), Column("Unit"), Column("Period"), Column("RAG"), Column("Target or threshold", NUMBER),
        # A linked indicator's latest published (DfE) figures, with their source and licence, as the papers show them.
        Column("Benchmark"),
    ]
    rows = [
        [p.number, p.short_name, i.name, i.description, i.value_number, i.value, i.unit, i.period, i.rag_label,
         i.target, i.benchmark]
        for p in report.projects for i in p.indicators
    ]
    return Sheet("Indicators", columns, rows)


def _points(report: HighlightReport) -> Sheet:
    rows = [[p.number, p.short_name, "Progress", line] for p in report.projects for line in p.progress_points]
    rows += [[p.number, p.short_name, "Risk, issue or barrier", line] for p in report.projects for line in p.risks]
    return Sheet("Progress and risks", [Column("No"), Column("Project"), Column("Kind"), Column("Point")], rows)
