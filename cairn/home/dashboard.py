"""What the signed-in home page shows: assessments, overdue steps, round progress, programme RAG, my items."""

import datetime as dt
from collections import Counter

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from cairn.programmes.models import Project, ProjectUpdate
from cairn.reviews.access import updates_visible_to
from cairn.reviews.models import Action, AssessmentLevel, ProgressUpdate, Recommendation, ReportingRound, TargetRevision


def latest_assessments(organisation, user) -> dict[int, ProgressUpdate]:
    """Each open recommendation's newest assessed update that this user may see, in one query."""
    updates = (
        updates_visible_to(user)
        .filter(organisation=organisation)
        .filter(level__isnull=False, recommendation__state=Recommendation.State.OPEN)
        .select_related("level")
        .order_by("recommendation_id", "-round__as_at_on", "-round_id")
    )
    latest: dict[int, ProgressUpdate] = {}
    for update in updates:
        latest.setdefault(update.recommendation_id, update)
    return latest


def assessment_counts(organisation, user) -> list[dict]:
    """How many open recommendations stand at each level of the active scale, plus those not yet assessed."""
    levels = list(AssessmentLevel.objects.for_organisation(organisation).filter(scale__is_active=True))
    latest = latest_assessments(organisation, user)
    counts = Counter(update.level_id for update in latest.values())
    open_total = Recommendation.objects.for_organisation(organisation).open().count()
    rows = [{"level": level, "count": counts.get(level.pk, 0)} for level in levels]
    rows.append({"level": None, "count": open_total - len(latest)})
    return rows


def overdue_actions(organisation, today: dt.date, limit: int = 10) -> tuple[int, list[Action]]:
    overdue = Action.objects.for_organisation(organisation).overdue(today)
    return overdue.count(), list(
        overdue.select_related("recommendation__review").order_by("current_target_on")[:limit]
    )


def round_progress(organisation) -> list[tuple[ReportingRound, dict[str, int]]]:
    """Open rounds with how many updates are at each state (asked, draft, submitted, returned, accepted)."""
    rounds = list(ReportingRound.objects.for_organisation(organisation).exclude(state=ReportingRound.State.PUBLISHED))
    by_round: dict[int, dict[str, int]] = {r.pk: {state: 0 for state in ProgressUpdate.State.values} for r in rounds}
    # Review rounds ask for progress updates, programme rounds for projects' highlight reports.
    for model in (ProgressUpdate, ProjectUpdate):
        tallies = model.objects.filter(round__in=rounds).values("round_id", "state").annotate(n=Count("id")).order_by()
        for row in tallies:
            by_round[row["round_id"]][row["state"]] += row["n"]
    return [(r, by_round[r.pk]) for r in rounds]


def programme_rag(organisation) -> list[dict]:
    counts = (
        Project.objects.for_organisation(organisation).values("rag").annotate(n=Count("id")).order_by("rag")
    )
    return list(counts)


def slipped_and_drifting(organisation, user, limit: int = 10) -> tuple[list[Recommendation], list[Recommendation]]:
    """Open recommendations whose latest assessment is slipped, and those that have slipped more than once (drift)."""
    slipped_ids = [
        update.recommendation_id
        for update in latest_assessments(organisation, user).values()
        if update.level.meaning == AssessmentLevel.Meaning.SLIPPED
    ]
    slipped = list(
        Recommendation.objects.filter(pk__in=slipped_ids).select_related("review").order_by("review__title", "order")[:limit]
    )

    def count_of(queryset):
        return Coalesce(Subquery(queryset.values("n")[:1], output_field=IntegerField()), 0)

    slips = (
        updates_visible_to(user).filter(recommendation=OuterRef("pk"), level__meaning=AssessmentLevel.Meaning.SLIPPED)
        .order_by().values("recommendation").annotate(n=Count("id"))
    )
    revisions = (
        TargetRevision.objects.filter(action__recommendation=OuterRef("pk"))
        .order_by().values("action__recommendation").annotate(n=Count("id"))
    )
    drifting = list(
        Recommendation.objects.for_organisation(organisation).open()
        .annotate(slips=count_of(slips), revisions=count_of(revisions))
        .filter(Q(slips__gte=2) | Q(revisions__gte=2))
        .select_related("review").order_by("-slips", "-revisions")[:limit]
    )
    return slipped, drifting
