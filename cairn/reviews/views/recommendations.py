"""A recommendation with its action plan, revised dates, estimates and the history of its updates."""

from cairn.audit import stamps
from cairn.core.kept_pages import render_kept

from ..access import get_recommendation_for_user, recommendations_with_plan
from ..models import ProgressUpdate, Recommendation
from ..presenters import savings_to_date


def recommendation_detail(request, pk: int):
    found = get_recommendation_for_user(request, pk, plan=False)

    def content() -> dict:
        recommendation = recommendations_with_plan(Recommendation.objects.all(), request.user).get(pk=found.pk)
        history = [
            {"entry": update, "savings_to_date": savings_to_date(update)}
            for update in recommendation.updates.all()
            if update.state != ProgressUpdate.State.ASKED
        ]
        return {"recommendation": recommendation, "history": history, "indicators": recommendation.indicators.all()}

    return render_kept(request, "reviews/recommendation_detail.html", stamp=stamps.stamp(request.organisation),
                       context=content, frame={"recommendation": found, "review": found.review})
