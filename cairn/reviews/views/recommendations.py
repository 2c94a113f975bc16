"""A recommendation with its action plan, revised dates, estimates and the history of its updates."""

from django.shortcuts import render

from ..access import get_recommendation_for_user
from ..models import ProgressUpdate
from ..presenters import savings_to_date


def recommendation_detail(request, pk: int):
    recommendation = get_recommendation_for_user(request, pk)
    history = [
        {"entry": update, "savings_to_date": savings_to_date(update)}
        for update in recommendation.updates.all()
        if update.state != ProgressUpdate.State.ASKED
    ]
    return render(
        request,
        "reviews/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "review": recommendation.review,
            "history": history,
            "indicators": recommendation.indicators.all(),
        },
    )
