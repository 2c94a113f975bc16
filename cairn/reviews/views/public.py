"""Published progress for the public, where the council has turned public pages on. Nothing else is shown."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from cairn.accounts.models import Organisation
from cairn.accounts.permissions import public_can_view

from ..models import ReportingRound


def _public_organisation(slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not public_can_view(organisation):
        raise Http404
    return organisation


@login_not_required
def public_rounds(request, slug: str):
    organisation = _public_organisation(slug)
    rounds = ReportingRound.objects.for_organisation(organisation).filter(state=ReportingRound.State.PUBLISHED)
    return render(request, "reviews/public/rounds.html", {"public_organisation": organisation, "rounds": rounds})


@login_not_required
def public_round(request, slug: str, pk: int):
    organisation = _public_organisation(slug)
    round_ = get_object_or_404(
        ReportingRound.objects.for_organisation(organisation), pk=pk, state=ReportingRound.State.PUBLISHED
    )
    # Only the frozen content the committee saw: never the live records.
    return render(
        request,
        "reviews/public/round.html",
        {"public_organisation": organisation, "round": round_, "content": round_.published_content},
    )
