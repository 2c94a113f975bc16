"""The signed-in home page: a dashboard of what needs attention in the user's council."""

from django.shortcuts import render
from django.utils import timezone

from cairn.accounts.permissions import can_view_records
from cairn.audit import stamps
from cairn.core.access import scoped
from cairn.core.kept_pages import render_kept
from cairn.programmes.models import Project, Rag
from cairn.reports.presenters import assessment_chart_svg
from cairn.reviews.models import ReportingRound

from . import dashboard, sections


def home(request):
    if not can_view_records(request.user):
        return render(request, "home/no_access.html", status=403)
    organisation = request.organisation

    def content() -> dict:
        today = timezone.localdate()
        context = {"today": today, **sections.for_person(request, today)}
        if context["sees_recommendations"]:
            figures = dashboard.council_figures(organisation, request.user, today)
            context.update(figures, assessment_chart=assessment_chart_svg(figures["assessments"]))
        rag_counts = {row["rag"]: row["n"] for row in dashboard.programme_rag(organisation)}
        return {
            **context,
            "rag_rows": [(rag, rag_counts.get(rag.value, 0)) for rag in Rag] + [(None, rag_counts.get("", 0))],
            "has_projects": bool(rag_counts),
            # Published rounds only: every role may open them (a councillor sees nothing still being written).
            "recent_rounds": scoped(request, ReportingRound.objects.filter(state=ReportingRound.State.PUBLISHED))[:3],
            "projects_off_track": scoped(request, Project.objects.filter(rag=Rag.RED).select_related("programme")),
        }

    return render_kept(request, "home/home.html", stamp=stamps.stamp(organisation), context=content, frame={})
