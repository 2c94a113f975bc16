"""Programme list, programme dashboard (RAG, phase grid, milestones, indicators, budget) and project pages."""

from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from cairn.accounts.permissions import can_see_unpublished_updates
from cairn.audit import stamps
from cairn.benchmarks.context import latest_benchmarks
from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.kept_pages import render_kept
from cairn.core.pagination import page_of
from cairn.reports.presenters import highlight_papers, programme_downloads, programme_rounds
from cairn.reviews.models import ReportingRound

from .access import get_programme_for_user, get_project_for_user, programmes_for_user, projects_with_plan
from .models import Project, ProjectUpdate
from .presenters import milestones_due_and_missed, phase_grid, slipped, total


def programme_list(request):
    programmes = programmes_for_user(request).annotate(project_count=Count("projects"))
    if wants_csv(request):
        return csv_response(
            f"{request.organisation.slug}-programmes.csv", ["Programme", "Board", "Manager", "Projects"],
            ((p.name, str(p.board or ""), p.manager.display_name if p.manager else "", p.project_count) for p in programmes),
        )
    return render(request, "programmes/programme_list.html", {"programmes": programmes, "csv_query": csv_query(request)})


def programme_detail(request, pk: int):
    programme = get_programme_for_user(request, pk)

    def content() -> dict:
        today = timezone.localdate()
        projects = list(projects_with_plan(programme.projects.all(), updates=False))
        milestones = [milestone for project in projects for milestone in project.milestones.all()]
        due, missed = milestones_due_and_missed(milestones, today)
        indicators = {indicator.pk: indicator for project in projects for indicator in project.indicators.all()}
        budget_lines = [line for project in projects for line in project.budget_lines.all()]
        downloads, more_papers = programme_downloads(programme, request.user)
        return {
            "today": today,
            "downloads": downloads,
            "all_papers": more_papers,
            "projects": projects,
            "grid": phase_grid(projects, today, programme.starts_on, programme.ends_on),
            "phases": programme.phases.all(),
            "due": due,
            "missed": missed,
            "slipped": slipped(milestones),
            "indicators": sorted(indicators.values(), key=lambda i: i.name),
            "benchmarks": latest_benchmarks(indicators.values()),
            "budget": total(project.budget for project in projects),
            "spent": total(line.spent for line in budget_lines),
            "budget_lines": budget_lines,
        }

    return render_kept(request, "programmes/programme_detail.html", stamp=stamps.stamp(request.organisation),
                       context=content, frame={"programme": programme})


def programme_papers(request, pk: int):
    """Every highlight report of a programme that the person may see, newest first, a page at a time."""
    programme = get_programme_for_user(request, pk)
    page = page_of(request, programme_rounds(programme, request.user))
    return render(request, "reports/papers.html", {
        "title": f"Highlight reports – {programme.name}", "record": programme,
        "back": ("programmes:programme_detail", programme.pk), "page": page,
        "downloads": highlight_papers(programme, page.rows),
    })


def project_detail(request, pk: int):
    found = get_project_for_user(request, pk, plan=False)

    def content() -> dict:
        project = projects_with_plan(Project.objects.select_related("programme")).get(pk=found.pk)
        today = timezone.localdate()
        # Reports newest first. The page shows what the board saw (a published round's report), or for officers also
        # a report accepted in a round not yet published; never a draft nobody has checked.
        officer = can_see_unpublished_updates(request.user)
        checked = [
            update for update in project.updates.all()
            if update.round.is_published or (
                officer and update.state == ProjectUpdate.State.ACCEPTED
                and update.round.state != ReportingRound.State.CANCELLED
            )
        ]
        return {
            "project": project,
            "today": today,
            "grid": phase_grid([project], today, project.programme.starts_on, project.programme.ends_on),
            "phases": project.programme.phases.all(),
            "update": checked[0] if checked else None,
            "rag_history": [update for update in checked if update.rag],
            "budget_lines": project.budget_lines.all(),
            "risks": project.risks.all(),
            "benchmarks": latest_benchmarks(project.indicators.all()),
        }

    return render_kept(request, "programmes/project_detail.html", stamp=stamps.stamp(request.organisation),
                       context=content, frame={"project": found, "programme": found.programme})
