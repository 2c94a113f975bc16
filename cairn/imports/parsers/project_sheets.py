"""Cairn's own highlight report as a workbook or CSV (cairn/reports/tables.py): a Projects sheet, one project a row,
then its phase plan, milestones, indicators and progress and risks, one a row under each project's number.

Each sheet is known by its heading row, exactly as Cairn writes it; a CSV holds the Projects sheet only. What the
sheets do not hold (a project's key elements, other resources, impact, voice and feedback) is not invented.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from cairn.lib.dates import parse_date
from cairn.lib.money import parse_amount
from cairn.lib.text import flatten, key

from .document import Line, Work, where_span
from .extraction import DocumentInfo, Metric, Milestone, Project
from .highlights import milestone_state, rag_letter

PROJECTS = ("no", "project", "full name", "rag", "risk area", "objective", "lead", "resources as written", "budget £",
            "spent £", "savings £", "as at")
PHASES = ("no", "project", "month", "phase", "phase name")
MILESTONES = ("no", "project", "date as written", "due", "activity", "on off")
INDICATORS = ("no", "project", "metric", "description", "now", "now as written", "unit", "period", "rag",
              "target or threshold", "benchmark")
POINTS = ("no", "project", "kind", "point")
SHEETS = {PROJECTS: "projects", PHASES: "phases", MILESTONES: "milestones", INDICATORS: "indicators", POINTS: "points"}


def _keys(line: Line) -> tuple[str, ...]:
    return tuple(key(cell) for cell in line.cells)


def looks_like(lines: list[Line]) -> bool:
    """Whether the file holds Cairn's own Projects sheet, by its heading row."""
    return any(_keys(line) == PROJECTS for line in lines)


def _tables(lines: list[Line]) -> list[tuple[str, int, list[int]]]:
    """Each known sheet as (its kind, its heading's index, the indexes of its rows)."""
    found: list[tuple[str, int, list[int]]] = []
    for index, line in enumerate(lines):
        if (kind := SHEETS.get(_keys(line))) is not None:
            found.append((kind, index, []))
        elif found and line.table == lines[found[-1][1]].table:
            found[-1][2].append(index)
    return found


def _amount(cell: str, work: Work, line: Line, column: int, label: str) -> Decimal | None:
    if not cell:
        return None
    amount = parse_amount(cell)
    if amount is None:
        try:
            amount = Decimal(cell)
        except InvalidOperation:
            work.warn(line.where_cell(column, label), f"Not read as an amount in pounds ({label}): {cell}")
            return None
    return amount


def _date(cell: str) -> dt.date | None:
    """A date column's value: dd/mm/yyyy as a workbook's dates are read, or yyyy-mm-dd as a CSV export writes them."""
    if not cell:
        return None
    try:
        return dt.date.fromisoformat(cell)
    except ValueError:
        parsed = parse_date(cell)
        return parsed.on if parsed else None


def parse(work: Work, info: DocumentInfo) -> list[Project]:
    """The projects of Cairn's own highlight-report sheets, each with the rows of the later sheets under its number."""
    lines = work.lines
    projects: dict[str, Project] = {}
    sources: dict[str, list[Line]] = {}
    for kind, heading, rows in _tables(lines):
        work.use(heading, *rows)
        for index in rows:
            line = lines[index]
            cells = [flatten(cell) for cell in line.cells] + [""] * 12
            number = cells[0]
            if kind == "projects":
                if not cells[1] and not cells[2]:
                    work.not_held("row with no project", [line])
                    continue
                project = Project(
                    name=cells[2] or cells[1], number=number or None, short_name=cells[1] or None,
                    rag=rag_letter(cells[3]) if cells[3] else None, risk_area=cells[4] or None,
                    objective=cells[5] or None, lead=cells[6] or None, budget_text=cells[7] or None,
                    budget=_amount(cells[8], work, line, 8, "Budget (£)"),
                    spent=_amount(cells[9], work, line, 9, "Spent (£)"),
                    savings=_amount(cells[10], work, line, 10, "Savings (£)"),
                )
                if cells[11] and info.as_at is None:
                    info.as_at = _date(cells[11])
                projects[number or project.name] = project
                sources[number or project.name] = [line]
                continue
            project = projects.get(number)
            if project is None:
                work.not_held(f"{kind} row for no project in the Projects sheet", [line])
                continue
            sources[number].append(line)
            if kind == "phases":
                month = _date(cells[2])
                if month is None or not cells[3]:
                    work.not_held("phase plan row with no month or phase", [line])
                    continue
                project.timeline[month.strftime("%Y-%m")] = cells[3]
            elif kind == "milestones":
                project.milestones.append(Milestone(
                    cells[4], cells[2] or None, _date(cells[3]), milestone_state(cells[5]) if cells[5] else None,
                    cells[5] or None,
                ))
            elif kind == "indicators":
                value = _amount(cells[4], work, line, 4, "Now") if cells[4] else None
                project.metrics.append(Metric(
                    cells[2], value, rag_letter(cells[8]) if cells[8] else None, cells[6] or None, cells[3] or None,
                ))
            elif kind == "points":
                if key(cells[2]) == "progress":
                    project.progress_points.append(cells[3])
                elif key(cells[2]) == "risk issue or barrier":
                    project.risks.append(cells[3])
                else:
                    work.not_held(f"point of an unknown kind ({cells[2]})", [line])
    for number, project in projects.items():
        project.where = where_span(sources[number])
    return list(projects.values())
