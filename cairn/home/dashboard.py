"""What the signed-in home page shows of the council as a whole: assessments, overdue steps, slipped and drifting
recommendations, programme RAG (each role's own sections are in sections.py)."""

import datetime as dt

from django.core.cache import caches
from django.db.models import Count

from cairn.audit import stamps
from cairn.programmes.models import Project
from cairn.reviews import summaries
from cairn.reviews.models import Action, AssessmentLevel, ProgressSummary, Recommendation, TargetRevision


def council_figures(organisation, user, today: dt.date) -> dict:
    """The council-wide figures (assessments, overdue steps, slipped and drifting recommendations), computed once for
    each state of the council's records. Every change raises the council's records version in its own transaction,
    so the stamp, with the date and what this person may see, names the figures exactly: a change gives a new key,
    and a key once filled never needs emptying (it ages out)."""
    key = f"home:{organisation.pk}:{summaries.level_field(user)}:{today.isoformat()}:{stamps.stamp(organisation)}"
    cache = caches["figures"]
    figures = cache.get(key)
    if figures is None:
        overdue_count, overdue = overdue_actions(organisation, today)
        slipped, drifting = slipped_and_drifting(organisation, user)
        figures = {"assessments": assessment_counts(organisation, user), "overdue_count": overdue_count,
                   "overdue": overdue, "slipped": slipped, "drifting": drifting}
        cache.set(key, figures)
    return figures


def assessment_counts(organisation, user) -> list[dict]:
    """How many open recommendations stand at each level of the active scale, plus those not yet assessed: counted
    over each recommendation's kept summary (its newest assessment this user may see), a row a level."""
    levels = list(AssessmentLevel.objects.for_organisation(organisation).filter(scale__is_active=True))
    field = summaries.level_field(user)
    counts = dict(
        ProgressSummary.objects.filter(organisation=organisation, **open_in(organisation, "recommendation__"))
        .filter(**{f"{field}__isnull": False}).values_list(field).annotate(n=Count("pk")).order_by()
    )
    open_total = Recommendation.objects.for_organisation(organisation).open().count()
    rows = [{"level": level, "count": counts.get(level.pk, 0)} for level in levels]
    rows.append({"level": None, "count": open_total - sum(counts.values())})
    return rows


def open_in(organisation, through: str) -> dict:
    """A filter to the council's open recommendations through a relation. Naming the council on the joined table as
    well lets PostgreSQL read only its rows there: with hundreds of councils in one database, a join on the state
    alone read every council's recommendations (24 ms where the council alone took 9)."""
    return {f"{through}state": Recommendation.State.OPEN, f"{through}organisation": organisation}


def overdue_actions(organisation, today: dt.date, limit: int = 10) -> tuple[int, list[Action]]:
    overdue = Action.objects.for_organisation(organisation).overdue(today).filter(**open_in(organisation, "recommendation__"))
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
    level, slipped_count = summaries.level_field(user), summaries.slipped_field(user)
    slipped = list(
        open_recommendations.filter(**{f"summary__{level}__meaning": AssessmentLevel.Meaning.SLIPPED})
        .select_related("review").order_by("review__title", "order")[:limit]
    )
    # The `limit` that drift most: from the kept count of slipped updates, and one grouped query over revised targets.
    slips = dict(
        ProgressSummary.objects.filter(organisation=organisation, **open_in(organisation, "recommendation__"),
                                       **{f"{slipped_count}__gte": 2})
        .order_by(f"-{slipped_count}", "recommendation_id").values_list("recommendation_id", slipped_count)[:limit]
    )
    revisions = dict(
        TargetRevision.objects.filter(organisation=organisation, action__organisation=organisation,
                                      **open_in(organisation, "action__recommendation__"))
        .values("action__recommendation_id").annotate(n=Count("id")).filter(n__gte=2)
        .order_by("-n", "action__recommendation_id").values_list("action__recommendation_id", "n")[:limit]
    )
    ranked = sorted(set(slips) | set(revisions), key=lambda pk: (-slips.get(pk, 0), -revisions.get(pk, 0), pk))[:limit]
    found = Recommendation.objects.filter(pk__in=ranked).select_related("review", "summary").in_bulk()
    drifting = []
    for pk in ranked:
        recommendation = found[pk]
        summary = getattr(recommendation, "summary", None)
        recommendation.slips = getattr(summary, slipped_count, 0) if summary else 0
        recommendation.revisions = revisions.get(pk, 0)
        drifting.append(recommendation)
    return slipped, drifting
