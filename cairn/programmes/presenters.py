"""Formatting programmes for pages: the phase grid, milestone buckets, money sums. Pure functions, no queries."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from cairn.lib.dates import Precision, month_start, months_between

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
    """Milestones due soon, and those missed (past their current due date and not completed, or marked off track)."""
    horizon = today + dt.timedelta(days=within_days)
    due, missed = [], []
    for milestone in milestones:
        if milestone.is_completed:
            continue
        if milestone.state == Milestone.State.OFF or (milestone.current_due_on and milestone.current_due_on < today):
            missed.append(milestone)
        elif milestone.current_due_on and milestone.current_due_on <= horizon:
            due.append(milestone)
    key = lambda m: (m.current_due_on or dt.date.max)  # noqa: E731
    return sorted(due, key=key), sorted(missed, key=key)


def slipped_days(milestone: Milestone) -> int:
    """How many days the milestone's date has moved on from the date first agreed: to its completion if completed, or
    to its current due date (negative if brought forward; 0 if neither can be told)."""
    end = milestone.completed_on or milestone.current_due_on
    if milestone.due_on is None or end is None:
        return 0
    return (end - milestone.due_on).days


def slipped(milestones: list[Milestone]) -> list[Milestone]:
    """Milestones not yet done whose due date has moved past the date first agreed, the furthest slipped first."""
    late = [m for m in milestones if not m.is_completed and slipped_days(m) > 0]
    return sorted(late, key=slipped_days, reverse=True)


TIMES = {1: "once", 2: "twice"}


def slippage(milestone: Milestone, today: dt.date | None = None) -> str:
    """ "Slipped 3 months, revised twice"; "Completed 3 days late"; "Overdue by 40 days" (given today); "" when it
    keeps the date first agreed. Dates given as months slip by months, others by days."""
    days = slipped_days(milestone)
    revisions = list(milestone.revisions.all())
    parts = []
    if milestone.completed_on is not None and days > 0:
        parts.append(f"Completed {_span(days)} late")
    elif days:
        months = _months_between(milestone, revisions)
        amount = f"{abs(months)} month{'s' if abs(months) != 1 else ''}" if months else _span(abs(days))
        parts.append(f"Slipped {amount}" if days > 0 else f"Brought forward {amount}")
    if revisions:
        parts.append(f"revised {TIMES.get(len(revisions), f'{len(revisions)} times')}")
    current = milestone.current_due_on
    if today is not None and not milestone.is_completed and current is not None and current < today:
        parts.append(f"overdue by {_span((today - current).days)}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def _months_between(milestone: Milestone, revisions: list) -> int:
    """Whole months between the date first agreed and the current one, when both are given as months; else 0."""
    first, latest = milestone, revisions[-1] if revisions else None
    if latest is None or first.due_precision != Precision.MONTH or latest.due_precision != Precision.MONTH:
        return 0
    if first.due_on is None or latest.due_on is None:
        return 0
    return (latest.due_on.year - first.due_on.year) * 12 + latest.due_on.month - first.due_on.month


def _span(days: int) -> str:
    return f"{days} day{'s' if days != 1 else ''}"


def total(values) -> Decimal | None:
    present = [value for value in values if value is not None]
    return sum(present, Decimal(0)) if present else None
