"""Access expectations for the import pages, merged into the matrix in test_tenancy.py."""

import json

from cairn.imports import operations

from .matrix import OFFICERS, SIGN_IN

# A short action plan: staging it is quick, and the same bytes give the same batch back.
PAPER = "No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tHead of Service\n".encode()


# A highlight report with one project, as a cairn-extract/1 document.
REPORT = json.dumps({
    "format": "cairn-extract/1", "source": {"name": "report.json", "sha256": ""},
    "document": {"family": "highlight_report", "title": "Programme", "organisation": None, "committee": None,
                 "meeting_date": None, "as_at": None},
    "recommendations": [], "figures": [], "budget_lines": [], "warnings": [],
    "projects": [{"number": "1", "name": "Fostering", "rag": "A", "risk_area": None, "objective": None, "budget": None,
                  "timeline": {}, "milestones": [], "metrics": [], "progress_points": [], "risks": []}],
}).encode()


def staged_batch(council) -> list[int]:
    """A staged paper of the council's (staged afresh if a previous visit discarded it)."""
    return [operations.stage_import(council.org, by=None, name="plan.txt", data=PAPER).pk]


def first_recommendation(council) -> list[int]:
    return [*staged_batch(council), 0]


def first_project(council) -> list[int]:
    return [operations.stage_import(council.org, by=None, name="report.json", data=REPORT).pk, 0]


IMPORTS_MATRIX: dict = {
    "imports:upload": (None, OFFICERS, 200, SIGN_IN),
    "imports:batch_list": (None, OFFICERS, 200, SIGN_IN),
    "imports:batch_preview": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_drop": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_destination": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_columns": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_status_levels": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:recommendation_correct": (first_recommendation, OFFICERS, 404, SIGN_IN),
    "imports:project_correct": (first_project, OFFICERS, 404, SIGN_IN),
    "imports:batch_apply": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_discard": (staged_batch, OFFICERS, 404, SIGN_IN),
    "imports:batch_discard_confirm": (staged_batch, OFFICERS, 404, SIGN_IN),
}
IMPORTS_POST_ONLY: set = {
    "imports:batch_drop", "imports:batch_destination", "imports:batch_apply", "imports:batch_discard",
    "imports:batch_status_levels",
}
