"""Formatting programmes for pages: the phase grid, milestone buckets, money sums. Pure functions, no queries."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cairn.lib.dates import month_start, months_between

from .models import Milestone, Phase, Project


@dataclass
class PhaseGrid:
    months: list[dt.date]
    current_month: dt.date
    rows: list[tuple[Project, list[Phase | None]]]


def phase_grid(projects: list[Project], today: dt.date, programme_start=None, programme_end=None) -> PhaseGrid:
    """Projects x months, each cell the phase planned (needs `phase_plan__phase` prefetched)."""
    plans = {project.pk: {entry.month: entry.phase for entry in project.phase_plan.all()} for project in projects}
    months_used = [month for plan in plans.values() for month in plan]
    start = programme_start or (min(months_used) if months_used else month_start(today))
    end = programme_end or (max(months_used) if months_used else month_start(today))
    months = months_between(start, end)
    rows = [(project, [plans[project.pk].get(month) for month in months]) for project in projects]
    return PhaseGrid(months=months, current_month=month_start(today), rows=rows)


def milestones_due_and_missed(milestones: list[Milestone], today: dt.date, within_days: int = 60):
    """Milestones due soon, and those missed (past their date and not completed, or marked off track)."""
    horizon = today + dt.timedelta(days=within_days)
    due, missed = [], []
    for milestone in milestones:
        if milestone.state == Milestone.State.COMPLETED:
            continue
        if milestone.state == Milestone.State.OFF or (milestone.due_on and milestone.due_on < today):
            missed.append(milestone)
        elif milestone.due_on and milestone.due_on <= horizon:
            due.append(milestone)
    key = lambda m: (m.due_on or dt.date.max)  # noqa: E731
    return sorted(due, key=key), sorted(missed, key=key)


def total(values) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None
