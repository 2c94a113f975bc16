"""Review list and review detail (the action plan table with the latest progress)."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import render

from cairn.audit import stamps
from cairn.benchmarks.context import latest_benchmarks
from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.kept_pages import render_kept
from cairn.core.pagination import page_of
from cairn.programmes.access import latest_readings
from cairn.reports.presenters import progress_papers, review_downloads, review_rounds, savings_chart_svg

from ..access import get_review_for_user, recommendations_with_latest, reviews_for_user
from ..models import Recommendation, Review
from ..presenters import savings_to_date


def review_list(request):
    reviews = reviews_for_user(request).annotate(
        open_count=Count("recommendations", filter=Q(recommendations__state=Recommendation.State.OPEN)),
        closed_count=Count("recommendations", filter=Q(recommendations__state=Recommendation.State.CLOSED)),
    )
    state = request.GET.get("state", "")
    if state in Review.State.values:
        reviews = reviews.filter(state=state)
    if wants_csv(request):
        return csv_response(
            f"{request.organisation.slug}-reviews.csv",
            ["Review", "Kind", "Committee", "State", "Open recommendations", "Signed off"],
            ((r.title, r.get_kind_display(), str(r.committee or ""), r.get_state_display(), r.open_count, r.closed_count)
             for r in reviews),
        )
    return render_kept(request, "reviews/review_list.html", stamp=stamps.stamp(request.organisation), frame={},
                       context=lambda: {"page": page_of(request, reviews), "states": Review.State.choices, "state": state,
                                        "csv_query": csv_query(request)})


def review_detail(request, pk: int):
    review = get_review_for_user(request, pk)

    def content() -> dict:
        recommendations = recommendations_with_latest(review.recommendations.all(), request.user)
        rows = []
        for recommendation in recommendations:
            update = recommendation.latest_updates[0] if recommendation.latest_updates else None
            rows.append({"recommendation": recommendation, "latest": update, "savings_to_date": savings_to_date(update)})
        # Each indicator's latest reading only: the page shows no more.
        indicators = list(review.indicators.prefetch_related(
            Prefetch("readings", queryset=latest_readings()[:1], to_attr="latest_readings")
        ))
        downloads, more_papers = review_downloads(review, request.user)
        return {
            "rows": rows,
            "downloads": downloads,
            "all_papers": more_papers,
            "savings_chart": savings_chart_svg(review),
            "questions": review.questions.all(),
            "steps": review.steps.all(),
            "papers": review.papers.select_related("meeting__committee").prefetch_related("sections"),
            "indicators": indicators,
            "benchmarks": latest_benchmarks(indicators),
            "budget_lines": review.budget_lines.all(),
            "risks": review.risks.all(),
        }

    return render_kept(request, "reviews/review_detail.html", stamp=stamps.stamp(request.organisation),
                       context=content, frame={"review": review})


def review_papers(request, pk: int):
    """Every progress update paper of a review that the person may see, newest first, a page at a time."""
    review = get_review_for_user(request, pk)
    page = page_of(request, review_rounds(review, request.user))
    return render(request, "reports/papers.html", {
        "title": f"Progress update papers – {review.title}", "record": review, "back": ("reviews:review_detail", review.pk),
        "page": page, "downloads": progress_papers(review, page.rows),
    })
