"""Keeping each recommendation's progress summary true: rebuilt from its updates whenever an update is saved or
deleted, or a round is saved (published, cancelled, its date corrected), inside the same transaction as the change.

Lists and the home page read the summary instead of ranking every update ever reported (issue: pages at county scale);
`cairn verify` compares it with the updates it is built from."""

from collections.abc import Iterable

from django.db.models.signals import post_delete, post_save

from .models import AssessmentLevel, ProgressSummary, ProgressUpdate, Recommendation, ReportingRound

BATCH = 2000
FIELDS = ["organisation", "latest_level", "slipped_count", "published_level", "published_slipped_count"]


def level_field(user) -> str:
    """The summary's level that this person may see: councillors see published progress only."""
    from .access import can_see_unpublished_updates

    return "latest_level" if can_see_unpublished_updates(user) else "published_level"


def slipped_field(user) -> str:
    return "slipped_count" if level_field(user) == "latest_level" else "published_slipped_count"


def computed(recommendation_ids: Iterable[int], *, updates=ProgressUpdate, recommendations=Recommendation,
             summaries=ProgressSummary) -> list:
    """The summaries of these recommendations as their updates say they should be (unsaved rows). The model classes
    may be a migration's historical ones."""
    ids = sorted(set(recommendation_ids) - {None})
    rows = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        newest: dict[int, tuple] = {}
        newest_published: dict[int, tuple] = {}
        slips: dict[int, int] = {}
        published_slips: dict[int, int] = {}
        assessed = updates.objects.filter(recommendation_id__in=chunk, level__isnull=False).values_list(
            "recommendation_id", "level_id", "level__meaning", "round__state", "round__as_at_on", "round_id", "pk"
        )
        for recommendation_id, level_id, meaning, state, as_at_on, round_id, pk in assessed.order_by():
            # The newest by the round's date, then the later round, then the later update (steps in one round).
            key = (as_at_on, round_id, pk, level_id)
            published = state == ReportingRound.State.PUBLISHED
            newest[recommendation_id] = max(newest.get(recommendation_id, key), key)
            if published:
                newest_published[recommendation_id] = max(newest_published.get(recommendation_id, key), key)
            if meaning == AssessmentLevel.Meaning.SLIPPED:
                slips[recommendation_id] = slips.get(recommendation_id, 0) + 1
                if published:
                    published_slips[recommendation_id] = published_slips.get(recommendation_id, 0) + 1
        for pk, organisation_id in recommendations.objects.filter(pk__in=chunk).values_list("pk", "organisation_id"):
            rows.append(summaries(
                recommendation_id=pk, organisation_id=organisation_id,
                latest_level_id=newest[pk][3] if pk in newest else None, slipped_count=slips.get(pk, 0),
                published_level_id=newest_published[pk][3] if pk in newest_published else None,
                published_slipped_count=published_slips.get(pk, 0),
            ))
    return rows


def refresh(recommendation_ids: Iterable[int], **models) -> int:
    """Rebuild the summaries of these recommendations; returns how many were written."""
    summaries = models.get("summaries", ProgressSummary)
    rows = computed(recommendation_ids, **models)
    summaries.objects.bulk_create(
        rows, batch_size=BATCH, update_conflicts=True, unique_fields=["recommendation"], update_fields=FIELDS
    )
    return len(rows)


def refresh_all(organisation=None) -> int:
    """Rebuild every recommendation's summary (after a restore or a bulk load), or one council's."""
    recommendations = Recommendation.objects.all()
    if organisation is not None:
        recommendations = recommendations.filter(organisation=organisation)
    return refresh(recommendations.values_list("pk", flat=True))


def out_of_date(organisation=None) -> list[int]:
    """Recommendations whose stored summary differs from what their updates say (none, unless the database was
    changed behind Cairn's back)."""
    recommendations = Recommendation.objects.all()
    if organisation is not None:
        recommendations = recommendations.filter(organisation=organisation)
    ids = list(recommendations.values_list("pk", flat=True))
    stored = {row.recommendation_id: row for row in ProgressSummary.objects.filter(recommendation_id__in=ids)}
    wrong = []
    for row in computed(ids):
        # A recommendation never assessed may have no summary yet: that is the same as an empty one.
        held = stored.get(row.recommendation_id) or ProgressSummary(organisation_id=row.organisation_id)
        if _values(held) != _values(row):
            wrong.append(row.recommendation_id)
    return wrong


def _values(summary: ProgressSummary) -> tuple:
    return (summary.latest_level_id, summary.slipped_count, summary.published_level_id, summary.published_slipped_count)


def _update_changed(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw:  # a restore loads rows as they were, then rebuilds every summary at once
        return
    if update_fields is not None and not {"level", "level_id"} & set(update_fields):
        return  # submitted, accepted, returned, savings confirmed: the assessment is as it was
    refresh([instance.recommendation_id])


def _round_saved(sender, instance, created=False, raw=False, update_fields=None, **kwargs) -> None:
    if created or raw or (update_fields is not None and not {"state", "as_at_on"} & set(update_fields)):
        return
    refresh(instance.updates.filter(level__isnull=False).values_list("recommendation_id", flat=True).distinct())


def connect() -> None:
    post_save.connect(_update_changed, sender=ProgressUpdate, dispatch_uid="summary-update-saved")
    post_delete.connect(_update_changed, sender=ProgressUpdate, dispatch_uid="summary-update-deleted")
    post_save.connect(_round_saved, sender=ReportingRound, dispatch_uid="summary-round-saved")
