"""A record's history, and the whole trail as CSV for administrators."""

import csv
import json

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render

from cairn.accounts.permissions import can_export_audit_trail, can_view_audit_trail
from cairn.core.access import get_scoped_or_404, own_organisation
from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.presenters import uk_datetime
from cairn.lib.cells import safe_cell
from cairn.programmes.models import BudgetLine, Indicator, Programme, Project, ProjectUpdate, Risk
from cairn.reviews.models import Action, CommitteePaper, Recommendation, ReportingRound, Review, ReviewQuestion, SavingEstimate

from .models import AuditEvent
from .presenters import describe

# The records that have a history page, and the related rows whose changes belong in it.
HISTORIES = {
    "review": (Review, lambda r: {
        "reviews.recommendation": r.recommendations.values_list("pk", flat=True),
        "reviews.reviewquestion": r.questions.values_list("pk", flat=True),
        "reviews.reviewstep": r.steps.values_list("pk", flat=True),
        "reviews.savingestimate": r.saving_estimates.values_list("pk", flat=True),
    }),
    "recommendation": (
        Recommendation,
        lambda r: {
            "reviews.action": r.actions.values_list("pk", flat=True),
            "reviews.progressupdate": r.updates.values_list("pk", flat=True),
            "reviews.savingestimate": r.saving_estimates.values_list("pk", flat=True),
        },
    ),
    "round": (ReportingRound, lambda r: {
        "reviews.progressupdate": r.updates.values_list("pk", flat=True),
        "programmes.projectupdate": r.project_updates.values_list("pk", flat=True),
    }),
    "programme": (Programme, lambda p: {"programmes.project": p.projects.values_list("pk", flat=True)}),
    "project": (Project, lambda p: {
        "programmes.milestone": p.milestones.values_list("pk", flat=True),
        "programmes.projectupdate": p.updates.values_list("pk", flat=True),
        "programmes.budgetline": p.budget_lines.values_list("pk", flat=True),
        "programmes.risk": p.risks.values_list("pk", flat=True),
    }),
    "indicator": (Indicator, lambda i: {"programmes.reading": i.readings.values_list("pk", flat=True)}),
    "budget-line": (BudgetLine, lambda b: {}),
    "risk": (Risk, lambda r: {}),
    "saving-estimate": (SavingEstimate, lambda e: {}),
    "project-report": (ProjectUpdate, lambda u: {}),
    "question": (ReviewQuestion, lambda q: {}),
    "step": (Action, lambda a: {"reviews.targetrevision": a.revisions.values_list("pk", flat=True)}),
    "paper": (CommitteePaper, lambda p: {"reviews.papersection": p.sections.values_list("pk", flat=True)}),
}


def history(request, kind: str, pk: int):
    if kind == "council":
        # The council's own settings (its papers' name, logo and contact among them): only ever the person's own.
        obj, related = own_organisation(request), lambda o: {}
        if obj.pk != pk:
            raise Http404
    elif kind in HISTORIES:
        model, related = HISTORIES[kind]
        obj = get_scoped_or_404(request, model.objects.all(), pk=pk)
    else:
        raise Http404
    if not can_view_audit_trail(request.user):
        raise PermissionDenied
    condition = Q(target_type=obj._meta.label_lower, target_id=str(obj.pk))
    for target_type, ids in related(obj).items():
        condition |= Q(target_type=target_type, target_id__in=[str(i) for i in ids])
    events = AuditEvent.objects.for_organisation(request.organisation).filter(condition).select_related("actor")
    views = describe(events[:500])
    if wants_csv(request):
        return csv_response(
            f"{request.organisation.slug}-{kind}-{obj.pk}-history.csv", ["When", "Who", "What", "Record", "Changes"],
            (
                (uk_datetime(view.event.at), view.event.actor_label, view.action, view.event.target_label,
                 _changes(view))
                for view in views
            ),
        )
    return render(request, "audit/history.html", {
        "record": obj, "kind": kind, "events": views, "csv_query": csv_query(request),
    })


def _changes(view) -> str:
    """One line per changed field, as the page shows them ("Field: before → after")."""
    return "\n".join(
        f"{change.label}: {'' if change.before is None else f'{change.before} → '}{change.after}"
        for change in view.changes
    )


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def export(request):
    """Every event of the organisation as CSV, oldest first (formula-looking text made plain)."""
    if not can_export_audit_trail(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.for_organisation(request.organisation).order_by("at", "id").iterator()

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())

    def rows():
        yield writer.writerow(["at", "actor", "action", "record type", "record id", "record", "before", "after"])
        for event in events:
            yield writer.writerow(
                [
                    safe_cell(value)
                    for value in (
                        event.at.isoformat(), event.actor_label, event.action, event.target_type, event.target_id,
                        event.target_label, _json(event.before), _json(event.after),
                    )
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{request.organisation.slug}-audit-trail.csv"'
    return response
