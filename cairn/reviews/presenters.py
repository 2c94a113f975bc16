"""Formatting reviews and recommendations for pages: pure functions over prefetched rows, no queries."""

from cairn.lib.money import format_pounds

from .models import ProgressUpdate, Recommendation


def latest_update(recommendation: Recommendation) -> ProgressUpdate | None:
    """The newest update with something in it (needs `updates` prefetched newest first)."""
    for update in recommendation.updates.all():
        if update.state != ProgressUpdate.State.ASKED:
            return update
    return None


def latest_published_update(recommendation: Recommendation) -> ProgressUpdate | None:
    for update in recommendation.updates.all():
        if update.round.is_published:
            return update
    return None


def savings_to_date(update: ProgressUpdate | None) -> str:
    if update is None:
        return ""
    # The words as written say it best; the amount stands in only when there are none.
    if update.savings_text:
        return update.savings_text
    if update.savings_amount is None:
        return ""
    amount = format_pounds(update.savings_amount)
    return f"{amount} ({update.get_savings_basis_display().lower()})" if update.savings_basis else amount
