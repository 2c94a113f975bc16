"""The content of a reporting round as the committee sees it: plain data, frozen when the round is published."""

from cairn.lib.dates import format_uk

from .models import ProgressUpdate, ReportingRound


def _text(value) -> str | None:
    return None if value is None else str(value)


def round_content(round_: ReportingRound) -> dict:
    """What the round reports, as plain JSON data: recommendations' progress, or projects' highlight reports."""
    content = {
        "round": {
            "kind": round_.kind,
            "title": round_.title,
            "period": round_.period_label,
            "as_at": round_.as_at_on.isoformat(),
            "meeting": str(round_.meeting) if round_.meeting else None,
        },
        "items": _recommendation_items(round_),
    }
    if round_.kind == ReportingRound.Kind.PROGRAMME:
        content["projects"] = _project_items(round_)
    return content


def _project_items(round_: ReportingRound) -> list[dict]:
    from cairn.programmes.models import ProjectUpdate

    updates = (
        ProjectUpdate.objects.filter(round=round_)
        .select_related("project__programme")
        .prefetch_related("project__milestones", "project__phase_plan__phase")
        .order_by("project__order", "project_id")
    )
    return [
        {
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
                {"date": m.due_display, "activity": m.activity, "state": m.state, "state_text": m.state_text}
                for m in update.project.milestones.all()
            ],
        }
        for update in updates
    ]


def _recommendation_items(round_: ReportingRound) -> list[dict]:
    updates = (
        ProgressUpdate.objects.filter(round=round_)
        .select_related("recommendation__review", "level", "action")
        .prefetch_related("recommendation__actions", "recommendation__saving_estimates")
        .order_by("recommendation__review__title", "recommendation__order", "recommendation_id", "action_id")
    )
    items = []
    for update in updates:
        rec = update.recommendation
        items.append(
            {
                "review": rec.review.title,
                "review_id": rec.review_id,
                "recommendation_id": rec.pk,
                "number": rec.number,
                "objective": rec.objective,
                "recommendation": rec.text,
                "actions": [
                    {
                        "text": action.text,
                        "success_measure": action.success_measure,
                        "target": action.target_display,
                        "lead": action.lead_display,
                    }
                    for action in rec.actions.all()
                ],
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
            }
        )
    return items
