"""The content of a reporting round as the committee sees it: plain data, frozen when the round is published.

Keys are only ever added, never renamed or removed: rounds published before a key was added lack it, and the
documents made from them (cairn/reports) read every key with a default.
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch

from cairn.lib.dates import format_uk
from cairn.lib.money import format_pounds

from .models import Action, AssessmentScale, CommitteePaper, ProgressUpdate, ReportingRound, Review

# How many of an indicator's readings, up to the round's date, a highlight report keeps for its trend chart.
TREND_READINGS = 12


def _text(value) -> str | None:
    return None if value is None else str(value)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def round_content(round_: ReportingRound) -> dict:
    """What the round reports, as plain JSON data: recommendations' progress, or projects' highlight reports."""
    content = {
        "round": {
            "kind": round_.kind,
            "title": round_.title,
            "period": round_.period_label,
            "as_at": round_.as_at_on.isoformat(),
            "meeting": str(round_.meeting) if round_.meeting else None,
            "id": round_.pk,
            "meeting_on": _iso(round_.meeting.held_on) if round_.meeting else None,
            "committee": round_.meeting.committee.name if round_.meeting else None,
        },
        "items": _recommendation_items(round_),
        "organisation": round_.organisation.name,
        "scale": _scale(round_),
    }
    content["reviews"] = _reviews(content["items"])
    content["covers"] = _covers(round_, content["reviews"])
    content["council"] = _council(round_)
    if round_.kind == ReportingRound.Kind.PROGRAMME:
        content["projects"] = _project_items(round_)
        content["programmes"] = _programmes(content["projects"])
    return content


def _council(round_: ReportingRound) -> dict:
    """The name and logo the council's papers carry: the logo by id and the SHA-256 of its bytes, so a published
    round's paper prints the very logo it was published with, whatever the council uploads later."""
    from cairn.accounts.models import CouncilLogo, Organisation

    organisation = Organisation.objects.only("name", "paper_name", "logo").get(pk=round_.organisation_id)  # as now
    logo = (CouncilLogo.objects.filter(pk=organisation.logo_id).values("id", "sha256", "content_type", "width", "height")
            .first() if organisation.logo_id else None)
    return {"name": organisation.shown_name, "logo": logo}


def _scale(round_: ReportingRound) -> dict | None:
    """The organisation's active assessment scale: the key printed with the round."""
    scale = AssessmentScale.objects.filter(organisation_id=round_.organisation_id, is_active=True).first()
    if scale is None:
        return None
    return {
        "name": scale.name,
        "levels": [
            {"code": level.code, "label": level.label, "meaning": level.meaning, "colour": level.colour}
            for level in scale.levels.all()
        ],
    }


def _reviews(items: list[dict]) -> list[dict]:
    ids = sorted({item["review_id"] for item in items})
    reviews = Review.objects.filter(pk__in=ids).select_related("committee").order_by("title", "pk")
    return [
        {
            "id": review.pk,
            "title": review.title,
            "kind": review.kind,
            "committee": review.committee.name if review.committee else None,
        }
        for review in reviews
    ]


def _covers(round_: ReportingRound, reviews: list[dict]) -> list[dict]:
    """Each reported review's progress update cover report, written for the round's meeting, as it reads now."""
    if round_.meeting_id is None or not reviews:
        return []
    papers = CommitteePaper.objects.filter(
        meeting_id=round_.meeting_id, review_id__in=[review["id"] for review in reviews],
        kind=CommitteePaper.Kind.PROGRESS_UPDATE,
    ).select_related("meeting__committee").order_by("review_id", "pk")
    return [
        {
            "review_id": paper.review_id,
            "agenda_item": paper.agenda_item,
            "committee": paper.meeting.committee.name,
            "meeting_on": paper.meeting.held_on.isoformat(),
            "title": paper.title,
            "summary": paper.summary,
            "detail": paper.detail_paragraphs,
            "contact_name": paper.contact_name,
            "contact_post": paper.contact_post,
            "contact_phone": paper.contact_phone,
            "contact_email": paper.contact_email,
        }
        for paper in papers
    ]


def _programmes(projects: list[dict]) -> list[dict]:
    from cairn.programmes.models import Programme

    ids = sorted({project["programme_id"] for project in projects})
    programmes = Programme.objects.filter(pk__in=ids).select_related("board").prefetch_related("phases")
    return [
        {
            "id": programme.pk,
            "name": programme.name,
            "summary": programme.summary,
            "board": programme.board.name if programme.board else None,
            "starts_on": _iso(programme.starts_on),
            "ends_on": _iso(programme.ends_on),
            "phases": [
                {"letter": phase.letter, "name": phase.name, "colour": phase.colour} for phase in programme.phases.all()
            ],
        }
        for programme in programmes
    ]


def _project_items(round_: ReportingRound) -> list[dict]:
    from cairn.programmes.models import ProjectUpdate

    updates = (
        ProjectUpdate.objects.filter(round=round_)
        .select_related("project__programme", "project__lead")
        .prefetch_related(
            "project__milestones__revisions", "project__milestones__owner", "project__phase_plan__phase",
            "project__indicators__readings",
        )
        .order_by("project__order", "project_id")
    )
    from cairn.benchmarks.context import latest_benchmarks

    updates = list(updates)
    benchmarks = latest_benchmarks([i for update in updates for i in update.project.indicators.all()])
    return [project_item(update, round_.as_at_on, benchmarks) for update in updates]


def project_item(update, as_at: dt.date, benchmarks: dict | None = None) -> dict:
    """One project's highlight report as a round's content holds it (and freezes it when the round is published)."""
    if benchmarks is None:
        from cairn.benchmarks.context import latest_benchmarks

        benchmarks = latest_benchmarks(update.project.indicators.all())
    return {
        "project_id": update.project_id,
        "programme": update.project.programme.name,
        "number": update.project.number,
        "name": update.project.name,
        "short_name": update.project.short_name,
        "risk_area": update.project.risk_area,
        "state": update.state,
        "rag": update.rag,
        "progress_points": update.progress_lines,
        "risks": update.risk_lines,
        "budget": _text(update.project.budget),
        "spent": _text(update.spent),
        "savings": _text(update.savings),
        "voice_and_feedback": update.voice_and_feedback,
        "timeline": {entry.month.strftime("%Y-%m"): entry.phase.letter for entry in update.project.phase_plan.all()},
        "milestones": [
            {
                # The date the board is told now; the date first agreed beside it once it has been revised.
                "date": m.current_due_display,
                "first_agreed": m.due_display if m.latest_revision else "",
                "revisions": len(m.revisions.all()),
                "current_due_on": _iso(m.current_due_on),
                "completed_on": _iso(m.completed_on),
                "owner": m.owner_display,
                "activity": m.activity,
                "state": m.state,
                "state_text": m.state_text,
                "order": m.order,
                "starts_on": _iso(m.starts_on),
                "due_on": _iso(m.due_on),
                "due_precision": m.due_precision,
                "due_text": m.due_text,
            }
            for m in update.project.milestones.all()
        ],
        "programme_id": update.project.programme_id,
        "order": update.project.order,
        "objective": update.project.objective,
        "key_elements": update.project.key_element_lines,
        "budget_text": update.project.budget_text,
        "other_resources": update.project.resource_lines,
        "impact": update.project.impact,
        "lead": update.project.lead_name or (update.project.lead.display_name if update.project.lead else ""),
        "project_rag": update.project.rag,
        "project_voice_and_feedback": update.project.voice_and_feedback,
        "indicators": [
            _indicator(indicator, as_at, benchmarks.get(indicator.pk)) for indicator in update.project.indicators.all()
        ],
    }


def _indicator(indicator, as_at: dt.date, benchmark=None) -> dict:
    """An indicator as at the round's date: its latest reading then, the trend leading up to it, and the latest
    published figures of its benchmark (DfE statistics) where it is linked to one."""
    readings = sorted(
        (reading for reading in indicator.readings.all() if reading.period_start <= as_at),
        key=lambda reading: reading.period_start,
    )
    latest = readings[-1] if readings else None
    return {
        "name": indicator.name,
        "description": indicator.description,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "target": _text(indicator.target),
        "green_from": _text(indicator.green_from),
        "amber_from": _text(indicator.amber_from),
        "value": latest.display_value if latest else "",
        "value_number": _text(latest.value) if latest else None,
        "rag": latest.rag if latest else "",
        "period": (latest.period_label or latest.period_start.strftime("%b %Y")) if latest else "",
        "period_start": _iso(latest.period_start) if latest else None,
        "readings": [
            {
                "period_start": reading.period_start.isoformat(),
                "label": reading.period_label or reading.period_start.strftime("%b %y"),
                "value": _text(reading.value),
                "rag": reading.rag,
            }
            for reading in readings[-TREND_READINGS:]
        ],
        **({"benchmark": _benchmark(benchmark)} if benchmark else {}),
    }


def _benchmark(benchmark) -> dict:
    return {
        "year": benchmark.year, "la_code": benchmark.la_code, "la": _text(benchmark.la), "la_symbol": benchmark.la_symbol,
        "neighbours": _text(benchmark.neighbours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize())
        if benchmark.neighbours is not None else None,
        "england": _text(benchmark.england), "better_than_neighbours": benchmark.better_than_neighbours,
    }


def _action(action: Action) -> dict:
    return {
        "text": action.text,
        "success_measure": action.success_measure,
        "target": action.target_display,
        "lead": action.lead_display,
        "id": action.pk,
        "order": action.order,
        "target_on": _iso(action.target_on),
        "target_precision": action.target_precision,
        "target_text": action.target_text,
        "current_target_on": _iso(action.current_target_on),
        "lead_name": action.lead_name,
        "finance_manager_name": action.finance_manager_name,
        "completed_on": _iso(action.completed_on),
        "progress_note": action.progress_note,
        "revisions": [
            {
                "target": revision.target_display,
                "target_on": _iso(revision.target_on),
                "target_precision": revision.target_precision,
                "target_text": revision.target_text,
                "reason": revision.reason,
            }
            for revision in action.revisions.all()
        ],
    }


def _recommendation_items(round_: ReportingRound) -> list[dict]:
    updates = (
        ProgressUpdate.objects.filter(round=round_)
        .select_related("recommendation__review", "recommendation__lead_officer", "level", "action", "finance_confirmed_by")
        .prefetch_related(
            Prefetch(
                "recommendation__actions",
                queryset=Action.objects.select_related("lead_officer").prefetch_related("revisions"),
            ),
            "recommendation__saving_estimates",
        )
        .order_by("recommendation__review__title", "recommendation__order", "recommendation_id", "action_id")
    )
    return [update_item(update) for update in updates]


def update_item(update: ProgressUpdate) -> dict:
    """One progress update as a round's content holds it (and freezes it when the round is published)."""
    rec = update.recommendation
    return {
        "review": rec.review.title,
        "review_id": rec.review_id,
        "recommendation_id": rec.pk,
        "number": rec.number,
        "objective": rec.objective,
        "recommendation": rec.text,
        "actions": [_action(action) for action in rec.actions.all()],
        "saving": [estimate.text for estimate in rec.saving_estimates.all()],
        "lead": rec.lead_display,
        "finance_manager": rec.finance_manager_name,
        "state": update.state,
        "evidence": update.evidence,
        "status_text": update.status_text,
        "savings_to_date": update.savings_text,
        "savings_amount": _text(update.savings_amount),
        "savings_basis": update.savings_basis,
        "assessment": update.level.code if update.level else None,
        "assessment_label": update.level.label if update.level else None,
        "assessment_reason": update.assessment_reason,
        "revised_target": update.revised_target_text or format_uk(update.revised_target_on),
        "order": rec.order,
        "action_id": update.action_id,
        "action_order": update.action.order if update.action else None,
        "lead_name": rec.lead_name,
        "recommendation_state": rec.state,
        "saving_estimates": [
            {
                "text": estimate.text,
                "kind": estimate.kind,
                "min": _text(estimate.min_amount),
                "max": _text(estimate.max_amount),
                "period": estimate.period or None,
                "cashable": estimate.cashable,
            }
            for estimate in rec.saving_estimates.all()
        ],
        "assessment_meaning": update.level.meaning if update.level else None,
        "assessment_colour": update.level.colour if update.level else None,
        "revised_target_on": _iso(update.revised_target_on),
        "finance_confirmed_by": update.finance_confirmed_by.display_name if update.finance_confirmed_by else None,
        "finance_confirmed_on": _iso(update.finance_confirmed_at.date()) if update.finance_confirmed_at else None,
        "checked": update.state == ProgressUpdate.State.ACCEPTED,
    }


def savings_to_date(item: dict) -> str:
    """The words as written, or the amount with its basis (as on the recommendation's page)."""
    if item.get("savings_to_date"):
        return item["savings_to_date"]
    amount = Decimal(item["savings_amount"]) if item.get("savings_amount") not in (None, "") else None
    if amount is None:
        return ""
    basis = item.get("savings_basis") or ""
    labels = dict(ProgressUpdate.Basis.choices)
    return f"{format_pounds(amount)} ({labels.get(basis, basis).lower()})" if basis else format_pounds(amount)
