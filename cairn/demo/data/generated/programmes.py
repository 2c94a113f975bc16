"""Generated programmes: projects with phase plans, milestones, monthly indicators, budget lines and risks, and
quarterly highlight-report rounds to the board, reported and published through the operations."""

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from cairn.lib.dates import FinancialYear, Precision, month_end
from cairn.programmes.models import Indicator, Milestone, Rag
from cairn.programmes.operations import (
    accept_project_update,
    add_budget_line,
    add_milestone,
    create_indicator,
    create_programme,
    create_project,
    open_programme_round,
    record_readings,
    record_risk,
    save_project_update,
    set_phase_plan,
    submit_project_update,
)
from cairn.programmes.models import Risk
from cairn.reviews.operations import publish_round

from ..council import BY, DemoCouncil
from ..dates import month_of
from .words import Words

RAGS = [Rag.GREEN, Rag.GREEN, Rag.AMBER, Rag.RED]


@dataclass
class Programmes:
    """The shape of a council's generated programmes."""

    programmes: int
    projects: int  # per programme
    indicators: tuple[int, int]  # per project, alternately
    readings: int  # monthly readings per indicator, up to last month
    milestones: int
    rounds: int  # quarterly highlight reports, the last one still collecting
    board: str


def load_programmes(council: DemoCouncil, shape: Programmes, words: Words, *, manager=None, lead=None) -> None:
    """Create the programmes, their projects and their boards' rounds."""
    for number in range(1, shape.programmes + 1):
        topic = words.topic()
        programme = create_programme(
            council.organisation, by=BY, name=f"{topic.capitalize()} programme {number}", manager=manager,
            board=council.committees[shape.board], starts_on=month_of(council.today, -12),
            ends_on=month_of(council.today, 12),
            summary=f"Projects that change how the council delivers {topic}, and what it saves.",
        )
        projects = [
            _project(council, words, programme, order, shape, lead if order == 1 else None)
            for order in range(1, shape.projects + 1)
        ]
        for back in range(shape.rounds - 1, -1, -1):
            _round(council, words, programme, projects, month_of(council.today, -3 * back), current=back == 0)


def _project(council, words, programme, order, shape, lead):
    today, rng = council.today, words.rng
    project = create_project(
        programme, by=BY, number=str(order), order=order, name=f"{words.step()} ({programme.name[:40]})",
        short_name=f"Project {order}", objective=words.recommendation(words.topic()),
        budget=Decimal(rng.randint(5, 90) * 10000), lead_name=lead.get_full_name() if lead else "Project lead",
        lead=lead, rag=words.pick(RAGS), risk_area=words.reason(),
    )
    set_phase_plan(project, by=BY, plan={month_of(today, m): "DPIS"[min(3, (m + 12) // 6)] for m in range(-12, 12)})
    for step in range(1, shape.milestones + 1):
        due = month_of(today, 4 * step - 12)
        add_milestone(
            project, by=BY, order=step, due_on=month_end(due.year, due.month), due_precision=Precision.MONTH,
            due_text=f"{due:%b %y}", activity=words.step(),
            state=Milestone.State.COMPLETED if due < today else words.pick([Milestone.State.ON, Milestone.State.OFF]),
        )
    for index in range(shape.indicators[order % 2]):
        start, end = rng.randint(20, 80), rng.randint(20, 80)
        indicator = create_indicator(
            council.organisation, by=BY, projects=[project], name=f"{words.topic().capitalize()} measure {index + 1}",
            unit="%", polarity=Indicator.Polarity.HIGHER, green_from=Decimal(60), amber_from=Decimal(40),
            frequency=Indicator.Frequency.MONTHLY,
        )
        months = [month_of(today, m - shape.readings) for m in range(shape.readings)]
        record_readings(indicator, by=BY, readings=[
            {"period_start": month, "period_label": f"{month:%b %y}",
             "value": Decimal(str(round(start + (end - start) * i / shape.readings + 4 * math.sin(i), 1)))}
            for i, month in enumerate(months)
        ])
    this_year = FinancialYear.of(today).start_year
    for back in range(3):
        budget = Decimal(rng.randint(10, 200) * 1000)
        add_budget_line(
            council.organisation, by=BY, project=project, name=project.short_name, financial_year=this_year - back,
            budget=budget, spent=budget if back else budget / 2, projected_outturn=budget + rng.randint(-5, 5) * 1000,
            projected_on=month_of(today, 0) if back == 0 else None,
        )
    for kind in (Risk.Kind.RISK, Risk.Kind.ISSUE):
        record_risk(council.organisation, by=BY, project=project, kind=kind, rag=words.pick(RAGS[1:]),
                    text=words.reason(), mitigation=words.step(), owner_name=project.lead_name)
    return project


def _round(council, words, programme, projects, as_at_on: dt.date, *, current: bool) -> None:
    deadline_on = (council.today if current else as_at_on) + dt.timedelta(days=10)
    round_ = open_programme_round(
        programme, by=BY, title=f"{programme.name}: highlight report, {as_at_on:%B %Y}",
        period_label=f"{as_at_on:%B %Y}", as_at_on=as_at_on, deadline_on=deadline_on,
        meeting=council.meeting(programme.board.name, deadline_on + dt.timedelta(days=4)),
    )
    for index, update in enumerate(round_.project_updates.all()):
        if current and index % 3 == 0:
            continue
        update = save_project_update(
            update, by=BY, rag=words.pick(RAGS), progress_points=words.evidence(f"{as_at_on:%B %Y}").replace(". ", ".\n"),
            risks_text=words.reason(), spent=Decimal(words.rng.randint(1, 50) * 1000),
        )
        if not current or index % 3 == 2:
            update = submit_project_update(update, by=BY)
        if not current:
            accept_project_update(update, by=BY)
    if not current:
        publish_round(round_, by=BY)
