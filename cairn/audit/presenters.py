"""The audit trail as people read it: what was done, and each change as the field's label and its values in words
("Assessment: 3 Slipped → 2 On track", not "level_id: 7 → 6")."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from cairn.lib.dates import format_uk
from cairn.lib.money import format_pounds

# Columns that say nothing to a reader, or that the page says in other words.
HIDDEN = {"id", "organisation_id", "created_at", "updated_at", "version", "password", "session_generation"}
MONEY = {"savings_amount", "min_amount", "max_amount", "budget", "spent", "savings", "forecast", "actual", "amount"}
# What an action's words should be, where its name does not say it well.
ACTIONS = {
    "round.in_review": "Round: collection closed, in review",
    "user.two_factor_on": "Two-factor sign-in turned on",
    "user.two_factor_off": "Two-factor sign-in turned off",
    "document.downloaded": "Paper downloaded",
    "project.rag_from_report": "Project: RAG status taken from its accepted highlight report",
    "milestone.due_revised": "Milestone: due date revised",
    "organisation.branding_changed": "Council: name, logo or contact on papers changed",
    "organisation.updated": "Council: settings changed",
}
LONGEST = 300
# Fields whose names are not what the pages call them.
LABELS = {
    "level": "Assessment", "closed_at_meeting": "Signed off at", "published_content": "What was published",
    "content_hash": "Fingerprint of what was published", "savings_text": "Savings or costs to date, in words",
    "savings_amount": "Savings or costs to date", "savings_basis": "Actual or estimated",
    "assessment_reason": "Reason for the assessment", "revised_target_on": "Revised target date",
    "revised_target_text": "Words with the revised date", "current_target_on": "Current target date",
    "target_on": "Target date", "finance_confirmed_by": "Figures confirmed by", "rag": "RAG status",
    "evidence": "Evidence of progress", "return_comment": "Comment when returned", "held_on": "Meeting date",
    "as_at_on": "Progress as at", "deadline_on": "Deadline", "current_due_on": "Current due date",
    "completed_on": "Completed on",
}


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: there was nothing before (a new record)
    after: str


@dataclass(frozen=True)
class EventView:
    event: object
    action: str
    changes: list[Change]


def action_label(action: str) -> str:
    """ "progress_update.savings_confirmed" -> "Progress update: savings confirmed"."""
    if action in ACTIONS:
        return ACTIONS[action]
    subject, _, verb = action.partition(".")
    return f"{capfirst(subject.replace('_', ' '))}: {verb.replace('_', ' ')}" if verb else capfirst(action)


def describe(events) -> list[EventView]:
    """Each event with its changes in words; related records are looked up once for all the events."""
    events = list(events)
    wanted = defaultdict(set)  # related model -> ids named by foreign keys in the events
    for event in events:
        fields = _fields(event.target_type)
        for key, before, after in event.changes:
            field = fields.get(key)
            if isinstance(field, models.ForeignKey):
                wanted[field.related_model].update(v for v in (before, after) if isinstance(v, int))
    names = {model: {pk: _name(obj) for pk, obj in model._default_manager.in_bulk(ids).items()}
             for model, ids in wanted.items() if ids}
    views = []
    for event in events:
        fields = _fields(event.target_type)
        changes = []
        for key, before, after in event.changes:
            if key in HIDDEN:
                continue
            field = fields.get(key)
            changes.append(Change(
                label=_label(key, field),
                before=None if before is None and event.before is None else _value(before, key, field, names),
                after=_value(after, key, field, names),
            ))
        views.append(EventView(event=event, action=action_label(event.action), changes=changes))
    return views


def _fields(target_type: str) -> dict:
    try:
        model = apps.get_model(target_type)
    except (LookupError, ValueError):
        return {}
    return {name: field for field in model._meta.concrete_fields for name in (field.name, field.attname)}


def _label(key: str, field) -> str:
    name = field.name if field is not None else key
    if name in LABELS:
        return LABELS[name]
    if field is not None and field.verbose_name and field.verbose_name != field.name.replace("_", " "):
        return capfirst(str(field.verbose_name))
    words = key.removesuffix("_id").removesuffix("_ids").replace("_", " ")
    return capfirst(words.replace(" on", " date").replace(" at", " time") if words.endswith((" on", " at")) else words)


def _name(obj) -> str:
    return getattr(obj, "display_name", None) or str(obj)


def _value(value, key: str, field, names: dict) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(field, models.ForeignKey):
        return names.get(field.related_model, {}).get(value, f"a record since removed ({value})")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(field, models.JSONField) or isinstance(value, dict):
        return "the content as it was frozen" if key == "published_content" else f"{len(value)} values"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value[:20]) + (f" and {len(value) - 20} more" if len(value) > 20 else "")
    if isinstance(field, models.DateTimeField):
        return _datetime(value)
    if isinstance(field, models.DateField):
        return _date(value)
    if key in MONEY or isinstance(field, models.DecimalField) and key.endswith(("amount", "budget", "spent")):
        try:
            return format_pounds(Decimal(str(value)), pence=True).replace(".00", "")
        except InvalidOperation:
            pass
    text = str(value)
    return text if len(text) <= LONGEST else text[: LONGEST - 1].rstrip() + "…"


def _date(value) -> str:
    try:
        return format_uk(dt.date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


def _datetime(value) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d/%m/%Y %H:%M")
