"""Creating a paper's records from its extraction, only through the reviews and programmes operations.

Called by `operations.apply_import` inside its one transaction, and by `preview_import`, which runs the same calls
and rolls them back, so that what a person is shown is exactly what applying would create.

Keys added to `cairn-extract/1` after its first documents (a cover report, key questions, next steps, revised
targets, a project's outline...) are read with a default: a batch staged before they were added still applies.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from cairn.lib.dates import FinancialYear, Precision, find_dates
from cairn.lib.money import parse_amount, parse_estimate
from cairn.lib.text import key
from cairn.programmes import operations as programmes
from cairn.programmes.models import Indicator, Programme, Project
from cairn.reviews import operations as reviews
from cairn.reviews.models import (
    AssessmentLevel,
    AssessmentScale,
    Committee,
    CommitteePaper,
    Meeting,
    Recommendation,
    ReportingRound,
    Review,
    SavingEstimate,
)

from .parsers.highlights import unit_in_name

PAPER_KINDS = {
    "progress_update": CommitteePaper.Kind.PROGRESS_UPDATE,
    "action_plan": CommitteePaper.Kind.ACTION_PLAN,
    "presentation": CommitteePaper.Kind.PRESENTATION,
}
_FINANCIAL_YEAR = re.compile(r"\s*(?:for|in)?\s*\b((?:19|20)\d{2})\s*[-/–]\s*(\d{2,4})\b")
_OWNER = re.compile(r"^(?P<owner>[A-Z][a-z]+(?: [A-Z][a-z'-]+){1,2}):\s+")


@dataclass
class Created:
    """What applying a batch created (or would create), for the summary and the batch's record."""

    reviews: list = field(default_factory=list)
    programmes: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    held: set = field(default_factory=set)  # (kind, id) of the reviews and programmes already held that were joined

    def touched(self, record, *, new: bool) -> None:
        bucket = self.reviews if isinstance(record, Review) else self.programmes
        if all(existing.pk != record.pk for existing in bucket):
            bucket.append(record)
        if not new:
            self.held.add((record._meta.model_name, record.pk))

    def was_held(self, record) -> bool:
        """Whether the paper joins this review or programme rather than creating it."""
        return (record._meta.model_name, record.pk) in self.held

    def summary(self) -> dict:
        return {
            "reviews": [review.pk for review in self.reviews],
            "programmes": [programme.pk for programme in self.programmes],
            "counts": dict(sorted(self.counts.items())),
            "notes": list(self.notes),
        }


def build_records(
    organisation, extraction: dict, *, by, source: str, review: Review | None = None, programme: Programme | None = None,
    statuses: dict[str, str] | None = None,
) -> Created:
    """Create what the extraction holds: call inside a transaction.

    `review` and `programme` are the held ones a person chose for the paper's records to join; without them, one
    held with the paper's title is joined, or a new one is created. `statuses` gives the level code confirmed for
    each status word (by its matching form): an update with no category of its own takes that level.
    """
    for chosen in (review, programme):
        if chosen is not None and chosen.organisation_id != organisation.pk:
            raise ValidationError(f"{chosen} is another council's; choose one of {organisation}'s own.")
    created = Created()
    document = extraction["document"]
    meeting = _meeting(organisation, document, by, created)
    chosen_review, review = review, None
    if extraction["recommendations"]:
        review = _review(organisation, document, by, created, source, meeting, chosen_review)
        _recommendations(review, extraction, by, created, meeting, source, statuses or {})
    if makes_review(extraction):
        review = review or _review(organisation, document, by, created, source, meeting, chosen_review)
        _figures(review, extraction, by, created)
        _budget_lines(review, extraction, by, created)
        _questions(review, extraction, by, created)
        _next_steps(review, extraction, by, created)
    if extraction["projects"]:
        _programme(organisation, extraction, by, created, source, meeting, programme)
    cover, sections = extraction.get("cover"), extraction.get("sections") or []
    if meeting is not None and review is not None and document["family"] in PAPER_KINDS:
        paper = reviews.create_paper(
            meeting, by=by, review=review, kind=PAPER_KINDS[document["family"]],
            title=_fit(document["title"] or review.title, 300, created), **_cover(cover or {}, created),
        )
        created.counts["papers"] += 1
        _sections(paper, sections, by, created)
    elif cover or sections:
        created.notes.append(
            "The paper itself (its cover report or sections) was not recorded: a paper is filed at a meeting, and "
            "this one does not give its committee and meeting date, or has nothing for a review."
        )
    return created


def preview_import(
    organisation, extraction: dict, *, by, source: str, review: Review | None = None, programme: Programme | None = None,
    statuses: dict[str, str] | None = None,
) -> Created:
    """What applying would create, found by doing it and rolling it back; any problem is raised as it would be."""
    with transaction.atomic():
        created = build_records(
            organisation, extraction, by=by, source=source, review=review, programme=programme, statuses=statuses
        )
        transaction.set_rollback(True)
    return created


def makes_review(extraction: dict) -> bool:
    """Whether the paper's records go in a review: recommendations, figures, budget lines, key questions or next
    steps."""
    return bool(
        extraction["recommendations"] or extraction["figures"] or extraction["budget_lines"]
        or extraction.get("questions") or extraction.get("next_steps")
    )


def makes_programme(extraction: dict) -> bool:
    """Whether the paper's records go in a programme: a highlight report's projects."""
    return bool(extraction["projects"])


# -- helpers ---------------------------------------------------------------------------------------------------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _fit(text: str | None, length: int, created: Created) -> str:
    """Text cut to a field's length; the whole stays in the batch's extraction, and the cut is noted."""
    text = text or ""
    if len(text) <= length:
        return text
    created.notes.append(f"Shortened to {length} characters: {text[:60]}…")
    return text[: length - 1] + "…"


def _precision(text: str | None, on: dt.date | None) -> str:
    if on is None:
        return Precision.NONE
    for _start, _end, parsed in find_dates(text or ""):
        if parsed.on == on:
            return parsed.precision
    return Precision.DAY


def _first(queryset, wanted: str, attribute: str):
    return next((item for item in queryset if key(getattr(item, attribute)) == key(wanted)), None)


# -- committees, meetings and reviews --------------------------------------------------------------------------------


def _meeting(organisation, document: dict, by, created: Created) -> Meeting | None:
    if not document["committee"]:
        return None
    committee = _first(Committee.objects.for_organisation(organisation), document["committee"], "name")
    if committee is None:
        committee = reviews.create_committee(organisation, by=by, name=_fit(document["committee"], 200, created))
        created.counts["committees"] += 1
    held_on = _date(document["meeting_date"])
    if held_on is None:
        return None
    meeting = Meeting.objects.filter(committee=committee, held_on=held_on).first()
    if meeting is None:
        meeting = reviews.schedule_meeting(committee, by=by, held_on=held_on)
        created.counts["meetings"] += 1
    return meeting


def review_title(title: str | None, source: str) -> str:
    """The review a paper is about: "Progress Update – EIT Review of Child Placements" is about the part after the dash."""
    if not title:
        return f"Review imported from {source}"
    for part in re.split(r"\s+[–—-]\s+", title)[1:]:
        if "review" in part.lower():
            return part.strip()
    return title


def review_kind(title: str) -> str:
    words = key(title)
    for marker, kind in (("gateway", "gateway"), ("best value", "best_value"), ("eit", "efficiency"),
                         ("efficiency", "efficiency"), ("scrutiny", "scrutiny"), ("inspection", "inspection")):
        if re.search(rf"\b{marker}\b", words):
            return kind
    return Review.Kind.OTHER


def _review(
    organisation, document: dict, by, created: Created, source: str, meeting: Meeting | None, chosen: Review | None
) -> Review:
    title = review_title(document["title"], source)
    review = chosen or _first(Review.objects.for_organisation(organisation), title, "title")
    if review is not None:
        created.touched(review, new=False)
        return review
    state = Review.State.SCOPING if document["family"] == "presentation" else Review.State.MONITORING
    review = reviews.create_review(
        organisation, by=by, kind=review_kind(title), title=_fit(title, 300, created), state=state,
        committee=meeting.committee if meeting else None,
    )
    created.counts["reviews"] += 1
    created.touched(review, new=True)
    return review


def _cover(cover: dict, created: Created) -> dict:
    """A cover report's fields for its CommitteePaper."""
    email = cover.get("contact_email") or ""
    if email:
        try:
            validate_email(email)
        except ValidationError:
            created.notes.append(f"The contact officer's e-mail address was not recorded, as it is not one: {email}")
            email = ""
    return {
        "agenda_item": _fit(cover.get("agenda_item"), 20, created),
        "summary": cover.get("summary") or "",
        "detail": "\n".join(cover.get("detail") or []),
        "contact_name": _fit(cover.get("contact_name"), 200, created),
        "contact_post": _fit(cover.get("contact_post"), 200, created),
        "contact_phone": _fit(cover.get("contact_phone"), 40, created),
        "contact_email": email,
    }


def _sections(paper: CommitteePaper, sections: list[dict], by, created: Created) -> None:
    """A presentation's sections, in order, each with its presenter and its slides' points one to a line."""
    for order, section in enumerate(sections, 1):
        reviews.add_paper_section(
            paper, by=by, order=order, heading=_fit(section["heading"], 200, created),
            presenter_name=_fit(section["presenter_name"], 200, created),
            presenter_post=_fit(section["presenter_post"], 200, created), body="\n".join(section["body"]),
        )
        created.counts["paper sections"] += 1


def _questions(review: Review, extraction: dict, by, created: Created) -> None:
    """The review's key questions, numbered as printed (or after those it has); one it already holds is not added."""
    held = list(review.questions.all())
    known = {key(question.text) for question in held}
    number = max((question.number for question in held), default=0)
    for item in extraction.get("questions") or []:
        if key(item["text"]) in known:
            continue
        number = item["number"] or number + 1
        reviews.add_review_question(review, by=by, number=number, text=item["text"])
        known.add(key(item["text"]))
        created.counts["key questions"] += 1


def _next_steps(review: Review, extraction: dict, by, created: Created) -> None:
    """The review's next steps, after those it has; one it already holds is not added."""
    held = list(review.steps.all())
    known = {key(step.text) for step in held}
    order = max((step.order for step in held), default=0)
    for item in extraction.get("next_steps") or []:
        due = _date(item.get("due"))
        # A date in words that give no day stays in the step's words.
        text = item["text"] if due or not item.get("due_text") else f"{item['text']} ({item['due_text']})"
        if key(text) in known:
            continue
        order += 1
        reviews.add_review_step(
            review, by=by, text=_fit(text, 300, created), due_on=due, order=order, done_on=_date(item.get("done"))
        )
        known.add(key(text))
        created.counts["next steps"] += 1


# -- recommendations, steps, savings and progress --------------------------------------------------------------------


def _recommendations(
    review: Review, extraction: dict, by, created: Created, meeting: Meeting | None, source: str, statuses: dict
) -> None:
    family = extraction["document"]["family"]
    existing = list(review.recommendations.all())
    shared: dict[str, tuple[dict, list[Recommendation]]] = {}
    reported: list[tuple[Recommendation, dict]] = []
    kept: list[str] = []  # held already, in the same words
    differing: list[str] = []  # held already under the same number, in other words
    for order, item in enumerate(extraction["recommendations"], 1):
        recommendation = _existing_recommendation(existing, item)
        if recommendation is None:
            recommendation = reviews.create_recommendation(
                review, by=by, number=_fit(item["number"], 20, created), order=order,
                objective=_fit(item["objective"], 500, created), text=item["text"],
                lead_name=_fit(item["lead"], 200, created),
                finance_manager_name=_fit(item["finance_manager"], 200, created),
            )
            created.counts["recommendations"] += 1
            _steps(recommendation, item, family, by, created, source)
            if item["saving"] is not None and parse_estimate(item["saving"]["text"]) is not None:
                text = item["saving"]["text"]
                shared.setdefault(key(text), (item["saving"], []))[1].append(recommendation)
        else:
            _later_revisions(recommendation, item, by, created, source)
            (kept if _same_words(recommendation.text, item["text"]) else differing).append(recommendation.number)
        if item["progress"] is not None and family == "progress_update":
            reported.append((recommendation, item["progress"]))
    for saving, recommendations in shared.values():
        _saving(review, saving, recommendations, by, created)
    if kept:
        created.notes.append(
            f"{_numbered(kept)} {'is' if len(kept) == 1 else 'are'} already in “{review.title}”: the text, steps and "
            "savings held are kept (corrections to them here are not applied); the paper adds its progress and revised "
            "targets."
        )
    for number in differing:
        created.notes.append(
            f"Recommendation {number} in “{review.title}” has other words than recommendation {number} in this paper. "
            "The paper's progress is recorded against the one held: check that the paper is about this review."
        )
    if reported:
        _progress(review, extraction, reported, by, created, meeting, source, statuses)


def _same_words(held: str, printed: str) -> bool:
    """Whether two texts are the same recommendation, allowing for retyping: most of their words are shared."""
    held_words, printed_words = set(key(held).split()), set(key(printed).split())
    if not held_words or not printed_words:
        return held_words == printed_words
    return len(held_words & printed_words) / len(held_words | printed_words) >= 0.6


def _numbered(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"Recommendation {numbers[0]}"
    return f"Recommendations {', '.join(numbers[:-1])} and {numbers[-1]}"


def _existing_recommendation(existing: list[Recommendation], item: dict) -> Recommendation | None:
    if item["number"]:
        return next((rec for rec in existing if rec.number == item["number"]), None)
    return next((rec for rec in existing if key(rec.text) == key(item["text"])), None)


def _steps(recommendation: Recommendation, item: dict, family: str, by, created: Created, source: str) -> None:
    note = ""
    if family == "action_plan" and item["progress"]:
        progress = item["progress"]
        note = ". ".join(part.rstrip(".") if index == 0 else part
                         for index, part in enumerate(filter(None, [progress["status"], progress["evidence"]])))
    for order, step in enumerate(item["steps"], 1):
        due = _date(step["due"])
        action = reviews.add_action(
            recommendation, by=by, order=order, text=step["action"] or "", success_measure=step["success_measure"] or "",
            target_on=due, target_precision=_precision(step["due_text"], due),
            target_text=_fit(step["due_text"], 200, created), lead_name=_fit(step["lead"], 200, created),
            progress_note=note if order == 1 else "",
        )
        created.counts["actions"] += 1
        for revision in step.get("revisions") or []:
            _revise(action, revision, by, created, source)


def _later_revisions(recommendation: Recommendation, item: dict, by, created: Created, source: str) -> None:
    """Revised targets a later paper prints for the steps of a recommendation already held (step by step, in
    order), other than those the step already has."""
    for action, step in zip(recommendation.actions.all(), item["steps"]):
        revisions = list(action.revisions.all())
        # A revision is known by its date, or by its words where it has none (Cairn prints a date it holds in words).
        dates = {revision.target_on for revision in revisions if revision.target_on}
        words = {key(revision.target_text) for revision in revisions if not revision.target_on}
        for revision in step.get("revisions") or []:
            due = _date(revision["due"])
            if (due not in dates) if due else (key(revision["due_text"]) not in words):
                _revise(action, revision, by, created, source)


def _revise(action, revision: dict, by, created: Created, source: str) -> None:
    # The paper gives the revised date but not why; the reason says where it was read.
    revised_on = _date(revision["due"])
    reviews.revise_action_target(
        action, by=by, target_on=revised_on, target_precision=_precision(revision["due_text"], revised_on),
        target_text=_fit(revision["due_text"], 200, created),
        reason=revision.get("reason") or f"Revised target printed in {source}.",
    )
    created.counts["target revisions"] += 1


def _saving(review: Review, saving: dict, recommendations: list[Recommendation], by, created: Created) -> None:
    text = saving["text"]
    words = text.lower()
    is_cost = bool(re.search(r"\bcosts?\b", words)) and "saving" not in words
    reviews.create_saving_estimate(
        review, by=by, recommendations=recommendations,
        kind=SavingEstimate.Kind.COST if is_cost else SavingEstimate.Kind.SAVING, text=text,
        min_amount=_money(saving["min"]), max_amount=_money(saving["max"]), period=saving["period"] or "",
        cashable=saving["cashable"],
    )
    created.counts["saving estimates"] += 1


def _progress(
    review, extraction: dict, reported: list, by, created: Created, meeting: Meeting | None, source: str,
    statuses: dict,
) -> None:
    """One round as at the paper's date, its updates saved as written and the round published: the committee saw it."""
    document = extraction["document"]
    as_at = _date(document["as_at"]) or next((_date(p["as_at"]) for _, p in reported if p["as_at"]), None)
    as_at = as_at or (meeting.held_on if meeting else None)
    if as_at is None:
        created.notes.append("Progress was not recorded: the paper does not say the date it reports as at.")
        return
    scale = AssessmentScale.objects.filter(organisation=review.organisation, is_active=True).first()
    if scale is None and any(p["category"] is not None for _, p in reported):
        scale = reviews.create_assessment_scale(review.organisation, by=by)
        created.counts["assessment scales"] += 1
    levels = {level.code: level for level in scale.levels.all()} if scale else {}
    held = ReportingRound.objects.filter(
        organisation=review.organisation, as_at_on=as_at, updates__recommendation__review=review
    ).first()
    if held is not None:
        # The same paper saved again (as .docx and .pdf, say) must not publish the same progress twice.
        created.notes.append(
            f"Progress as at {as_at:%d/%m/%Y} is already held for this review, in “{held.title}”: it was not "
            "imported again."
        )
        return
    round_ = reviews.open_round(
        review.organisation, by=by, title=_fit(document["title"] or f"Progress as at {as_at:%d/%m/%Y}", 300, created),
        as_at_on=as_at, deadline_on=as_at, meeting=meeting, recommendations=[rec for rec, _ in reported],
        imported_from=_fit(source, 300, created),
    )
    created.counts["reporting rounds"] += 1
    progress_for = {rec.pk: progress for rec, progress in reported}
    for update in round_.updates.all():
        progress = progress_for[update.recommendation_id]
        fields = {
            "evidence": progress["evidence"] or "",
            "status_text": _fit(progress["status"], 100, created),
            "savings_text": _fit(progress["savings_to_date"], 300, created),
            "assessment_reason": progress["category_reason"] or "",
            "revised_target_text": _fit(progress.get("revised_due_text"), 200, created),
            "revised_target_on": _date(progress.get("revised_due")),
        }
        if progress["category"] is not None:
            level = levels.get(str(progress["category"]))
            if level is None:
                created.notes.append(f"Category {progress['category']} is not on the council's assessment scale.")
            fields["level"] = level
        elif progress["status"] and (code := statuses.get(key(" ".join(progress["status"].split())))) in levels:
            fields["level"] = levels[code]  # the status word's level, as an officer confirmed it
        amount = parse_amount(progress["savings_to_date"] or "")
        if amount is not None:
            fields["savings_amount"] = amount
        update = reviews.save_progress_update(update, by=by, **fields)
        # What the committee saw was accepted for it: not left as a lead's draft in a published round.
        reviews.accept_progress_update(update, by=by)
        created.counts["progress updates"] += 1
        if update.level is not None and update.level.meaning == AssessmentLevel.Meaning.COMPLETE:
            # Fully achieved as at the paper's date: its steps are done then, not overdue for ever after.
            for action in update.recommendation.actions.filter(completed_on=None):
                reviews.complete_action(action, by=by, completed_on=as_at)
    reviews.publish_round(round_, by=by)


# -- presentations: figures and budgets ------------------------------------------------------------------------------


def _period(document: dict) -> FinancialYear | None:
    day = _date(document["meeting_date"]) or _date(document["as_at"])
    return FinancialYear.of(day) if day else None


def _figures(review: Review, extraction: dict, by, created: Created) -> None:
    year = _period(extraction["document"])
    for figure in extraction["figures"]:
        held = Indicator.objects.for_organisation(review.organisation).filter(reviews=review)
        indicator = _first(held, figure["name"], "name")
        if indicator is None:
            indicator = programmes.create_indicator(
                review.organisation, by=by, name=_fit(figure["name"], 300, created),
                unit=_fit(figure["unit"], 50, created), reviews=[review],
            )
            created.counts["indicators"] += 1
        if year is None:
            created.notes.append(f"No reading for {figure['name']}: the paper gives no date to file it under.")
            continue
        if indicator.readings.filter(period_start=year.starts_on).exists():
            created.notes.append(f"{figure['name']} already has a reading for {year}.")
            continue
        low, high = _money(figure["low"]), _money(figure["high"])
        programmes.record_reading(
            indicator, by=by, period_start=year.starts_on, period_label=str(year), rag="",
            value=low if low == high else None, value_low=None if low == high else low,
            value_high=None if low == high else high,
        )
        created.counts["readings"] += 1


def _budget_lines(review: Review, extraction: dict, by, created: Created) -> None:
    document = extraction["document"]
    lines = extraction["budget_lines"]
    stated = [_FINANCIAL_YEAR.search(line["name"]) for line in lines]
    # A year stated on one line ("Overall budget for 2011-12") holds for the lines after it.
    default = _period(document)
    for line, year_match in zip(lines, stated):
        name = line["name"]
        if year_match:
            default = FinancialYear.parse(f"{year_match.group(1)}-{year_match.group(2)}")
            name = (name[: year_match.start()] + name[year_match.end() :]).strip()
        if default is None:
            created.notes.append(f"Budget line '{line['name']}' was not recorded: no financial year is given.")
            continue
        variance = _money(line["variance"])
        programmes.add_budget_line(
            review.organisation, by=by, name=_fit(name, 300, created), financial_year=default.start_year,
            budget=_money(line["budget"]), projected_variance=variance,
            projected_on=_date(document["meeting_date"]) if variance is not None else None, review=review,
        )
        created.counts["budget lines"] += 1


# -- programmes ------------------------------------------------------------------------------------------------------


def programme_name(title: str | None, source: str) -> str:
    """The programme a highlight report is about: its title."""
    return title or f"Programme imported from {source}"


def _programme(
    organisation, extraction: dict, by, created: Created, source: str, meeting: Meeting | None,
    chosen: Programme | None,
) -> None:
    document = extraction["document"]
    months = sorted(month for item in extraction["projects"] for month in item["timeline"])
    name = programme_name(document["title"], source)
    programme = chosen or _first(Programme.objects.for_organisation(organisation), name, "name")
    if programme is None:
        programme = programmes.create_programme(
            organisation, by=by, name=_fit(name, 300, created),
            starts_on=dt.date.fromisoformat(months[0] + "-01") if months else None,
            ends_on=dt.date.fromisoformat(months[-1] + "-01") if months else None,
            board=meeting.committee if meeting else None,
        )
        created.counts["programmes"] += 1
        created.touched(programme, new=True)
    else:
        created.touched(programme, new=False)
    as_at = _date(document["as_at"])
    reported = []
    existing = {project.number: project for project in programme.projects.all() if project.number}
    for order, item in enumerate(extraction["projects"], 1):
        project = existing.get(item["number"]) if item["number"] else None
        outline = _outline(item, created)
        if project is None:
            project = programmes.create_project(
                programme, by=by, number=_fit(item["number"], 20, created), order=order,
                name=_fit(item["name"], 300, created), rag=item["rag"] or "",
                risk_area=_fit(item["risk_area"], 300, created), objective=item["objective"] or "",
                budget=_money(item["budget"]), **outline,
            )
            created.counts["projects"] += 1
        else:
            # The paper's RAG and headline risk are the project's now; its outline fills in what the paper gives.
            fields = {"rag": item["rag"] or "", "risk_area": _fit(item["risk_area"], 300, created), **outline}
            changes = {name: value for name, value in fields.items() if getattr(project, name) != value}
            if changes:
                programmes.update_project(project, by=by, **changes)
        _project_detail(project, item, as_at, by, created)
        reported.append((project, item))
    if as_at is None:
        created.notes.append("No highlight report round: the report does not say the month it reports.")
        return
    label = as_at.strftime("%B %Y")
    round_ = programmes.open_programme_round(
        programme, by=by, title=label, as_at_on=as_at, deadline_on=as_at, period_label=label, meeting=meeting,
        imported_from=_fit(source, 300, created),
    )
    created.counts["reporting rounds"] += 1
    items = {project.pk: item for project, item in reported}
    for update in round_.project_updates.all():
        item = items.get(update.project_id)
        if item is None:
            continue
        programmes.save_project_update(
            update, by=by, rag=item["rag"] or "", progress_points="\n".join(item["progress_points"]),
            risks_text="\n".join(item["risks"]), spent=_money(item.get("spent")), savings=_money(item.get("savings")),
            voice_and_feedback=item.get("voice_and_feedback") or "",
        )
        created.counts["project updates"] += 1
    reviews.publish_round(round_, by=by)


def _outline(item: dict, created: Created) -> dict:
    """What a paper says of a project beyond its headline: only the fields it gives, so none is emptied."""
    fields = {
        "short_name": _fit(item.get("short_name"), 100, created),
        "key_elements": "\n".join(item.get("key_elements") or []),
        "budget_text": _fit(item.get("budget_text"), 200, created),
        "other_resources": "\n".join(item.get("other_resources") or []),
        "impact": item.get("impact") or "",
        "lead_name": _fit(item.get("lead"), 200, created),
    }
    return {name: value for name, value in fields.items() if value}


def _project_detail(project: Project, item: dict, as_at: dt.date | None, by, created: Created) -> None:
    if item["timeline"]:
        plan = {dt.date.fromisoformat(month + "-01"): letter for month, letter in item["timeline"].items()}
        programmes.set_phase_plan(project, by=by, plan=plan)
        created.counts["phase plans"] += 1
    known = {(key(m.activity), m.due_text) for m in project.milestones.all()}
    for order, milestone in enumerate(item["milestones"], 1):
        due_text = _fit(milestone["date_text"], 100, created)
        if (key(milestone["activity"]), due_text) in known:
            continue
        due = _date(milestone["date"])
        spans = [parsed for _, _, parsed in find_dates(milestone["date_text"] or "") if parsed.on == due and due]
        programmes.add_milestone(
            project, by=by, order=order, activity=milestone["activity"], due_on=due, due_text=due_text,
            due_precision=_precision(milestone["date_text"], due), starts_on=spans[0].starts_on if spans else None,
            state=milestone["state"] or "", state_text=_fit(milestone["state_text"], 50, created),
        )
        created.counts["milestones"] += 1
    for metric in item["metrics"]:
        _metric(project, metric, as_at, by, created)
    open_risks = {key(risk.text) for risk in project.risks.all()}
    for text in item["risks"]:
        if key(text) in open_risks:
            continue
        owner = _OWNER.match(text)
        programmes.record_risk(
            project.organisation, by=by, project=project, text=text, kind="risk", state="open",
            owner_name=owner.group("owner") if owner else "",
        )
        created.counts["risks"] += 1


def _metric(project: Project, metric: dict, as_at: dt.date | None, by, created: Created) -> None:
    indicator = _first(project.indicators.all(), metric["name"], "name")
    if indicator is None:
        name = metric["name"]
        # A batch staged before metrics had a unit: the name says it, as the parser reads it now.
        unit = metric["unit"] if "unit" in metric else unit_in_name(name)
        indicator = programmes.create_indicator(
            project.organisation, by=by, name=_fit(name, 300, created), unit=_fit(unit, 50, created),
            description=metric.get("description") or "", projects=[project],
        )
        created.counts["indicators"] += 1
    if metric["value"] is None and metric["rag"] is None:
        return
    if as_at is None:
        created.notes.append(f"No reading for {metric['name']}: the report gives no month.")
        return
    period_start = as_at.replace(day=1)
    if indicator.readings.filter(period_start=period_start).exists():
        created.notes.append(f"{metric['name']} already has a reading for {as_at:%B %Y}.")
        return
    programmes.record_reading(
        indicator, by=by, period_start=period_start, period_label=as_at.strftime("%B %Y"),
        value=_money(metric["value"]), rag=metric["rag"] or "",
    )
    created.counts["readings"] += 1
