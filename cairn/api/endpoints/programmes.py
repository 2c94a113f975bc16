"""Programmes, projects, milestones, indicators and their readings, budget lines and risks."""

from django.db.models import Prefetch
from ninja import Field, FilterSchema, Path, Query, Router

from cairn.core.access import get_scoped_or_404, scoped
from cairn.programmes.access import (
    get_budget_line_for_user,
    get_indicator_for_user,
    get_milestone_for_user,
    get_programme_for_user,
    get_risk_for_user,
    programmes_for_user,
)
from cairn.programmes.models import BudgetLine, Indicator, Milestone, Project, Rag, Reading, Risk

from ..paging import MAX_ID, Page, PageParams, id_filter, page
from ..schemas import BudgetLineOut, IndicatorOut, MilestoneOut, ProgrammeOut, ProjectOut, ReadingOut, RiskOut

router = Router(tags=["Programmes, projects and indicators"])
Id = Path(..., ge=1, le=MAX_ID)


@router.get("/programmes", response=Page[ProgrammeOut], url_name="programme_list")
def programme_list(request, paging: Query[PageParams]):
    return page(request, programmes_for_user(request).order_by("name", "pk"), paging)


@router.get("/programmes/{pk}", response=ProgrammeOut, url_name="programme_detail")
def programme_detail(request, pk: int = Id):
    return get_programme_for_user(request, pk)


class ProjectFilter(FilterSchema):
    programme: id_filter("programme_id") = None
    rag: Rag | None = None


@router.get("/projects", response=Page[ProjectOut], url_name="project_list")
def project_list(request, filters: Query[ProjectFilter], paging: Query[PageParams]):
    return page(request, filters.filter(scoped(request, Project.objects.all())).order_by("programme_id", "order", "pk"), paging)


@router.get("/projects/{pk}", response=ProjectOut, url_name="project_detail")
def project_detail(request, pk: int = Id):
    # A plain lookup: the browser's project page (get_project_for_user) prefetches its whole plan, not needed here.
    return get_scoped_or_404(request, Project.objects.all(), pk=pk)


class MilestoneFilter(FilterSchema):
    project: id_filter("project_id") = None
    state: Milestone.State | None = None


@router.get("/milestones", response=Page[MilestoneOut], url_name="milestone_list")
def milestone_list(request, filters: Query[MilestoneFilter], paging: Query[PageParams]):
    milestones = filters.filter(scoped(request, Milestone.objects.all()))
    return page(request, milestones.order_by("project_id", "order", "pk"), paging)


@router.get("/milestones/{pk}", response=MilestoneOut, url_name="milestone_detail")
def milestone_detail(request, pk: int = Id):
    return get_milestone_for_user(request, pk)


class IndicatorFilter(FilterSchema):
    project: id_filter("projects") = None
    recommendation: id_filter("recommendations") = None


@router.get("/indicators", response=Page[IndicatorOut], url_name="indicator_list")
def indicator_list(request, filters: Query[IndicatorFilter], paging: Query[PageParams]):
    indicators = filters.filter(scoped(request, Indicator.objects.all())).distinct()
    indicators = indicators.prefetch_related(Prefetch("projects", Project.objects.only("pk")), "recommendations")
    return page(request, indicators.order_by("name", "pk"), paging)


@router.get("/indicators/{pk}", response=IndicatorOut, url_name="indicator_detail")
def indicator_detail(request, pk: int = Id):
    return get_indicator_for_user(request, pk)


@router.get("/indicators/{pk}/readings", response=Page[ReadingOut], url_name="indicator_readings")
def indicator_readings(request, paging: Query[PageParams], pk: int = Id):
    """An indicator's readings, oldest period first."""
    indicator = get_indicator_for_user(request, pk)
    return page(request, indicator.readings.order_by("period_start", "pk"), paging)


@router.get("/readings", response=Page[ReadingOut], url_name="reading_list")
def reading_list(request, paging: Query[PageParams], indicator: int | None = Query(None, ge=1, le=MAX_ID)):
    """Every reading of every indicator, by indicator and period: the table a dashboard joins to indicators."""
    readings = scoped(request, Reading.objects.all())
    if indicator is not None:
        readings = readings.filter(indicator_id=indicator)
    return page(request, readings.order_by("indicator_id", "period_start", "pk"), paging)


@router.get("/readings/{pk}", response=ReadingOut, url_name="reading_detail")
def reading_detail(request, pk: int = Id):
    return get_scoped_or_404(request, Reading.objects.all(), pk=pk)


class BudgetLineFilter(FilterSchema):
    project: id_filter("project_id") = None
    review: id_filter("review_id") = None
    financial_year: int | None = Field(None, ge=1900, le=2999, description="The year it starts: 2026 means 2026-27.")


@router.get("/budget-lines", response=Page[BudgetLineOut], url_name="budget_line_list")
def budget_line_list(request, filters: Query[BudgetLineFilter], paging: Query[PageParams]):
    lines = filters.filter(scoped(request, BudgetLine.objects.all()))
    return page(request, lines.order_by("-financial_year", "pk"), paging)


@router.get("/budget-lines/{pk}", response=BudgetLineOut, url_name="budget_line_detail")
def budget_line_detail(request, pk: int = Id):
    return get_budget_line_for_user(request, pk)


class RiskFilter(FilterSchema):
    project: id_filter("project_id") = None
    review: id_filter("review_id") = None
    state: Risk.State | None = None
    kind: Risk.Kind | None = None
    rag: Rag | None = None


@router.get("/risks", response=Page[RiskOut], url_name="risk_list")
def risk_list(request, filters: Query[RiskFilter], paging: Query[PageParams]):
    return page(request, filters.filter(scoped(request, Risk.objects.all())).order_by("state", "pk"), paging)


@router.get("/risks/{pk}", response=RiskOut, url_name="risk_detail")
def risk_detail(request, pk: int = Id):
    return get_risk_for_user(request, pk)
