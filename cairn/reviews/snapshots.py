"""The content of a reporting round as the committee sees it: plain data, frozen when the round is published."""

from cairn.lib.dates import format_uk

from .models import ProgressUpdate, ReportingRound


def _text(value) -> str | None:
    return None if value is None else str(value)


def round_content(round_: ReportingRound) -> dict:
    """Every update in the round with its recommendation, action plan and estimate, as plain JSON data."""
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
                "revised_target": format_uk(update.revised_target_on) or update.revised_target_text,
            }
        )
    return {
        "round": {
            "title": round_.title,
            "as_at": round_.as_at_on.isoformat(),
            "meeting": str(round_.meeting) if round_.meeting else None,
        },
        "items": items,
    }
