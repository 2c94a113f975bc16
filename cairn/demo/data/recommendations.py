"""Shapes for a review's action plan and progress updates, and loops that build them through operations."""

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from cairn.reviews.models import Meeting, ProgressUpdate, Recommendation, ReportingRound, Review
from cairn.reviews.operations import (
    accept_progress_update,
    add_action,
    create_recommendation,
    create_saving_estimate,
    open_round,
    publish_round,
    record_executive_response,
    save_progress_update,
    submit_progress_update,
)

from .council import BY, DemoCouncil
from .dates import When, Words, resolve

State = ProgressUpdate.State
Response = Recommendation.Response


class Step(NamedTuple):
    """One step of an action plan: what, how success is measured, when, and when it was done (if it was)."""

    text: str
    measure: str
    due: When | None
    done: When | None = None
    lead: str = ""  # only when the step has its own lead; otherwise the recommendation's lead
    note: str = ""  # progress written into the action plan itself ("Proposals currently subject to...")


class Rec(NamedTuple):
    number: str
    text: str
    steps: list[Step]
    lead: str  # lead responsibility as written: a role title
    lead_user: str | None = None  # the username of the lead officer who reports on it, if they use Cairn
    finance: str = ""
    finance_user: str | None = None
    objective: str = ""
    response: str = Response.ACCEPTED
    response_note: str = ""


class Estimate(NamedTuple):
    """A saving (or cost) as written in the action plan, shared by the recommendations numbered."""

    text: str
    numbers: tuple[str, ...]
    low: int | None = None
    high: int | None = None
    period: str = ""  # "annual" or "one_off"
    cashable: bool | None = None
    kind: str = "saving"


class Update(NamedTuple):
    """A lead's update in one round; `state` is how far it has gone (asked, draft, submitted or accepted)."""

    level: str | None  # "1" fully achieved, "2" on track, "3" slipped, "4" not achieved
    evidence: str = ""
    reason: str = ""
    savings_text: str = "None"
    savings_amount: int | None = None
    savings_basis: str = ""
    status_text: str = ""
    revised: When | None = None  # the revised target when the work has slipped
    revise_step: int | None = None  # the step (numbered from 1) whose target date moves to `revised`
    state: str = State.ACCEPTED


def add_recommendations(
    council: DemoCouncil, review: Review, recs: list[Rec], *, responded_on: dt.date | None
) -> dict[str, Recommendation]:
    """Add each recommendation with the executive's response and its numbered action plan."""
    added = {}
    for order, rec in enumerate(recs, start=1):
        lead_officer = council.user(rec.lead_user)
        recommendation = create_recommendation(
            review,
            by=BY,
            number=rec.number,
            order=order,
            objective=council.fill(rec.objective),
            text=council.fill(rec.text),
            lead_name=rec.lead,
            lead_officer=lead_officer,
            finance_manager_name=rec.finance,
            finance_manager=council.user(rec.finance_user),
        )
        recommendation = record_executive_response(
            recommendation, by=BY, response=rec.response, responded_on=responded_on, note=rec.response_note
        )
        for step_order, step in enumerate(rec.steps, start=1):
            target = resolve(step.due, council.today)
            add_action(
                recommendation,
                by=BY,
                order=step_order,
                text=council.fill(step.text),
                success_measure=council.fill(step.measure),
                target_on=target.on,
                target_precision=target.precision,
                target_text=target.text,
                lead_name=step.lead or rec.lead,
                lead_officer=None if step.lead else lead_officer,
                completed_on=council.date(step.done),
                progress_note=council.fill(step.note),
            )
        added[rec.number] = recommendation
    return added


def add_estimates(
    council: DemoCouncil, review: Review, recs: dict[str, Recommendation], estimates: list[Estimate]
) -> None:
    """Record each estimate against the recommendations it is shared by."""
    for estimate in estimates:
        create_saving_estimate(
            review,
            by=BY,
            recommendations=[recs[number] for number in estimate.numbers],
            text=council.fill(estimate.text),
            kind=estimate.kind,
            min_amount=None if estimate.low is None else Decimal(estimate.low),
            max_amount=None if estimate.high is None else Decimal(estimate.high),
            period=estimate.period,
            cashable=estimate.cashable,
        )


def hold_round(
    council: DemoCouncil,
    *,
    title: str,
    as_at_on: dt.date,
    deadline_on: dt.date,
    meeting: Meeting | None,
    recommendations: list[Recommendation],
    updates: dict[int, Update],
    publish: bool,
) -> ReportingRound:
    """Open a round for these recommendations, report each update as far as its state, and publish if asked.

    `updates` is keyed by recommendation id; a recommendation without an entry stays at "asked".
    """
    round_ = open_round(
        council.organisation,
        by=BY,
        title=title,
        as_at_on=as_at_on,
        deadline_on=deadline_on,
        meeting=meeting,
        recommendations=recommendations,
    )
    for update_row in round_.updates.select_related("recommendation"):
        update = updates.get(update_row.recommendation_id)
        if update is not None and update.state != State.ASKED:
            _report(council, update_row, update)
    if publish:
        round_ = publish_round(round_, by=BY)
    return round_


def _report(council: DemoCouncil, row: ProgressUpdate, update: Update) -> None:
    revised = resolve(update.revised, council.today)
    row = save_progress_update(
        row,
        by=BY,
        evidence=council.fill(update.evidence),
        status_text=update.status_text,
        savings_text=council.fill(update.savings_text),
        savings_amount=None if update.savings_amount is None else Decimal(update.savings_amount),
        savings_basis=update.savings_basis,
        level=council.levels[update.level] if update.level else None,
        assessment_reason=council.fill(update.reason),
        revised_target_on=revised.on,
        revised_target_text=revised.text if isinstance(update.revised, Words) else "",
        # Accepting the update revises the step's target, as it does for an officer.
        revised_actions=[row.recommendation.actions.get(order=update.revise_step)] if update.revise_step else [],
    )
    if update.state in {State.SUBMITTED, State.ACCEPTED}:
        row = submit_progress_update(row, by=BY)
    if update.state == State.ACCEPTED:
        accept_progress_update(row, by=BY)


def by_number(recs: dict[str, Recommendation], updates: dict[str, Update]) -> dict[int, Update]:
    """Updates keyed by recommendation id, from updates keyed by the number printed on the plan."""
    return {recs[number].pk: update for number, update in updates.items()}
