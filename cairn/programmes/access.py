"""Reaching programmes and projects from a request: always through the organisation scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q

from cairn.accounts.permissions import can_edit_budget_line, can_edit_indicator, can_edit_programme, can_edit_risk
from cairn.core.access import get_scoped_or_404, scoped
from cairn.reviews.models import ReportingRound

from .models import BudgetLine, Indicator, Milestone, PhasePlanEntry, Programme, Project, ProjectUpdate, Reading, Risk


def programmes_for_user(request):
    return scoped(request, Programme.objects.select_related("manager", "board"))


def get_programme_for_user(request, pk: int, edit: bool = False) -> Programme:
    programme = get_scoped_or_404(request, Programme.objects.select_related("manager", "board"), pk=pk)
    if edit:
        _refuse_unless(can_edit_programme(request.user, programme))
    return programme


def _refuse_unless(allowed: bool) -> None:
    # Called after the record was found in the user's council: another council's record is already a 404.
    if not allowed:
        raise PermissionDenied


def latest_readings():
    """Readings newest first, for picking each indicator's latest."""
    return Reading.objects.order_by("-period_start")


def projects_with_plan(queryset, *, updates: bool = True):
    """Projects with phase plan, milestones, indicators (each with its latest reading only, `latest_readings`) and,
    unless told not to, their highlight reports, in a fixed number of queries."""
    related = [
        Prefetch("phase_plan", queryset=PhasePlanEntry.objects.select_related("phase")),
        Prefetch("milestones", queryset=Milestone.objects.select_related("owner").prefetch_related("revisions")),
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
            Prefetch("readings", queryset=latest_readings()[:1], to_attr="latest_readings")
        )),
        "budget_lines",
        "risks",
    ]
    if updates:
        related.append(Prefetch("updates", queryset=ProjectUpdate.objects.select_related("round")
                                .defer("round__published_content").order_by("-round__as_at_on", "-round_id")))
    return queryset.select_related("lead").prefetch_related(*related)


def get_project_for_user(request, pk: int, edit: bool = False, plan: bool = True) -> Project:
    """The project in the person's council (with its plan, unless `plan` is false), if they may see it or change it."""
    if not edit:
        projects = Project.objects.select_related("programme")
        return get_scoped_or_404(request, projects_with_plan(projects) if plan else projects, pk=pk)
    project = get_scoped_or_404(request, Project.objects.select_related("programme"), pk=pk)
    _refuse_unless(can_edit_programme(request.user, project.programme))
    return project


def get_milestone_for_user(request, pk: int, edit: bool = False) -> Milestone:
    milestone = get_scoped_or_404(
        request, Milestone.objects.select_related("project__programme", "owner").prefetch_related("revisions"), pk=pk
    )
    if edit:
        _refuse_unless(can_edit_programme(request.user, milestone.project.programme))
    return milestone


def get_indicator_for_user(request, pk: int, edit: bool = False) -> Indicator:
    indicator = get_scoped_or_404(
        request, Indicator.objects.prefetch_related(Prefetch("projects", Project.objects.select_related("programme"))), pk=pk
    )
    if edit:
        _refuse_unless(can_edit_indicator(request.user, indicator))
    return indicator


def get_budget_line_for_user(request, pk: int, edit: bool = False) -> BudgetLine:
    line = get_scoped_or_404(request, BudgetLine.objects.select_related("project__programme", "review"), pk=pk)
    if edit:
        _refuse_unless(can_edit_budget_line(request.user, line))
    return line


def get_risk_for_user(request, pk: int, edit: bool = False) -> Risk:
    risk = get_scoped_or_404(request, Risk.objects.select_related("project__programme", "review"), pk=pk)
    if edit:
        _refuse_unless(can_edit_risk(request.user, risk))
    return risk


def previous_report(report: ProjectUpdate) -> ProjectUpdate | None:
    """The same project's highlight report in the round before this one, if it had anything in it."""
    return (
        ProjectUpdate.objects.filter(project_id=report.project_id, round__as_at_on__lt=report.round.as_at_on)
        .exclude(state=ProjectUpdate.State.ASKED)
        .exclude(round__state=ReportingRound.State.CANCELLED)
        .select_related("round").defer("round__published_content")
        .order_by("-round__as_at_on", "-round_id")
        .first()
    )


def get_reading_for_user(request, pk: int, edit: bool = False) -> Reading:
    reading = get_scoped_or_404(request, Reading.objects.select_related("indicator"), pk=pk)
    if edit:
        _refuse_unless(can_edit_indicator(request.user, reading.indicator))
    return reading


def benchmark_links_for_user(request):
    """The council's indicators that are compared with a published (DfE) measure."""
    return scoped(request, Indicator.objects.filter(benchmark__isnull=False)).order_by("name")


def reports_asked_of(user):
    """The highlight reports asked of this person in rounds still collecting: as a project's lead, or as its
    programme's manager where the project has no lead; soonest deadline first."""
    return (
        ProjectUpdate.objects.for_organisation(user.organisation)
        .filter(Q(project__lead=user) | Q(project__lead__isnull=True, project__programme__manager=user))
        .filter(round__state=ReportingRound.State.COLLECTING)
        .select_related("round", "project__programme").defer("round__published_content")
        .order_by("round__deadline_on", "project__order", "pk")
    )
