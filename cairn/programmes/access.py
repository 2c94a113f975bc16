"""Reaching programmes and projects from a request: always through the organisation scope."""

from django.db.models import Prefetch

from cairn.core.access import get_scoped_or_404, scoped

from .models import Indicator, PhasePlanEntry, Programme, Project, ProjectUpdate, Reading


def programmes_for_user(request):
    return scoped(request, Programme.objects.select_related("manager", "board"))


def get_programme_for_user(request, pk: int) -> Programme:
    return get_scoped_or_404(request, Programme.objects.select_related("manager", "board"), pk=pk)


def latest_readings():
    """Readings newest first, for picking each indicator's latest."""
    return Reading.objects.order_by("-period_start")


def projects_with_plan(queryset):
    """Projects with phase plan, milestones, indicators (with readings) and updates, in a fixed number of queries."""
    return queryset.select_related("lead").prefetch_related(
        Prefetch("phase_plan", queryset=PhasePlanEntry.objects.select_related("phase")),
        "milestones",
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related(Prefetch("readings", queryset=latest_readings()))),
        Prefetch("updates", queryset=ProjectUpdate.objects.select_related("round").order_by("-round__as_at_on", "-round_id")),
        "budget_lines",
        "risks",
    )


def get_project_for_user(request, pk: int) -> Project:
    return get_scoped_or_404(request, projects_with_plan(Project.objects.select_related("programme")), pk=pk)
