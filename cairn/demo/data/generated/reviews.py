"""Generated reviews: recommendations with action plans, and years of quarterly rounds reported, accepted and
published through the operations (plans added by `add_action_plan`, past rounds recorded by `record_past_round`)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from cairn.lib.dates import Precision, month_end
from cairn.reviews.models import AssessmentLevel, Recommendation, Review
from cairn.reviews.operations import (
    add_action_plan,
    create_review,
    open_round,
    publish_round,
    record_past_round,
    save_progress_update,
    sign_off_recommendations,
    submit_progress_update,
)

from ..council import BY, DemoCouncil
from ..dates import long_date, month_of
from .words import ROLES, Words

Meaning = AssessmentLevel.Meaning


@dataclass
class Recommendations:
    """The shape of a council's generated reviews."""

    reviews: int
    per_review: tuple[int, int]  # fewest and most recommendations in a review
    largest: int  # one review has this many
    per_round: int  # reviews reported together in one round, for one committee
    oldest_months: int  # the oldest group of reviews was decided this many months ago
    committees: list[str] = field(default_factory=list)
    leads: list = field(default_factory=list)  # users who lead recommendations; the first is given the most


def load_reviews(council: DemoCouncil, shape: Recommendations, words: Words, *, finance=None, say=None) -> int:
    """Create the reviews and their rounds; returns how many progress updates were reported."""
    today = council.today
    rng = words.rng
    reviews = []
    for index in range(shape.reviews):
        committee = shape.committees[(index // shape.per_round) % len(shape.committees)]
        count = shape.largest if index == 0 else rng.randint(*shape.per_review)
        reviews.append((committee, count))
    reported = 0
    groups = [reviews[i : i + shape.per_round] for i in range(0, len(reviews), shape.per_round)]
    for number, group in enumerate(groups):
        # Groups are decided one after another, newest last, so every age of review is present.
        months_ago = shape.oldest_months - (shape.oldest_months - 4) * number // max(1, len(groups) - 1)
        decided_on = month_of(today, -months_ago) + dt.timedelta(days=9)
        committee = group[0][0]
        recs = []
        for committee_name, count in group:
            recs += _review(council, words, committee_name, count, decided_on, shape.leads, finance)
        reported += _rounds(council, words, committee, recs, decided_on)
        if say and (number + 1) % 10 == 0:
            say(f"  {number + 1} of {len(groups)} groups of reviews, {reported} progress updates so far")
    return reported


def _review(council, words, committee_name, count, decided_on, leads, finance) -> list[Recommendation]:
    topic = words.topic()
    review = create_review(
        council.organisation,
        by=BY,
        kind=words.pick([Review.Kind.SCRUTINY, Review.Kind.EFFICIENCY, Review.Kind.BEST_VALUE]),
        led_by=Review.LedBy.MEMBERS,
        title=f"Review of {topic} ({decided_on:%B %Y})",
        committee=council.committees[committee_name],
        state=Review.State.MONITORING,
        summary=f"How the council manages {topic}, what it costs and what residents say about it.",
        reported_on=decided_on - dt.timedelta(days=28),
        executive_decision_on=decided_on,
        executive_decision_by="Cabinet",
    )
    plan = []
    for order in range(1, count + 1):
        lead = leads[0] if order % 7 == 1 else words.pick(leads)
        steps = []
        for step in (1, 2):
            due = month_of(decided_on, 6 * step + words.rng.randint(0, 6))
            steps.append({
                "order": step, "text": words.step(), "success_measure": "Reported to the Committee",
                "target_on": month_end(due.year, due.month), "target_precision": Precision.MONTH,
                "target_text": f"{due:%B %Y}", "lead_officer": lead,
            })
        plan.append({
            "number": str(order), "order": order, "text": words.recommendation(topic),
            "lead_name": lead.job_title if lead else words.pick(ROLES), "lead_officer": lead,
            "finance_manager_name": finance.get_full_name() if finance and order % 4 == 0 else "",
            "finance_manager": finance if order % 4 == 0 else None,
            "executive_response": Recommendation.Response.ACCEPTED, "executive_response_on": decided_on,
            "actions": steps,
        })
    return add_action_plan(review, by=BY, recommendations=plan)


def _rounds(council: DemoCouncil, words: Words, committee: str, recs: list, decided_on: dt.date) -> int:
    """Quarterly rounds from three months after the decision to now; recommendations achieved are signed off."""
    today, rng = council.today, words.rng
    levels = {level.meaning: level for level in council.levels.values()}
    open_recs, revised, reported = list(recs), {}, 0
    as_at_on = month_of(decided_on, 3)
    while as_at_on <= today and open_recs:
        deadline_on = as_at_on + dt.timedelta(days=14)
        meeting = council.meeting(committee, deadline_on + dt.timedelta(days=14))
        title = f"{committee}: progress as at {long_date(as_at_on)}"
        progress = {rec: _progress(words, levels, rec, as_at_on, revised) for rec in open_recs}
        reported += len(progress)
        if deadline_on >= today:
            round_ = open_round(
                council.organisation, by=BY, title=title, as_at_on=as_at_on, deadline_on=deadline_on,
                meeting=meeting, recommendations=open_recs,
            )
            _collecting(round_, {rec.pk: fields for rec, fields in progress.items()})
            break
        round_ = record_past_round(
            council.organisation, by=BY, title=title, as_at_on=as_at_on, deadline_on=deadline_on, meeting=meeting,
            progress=progress,
        )
        publish_round(round_, by=BY)
        done = [rec for rec in open_recs if progress[rec]["level"].meaning == Meaning.COMPLETE]
        if done:
            sign_off_recommendations(done, by=BY, meeting=meeting)
        open_recs = [rec for rec in open_recs if rec not in done]
        as_at_on = month_of(as_at_on, 3)
    return reported


def _progress(words: Words, levels: dict, rec: Recommendation, as_at_on: dt.date, revised: dict) -> dict:
    roll = words.rng.random()
    month = f"{as_at_on:%B %Y}"
    fields = {"evidence": words.evidence(month), "savings_text": "None", "status_text": ""}
    if roll < 0.05:
        fields |= {"level": levels[Meaning.COMPLETE], "status_text": "Achieved"}
    elif roll < 0.14:
        # A slipped recommendation keeps its revised date while it is still ahead, as leads' updates do.
        if revised.get(rec.pk) is None or revised[rec.pk] <= as_at_on:
            later = month_of(as_at_on, words.rng.randint(6, 12))
            revised[rec.pk] = month_end(later.year, later.month)
        fields |= {"level": levels[Meaning.SLIPPED], "assessment_reason": words.reason(),
                   "revised_target_on": revised[rec.pk]}
    elif roll < 0.17:
        fields |= {"level": levels[Meaning.NOT_ACHIEVED], "assessment_reason": words.reason()}
    else:
        fields |= {"level": levels[Meaning.ON_TRACK]}
        if roll > 0.9:
            amount = words.rng.randint(2, 90) * 1000
            fields |= {"savings_amount": Decimal(amount), "savings_basis": "estimated",
                       "savings_text": f"£{amount:,} estimated this year"}
    return fields


def _collecting(round_, progress: dict) -> None:
    """The round now collecting: a third of its updates still asked for, a third in draft, a third submitted."""
    for index, update in enumerate(round_.updates.select_related("round", "recommendation")):
        if index % 3 == 0:
            continue
        update = save_progress_update(update, by=BY, **progress[update.recommendation_id])
        if index % 3 == 2:
            submit_progress_update(update, by=BY)
