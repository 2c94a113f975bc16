"""What the signed-in home page shows of the council as a whole: assessments, overdue steps, slipped and drifting
recommendations, programme RAG (each role's own sections are in sections.py)."""

import datetime as dt

from django.db import connection
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber

from cairn.programmes.models import Project
from cairn.reviews.access import updates_visible_to
from cairn.reviews.models import Action, AssessmentLevel, Recommendation, TargetRevision


def latest_assessed(organisation, user):
    """Each open recommendation's newest assessed update that this user may see, picked in the database by a window
    function (the first by round date, newest first, of each recommendation's updates): to count or filter, not fetch."""
    return (
        updates_visible_to(user)
        .filter(organisation=organisation, level__isnull=False, recommendation__state=Recommendation.State.OPEN)
        .annotate(newest=Window(RowNumber(), partition_by=F("recommendation_id"),
                                order_by=[F("round__as_at_on").desc(), F("round_id").desc()]))
        .filter(newest=1)
    )


def assessment_counts(organisation, user) -> list[dict]:
    """How many open recommendations stand at each level of the active scale, plus those not yet assessed."""
    levels = list(AssessmentLevel.objects.for_organisation(organisation).filter(scale__is_active=True))
    # Counted over the window query's rows inside the database: a row a level comes back.
    sql, params = latest_assessed(organisation, user).order_by().values("level_id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT latest.level_id, COUNT(*) FROM ({sql}) latest GROUP BY latest.level_id", params)
        counts = dict(cursor.fetchall())
    open_total = Recommendation.objects.for_organisation(organisation).open().count()
    rows = [{"level": level, "count": counts.get(level.pk, 0)} for level in levels]
    rows.append({"level": None, "count": open_total - sum(counts.values())})
    return rows


def overdue_actions(organisation, today: dt.date, limit: int = 10) -> tuple[int, list[Action]]:
    overdue = Action.objects.for_organisation(organisation).overdue(today)
    return overdue.count(), list(
        overdue.select_related("recommendation__review").order_by("current_target_on")[:limit]
    )


def programme_rag(organisation) -> list[dict]:
    counts = (
        Project.objects.for_organisation(organisation).values("rag").annotate(n=Count("id")).order_by("rag")
    )
    return list(counts)


def slipped_and_drifting(organisation, user, limit: int = 10) -> tuple[list[Recommendation], list[Recommendation]]:
    """Open recommendations whose latest assessment is slipped, and those that have slipped more than once (drift)."""
    open_recommendations = Recommendation.objects.for_organisation(organisation).open()
    slipped_levels = AssessmentLevel.objects.for_organisation(organisation).filter(meaning=AssessmentLevel.Meaning.SLIPPED)
    slipped_now = latest_assessed(organisation, user).filter(level__in=slipped_levels).order_by().values("recommendation_id")
    slipped = list(
        open_recommendations.filter(pk__in=slipped_now).select_related("review").order_by("review__title", "order")[:limit]
    )
    # Counted in two grouped queries over the slipped updates and the revised targets, each bringing back only the
    # `limit` that drift most.
    slips = dict(
        updates_visible_to(user).filter(organisation=organisation, level__meaning=AssessmentLevel.Meaning.SLIPPED,
                                        recommendation__state=Recommendation.State.OPEN)
        .values("recommendation_id").annotate(n=Count("id")).filter(n__gte=2)
        .order_by("-n", "recommendation_id").values_list("recommendation_id", "n")[:limit]
    )
    revisions = dict(
        TargetRevision.objects.filter(organisation=organisation, action__recommendation__state=Recommendation.State.OPEN)
        .values("action__recommendation_id").annotate(n=Count("id")).filter(n__gte=2)
        .order_by("-n", "action__recommendation_id").values_list("action__recommendation_id", "n")[:limit]
    )
    ranked = sorted(set(slips) | set(revisions), key=lambda pk: (-slips.get(pk, 0), -revisions.get(pk, 0), pk))[:limit]
    found = Recommendation.objects.filter(pk__in=ranked).select_related("review").in_bulk()
    drifting = []
    for pk in ranked:
        recommendation = found[pk]
        recommendation.slips, recommendation.revisions = slips.get(pk, 0), revisions.get(pk, 0)
        drifting.append(recommendation)
    return slipped, drifting
