"""What changed since the last committee: a round's content against the content of the council's previous published
round for the same review or programme (cairn/reports/data.py reads the two contents and puts the result in the
papers).

`review_changes` and `programme_changes` are pure functions over the two contents (plain JSON, as
cairn/reviews/snapshots.round_content makes it and a published round freezes it); they read every key with a
default, as rounds frozen before a key was added lack it. `previous_round` finds the round to compare with: only a
published one, published before this one, so a published round's comparison never changes.
"""

from dataclasses import dataclass, field

from cairn.reviews.fingerprints import frozen_content
from cairn.programmes.models import ProjectUpdate
from cairn.reviews.models import ProgressUpdate, ReportingRound
from cairn.reviews.snapshots import project_item, savings_to_date, update_item

# The kinds of change, in the order a paper lists them, with the words it heads them with.
KINDS = {
    "new": "New recommendation",
    "signed_off": "Newly signed off",
    "assessment_up": "Assessment moved up",
    "assessment_down": "Assessment moved down",
    "assessment_changed": "Assessment changed",
    "slipped": "Newly slipped",
    "revised_date": "New revised date",
    "savings": "Savings to date changed",
    "new_project": "New project",
    "rag": "RAG changed",
    "milestone_slipped": "Milestone slipped",
}
# Assessment meanings from best to worst: a move towards the start is a move up, whatever the scale's codes.
MEANING_ORDER = ("complete", "on_track", "slipped", "not_achieved")
RAG_LABELS = {"B": "Blue", "G": "Green", "A": "Amber", "R": "Red"}
MILESTONE_STATES = {"on": "On track", "off": "Off track", "completed": "Completed"}


@dataclass(frozen=True)
class Change:
    kind: str  # a key of KINDS
    subject: str  # what changed, as the paper numbers it: "1", "1 step 2", "2. Early help"
    before: str
    now: str

    @property
    def label(self) -> str:
        return KINDS[self.kind]


@dataclass(frozen=True)
class Changes:
    previous_title: str  # the round compared with
    previous_as_at: str  # its "as at" date, ISO
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> list[tuple[str, int]]:
        """How many changes of each kind, in the paper's order, leaving out kinds with none."""
        counted = {kind: 0 for kind in KINDS}
        for change in self.changes:
            counted[change.kind] += 1
        return [(KINDS[kind], count) for kind, count in counted.items() if count]


# Reviews -------------------------------------------------------------------------------------------------------


def review_changes(previous: dict, current: dict, review_id: int) -> Changes:
    """What changed for one review's recommendations between two rounds' contents."""
    before = {_item_key(item): item for item in previous.get("items", []) if item.get("review_id") == review_id}
    now = [item for item in current.get("items", []) if item.get("review_id") == review_id]
    known_recommendations = {key[0] for key in before}
    scales = [current.get("scale") or {}, previous.get("scale") or {}]
    changes: list[Change] = []
    for item in now:
        subject = _item_subject(item)
        # A step reported on its own for the first time is compared with what was said of the whole recommendation.
        old = before.get(_item_key(item)) or before.get((item.get("recommendation_id"), None))
        if item.get("recommendation_id") not in known_recommendations:
            if _first_of_recommendation(item, now):
                changes.append(Change("new", item.get("number", ""), "", item.get("recommendation", "")))
            continue
        if old is None:
            continue  # a step reported for the first time in a recommendation reported step by step
        if item.get("recommendation_state") == "closed" and old.get("recommendation_state") != "closed":
            changes.append(Change("signed_off", subject, "Open", "Signed off"))
        changes += _assessment_changes(subject, old, item, scales)
        if item.get("revised_target") and item.get("revised_target") != old.get("revised_target"):
            changes.append(Change("revised_date", subject, old.get("revised_target") or "", item["revised_target"]))
        # Savings left blank this time are not reported, so not a change.
        if savings_to_date(item) and savings_to_date(item) != savings_to_date(old):
            changes.append(Change("savings", subject, savings_to_date(old), savings_to_date(item)))
    return Changes(*_round_names(previous), changes=_in_order(changes))


def _item_key(item: dict) -> tuple:
    return item.get("recommendation_id"), item.get("action_id")


def _item_subject(item: dict) -> str:
    step = item.get("action_order")
    return f"{item.get('number', '')} step {step}" if step else item.get("number", "")


def _first_of_recommendation(item: dict, items: list[dict]) -> bool:
    return next(i for i in items if i.get("recommendation_id") == item.get("recommendation_id")) is item


def _meaning(item: dict, scales: list[dict]) -> str | None:
    if item.get("assessment_meaning"):
        return item["assessment_meaning"]
    for scale in scales:
        for level in scale.get("levels", []):
            if level.get("code") == item.get("assessment"):
                return level.get("meaning")
    return None


def _assessment_text(item: dict) -> str:
    if not item.get("assessment"):
        return "Not assessed"
    return " ".join(part for part in (item["assessment"], item.get("assessment_label") or "") if part)


def _assessment_changes(subject: str, old: dict, new: dict, scales: list[dict]) -> list[Change]:
    if not new.get("assessment") or new.get("assessment") == old.get("assessment"):
        return []
    before, after = _assessment_text(old), _assessment_text(new)
    old_meaning, new_meaning = _meaning(old, scales), _meaning(new, scales)
    changes = []
    if old.get("assessment") and old_meaning in MEANING_ORDER and new_meaning in MEANING_ORDER and old_meaning != new_meaning:
        up = MEANING_ORDER.index(new_meaning) < MEANING_ORDER.index(old_meaning)
        changes.append(Change("assessment_up" if up else "assessment_down", subject, before, after))
    else:
        changes.append(Change("assessment_changed", subject, before, after))
    if new_meaning == "slipped" and old_meaning != "slipped":
        changes.append(Change("slipped", subject, before, after))
    return changes


# Programmes ----------------------------------------------------------------------------------------------------


def programme_changes(previous: dict, current: dict, programme_id: int) -> Changes:
    """What changed for one programme's projects between two rounds' contents: RAG, milestones, new projects."""
    before = {p.get("project_id"): p for p in previous.get("projects", []) if p.get("programme_id") == programme_id}
    now = [p for p in current.get("projects", []) if p.get("programme_id") == programme_id]
    changes: list[Change] = []
    for project in now:
        subject = f"{project.get('number')}. {project.get('short_name') or project.get('name', '')}".lstrip(". ")
        old = before.get(project.get("project_id"))
        if old is None:
            changes.append(Change("new_project", subject, "", project.get("name", "")))
            continue
        old_rag, new_rag = _rag(old), _rag(project)
        if new_rag != old_rag:
            changes.append(Change("rag", subject, RAG_LABELS.get(old_rag, "Not rated"), RAG_LABELS.get(new_rag, "Not rated")))
        changes += _milestone_changes(subject, old.get("milestones", []), project.get("milestones", []))
    return Changes(*_round_names(previous), changes=_in_order(changes))


def _rag(project: dict) -> str:
    return project.get("rag") or project.get("project_rag") or ""


def _milestone_changes(subject: str, before: list[dict], now: list[dict]) -> list[Change]:
    """Milestones that slipped: due later than before, or newly off track. A milestone is known by its activity."""
    old_by_activity = {m.get("activity"): m for m in before}
    changes = []
    for milestone in now:
        old = old_by_activity.get(milestone.get("activity"))
        if old is None:
            continue
        where = f"{subject}: {milestone.get('activity', '')}"
        due, old_due = _due(milestone), _due(old)
        later = due and old_due and due > old_due
        off = milestone.get("state") == "off" and old.get("state") != "off"
        if later or off:
            changes.append(Change("milestone_slipped", where, _milestone_text(old), _milestone_text(milestone)))
    return changes


def _due(milestone: dict) -> str | None:
    """The date the board was told (a revised date once there is one), ISO; rounds frozen before revisions lack it."""
    return milestone.get("current_due_on") or milestone.get("due_on")


def _milestone_text(milestone: dict) -> str:
    state = milestone.get("state_text") or MILESTONE_STATES.get(milestone.get("state", ""), "")
    return ", ".join(part for part in (milestone.get("date") or milestone.get("due_text", ""), state) if part)


# Both ------------------------------------------------------------------------------------------------------------


def _round_names(previous: dict) -> tuple[str, str]:
    facts = previous.get("round", {})
    return facts.get("title", ""), facts.get("as_at", "")


def _in_order(changes: list[Change]) -> list[Change]:
    order = list(KINDS)
    return sorted(changes, key=lambda change: order.index(change.kind))


def previous_round(round_: ReportingRound, *, review_id: int | None = None, programme_id: int | None = None):
    """The council's last round published before this one that reported on the review (or programme), or None."""
    if review_id is not None:
        return previous_rounds(round_, review_ids=[review_id]).get(review_id)
    return previous_rounds(round_, programme_ids=[programme_id]).get(programme_id)


def previous_rounds(round_: ReportingRound, *, review_ids=None, programme_ids=None) -> dict[int, ReportingRound]:
    """`previous_round` for several reviews (or programmes) at once, in two queries however many: {id: round}."""
    rounds = ReportingRound.objects.filter(
        organisation_id=round_.organisation_id, state=ReportingRound.State.PUBLISHED, published_at__isnull=False
    )
    if round_.published_at is not None:
        rounds = rounds.filter(published_at__lt=round_.published_at)
    rounds = rounds.exclude(pk=round_.pk)
    if review_ids is not None:
        reported = ProgressUpdate.objects.filter(round__in=rounds, recommendation__review_id__in=list(review_ids))
        about = "recommendation__review_id"
    else:
        reported = ProjectUpdate.objects.filter(round__in=rounds, project__programme_id__in=list(programme_ids))
        about = "project__programme_id"
    newest: dict[int, tuple] = {}
    pairs = reported.values_list(about, "round_id", "round__published_at").order_by().distinct()  # a row a pair
    for record_id, round_id, published_at in pairs:
        newest[record_id] = max(newest.get(record_id, (published_at, round_id)), (published_at, round_id))
    found = ReportingRound.objects.in_bulk({round_id for _, round_id in newest.values()})
    return {record_id: found[round_id] for record_id, (_, round_id) in newest.items()}


def previous_contents(round_: ReportingRound, *, review_ids=None, programme_ids=None, read=frozen_content) -> dict:
    """The frozen content of each review's (or programme's) `previous_rounds` round, {id: content}, each round read
    once with `read`: reviews reported on together were mostly reported on together before."""
    earlier = previous_rounds(round_, review_ids=review_ids, programme_ids=programme_ids)
    contents = {r.pk: read(r) for r in {r.pk: r for r in earlier.values()}.values()}
    return {record_id: contents[r.pk] for record_id, r in earlier.items()}


@dataclass(frozen=True)
class LastCommittee:
    """What the previous published round said of one update's recommendation (or step), and what changed since."""

    round: ReportingRound
    item: dict | None  # as frozen; None when that round did not report on it
    changes: Changes


def update_since_last_committee(update) -> LastCommittee | None:
    """An update being checked (its live content) against the previous published round's frozen content."""
    review_id = update.recommendation.review_id
    previous = previous_round(update.round, review_id=review_id)
    if previous is None:
        return None
    content = frozen_content(previous)
    items = [i for i in content.get("items", []) if i.get("recommendation_id") == update.recommendation_id]
    item = next((i for i in items if i.get("action_id") == update.action_id), None) or next(
        (i for i in items if i.get("action_id") is None), None
    )
    return LastCommittee(previous, item, review_changes(content, {"items": [update_item(update)]}, review_id))


def round_changes(round_: ReportingRound, content: dict) -> list[tuple[str, Changes]]:
    """(review or programme, what changed) for each review or programme the round reported on that an earlier
    published round also reported on; from this round's content and that round's frozen content."""
    found = []
    if content.get("round", {}).get("kind", round_.kind) == ReportingRound.Kind.PROGRAMME:
        names = {p.get("programme_id"): p.get("programme", "") for p in content.get("projects", [])}
        previous, compare = previous_contents(round_, programme_ids=names), programme_changes
    else:
        names = {item.get("review_id"): item.get("review", "") for item in content.get("items", [])}
        previous, compare = previous_contents(round_, review_ids=names), review_changes
    for record_id, name in names.items():
        if (earlier := previous.get(record_id)) is not None:
            found.append((name, compare(earlier, content, record_id)))
    return found


def project_update_since_last_committee(report) -> LastCommittee | None:
    """A highlight report being checked (its live content) against the previous published round's frozen content."""
    programme_id = report.project.programme_id
    previous = previous_round(report.round, programme_id=programme_id)
    if previous is None:
        return None
    content = frozen_content(previous)
    item = next((p for p in content.get("projects", []) if p.get("project_id") == report.project_id), None)
    current = {"projects": [project_item(report, report.round.as_at_on)]}
    return LastCommittee(previous, item, programme_changes(content, current, programme_id))
