"""Named changes to reviews, recommendations, action plans, rounds and updates; each records one audit event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.audit.events import change_record, create_record, create_records, record_event, record_events, snapshot
from cairn.core.concurrency import lock

from .models import (
    Action,
    AssessmentLevel,
    AssessmentScale,
    Committee,
    CommitteePaper,
    Meeting,
    PaperSection,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    Review,
    ReviewQuestion,
    ReviewStep,
    SavingEstimate,
    TargetRevision,
    lock_for_change,
    refuse_if_changed_by_others,
)
from . import notifications, summaries
from .fingerprints import fingerprint
from .snapshots import round_content

DEFAULT_SCALES = {
    "categories": (
        "Categories 1 to 4",
        [
            ("1", "Fully achieved", AssessmentLevel.Meaning.COMPLETE, "blue"),
            ("2", "On track to be achieved", AssessmentLevel.Meaning.ON_TRACK, "green"),
            ("3", "Slipped", AssessmentLevel.Meaning.SLIPPED, "yellow"),
            ("4", "Not achieved", AssessmentLevel.Meaning.NOT_ACHIEVED, "red"),
        ],
    ),
    "brag": (
        "Blue, red, amber, green",
        [
            ("B", "Blue: complete", AssessmentLevel.Meaning.COMPLETE, "blue"),
            ("G", "Green: on track", AssessmentLevel.Meaning.ON_TRACK, "green"),
            ("A", "Amber: slipped", AssessmentLevel.Meaning.SLIPPED, "yellow"),
            ("R", "Red: not achieved", AssessmentLevel.Meaning.NOT_ACHIEVED, "red"),
        ],
    ),
}



@transaction.atomic
def create_committee(organisation, *, by, name: str) -> Committee:
    """Add a committee (or board) that receives papers."""
    return create_record(Committee, "committee.created", by=by, organisation=organisation, name=name)


@transaction.atomic
def update_committee(committee: Committee, *, by, name: str) -> Committee:
    """Rename a committee (or board); papers already published keep the name they were published under."""
    return change_record(committee, "committee.updated", by=by, name=name)


@transaction.atomic
def schedule_meeting(committee: Committee, *, by, held_on: dt.date) -> Meeting:
    """Add a meeting of a committee."""
    return create_record(
        Meeting, "meeting.scheduled", by=by, organisation=committee.organisation, committee=committee, held_on=held_on
    )


@transaction.atomic
def move_meeting(meeting: Meeting, *, by, held_on: dt.date) -> Meeting:
    """Change a meeting's date; refused where a round reporting to it is as at a later date."""
    lock(meeting)
    later = meeting.rounds.filter(as_at_on__gt=held_on, imported_from="").first()
    if later is not None:
        raise ValidationError({"held_on": (
            f"{later} reports progress as at {later.as_at_on:%d/%m/%Y}: the meeting cannot be before that date"
        )})
    return change_record(meeting, "meeting.moved", by=by, held_on=held_on)


@transaction.atomic
def create_paper(meeting: Meeting, *, by, **fields) -> CommitteePaper:
    """Add a cover report to a meeting's agenda."""
    return create_record(CommitteePaper, "paper.created", by=by, organisation=meeting.organisation, meeting=meeting, **fields)


@transaction.atomic
def update_paper(paper: CommitteePaper, *, by, **changes) -> CommitteePaper:
    """Change a cover report: its meeting, agenda item, wording or contact officer."""
    return change_record(paper, "paper.changed", by=by, **changes)


@transaction.atomic
def add_paper_section(paper: CommitteePaper, *, by, heading: str, **fields) -> PaperSection:
    """Add a section (with its presenter) to a paper or presentation."""
    return create_record(
        PaperSection, "paper_section.added", by=by, organisation=paper.organisation, paper=paper, heading=heading, **fields
    )


@transaction.atomic
def create_review(organisation, *, by, **fields) -> Review:
    """Start a review of a service."""
    return create_record(Review, "review.created", by=by, organisation=organisation, **fields)


@transaction.atomic
def update_review(review: Review, *, by, **changes) -> Review:
    """Change a review's details or move it to another state."""
    return change_record(review, "review.updated", by=by, **changes)


@transaction.atomic
def add_review_question(review: Review, *, by, number: int, text: str) -> ReviewQuestion:
    """Add a key question to a review's scope."""
    return create_record(
        ReviewQuestion, "review_question.added", by=by, organisation=review.organisation, review=review,
        number=number, text=text,
    )


@transaction.atomic
def add_review_step(
    review: Review, *, by, text: str, due_on: dt.date | None = None, order: int = 0, done_on: dt.date | None = None
) -> ReviewStep:
    """Add a next step to a review's plan (one already done may be recorded with the date it was done)."""
    return create_record(
        ReviewStep, "review_step.added", by=by, organisation=review.organisation, review=review,
        text=text, due_on=due_on, order=order, done_on=done_on,
    )


@transaction.atomic
def update_review_question(question: ReviewQuestion, *, by, **changes) -> ReviewQuestion:
    """Change the wording or number of a review's key question."""
    _refuse_unknown(changes, ("number", "text"), "a key question")
    return change_record(question, "review_question.updated", by=by, **changes)


@transaction.atomic
def update_review_step(step: ReviewStep, *, by, **changes) -> ReviewStep:
    """Change a next step of a review, its date, or record it as done."""
    _refuse_unknown(changes, ("order", "text", "due_on", "done_on"), "a next step")
    return change_record(step, "review_step.updated", by=by, **changes)


@transaction.atomic
def create_recommendation(review: Review, *, by, **fields) -> Recommendation:
    """Add an agreed recommendation to a review."""
    return create_record(Recommendation, "recommendation.created", by=by, organisation=review.organisation, review=review, **fields)


RECOMMENDATION_FIELDS = (
    "number", "order", "objective", "text", "executive_response", "executive_response_on", "executive_response_note",
    "lead_name", "lead_officer", "finance_manager_name", "finance_manager",
)


@transaction.atomic
def update_recommendation(recommendation: Recommendation, *, by, **changes) -> Recommendation:
    """Change a recommendation's wording, leads or executive response; signing off is done at a meeting."""
    _refuse_unknown(changes, RECOMMENDATION_FIELDS, "a recommendation")
    return change_record(recommendation, "recommendation.updated", by=by, **changes)


@transaction.atomic
def record_executive_response(
    recommendation: Recommendation, *, by, response: str, responded_on: dt.date | None, note: str = ""
) -> Recommendation:
    """Record the executive's response to a recommendation (accepted, partly accepted, not accepted, noted)."""
    return change_record(
        recommendation, "recommendation.executive_response", by=by, executive_response=response,
        executive_response_on=responded_on, executive_response_note=note,
    )


@transaction.atomic
def add_action(recommendation: Recommendation, *, by, **fields) -> Action:
    """Add a step to a recommendation's action plan."""
    fields.setdefault("current_target_on", fields.get("target_on"))
    return create_record(
        Action, "action.added", by=by, organisation=recommendation.organisation, recommendation=recommendation, **fields
    )


@transaction.atomic
def add_action_plan(review: Review, *, by, recommendations: list[dict]) -> list[Recommendation]:
    """Add a review's recommendations with their steps at once (a plan loaded in bulk), each validated and audited as
    `create_recommendation` and `add_action` do. Each dict holds a recommendation's fields and `actions`, a list of
    its steps' fields."""
    people = {
        person for fields in recommendations
        for person in [fields.get("lead_officer"), fields.get("finance_manager")]
        + [field for action in fields.get("actions", []) for field in (action.get("lead_officer"), action.get("finance_manager"))]
        if person is not None
    }
    if any(person.organisation_id != review.organisation_id for person in people):
        raise ValidationError("Lead officers and finance managers must work for this council.")
    steps = [fields.pop("actions", []) for fields in recommendations]
    checked = ("organisation", "review", "recommendation", "lead_officer", "finance_manager", "closed_at_meeting")
    recs = create_records(
        Recommendation, "recommendation.created", by=by, checked=checked,
        rows=[dict(organisation=review.organisation, review=review, **fields) for fields in recommendations],
    )
    create_records(
        Action, "action.added", by=by, checked=checked,
        rows=[
            dict(organisation=review.organisation, recommendation=rec, current_target_on=action.get("target_on"), **action)
            for rec, actions in zip(recs, steps, strict=True) for action in actions
        ],
    )
    return recs


# The target date is not among them: it changes only by revision, with a reason, so the original is kept.
ACTION_FIELDS = (
    "order", "text", "success_measure", "lead_name", "lead_officer", "finance_manager_name", "finance_manager",
    "progress_note",
)


@transaction.atomic
def update_action(action: Action, *, by, **changes) -> Action:
    """Change a step's wording, success measure or leads (its target date is revised, not overwritten)."""
    _refuse_unknown(changes, ACTION_FIELDS, "a step that can be changed directly")
    return change_record(action, "action.updated", by=by, **changes)


@transaction.atomic
def complete_action(action: Action, *, by, completed_on: dt.date) -> Action:
    """Mark a step of an action plan done."""
    lock(action)
    if action.completed_on is not None:
        raise ValidationError(f"This step was already marked complete on {action.completed_on:%d/%m/%Y}.")
    return change_record(action, "action.completed", by=by, completed_on=completed_on)


@transaction.atomic
def revise_action_target(
    action: Action, *, by, target_on: dt.date | None, reason: str, target_precision: str = "day",
    target_text: str = "", progress_update: ProgressUpdate | None = None,
) -> TargetRevision:
    """Record a revised target date for a step, with its reason; the original date is kept."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the target date has changed"})
    revision = TargetRevision(
        organisation=action.organisation, action=action, target_on=target_on, target_precision=target_precision,
        target_text=target_text, reason=reason, recorded_by=by, progress_update=progress_update,
    )
    revision.full_clean()
    revision.save()
    before = {"current_target_on": action.current_target_on.isoformat() if action.current_target_on else None}
    action.current_target_on = target_on
    action.save(update_fields=["current_target_on", "updated_at"])
    record_event(action, "action.target_revised", by=by, before=before, after=snapshot(revision))
    return revision


@transaction.atomic
def create_saving_estimate(review: Review, *, by, recommendations=(), **fields) -> SavingEstimate:
    """Record an estimated saving or cost, shared by one or more of the review's recommendations."""
    _refuse_other_reviews(review, recommendations)
    return create_record(
        SavingEstimate, "saving_estimate.created", by=by, organisation=review.organisation, review=review,
        recommendations=list(recommendations), **fields,
    )


SAVING_ESTIMATE_FIELDS = ("kind", "text", "min_amount", "max_amount", "period", "cashable")


@transaction.atomic
def update_saving_estimate(estimate: SavingEstimate, *, by, recommendations=None, **changes) -> SavingEstimate:
    """Change an estimate as written, its range, or which of the review's recommendations share it."""
    _refuse_unknown(changes, SAVING_ESTIMATE_FIELDS, "a savings estimate")
    if recommendations is not None:
        _refuse_other_reviews(estimate.review, recommendations)
    before = snapshot(estimate) | {"recommendation_ids": sorted(r.pk for r in estimate.recommendations.all())}
    for name, value in changes.items():
        setattr(estimate, name, value)
    estimate.full_clean()
    estimate.save(update_fields=[*changes, "updated_at"])
    if recommendations is not None:
        estimate.recommendations.set(recommendations)
    after = snapshot(estimate) | {"recommendation_ids": sorted(r.pk for r in estimate.recommendations.all())}
    record_event(estimate, "saving_estimate.updated", by=by, before=before, after=after)
    return estimate


def _refuse_other_reviews(review: Review, recommendations) -> None:
    if any(recommendation.review_id != review.pk for recommendation in recommendations):
        raise ValidationError({"recommendations": "Choose only recommendations of this review"})


def _refuse_unknown(changes: dict, allowed: tuple[str, ...], what: str) -> None:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"not fields of {what}: {sorted(unknown)}")


@transaction.atomic
def create_assessment_scale(organisation, *, by, kind: str = "categories", active: bool = True) -> AssessmentScale:
    """Give an organisation one of the standard assessment scales (categories 1-4, or BRAG)."""
    name, levels = DEFAULT_SCALES[kind]
    if active:
        AssessmentScale.objects.filter(organisation=organisation, is_active=True).update(is_active=False)
    scale = AssessmentScale.objects.create(organisation=organisation, name=name, is_active=active)
    for order, (code, label, meaning, colour) in enumerate(levels):
        AssessmentLevel.objects.create(
            organisation=organisation, scale=scale, code=code, label=label, meaning=meaning, colour=colour, order=order
        )
    record_event(scale, "assessment_scale.created", by=by, after={"name": name, "levels": [lv[0] for lv in levels]})
    return scale


@transaction.atomic
def activate_assessment_scale(organisation, *, by, kind: str) -> AssessmentScale:
    """Make one of the standard scales the one new updates are assessed on (creating it the first time)."""
    name, _ = DEFAULT_SCALES[kind]
    scale = AssessmentScale.objects.filter(organisation=organisation, name=name).first()
    if scale is None:
        return create_assessment_scale(organisation, by=by, kind=kind, active=True)
    before = {"active_scale": getattr(AssessmentScale.objects.filter(organisation=organisation, is_active=True).first(), "name", None)}
    AssessmentScale.objects.filter(organisation=organisation, is_active=True).exclude(pk=scale.pk).update(is_active=False)
    scale.is_active = True
    scale.save(update_fields=["is_active", "updated_at"])
    record_event(scale, "assessment_scale.activated", by=by, before=before, after={"active_scale": name})
    return scale


@transaction.atomic
def open_round(
    organisation, *, by, title: str, as_at_on: dt.date, deadline_on: dt.date, meeting: Meeting | None = None,
    recommendations=None, imported_from: str = "",
) -> ReportingRound:
    """Open a round and ask for an update on each recommendation in it (by default every open, accepted one).

    `imported_from` names the past paper a round is read from: its updates are as the committee saw them.
    """
    round_ = ReportingRound(
        organisation=organisation, title=title, meeting=meeting, as_at_on=as_at_on, deadline_on=deadline_on,
        imported_from=imported_from,
    )
    round_.full_clean()
    round_.save()
    if recommendations is None:
        recommendations = Recommendation.objects.for_organisation(organisation).open().exclude(
            executive_response=Recommendation.Response.NOT_ACCEPTED
        )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(organisation=organisation, round=round_, recommendation=rec) for rec in recommendations
    )
    after = snapshot(round_)
    after["recommendation_ids"] = sorted(round_.updates.values_list("recommendation_id", flat=True))
    record_event(round_, "round.opened", by=by, after=after)
    return round_


FIGURE_FIELDS = ("savings_amount", "savings_basis", "savings_text")
UPDATE_FIELDS = (
    "evidence", "status_text", "savings_amount", "savings_basis", "savings_text", "level", "assessment_reason",
    "revised_target_on", "revised_target_text",
)


@transaction.atomic
def save_progress_update(update: ProgressUpdate, *, by, expected_version: int | None = None, **fields) -> ProgressUpdate:
    """Save a lead's draft update; refused if someone else saved it since `expected_version` was read."""
    update = lock_for_change(update)
    refuse_if_changed_by_others(update, expected_version, by=by)
    steps = fields.pop("revised_actions", None)
    unknown = set(fields) - set(UPDATE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a progress update: {sorted(unknown)}")
    fields.setdefault("author", by)
    if update.state == ProgressUpdate.State.ASKED:
        fields["state"] = ProgressUpdate.State.DRAFT
    if update.finance_confirmed_by_id is not None and any(
        name in fields and fields[name] != getattr(update, name) for name in FIGURE_FIELDS
    ):
        # A confirmed figure that changes is no longer the figure the finance manager confirmed.
        fields |= {"finance_confirmed_by": None, "finance_confirmed_at": None}
    fields["version"] = update.version + 1
    update = change_record(update, "progress_update.saved", by=by, **fields)
    if steps is not None:
        if any(step.recommendation_id != update.recommendation_id for step in steps):
            raise ValidationError({"revised_actions": "Choose steps of this recommendation"})
        update.revised_actions.set(steps)
    return update


@transaction.atomic
def submit_progress_update(update: ProgressUpdate, *, by) -> ProgressUpdate:
    """A lead submits their update for checking; the scale's rules must be met."""
    update = lock_for_change(update)
    if update.level is None:
        raise ValidationError({"level": "Select an assessment of progress"})
    update = change_record(
        update, "progress_update.submitted", by=by, state=ProgressUpdate.State.SUBMITTED,
        submitted_at=timezone.now(), version=update.version + 1,
    )
    notifications.tell_finance_of_figures(update)
    return update


@transaction.atomic
def accept_progress_update(update: ProgressUpdate, *, by) -> ProgressUpdate:
    """The scrutiny officer accepts a submitted update for the committee."""
    update = lock_for_change(update)
    update = change_record(
        update, "progress_update.accepted", by=by, state=ProgressUpdate.State.ACCEPTED,
        accepted_at=timezone.now(), version=update.version + 1,
    )
    if update.slipped and update.revised_target_on and not update.round.imported_from:
        # The revised date the committee will read becomes the steps' target: step, overdue list and paper agree.
        reason = update.assessment_reason.strip() or "Slipped, as reported in a progress update"
        for step in update.steps_to_revise():
            if step.current_target_on != update.revised_target_on:
                revise_action_target(step, by=by, target_on=update.revised_target_on, reason=reason,
                                     target_text=update.revised_target_text, progress_update=update)
    return update


@transaction.atomic
def record_past_round(
    organisation, *, by, title: str, as_at_on: dt.date, deadline_on: dt.date, meeting: Meeting | None = None,
    progress: dict[Recommendation, dict],
) -> ReportingRound:
    """Open a round whose updates were all reported and accepted, with their content (a history loaded in bulk):
    each update is held to the scale's rules and revises slipped steps as accepting it would, and is audited."""
    unknown = {name for fields in progress.values() for name in fields} - set(UPDATE_FIELDS)
    if unknown:
        raise ValueError(f"not fields of a progress update: {sorted(unknown)}")
    round_ = ReportingRound(
        organisation=organisation, title=title, meeting=meeting, as_at_on=as_at_on, deadline_on=deadline_on,
    )
    round_.full_clean()
    round_.save()
    after = snapshot(round_)
    after["recommendation_ids"] = sorted(rec.pk for rec in progress)
    record_event(round_, "round.opened", by=by, after=after)
    now = timezone.now()
    rows = []
    for rec, fields in progress.items():
        level = fields.get("level")
        if rec.organisation_id != organisation.pk or (level is not None and level.organisation_id != organisation.pk):
            raise ValidationError("A recommendation or assessment of another council cannot be reported here.")
        rows.append(dict(
            organisation=organisation, round=round_, recommendation=rec, state=ProgressUpdate.State.ACCEPTED,
            author=by, submitted_at=now, accepted_at=now, **fields,
        ))
    updates = create_records(
        ProgressUpdate, "progress_update.recorded", by=by, rows=rows,
        checked=("organisation", "round", "recommendation", "level", "author"),
    )
    for update in updates:
        if update.slipped and update.revised_target_on:
            reason = update.assessment_reason.strip() or "Slipped, as reported in a progress update"
            for step in update.steps_to_revise():
                if step.current_target_on != update.revised_target_on:
                    revise_action_target(step, by=by, target_on=update.revised_target_on, reason=reason,
                                         target_text=update.revised_target_text, progress_update=update)
    summaries.refresh(rec.pk for rec in progress)  # written in bulk, so not through the updates' own signals
    return round_


@transaction.atomic
def publish_round(round_: ReportingRound, *, by) -> ReportingRound:
    """Freeze the round: keep exactly what the committee sees, with its SHA-256, for ever."""
    lock(round_)
    round_.refuse_changes_if_published()
    unchecked = round_.updates.exclude(state=ProgressUpdate.State.ACCEPTED).count()
    unchecked += round_.project_updates.exclude(state="accepted").count()
    if unchecked and not round_.organisation.publish_unchecked and not round_.imported_from:
        raise ValidationError(
            f"{unchecked} update{'s are' if unchecked != 1 else ' is'} not yet accepted. Your council publishes a round "
            "only when every update has been checked and accepted: accept them first, or return them to their leads and accept their corrected updates."
        )
    content = round_content(round_)
    return change_record(
        round_, "round.published", by=by, state=ReportingRound.State.PUBLISHED, published_at=timezone.now(),
        published_by=by, published_content=content, content_hash=fingerprint(content),
    )


@transaction.atomic
def sign_off_recommendation(recommendation: Recommendation, *, by, meeting: Meeting) -> Recommendation:
    """The committee signs a recommendation off at a meeting: it is closed."""
    lock(recommendation)
    if recommendation.state == Recommendation.State.CLOSED:
        raise ValidationError("This recommendation has already been signed off.")
    return change_record(
        recommendation, "recommendation.signed_off", by=by, state=Recommendation.State.CLOSED,
        closed_on=meeting.held_on, closed_at_meeting=meeting,
    )


@transaction.atomic
def sign_off_recommendations(recommendations: list[Recommendation], *, by, meeting: Meeting) -> list[Recommendation]:
    """The committee signs several recommendations off at one meeting: each is closed and audited as
    `sign_off_recommendation` closes one, in one transaction."""
    if any(rec.organisation_id != meeting.organisation_id for rec in recommendations):
        raise ValidationError("A meeting signs off only its own council's recommendations.")
    locked = list(Recommendation.objects.select_for_update().filter(pk__in=[rec.pk for rec in recommendations]))
    if any(rec.state == Recommendation.State.CLOSED for rec in locked):
        raise ValidationError("Some of these recommendations have already been signed off.")
    changes = []
    for rec in locked:
        before = snapshot(rec)
        rec.state, rec.closed_on, rec.closed_at_meeting = Recommendation.State.CLOSED, meeting.held_on, meeting
        rec.full_clean(exclude=["organisation", "review", "lead_officer", "finance_manager", "closed_at_meeting"],
                       validate_unique=False, validate_constraints=False)
        changes.append((rec, "recommendation.signed_off", before, snapshot(rec)))
    Recommendation.objects.filter(pk__in=[rec.pk for rec in locked]).update(
        state=Recommendation.State.CLOSED, closed_on=meeting.held_on, closed_at_meeting=meeting, updated_at=timezone.now()
    )
    record_events(changes, by=by)
    return locked
