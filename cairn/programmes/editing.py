"""Creating and changing programmes, projects, the phase plan, milestones, indicators, readings, budgets and risks.

Each view: find the record through access.py (another council's is a 404, a user who may not edit gets a 403),
bind the form, call the named operation, then redirect with a message or show the form again with its errors.
Programme managers may change only the programmes they manage.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from cairn.accounts.permissions import can_create_programmes
from cairn.core.forms import initial_from, submitted

from . import operations
from .rag_rules import describe_rules
from .reading_sheets import plan_sheet
from .access import (
    get_budget_line_for_user,
    get_indicator_for_user,
    get_reading_for_user,
    get_milestone_for_user,
    get_programme_for_user,
    get_project_for_user,
    get_risk_for_user,
)
from .forms import (
    BudgetLineForm,
    IndicatorForm,
    MilestoneEditForm,
    MilestoneForm,
    PhasePlanForm,
    ProgrammeForm,
    ProjectForm,
    RagRuleBuilderForm,
    ReadingForm,
    ReadingRevisionForm,
    ReadingSheetConfirmForm,
    ReadingSheetForm,
    signed_sheet,
    ReviseDueForm,
    RiskForm,
    plan_window,
)


def programme_create(request):
    if not can_create_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeForm(request.organisation, request.POST or None)
    programme = submitted(
        request, form, lambda data: operations.create_programme(request.organisation, by=request.user, **data)
    )
    if programme:
        messages.success(request, f"The programme “{programme.name}” has been added. Now add its projects.")
        return redirect("programmes:programme_detail", programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": None})


def programme_edit(request, pk: int):
    programme = get_programme_for_user(request, pk, edit=True)
    can_name_manager = can_create_programmes(request.user)
    form = ProgrammeForm(
        request.organisation, request.POST or None, initial=initial_from(programme, ProgrammeForm),
        can_name_manager=can_name_manager,
    )
    if submitted(request, form, lambda data: operations.update_programme(programme, by=request.user, **data), record=programme):
        messages.success(request, "The programme's details have been changed.")
        return redirect("programmes:programme_detail", programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


def project_create(request, pk: int):
    programme = get_programme_for_user(request, pk, edit=True)
    following = (programme.projects.aggregate(last=Max("order"))["last"] or 0) + 1
    form = ProjectForm(request.organisation, request.POST or None, initial={"order": following})
    project = submitted(request, form, lambda data: operations.create_project(programme, by=request.user, **data))
    if project:
        messages.success(request, f"The project “{project}” has been added.")
        return redirect("programmes:project_detail", project.pk)
    return render(request, "programmes/project_form.html", {"form": form, "programme": programme, "project": None})


def project_edit(request, pk: int):
    project = get_project_for_user(request, pk, edit=True)
    form = ProjectForm(request.organisation, request.POST or None, initial=initial_from(project, ProjectForm))
    if submitted(request, form, lambda data: operations.update_project(project, by=request.user, **data), record=project):
        messages.success(request, "The project's details have been changed.")
        return redirect("programmes:project_detail", project.pk)
    return render(
        request, "programmes/project_form.html", {"form": form, "programme": project.programme, "project": project}
    )


def phase_plan_edit(request, pk: int):
    programme = get_programme_for_user(request, pk, edit=True)
    months, earlier, later = plan_window(programme, timezone.localdate(), request.GET.get("from"))
    projects = list(programme.projects.prefetch_related("phase_plan"))
    phases = list(programme.phases.all())
    form = PhasePlanForm(projects, phases, months, request.POST or None)
    if submitted(request, form, lambda _: operations.set_programme_phase_plan(programme, by=request.user, plan=form.plan())):
        messages.success(request, f"The phase plan from {months[0]:%B %Y} to {months[-1]:%B %Y} has been saved.")
        return redirect("programmes:programme_detail", programme.pk)
    return render(
        request, "programmes/phase_plan_form.html",
        {
            "form": form, "programme": programme, "projects": projects, "phases": phases, "months": months,
            "earlier": earlier, "later": later,
        },
    )


def milestone_create(request, pk: int):
    project = get_project_for_user(request, pk, edit=True)
    following = (project.milestones.aggregate(last=Max("order"))["last"] or 0) + 1
    form = MilestoneForm(request.organisation, request.POST or None, initial={"order": following})
    if submitted(request, form, lambda data: operations.add_milestone(project, by=request.user, **data)):
        messages.success(request, "The milestone has been added.")
        return redirect("programmes:project_detail", project.pk)
    return render(request, "programmes/milestone_form.html", {"form": form, "project": project, "milestone": None})


def milestone_edit(request, pk: int):
    milestone = get_milestone_for_user(request, pk, edit=True)
    form = MilestoneEditForm(
        request.organisation, request.POST or None, initial=initial_from(milestone, MilestoneEditForm),
        was_completed=milestone.is_completed,
    )
    if submitted(request, form, lambda data: operations.update_milestone(milestone, by=request.user, **data), record=milestone):
        messages.success(request, "The milestone has been changed.")
        return redirect("programmes:project_detail", milestone.project_id)
    return render(
        request, "programmes/milestone_form.html", {"form": form, "project": milestone.project, "milestone": milestone}
    )


def milestone_revise(request, pk: int):
    milestone = get_milestone_for_user(request, pk, edit=True)
    form = ReviseDueForm(request.POST or None)
    if submitted(request, form, lambda data: operations.revise_milestone_due(milestone, by=request.user, **data),
                 record=milestone):
        messages.success(request, "The revised due date has been recorded. The date first agreed is kept.")
        return redirect("programmes:project_detail", milestone.project_id)
    return render(request, "programmes/milestone_revise.html", {"form": form, "milestone": milestone})


def indicator_create(request, pk: int):
    project = get_project_for_user(request, pk, edit=True)
    form = IndicatorForm(request.POST or None)

    def create(data: dict):
        return operations.create_indicator(request.organisation, by=request.user, projects=[project], **data)

    if submitted(request, form, create):
        messages.success(request, "The indicator has been added. Now record its readings.")
        return redirect("programmes:project_detail", project.pk)
    return render(
        request, "programmes/indicator_form.html",
        {"form": form, "indicator": None, "back": reverse("programmes:project_detail", args=[project.pk])},
    )


def indicator_edit(request, pk: int):
    indicator = get_indicator_for_user(request, pk, edit=True)
    form = IndicatorForm(request.POST or None, initial=initial_from(indicator, IndicatorForm))
    if submitted(request, form, lambda data: operations.update_indicator(indicator, by=request.user, **data), record=indicator):
        messages.success(request, f"The indicator “{indicator.name}” has been changed.")
        return redirect(_indicator_page(indicator))
    return render(
        request, "programmes/indicator_form.html", {"form": form, "indicator": indicator, "back": _indicator_page(indicator)}
    )


def indicator_rules(request, pk: int):
    """The indicator's ordered RAG rules, chosen a row at a time (the indicator's own form takes them typed)."""
    indicator = get_indicator_for_user(request, pk, edit=True)
    form = RagRuleBuilderForm(request.POST or None, indicator=indicator)
    if submitted(request, form, lambda data: operations.update_indicator(indicator, by=request.user, **data),
                 record=indicator):
        messages.success(request, f"The RAG rules of “{indicator.name}” have been saved.")
        return redirect(_indicator_page(indicator))
    return render(request, "programmes/indicator_rules.html",
                  {"form": form, "indicator": indicator, "back": _indicator_page(indicator),
                   "written": describe_rules(indicator.rag_rules)})


def reading_create(request, pk: int):
    indicator = get_indicator_for_user(request, pk, edit=True)
    form = ReadingForm(request.POST or None)
    if submitted(request, form, lambda data: operations.record_reading(indicator, by=request.user, **data)):
        messages.success(request, f"The reading of “{indicator.name}” has been recorded.")
        return redirect(_indicator_page(indicator))
    return render(
        request, "programmes/reading_form.html", {"form": form, "indicator": indicator, "back": _indicator_page(indicator)}
    )


def readings_upload(request, pk: int):
    """A sheet of new months is recorded at once; one that gives months already read is previewed first, row by row
    (new, revising which figure, or the same), and recorded with a reason for what it revises once confirmed."""
    indicator = get_indicator_for_user(request, pk, edit=True)
    back = _indicator_page(indicator)
    confirming = request.method == "POST" and "rows" in request.POST
    if confirming:
        form = ReadingSheetConfirmForm(request.POST, indicator=indicator)
        rows = "rows"
    else:
        form = ReadingSheetForm(request.POST or None, request.FILES or None)
        rows = "sheet"
    plan = None
    if request.method == "POST" and form.is_valid():
        sheet = form.cleaned_data[rows]
        held = indicator.readings.filter(period_start__in=[row["period_start"] for row in sheet])
        plan = plan_sheet(sheet, {reading.period_start: reading for reading in held})
    if plan is not None and not confirming and any(step["action"] != "new" for step in plan):
        confirm = ReadingSheetConfirmForm(indicator=indicator,
                                          initial={"rows": signed_sheet(indicator, form.cleaned_data["sheet"])})
        return render(request, "programmes/readings_preview.html",
                      {"form": confirm, "plan": plan, "indicator": indicator, "back": back})
    if plan is not None and (result := submitted(request, form, lambda data: operations.record_reading_sheet(
            indicator, by=request.user, readings=data[rows], reason=data.get("reason", "")))):
        recorded, revised = len(result["recorded"]), len(result["revised"])
        done = [f"{recorded} recorded" if recorded else "", f"{revised} revised" if revised else ""]
        messages.success(request, f"The readings of “{indicator.name}”: {' and '.join(filter(None, done))}.")
        return redirect(back)
    if confirming and plan is not None:
        return render(request, "programmes/readings_preview.html",
                      {"form": form, "plan": plan, "indicator": indicator, "back": back})
    if confirming:
        # The rows themselves could not be read back: start again from the upload.
        problems = form.errors.get("rows") or ["The spreadsheet's rows could not be read back: upload it again"]
        form = ReadingSheetForm()
        form.full_clean()
        form.cleaned_data = {}
        form.add_error("sheet", problems)
    return render(request, "programmes/readings_upload.html", {"form": form, "indicator": indicator, "back": back})


def reading_revise(request, pk: int):
    reading = get_reading_for_user(request, pk, edit=True)
    indicator = reading.indicator
    form = ReadingRevisionForm(request.POST or None, initial=initial_from(reading, ReadingRevisionForm))
    if submitted(request, form, lambda data: operations.revise_reading(reading, by=request.user, **data), record=reading):
        period = reading.period_label or f"{reading.period_start:%b %Y}"
        messages.success(request, f"The reading of “{indicator.name}” for {period} has been revised.")
        return redirect(_indicator_page(indicator))
    return render(request, "programmes/reading_revise.html",
                  {"form": form, "indicator": indicator, "reading": reading, "back": _indicator_page(indicator)})


def _indicator_page(indicator) -> str:
    # Indicators have no page of their own: they are shown on the pages of the projects they belong to.
    projects = list(indicator.projects.all())
    if projects:
        return reverse("programmes:project_detail", args=[projects[0].pk])
    return reverse("programmes:programme_list")


def budget_line_create(request, pk: int):
    project = get_project_for_user(request, pk, edit=True)
    form = BudgetLineForm(request.POST or None)

    def add(data: dict):
        return operations.add_budget_line(request.organisation, by=request.user, project=project, **data)

    if submitted(request, form, add):
        messages.success(request, "The budget line has been added.")
        return redirect("programmes:project_detail", project.pk)
    return render(
        request, "programmes/budget_line_form.html",
        {"form": form, "line": None, "parent": project, "back": reverse("programmes:project_detail", args=[project.pk])},
    )


def budget_line_edit(request, pk: int):
    line = get_budget_line_for_user(request, pk, edit=True)
    form = BudgetLineForm(request.POST or None, initial=initial_from(line, BudgetLineForm))
    if submitted(request, form, lambda data: operations.update_budget_line(line, by=request.user, **data), record=line):
        messages.success(request, "The budget line has been changed.")
        return redirect(_parent_page(line))
    return render(
        request, "programmes/budget_line_form.html",
        {"form": form, "line": line, "parent": line.project or line.review, "back": _parent_page(line)},
    )


def risk_create(request, pk: int):
    project = get_project_for_user(request, pk, edit=True)
    form = RiskForm(request.POST or None)

    def record(data: dict):
        return operations.record_risk(request.organisation, by=request.user, project=project, **data)

    if submitted(request, form, record):
        messages.success(request, "The risk has been recorded.")
        return redirect("programmes:project_detail", project.pk)
    return render(
        request, "programmes/risk_form.html",
        {"form": form, "risk": None, "parent": project, "back": reverse("programmes:project_detail", args=[project.pk])},
    )


def risk_edit(request, pk: int):
    risk = get_risk_for_user(request, pk, edit=True)
    form = RiskForm(request.POST or None, initial=initial_from(risk, RiskForm))
    if submitted(request, form, lambda data: operations.update_risk(risk, by=request.user, **data), record=risk):
        messages.success(request, "The risk has been changed.")
        return redirect(_parent_page(risk))
    return render(
        request, "programmes/risk_form.html",
        {"form": form, "risk": risk, "parent": risk.project or risk.review, "back": _parent_page(risk)},
    )


def risk_close(request, pk: int):
    risk = get_risk_for_user(request, pk, edit=True)
    if request.method == "POST":
        try:
            operations.close_risk(risk, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The risk has been closed. It stays on the record.")
        return redirect(_parent_page(risk))
    return render(request, "programmes/risk_close.html", {"risk": risk, "back": _parent_page(risk)})


def _parent_page(record) -> str:
    """The page a budget line or risk is shown on: its project's, or its review's."""
    if record.project_id is not None:
        return reverse("programmes:project_detail", args=[record.project_id])
    return reverse("reviews:review_detail", args=[record.review_id])
