"""Report data: what each committee paper holds, as plain dataclasses, built from records or a round's frozen content.

A round's documents are always built from its content (cairn/reviews/snapshots.round_content): the frozen
`published_content` once the round is published, the live content before that. So a published round's paper is
made from exactly what the committee saw, and reads every key with a default because rounds published before a
key was added do not have it.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from cairn.lib.dates import format_uk, month_start, months_between
from cairn.lib.money import format_pounds
from cairn.programmes.models import Milestone, Programme, Rag
from cairn.reviews.models import Action, CommitteePaper, ProgressUpdate, Recommendation, ReportingRound, Review
from cairn.reviews.fingerprints import TamperedRound, frozen_content
from cairn.reviews.snapshots import round_content, savings_to_date

from .changes import Changes, previous_contents, previous_round, programme_changes, review_changes
from .covers import CoverReport, cover_from_content, cover_from_paper
from .mastheads import Masthead, MastheadError, live_masthead, masthead_from_content

PROGRESS_UPDATE = "progress-update"
ACTION_PLAN = "action-plan"
HIGHLIGHT = "highlight"
KINDS = (PROGRESS_UPDATE, ACTION_PLAN, HIGHLIGHT)


class ReportError(Exception):
    """A document cannot be made; the message says why, in words for the person who asked."""


@dataclass(frozen=True)
class DocumentInfo:
    kind: str
    title: str
    organisation: str
    date: dt.date  # the date the paper speaks for: when it was published, the meeting, or today for a draft
    status: str  # "Published 12/10/2010", "Draft: not yet published"
    filename: str  # without extension


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    meaning: str
    colour: str  # a GOV.UK tag colour name


@dataclass(frozen=True)
class Revision:
    target: str  # as the paper prints it: "Apr 2026"
    target_on: dt.date | None
    target_text: str
    reason: str


@dataclass(frozen=True)
class Step:
    number: int
    text: str
    success_measure: str
    target: str  # as the paper prints it: "Mar 2010", "Ongoing"
    target_on: dt.date | None
    target_text: str
    revised: list[str]
    lead: str  # as the paper prints it, with the linked person: "Head of Service (Ann Smith)"
    lead_name: str = ""  # as written
    progress_note: str = ""
    revisions: tuple[Revision, ...] = ()  # each revised target in full, oldest first (`revised` as printed)


@dataclass(frozen=True)
class Saving:
    text: str
    kind: str
    min_amount: Decimal | None
    max_amount: Decimal | None
    period: str | None
    cashable: bool | None


@dataclass(frozen=True)
class Progress:
    step: int | None  # the step's number when progress is reported step by step
    evidence: str
    status_text: str
    savings_to_date: str
    savings_amount: Decimal | None
    savings_basis: str
    level: Level | None
    reason: str
    revised_target: str
    revised_target_on: dt.date | None
    finance_confirmed_by: str = ""  # who confirmed the figure, in the finance team


@dataclass
class RecommendationRow:
    number: str
    objective: str
    text: str
    steps: list[Step]
    savings: list[Saving]
    lead: str
    finance_manager: str
    lead_name: str = ""
    progress: list[Progress] = field(default_factory=list)


@dataclass(frozen=True)
class Tally:
    level: Level | None  # None: not yet assessed
    count: int


@dataclass
class ProgressUpdateReport:
    info: DocumentInfo
    review: str
    committee: str
    round_title: str
    as_at: dt.date
    meeting_on: dt.date | None
    scale_name: str
    levels: list[Level]
    rows: list[RecommendationRow]
    tallies: list[Tally]
    published: bool
    content_hash: str
    unchecked: list[str] = field(default_factory=list)  # updates published before the officer accepted them
    cover: CoverReport | None = None  # its cover report, as frozen with the round (rounds frozen before had none)
    changes: Changes | None = None  # what changed since the previous published round on the review, if any
    masthead: Masthead | None = None  # the council's name and logo, as frozen with the round (before: none)


@dataclass(frozen=True)
class Question:
    number: int
    text: str


@dataclass(frozen=True)
class NextStep:
    text: str
    due_on: dt.date | None
    done_on: dt.date | None


@dataclass
class ActionPlanReport:
    info: DocumentInfo
    review: str
    table_title: str
    cover: CoverReport | None
    rows: list[RecommendationRow]
    # The review's key questions and next steps: not printed on the plan, but carried by its JSON export.
    questions: list[Question] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    masthead: Masthead | None = None  # the council's name and logo as they are now


@dataclass(frozen=True)
class PhaseKey:
    letter: str
    name: str
    colour: str  # hex


@dataclass(frozen=True)
class MilestoneRow:
    date: str
    activity: str
    state: str  # on, off, completed or empty
    state_label: str  # the word the report used, else the state's name
    due_on: dt.date | None
    due_text: str  # as the paper writes it
    state_text: str = ""  # the word the report used, if any
    first_agreed: str = ""  # the date first agreed, when `date` is a revised one


@dataclass(frozen=True)
class Reading:
    label: str
    value: Decimal


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    description: str
    unit: str
    value: str
    value_number: Decimal | None
    rag: str
    rag_label: str
    period: str
    target: Decimal | None
    target_label: str  # "Target" or "Green from", naming the line the trend is drawn against
    readings: list[Reading]
    benchmark: str = ""  # the latest published (DfE) figures beside the council's own, with their source


@dataclass
class ProjectSection:
    number: str
    name: str
    short_name: str
    rag: str
    rag_label: str
    risk_area: str
    objective: str
    key_elements: list[str]
    resources: str
    other_resources: list[str]
    impact: str
    lead: str
    plan: list[PhaseKey | None]  # one per month of the report's grid
    timeline: dict[str, str]  # "YYYY-MM": letter, only months with a phase
    milestones: list[MilestoneRow]
    progress_points: list[str]
    risks: list[str]
    indicators: list[IndicatorRow]
    budget: Decimal | None
    spent: Decimal | None
    savings: Decimal | None
    voice_and_feedback: str
    budget_text: str = ""  # as written; `resources` prints it, or the budget when there are no words


@dataclass
class HighlightReport:
    info: DocumentInfo
    programme: str
    period: str
    as_at: dt.date
    board: str
    months: list[dt.date]
    phases: list[PhaseKey]
    projects: list[ProjectSection]
    published: bool
    content_hash: str
    changes: Changes | None = None  # what changed since the previous published round on the programme, if any
    masthead: Masthead | None = None  # the council's name and logo, as frozen with the round (before: none)


# Building -------------------------------------------------------------------------------------------------------


def progress_update(review: Review, round_: ReportingRound | None = None) -> ProgressUpdateReport:
    """A review's progress update for a round: by default the newest round that asked about the review."""
    if round_ is None:
        round_ = _newest_round(ReportingRound.objects.filter(updates__recommendation__review=review))
        if round_ is None:
            raise ReportError(f"No reporting round has asked for progress on “{review.title}” yet.")
    elif round_.kind != ReportingRound.Kind.REVIEW:
        raise ReportError(f"Round {round_.pk} is a programme round; a progress update needs a review round.")
    content = _content(round_)
    items = [item for item in content.get("items", []) if item.get("review_id") == review.pk]
    if not items:
        raise ReportError(f"Round {round_.pk} (“{round_.title}”) did not report on “{review.title}”.")
    previous = _previous_content(round_, review_id=review.pk)
    return progress_update_from_content(content, review_id=review.pk, previous=previous, **_round_facts(round_))


def progress_update_from_content(
    content: dict, *, review_id: int, published: bool, published_on: dt.date | None, content_hash: str,
    previous: dict | None = None,
) -> ProgressUpdateReport:
    """The progress update for one review from a round's content, and the previous published round's content when
    there is one (for what changed since): nothing else is read."""
    round_info = content.get("round", {})
    items = [item for item in content.get("items", []) if item.get("review_id") == review_id]
    review_facts = next((r for r in content.get("reviews", []) if r.get("id") == review_id), {})
    review_title = items[0].get("review", "") if items else review_facts.get("title", "")
    scale = content.get("scale") or {}
    levels = [_level(level) for level in scale.get("levels", [])] or _levels_seen(items)
    rows = _progress_rows(items, levels)
    as_at = dt.date.fromisoformat(round_info["as_at"])
    title = f"Progress Update – {review_title}"
    masthead = _masthead(content)
    return ProgressUpdateReport(
        info=_info(
            PROGRESS_UPDATE, title, review_title, _organisation(content, masthead), published, published_on, as_at
        ),
        review=review_title,
        committee=review_facts.get("committee") or round_info.get("committee") or "",
        round_title=round_info.get("title", ""),
        as_at=as_at,
        meeting_on=_date(round_info.get("meeting_on")),
        scale_name=scale.get("name", ""),
        levels=levels,
        rows=rows,
        tallies=_tallies(rows, levels),
        published=published,
        content_hash=content_hash,
        unchecked=_unchecked(items) if published else [],
        cover=cover_from_content(content, review_id),
        changes=review_changes(previous, content, review_id) if previous is not None else None,
        masthead=masthead,
    )


def _unchecked(items: list[dict]) -> list[str]:
    """Updates a council published before they were accepted (rounds frozen before this was kept were all checked)."""
    states = dict(ProgressUpdate.State.choices)
    lines = []
    for item in items:
        if item.get("checked", True):
            continue
        step = f" step {item['action_order']}" if item.get("action_order") else ""
        state = states.get(item.get("state", ""), item.get("state", "")).lower()
        lines.append(f"Recommendation {item.get('number', '')}{step} ({state}): not checked by the officer before publication")
    return lines


def action_plan(review: Review, *, today: dt.date | None = None) -> ActionPlanReport:
    """A review's action plan for agreed recommendations, with its cover report when the review has one."""
    today = today or timezone.localdate()
    paper = _cover_paper(review)
    recommendations = (
        review.recommendations.exclude(executive_response=Recommendation.Response.NOT_ACCEPTED)
        .select_related("lead_officer", "finance_manager")
        .prefetch_related(
            Prefetch("actions", queryset=Action.objects.select_related("lead_officer").prefetch_related("revisions")),
            "saving_estimates",
        )
    )
    rows = [
        RecommendationRow(
            number=rec.number,
            objective=rec.objective,
            text=rec.text,
            steps=[_live_step(number, action) for number, action in enumerate(rec.actions.all(), start=1)],
            savings=[_live_saving(estimate) for estimate in rec.saving_estimates.all()],
            lead=rec.lead_display,
            finance_manager=rec.finance_manager_name or (rec.finance_manager.display_name if rec.finance_manager else ""),
            lead_name=rec.lead_name,
        )
        for rec in recommendations
    ]
    cover = cover_from_paper(paper) if paper is not None else None
    table_title = f"Action Plan – {review.title}"
    date = paper.meeting.held_on if paper else today
    masthead = live_masthead(review.organisation)
    info = DocumentInfo(
        kind=ACTION_PLAN,
        title=paper.title if paper else table_title,
        organisation=masthead.name,
        date=date,
        status=f"For the meeting on {format_uk(date)}" if paper else f"Made on {format_uk(date)}",
        filename=slugify(f"{ACTION_PLAN} {review.title} {date.isoformat()}"),
    )
    return ActionPlanReport(
        info=info, review=review.title, table_title=table_title, cover=cover, rows=rows,
        questions=[Question(question.number, question.text) for question in review.questions.all()],
        next_steps=[NextStep(step.text, step.due_on, step.done_on) for step in review.steps.all()],
        masthead=masthead,
    )


def highlight(programme: Programme, round_: ReportingRound | None = None) -> HighlightReport:
    """A programme's highlight report for a round: by default the newest round that asked its projects."""
    if round_ is None:
        round_ = _newest_round(ReportingRound.objects.filter(project_updates__project__programme=programme))
        if round_ is None:
            raise ReportError(f"No highlight-report round has been opened for “{programme.name}” yet.")
    elif round_.kind != ReportingRound.Kind.PROGRAMME:
        raise ReportError(f"Round {round_.pk} is a review round; a highlight report needs a programme round.")
    content = _content(round_)
    if not _programme_projects(content, programme.pk, programme.name):
        raise ReportError(f"Round {round_.pk} (“{round_.title}”) did not report on “{programme.name}”.")
    return highlight_from_content(
        content, programme_id=programme.pk, programme_name=programme.name,
        previous=_previous_content(round_, programme_id=programme.pk), **_round_facts(round_),
    )


def highlight_from_content(
    content: dict, *, programme_id: int, programme_name: str, published: bool, published_on: dt.date | None,
    content_hash: str, previous: dict | None = None,
) -> HighlightReport:
    """The highlight report for one programme from a round's content, and the previous published round's content
    when there is one (for what changed since): nothing else is read."""
    round_info = content.get("round", {})
    items = _programme_projects(content, programme_id, programme_name)
    facts = next((p for p in content.get("programmes", []) if p.get("id") == programme_id), {})
    name = facts.get("name") or (items[0].get("programme") if items else programme_name)
    phases = [PhaseKey(p["letter"], p["name"], _colour(p.get("colour"))) for p in facts.get("phases", [])]
    letters = sorted({letter for item in items for letter in item.get("timeline", {}).values()})
    known = {phase.letter for phase in phases}
    # Rounds frozen before the legend was kept name each phase by its letter alone.
    phases += [PhaseKey(letter, letter, "#505a5f") for letter in letters if letter not in known]
    months = _grid_months(facts, items)
    as_at = dt.date.fromisoformat(round_info["as_at"])
    period = round_info.get("period") or as_at.strftime("%B %Y")
    masthead = _masthead(content)
    return HighlightReport(
        info=_info(
            HIGHLIGHT, f"{name}: highlight report, {period}", name, _organisation(content, masthead), published,
            published_on, as_at,
        ),
        programme=name,
        period=period,
        as_at=as_at,
        board=facts.get("board") or round_info.get("committee") or "",
        months=months,
        phases=phases,
        projects=[_project_section(item, months, {p.letter: p for p in phases}) for item in items],
        published=published,
        content_hash=content_hash,
        changes=programme_changes(previous, content, programme_id) if previous is not None else None,
        masthead=masthead,
    )


def round_reports(round_: ReportingRound, content: dict) -> list[tuple[str, int, "ProgressUpdateReport | HighlightReport"]]:
    """Every paper a round makes, as (kind, review or programme id, report): one per review or programme it
    reported on, from the round's content only (its frozen content once published)."""
    facts = _round_facts(round_)
    if content.get("round", {}).get("kind", round_.kind) == ReportingRound.Kind.PROGRAMME:
        programmes = content.get("programmes") or _unique(
            {"id": item.get("programme_id"), "name": item.get("programme", "")} for item in content.get("projects", [])
        )
        previous = previous_contents(round_, programme_ids=[p["id"] for p in programmes], read=_content)
        return [
            (HIGHLIGHT, p["id"], highlight_from_content(
                content, programme_id=p["id"], programme_name=p["name"],
                previous=previous.get(p["id"]), **facts,
            ))
            for p in programmes
        ]
    reviews = content.get("reviews") or _unique({"id": item["review_id"]} for item in content.get("items", []))
    previous = previous_contents(round_, review_ids=[r["id"] for r in reviews], read=_content)
    return [
        (PROGRESS_UPDATE, r["id"], progress_update_from_content(
            content, review_id=r["id"], previous=previous.get(r["id"]), **facts,
        ))
        for r in reviews
    ]


def _unique(records) -> list[dict]:
    seen: dict = {}
    for record in records:
        seen.setdefault(record["id"], record)
    return list(seen.values())


# Helpers for the builders ---------------------------------------------------------------------------------------


def _newest_round(queryset) -> ReportingRound | None:
    return queryset.distinct().order_by("-as_at_on", "-id").first()


def _content(round_: ReportingRound) -> dict:
    if not round_.is_published:
        return round_content(round_)
    try:
        return frozen_content(round_)  # a paper is made only from content that matches its fingerprint
    except TamperedRound as error:
        raise ReportError(str(error)) from None


def _previous_content(round_: ReportingRound, **record) -> dict | None:
    """The frozen content of the council's last round published before this one on the review or programme."""
    previous = previous_round(round_, **record)
    return _content(previous) if previous is not None else None


def _masthead(content: dict) -> Masthead | None:
    try:
        return masthead_from_content(content)
    except MastheadError as error:
        raise ReportError(str(error)) from None


def _organisation(content: dict, masthead: Masthead | None) -> str:
    """The council's name as its papers show it (rounds frozen before that was kept: its name then)."""
    return masthead.name if masthead is not None and masthead.name else content.get("organisation", "")


def _round_facts(round_: ReportingRound) -> dict:
    published_on = timezone.localdate(round_.published_at) if round_.is_published and round_.published_at else None
    return {"published": round_.is_published, "published_on": published_on, "content_hash": round_.content_hash}


def _info(
    kind: str, title: str, name: str, organisation: str, published: bool, published_on, as_at: dt.date
) -> DocumentInfo:
    if published:
        date = published_on or as_at
        status = f"Published {format_uk(date)}"
    else:
        date = timezone.localdate()
        status = "Draft: not yet published"
    return DocumentInfo(
        kind=kind, title=title, organisation=organisation, date=date, status=status,
        filename=slugify(f"{kind} {name} {as_at.isoformat()}"),
    )


def _colour(value: str | None) -> str:
    """A phase colour as a hex colour, grey for anything else (it is printed into styles)."""
    return value if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value) else "#505a5f"


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value not in (None, "") else None


def _level(data: dict) -> Level:
    return Level(code=data["code"], label=data["label"], meaning=data.get("meaning", ""), colour=data.get("colour", "grey"))


def _levels_seen(items: list[dict]) -> list[Level]:
    """The scale's levels as far as the items show them (rounds frozen before the scale was kept)."""
    seen = {}
    for item in items:
        if item.get("assessment"):
            seen.setdefault(item["assessment"], _item_level(item, {}))
    return [seen[code] for code in sorted(seen)]


def _item_level(item: dict, levels: dict[str, Level]) -> Level | None:
    code = item.get("assessment")
    if not code:
        return None
    return levels.get(code) or Level(
        code=code, label=item.get("assessment_label") or "", meaning=item.get("assessment_meaning") or "",
        colour=item.get("assessment_colour") or "grey",
    )


def _frozen_step(number: int, action: dict) -> Step:
    return Step(
        number=number,
        text=action.get("text", ""),
        success_measure=action.get("success_measure", ""),
        target=action.get("target", ""),
        target_on=_date(action.get("target_on")),
        target_text=action.get("target_text", ""),
        revised=[revision["target"] for revision in action.get("revisions", [])],
        lead=action.get("lead", ""),
        lead_name=action.get("lead_name", action.get("lead", "")),
        progress_note=action.get("progress_note", ""),
        revisions=tuple(
            Revision(
                target=revision["target"], target_on=_date(revision.get("target_on")),
                target_text=revision.get("target_text", ""), reason=revision.get("reason", ""),
            )
            for revision in action.get("revisions", [])
        ),
    )


def _live_step(number: int, action) -> Step:
    return Step(
        number=number,
        text=action.text,
        success_measure=action.success_measure,
        target=action.target_display,
        target_on=action.target_on,
        target_text=action.target_text,
        revised=[revision.target_display for revision in action.revisions.all()],
        lead=action.lead_display,
        lead_name=action.lead_name,
        progress_note=action.progress_note,
        revisions=tuple(
            Revision(revision.target_display, revision.target_on, revision.target_text, revision.reason)
            for revision in action.revisions.all()
        ),
    )


def _frozen_saving(item: dict) -> list[Saving]:
    if "saving_estimates" not in item:
        return [Saving(text, "saving", None, None, None, None) for text in item.get("saving", [])]
    return [
        Saving(
            text=estimate["text"], kind=estimate.get("kind", "saving"), min_amount=_decimal(estimate.get("min")),
            max_amount=_decimal(estimate.get("max")), period=estimate.get("period"), cashable=estimate.get("cashable"),
        )
        for estimate in item["saving_estimates"]
    ]


def _live_saving(estimate) -> Saving:
    return Saving(
        text=estimate.text, kind=estimate.kind, min_amount=estimate.min_amount, max_amount=estimate.max_amount,
        period=estimate.period or None, cashable=estimate.cashable,
    )


def _progress_rows(items: list[dict], levels: list[Level]) -> list[RecommendationRow]:
    by_code = {level.code: level for level in levels}
    rows: dict[int, RecommendationRow] = {}
    for item in items:
        key = item["recommendation_id"]
        if key not in rows:
            rows[key] = RecommendationRow(
                number=item.get("number", ""),
                objective=item.get("objective", ""),
                text=item.get("recommendation", ""),
                steps=[_frozen_step(n, action) for n, action in enumerate(item.get("actions", []), start=1)],
                savings=_frozen_saving(item),
                lead=item.get("lead", ""),
                finance_manager=item.get("finance_manager", ""),
                lead_name=item.get("lead_name", item.get("lead", "")),
            )
        step = None
        if item.get("action_id"):
            ids = [action.get("id") for action in item.get("actions", [])]
            step = ids.index(item["action_id"]) + 1 if item["action_id"] in ids else None
        if item.get("state") == ProgressUpdate.State.ASKED and not item.get("evidence"):
            continue
        rows[key].progress.append(
            Progress(
                step=step,
                evidence=item.get("evidence", ""),
                status_text=item.get("status_text", ""),
                savings_to_date=savings_to_date(item),
                savings_amount=_decimal(item.get("savings_amount")),
                savings_basis=item.get("savings_basis", ""),
                level=_item_level(item, by_code),
                reason=item.get("assessment_reason", ""),
                revised_target=item.get("revised_target", ""),
                revised_target_on=_date(item.get("revised_target_on")),
                finance_confirmed_by=item.get("finance_confirmed_by") or "",
            )
        )
    return list(rows.values())


def _tallies(rows: list[RecommendationRow], levels: list[Level]) -> list[Tally]:
    """How many updates were given each assessment, in the scale's order, then those not yet assessed."""
    counts: dict[str | None, int] = {}
    for row in rows:
        codes = [progress.level.code if progress.level else None for progress in row.progress] or [None]
        for code in codes:
            counts[code] = counts.get(code, 0) + 1
    tallies = [Tally(level, counts.get(level.code, 0)) for level in levels]
    if counts.get(None):
        tallies.append(Tally(None, counts[None]))
    return tallies


def _cover_paper(review: Review) -> CommitteePaper | None:
    """The review's newest action-plan cover report. Another kind of paper (a progress update's) is no cover for an
    action plan: without one, the plan is made on its own, dated the day it is made."""
    papers = review.papers.select_related("meeting__committee").order_by("-meeting__held_on", "-id")
    return papers.filter(kind=CommitteePaper.Kind.ACTION_PLAN).first()


def _programme_projects(content: dict, programme_id: int, programme_name: str) -> list[dict]:
    projects = content.get("projects", [])
    chosen = [
        item for item in projects
        if item.get("programme_id", None) == programme_id
        or ("programme_id" not in item and item.get("programme") == programme_name)
    ]
    return sorted(chosen, key=lambda item: (item.get("order", 0), item.get("project_id", 0)))


def _grid_months(facts: dict, items: list[dict]) -> list[dt.date]:
    """The grid's months: the programme's plan when it has one, else every month any project has a phase."""
    starts, ends = _date(facts.get("starts_on")), _date(facts.get("ends_on"))
    used = sorted(dt.date.fromisoformat(f"{month}-01") for item in items for month in item.get("timeline", {}))
    start = starts or (used[0] if used else None)
    end = ends or (used[-1] if used else None)
    if start is None or end is None:
        return []
    return months_between(month_start(start), end)


def _rag_label(letter: str) -> str:
    return Rag(letter).label.split(" (")[0] if letter in Rag.values else ""


def _project_section(item: dict, months: list[dt.date], phases: dict[str, PhaseKey]) -> ProjectSection:
    timeline = dict(sorted(item.get("timeline", {}).items()))
    rag = item.get("rag") or item.get("project_rag") or ""
    budget = _decimal(item.get("budget"))
    state_labels = dict(Milestone.State.choices)
    return ProjectSection(
        number=item.get("number", ""),
        name=item.get("name", ""),
        short_name=item.get("short_name") or item.get("name", ""),
        rag=rag,
        rag_label=_rag_label(rag),
        risk_area=item.get("risk_area", ""),
        objective=item.get("objective", ""),
        key_elements=item.get("key_elements", []),
        resources=item.get("budget_text") or format_pounds(budget),
        other_resources=item.get("other_resources", []),
        impact=item.get("impact", ""),
        lead=item.get("lead", ""),
        plan=[phases.get(timeline.get(month.strftime("%Y-%m"), "")) for month in months],
        timeline=timeline,
        milestones=[
            MilestoneRow(
                date=m.get("date", ""),
                activity=m.get("activity", ""),
                state=m.get("state", ""),
                state_label=m.get("state_text") or state_labels.get(m.get("state", ""), ""),
                # A revised date is the one the paper gives, with the date first agreed after it.
                due_on=_date(m.get("current_due_on") if m.get("first_agreed") else m.get("due_on")),
                due_text=(f"{m['date']} (first agreed {m['first_agreed']})" if m.get("first_agreed")
                          else m.get("due_text") or m.get("date", "")),
                state_text=m.get("state_text", ""),
                first_agreed=m.get("first_agreed", ""),
            )
            for m in item.get("milestones", [])
        ],
        progress_points=item.get("progress_points", []),
        risks=item.get("risks", []),
        indicators=[_indicator_row(indicator) for indicator in item.get("indicators", [])],
        budget=budget,
        spent=_decimal(item.get("spent")),
        savings=_decimal(item.get("savings")),
        voice_and_feedback=item.get("voice_and_feedback") or item.get("project_voice_and_feedback", ""),
        budget_text=item.get("budget_text", ""),
    )


def _benchmark_line(benchmark: dict | None) -> str:
    """"Published 2025 (LA 808): 28.8; neighbours 18.65; England 22.6; worse than neighbours. Source: DfE, OGL v3.0"."""
    if not benchmark:
        return ""

    def shown(key: str) -> str:
        return f"{Decimal(benchmark[key]).normalize():,f}" if benchmark.get(key) is not None else "no figure"

    la = shown("la") if benchmark.get("la") is not None else (benchmark.get("la_symbol") or "no figure")
    better = benchmark.get("better_than_neighbours")
    judged = "" if better is None else ("; better than neighbours" if better else "; worse than neighbours")
    return (f"Published {benchmark['year']} (LA {benchmark['la_code']}): {la}; neighbours {shown('neighbours')}; "
            f"England {shown('england')}{judged}. Source: DfE, Open Government Licence v3.0")


def _indicator_row(data: dict) -> IndicatorRow:
    target, label = _decimal(data.get("target")), "Target"
    if target is None and data.get("green_from") is not None:
        target, label = _decimal(data["green_from"]), "Green from"
    return IndicatorRow(
        name=data["name"],
        description=data.get("description", ""),
        unit=data.get("unit", ""),
        value=data.get("value", ""),
        value_number=_decimal(data.get("value_number")),
        rag=data.get("rag", ""),
        rag_label=_rag_label(data.get("rag", "")),
        period=data.get("period", ""),
        target=target,
        target_label=label,
        benchmark=_benchmark_line(data.get("benchmark")),
        readings=[
            Reading(reading["label"], Decimal(reading["value"]))
            for reading in data.get("readings", [])
            if reading.get("value") is not None
        ],
    )
