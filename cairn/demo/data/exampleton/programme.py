"""The children in care sustainability programme: seven projects, with plans, measures, money and risks."""

import datetime as dt
import math
from decimal import Decimal

from cairn.lib.dates import FinancialYear
from cairn.programmes.models import Indicator, Programme, Project
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
    revise_milestone_due,
    save_project_update,
    set_phase_plan,
    submit_project_update,
)
from cairn.reviews.operations import publish_round

from ..council import BY, DemoCouncil
from ..dates import month_of, resolve, spent_so_far
from .organisation import BOARD
from .projects import PROJECTS, VOICE, Measure, Report
from .projects.shapes import DONE

PROGRAMME = {
    "name": "Children in Care Sustainability Programme",
    "summary": (
        "Seven projects to safely reduce the number of children who need to come into care, and to find "
        "local, stable homes for those who do."
    ),
}
PLAN_STARTS = -12  # months from now: the plan runs from a year ago to seven months ahead
PLAN_MONTHS = 20
READINGS = 24  # monthly readings: two years up to last month


def load(council: DemoCouncil, *, indicator_links: dict[str, list] | None = None) -> Programme:
    """The programme and its projects, and two highlight-report rounds (the last one, and the one now open).

    `indicator_links` names indicators that also measure a review's recommendations.
    """
    today = council.today
    programme = create_programme(
        council.organisation,
        by=BY,
        manager=council.user("pm"),
        board=council.committees[BOARD],
        starts_on=month_of(today, PLAN_STARTS),
        ends_on=month_of(today, PLAN_STARTS + PLAN_MONTHS - 1),
        **PROGRAMME,
    )
    projects = [
        _project(council, programme, order, spec, indicator_links or {})
        for order, spec in enumerate(PROJECTS, start=1)
    ]
    _report_round(council, programme, projects, as_at_on=month_of(today, -2), current=False)
    _report_round(council, programme, projects, as_at_on=month_of(today, 0), current=True)
    return programme


def _project(council: DemoCouncil, programme: Programme, order: int, spec: dict, links: dict) -> Project:
    today, organisation = council.today, council.organisation
    project = create_project(
        programme,
        by=BY,
        number=spec["number"],
        order=order,
        name=spec["name"],
        short_name=spec["short_name"],
        objective=spec["objective"],
        key_elements="\n".join(spec["key_elements"]),
        budget=None if spec["budget"] is None else Decimal(spec["budget"]),
        budget_text=spec["budget_text"],
        other_resources="\n".join(spec["other_resources"]),
        impact=spec["impact"],
        lead_name=spec["lead_name"],
        lead=council.user(spec.get("lead_user")),
        rag=spec["rag"],
        risk_area=spec["risk_area"],
        voice_and_feedback=VOICE,
    )
    set_phase_plan(
        project,
        by=BY,
        plan={
            month_of(today, PLAN_STARTS + i): letter for i, letter in enumerate(spec["plan"]) if letter != "."
        },
    )
    for step_order, step in enumerate(spec["milestones"], start=1):
        due = resolve(step.due, today)
        done = step.state == DONE and due.on is not None
        milestone = add_milestone(
            project,
            by=BY,
            order=step_order,
            due_on=due.on,
            due_precision=due.precision,
            due_text=due.text,
            activity=step.activity,
            state=step.state,
            state_text=step.state_text,
            owner=project.lead,
            owner_name=spec["lead_name"],
            completed_on=min(due.on, today) if done else None,
        )
        for when, reason in step.revisions:
            revised = resolve(when, today)
            revise_milestone_due(
                milestone, by=BY, due_on=revised.on, due_precision=revised.precision, due_text=revised.text,
                reason=reason,
            )
    for measure in spec["indicators"]:
        indicator = create_indicator(
            organisation,
            by=BY,
            projects=[project],
            recommendations=links.get(measure.name, []),
            name=measure.name,
            unit=measure.unit,
            polarity=measure.polarity,
            green_from=_decimal(measure.green_from),
            amber_from=_decimal(measure.amber_from),
            frequency=Indicator.Frequency.MONTHLY,
        )
        record_readings(
            indicator,
            by=BY,
            readings=[
                {"period_start": month, "period_label": month.strftime("%b %y"), "value": value}
                for month, value in zip(_months(today), _series(measure), strict=True)
            ],
        )
    this_year = FinancialYear.of(today).start_year
    for money in spec["money"]:
        spent = spent_so_far(money.projected, today) if money.spent is None else Decimal(money.spent)
        add_budget_line(
            organisation,
            by=BY,
            project=project,
            name=spec["name"],
            financial_year=this_year + money.year,
            budget=Decimal(money.budget),
            spent=spent,
            projected_outturn=Decimal(money.projected),
            projected_on=month_of(today, 0) if money.year == 0 else None,
        )
    for kind, rag, text, mitigation in spec["risks"]:
        record_risk(
            organisation,
            by=BY,
            project=project,
            kind=kind,
            rag=rag,
            text=text,
            mitigation=mitigation,
            owner_name=spec["lead_name"],
        )
    return project


def _months(today: dt.date) -> list[dt.date]:
    return [month_of(today, month - READINGS) for month in range(READINGS)]


def _series(measure: Measure) -> list[Decimal]:
    """Monthly values moving steadily from start to end, with a wobble that is the same on every load."""
    values = []
    phase = len(measure.name)
    for i in range(READINGS):
        trend = measure.start + (measure.end - measure.start) * i / (READINGS - 1)
        wobble = measure.wobble * math.sin(1.9 * i + phase) if i < READINGS - 1 else 0
        value = max(0, trend + wobble)
        if measure.unit == "%":
            value = min(100, value)
        values.append(_decimal(round(value, measure.places)))
    return values


def _decimal(number: float) -> Decimal:
    return Decimal(str(number))


def _report_round(council: DemoCouncil, programme: Programme, projects: list[Project], *, as_at_on: dt.date, current: bool) -> None:
    """A highlight-report round for the board: the last one published, the current one still collecting."""
    today = council.today
    deadline_on = (today if current else as_at_on) + dt.timedelta(days=10)
    round_ = open_programme_round(
        programme,
        by=BY,
        title=f"{PROGRAMME['name']}: highlight report, {as_at_on:%B %Y}",
        period_label=f"{as_at_on:%B %Y}",
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=council.meeting(BOARD, deadline_on + dt.timedelta(days=4)),
    )
    updates = {update.project_id: update for update in round_.project_updates.all()}
    for project, spec in zip(projects, PROJECTS, strict=True):
        report: Report = spec["reports"][1 if current else 0]
        update = save_project_update(
            updates[project.pk],
            by=BY,
            rag=report.rag,
            progress_points="\n".join(report.progress),
            risks_text="\n".join(report.risks),
            spent=_money(report.spent),
            savings=_money(report.savings),
            voice_and_feedback=report.voice,
        )
        if report.state != "draft" or not current:
            update = submit_project_update(update, by=BY)
        if not current:  # the board's past report: checked and accepted before it was published
            accept_project_update(update, by=BY)
    if not current:
        publish_round(round_, by=BY)


def _money(amount: int | None) -> Decimal | None:
    return None if amount is None else Decimal(amount)
