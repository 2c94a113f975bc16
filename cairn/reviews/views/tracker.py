"""The recommendation tracker page and its CSV download (the same filter)."""

from django.utils import timezone

from cairn.audit import stamps
from cairn.core.access import scoped
from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.kept_pages import render_kept
from cairn.core.pagination import page_of
from cairn.lib.dates import format_uk

from ..models import AssessmentLevel, Recommendation
from ..tracker import TrackerForm, tracked_recommendations


def recommendation_tracker(request):
    scoped(request, Recommendation.objects.none())
    if wants_csv(request):
        # The CSV is the whole list; the page shows it fifty at a time.
        _, recommendations = _filtered(request)
        return _csv(request, _with_levels(request, list(recommendations)))

    def content() -> dict:
        form, recommendations = _filtered(request)
        page = page_of(request, recommendations)
        _with_levels(request, page.rows)
        return {"form": form, "page": page, "csv_query": csv_query(request)}

    return render_kept(request, "reviews/tracker.html", stamp=stamps.stamp(request.organisation), context=content,
                       frame={})


def _filtered(request):
    form = TrackerForm(request.organisation, request.GET or None, initial={"state": "open"})
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {"state": "open"}
    return form, tracked_recommendations(request.organisation, request.user, filters, timezone.localdate())


def _with_levels(request, rows: list) -> list:
    levels = {level.pk: level for level in AssessmentLevel.objects.for_organisation(request.organisation)}
    for row in rows:
        row.latest_level = levels.get(row.latest_level_id)
    return rows


def _csv(request, rows):
    return csv_response(
        f"{request.organisation.slug}-recommendations.csv",
        ["Review", "Committee", "No", "Recommendation", "Objective", "Lead", "Latest assessment", "State",
         "Overdue step", "Signed off on"],
        (
            (row.review.title, str(row.review.committee or ""), row.number, row.text, row.objective, row.lead_display,
             f"{row.latest_level.code} {row.latest_level.label}" if row.latest_level else "Not yet assessed",
             row.get_state_display(),
             "Yes" if row.has_overdue and row.state == "open" else "No", format_uk(row.closed_on))
            for row in rows
        ),
    )
