"""Changes through the API: the same forms check the values, the same operations make the change (with their audit
events and rules), and the same version checks refuse a change made on a record someone else has changed since."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from ninja import Field, Path, Schema, Status

from cairn.accounts.permissions import can_confirm_savings, can_write_update
from cairn.core.concurrency import lock, version_of
from cairn.core.forms import initial_from
from cairn.programmes import operations as programme_operations
from cairn.programmes.access import get_indicator_for_user, get_milestone_for_user
from cairn.programmes.forms import MilestoneEditForm, ReadingForm
from cairn.programmes.models import Milestone, Rag
from cairn.reviews import operations as review_operations
from cairn.reviews import round_operations
from cairn.reviews.models import AssessmentScale, ProgressUpdate
from cairn.reviews.models.rounds import lock_for_change
from cairn.reviews.round_access import get_update_for_user
from cairn.reviews.round_forms import ProgressUpdateForm, SavingsForm

from ..api import Conflict
from ..paging import MAX_ID
from ..problems import Problem
from ..schemas import MilestoneOut, ReadingOut, UpdateOut
from .programmes import router as programmes
from .rounds import router as rounds

# On the routers that read the same paths (one path, one URL pattern), tagged as changes.
CHANGES = ["Changes"]
Id = Path(..., ge=1, le=MAX_ID)
MONEY = Field(None, max_digits=14, decimal_places=2)
MEASURE = Field(None, max_digits=14, decimal_places=3)


def _as_posted(values: dict) -> dict:
    """Values as a browser would post them: text, empty for nothing."""
    posted = {}
    for name, value in values.items():
        if isinstance(value, list):
            posted[name] = [str(item) for item in value]
        elif value is None:
            posted[name] = ""
        elif isinstance(value, (dt.date, Decimal, int)):
            posted[name] = str(value)
        else:
            posted[name] = value
    return posted


def _valid(form):
    """The form's cleaned data, or a ValidationError with its field errors (answered 422)."""
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.cleaned_data


# A lead's progress update


class UpdateChanges(Schema):
    version: int = Field(ge=1, le=MAX_ID, description="The update's version as read: refused (409) if it has moved on.")
    evidence: str | None = None
    level: str | None = Field(None, max_length=10, description='The assessment\'s code on the council\'s scale, e.g. "2".')
    assessment_reason: str | None = None
    revised_target_on: dt.date | None = None
    revised_target_text: str | None = None
    revised_steps: list[int] | None = Field(None, max_length=100, description="Ids of the steps a revised date applies to.")
    savings_amount: Decimal | None = MONEY
    savings_basis: ProgressUpdate.Basis | None = None
    savings_text: str | None = None


def _writable_update(request, pk: int) -> ProgressUpdate:
    update = get_update_for_user(request, pk)
    if not can_write_update(request.user, update):
        raise PermissionDenied
    return update


def _refuse_if_moved_on(update: ProgressUpdate, version: int) -> None:
    if update.version != version:
        raise Conflict(f"This update is now at version {update.version}, not {version}: someone saved it since you "
                       "read it. Read it again, then send your changes.")


@rounds.patch("/updates/{pk}", response={200: UpdateOut, 409: Problem}, url_name="update_save", tags=CHANGES)
def update_save(request, changes: UpdateChanges, pk: int = Id):
    """Save a draft of a progress update (only the fields sent change), as the lead's form does."""
    update = _writable_update(request, pk)
    scale = AssessmentScale.objects.for_organisation(request.organisation).filter(is_active=True).first()
    form = ProgressUpdateForm(scale, update=update)
    current = {name: getattr(update, name) for name in form.fields if name not in ("version", "revised_actions", "level")}
    current["level"] = update.level_id
    sent = changes.model_dump(exclude_unset=True)
    if "level" in sent:
        level = scale.levels.filter(code=sent.pop("level")).first() if scale and changes.level else None
        if changes.level and level is None:
            raise ValidationError({"level": "Not a level of your council's assessment scale"})
        sent["level"] = level.pk if level else None
    if "revised_steps" in sent:
        sent["revised_actions"] = sent.pop("revised_steps") or []
    posted = _as_posted({**current, **sent, "version": changes.version})
    data = _valid(ProgressUpdateForm(scale, posted, update=update))
    fields = {name: data[name] for name in current}
    for name in ("evidence", "assessment_reason", "revised_target_text", "savings_basis", "savings_text"):
        fields[name] = fields[name] or ""
    if "revised_actions" in data and "revised_actions" in sent:
        fields["revised_actions"] = list(data["revised_actions"])
    try:
        return review_operations.save_progress_update(update, by=request.user, expected_version=changes.version, **fields)
    except ValidationError:
        update.refresh_from_db()
        _refuse_if_moved_on(update, changes.version)
        raise


class Version(Schema):
    version: int = Field(ge=1, le=MAX_ID)


@rounds.post("/updates/{pk}/submit", response={200: UpdateOut, 409: Problem}, url_name="update_submit", tags=CHANGES)
def update_submit(request, body: Version, pk: int = Id):
    """Submit a progress update for checking; the assessment scale's rules must be met."""
    update = _writable_update(request, pk)
    with transaction.atomic():
        update = lock_for_change(update)
        _refuse_if_moved_on(update, body.version)
        return review_operations.submit_progress_update(update, by=request.user)


class SavingsConfirmation(Schema):
    version: int = Field(ge=1, le=MAX_ID)
    savings_amount: Decimal | None = MONEY
    savings_basis: ProgressUpdate.Basis | None = None
    savings_text: str = ""


@rounds.post("/updates/{pk}/savings-confirmation", response={200: UpdateOut, 409: Problem}, url_name="update_confirm_savings", tags=CHANGES)
def update_confirm_savings(request, body: SavingsConfirmation, pk: int = Id):
    """The finance manager confirms (or corrects) the savings or costs to date on an update."""
    update = get_update_for_user(request, pk)
    if not can_confirm_savings(request.user, update):
        raise PermissionDenied
    data = _valid(SavingsForm(_as_posted(body.model_dump(exclude={"version"}))))
    with transaction.atomic():
        update = lock_for_change(update)
        _refuse_if_moved_on(update, body.version)
        return round_operations.confirm_savings(update, by=request.user, **data)


# Indicator readings


class ReadingIn(Schema):
    period_start: dt.date
    period_label: str = ""
    value: Decimal | None = MEASURE
    value_low: Decimal | None = MEASURE
    value_high: Decimal | None = MEASURE
    rag: Rag | None = Field(None, description="Left out: worked out from the indicator's thresholds.")
    note: str = ""


class Readings(Schema):
    readings: list[ReadingIn] = Field(min_length=1, max_length=1000)


@programmes.post("/indicators/{pk}/readings", response={201: ReadingOut}, url_name="reading_create", tags=CHANGES)
def reading_create(request, reading: ReadingIn, pk: int = Id):
    """Record one reading of an indicator."""
    indicator = get_indicator_for_user(request, pk, edit=True)
    data = _valid(ReadingForm(_as_posted(reading.model_dump())))
    return Status(201, programme_operations.record_reading(indicator, by=request.user, **data))


@programmes.post("/indicators/{pk}/readings/bulk", response={201: list[ReadingOut]}, url_name="reading_bulk_create", tags=CHANGES)
def reading_bulk_create(request, body: Readings, pk: int = Id):
    """Record many readings of an indicator at once: all of them, or (if any is refused) none."""
    indicator = get_indicator_for_user(request, pk, edit=True)
    rows, errors = [], {}
    for index, reading in enumerate(body.readings):
        form = ReadingForm(_as_posted(reading.model_dump()))
        if form.is_valid():
            rows.append(form.cleaned_data)
        else:
            for field, messages in form.errors.items():
                errors[f"readings.{index}.{field}"] = list(messages)
    if errors:
        raise ValidationError(errors)
    return Status(201, programme_operations.record_readings(indicator, by=request.user, readings=rows))


# Milestones

# The fields a milestone's edit form changes (its due date is revised on its own page, with a reason).
MILESTONE_FIELDS = tuple(name for name in MilestoneEditForm.base_fields if not name.startswith("due_"))


def milestone_version(milestone: Milestone) -> str:
    """A digest of the fields a milestone's form edits: a change to any of them gives another."""
    return version_of(milestone, MILESTONE_FIELDS)


class MilestoneChanges(Schema):
    version: str = Field(max_length=40, description="The milestone's version as read: refused (409) if it has changed.")
    state: Milestone.State | None = None
    state_text: str | None = None
    completed_on: dt.date | None = Field(None, description="Giving the date marks the milestone completed.")


@programmes.patch("/milestones/{pk}", response={200: MilestoneOut, 409: Problem}, url_name="milestone_change", tags=CHANGES)
def milestone_change(request, changes: MilestoneChanges, pk: int = Id):
    """Change a milestone's state or completion, as its form does; the fields not sent keep their values."""
    milestone = get_milestone_for_user(request, pk, edit=True)
    sent = changes.model_dump(exclude_unset=True, exclude={"version"})
    if "state" in sent and sent["state"] is None:
        sent["state"] = ""
    posted = _as_posted({**initial_from(milestone, MilestoneEditForm), **sent})
    form = MilestoneEditForm(request.organisation, posted, was_completed=milestone.is_completed)
    data = _valid(form)
    with transaction.atomic():
        lock(milestone)
        if milestone_version(milestone) != changes.version:
            raise Conflict("This milestone has changed since you read it. Read it again, then send your changes.")
        return programme_operations.update_milestone(milestone, by=request.user, **data)
