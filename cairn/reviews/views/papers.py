"""Writing a review's cover reports in Cairn: the paper that puts its action plan, or a round's progress update,
before the committee."""

from django.contrib import messages
from django.shortcuts import redirect, render

from cairn.core.forms import initial_from, submitted

from .. import operations
from ..access import get_paper_for_user, get_review_for_user
from ..models import CommitteePaper, Meeting
from ..paper_forms import PaperForm


def paper_create(request, pk: int):
    review = get_review_for_user(request, pk, edit=True)
    form = PaperForm(review, request.POST or None, initial=_starting_values(request, review))
    paper = submitted(request, form, lambda data: operations.create_paper(data.pop("meeting"), by=request.user,
                                                                         review=review, **data))
    if paper:
        messages.success(request, f"The cover report “{paper.title}” has been saved. Download the paper to check it.")
        return redirect("reviews:review_detail", review.pk)
    return render(request, "reviews/paper_form.html", {"form": form, "review": review, "paper": None})


def paper_edit(request, pk: int):
    paper = get_paper_for_user(request, pk, edit=True)
    form = PaperForm(paper.review, request.POST or None, paper=paper, initial=initial_from(paper, PaperForm))
    if submitted(request, form, lambda data: operations.update_paper(paper, by=request.user, **data), record=paper):
        messages.success(request, f"The cover report “{paper.title}” has been changed.")
        return redirect("reviews:review_detail", paper.review_id)
    return render(request, "reviews/paper_form.html", {"form": form, "review": paper.review, "paper": paper})


def _starting_values(request, review) -> dict:
    """A new cover report starts from what the review and the signed-in officer already say: the kind and meeting
    asked for (from a round's page), a title as the papers print it, and the council's contact for its papers (the
    officer, where the council has set none)."""
    kind = request.GET.get("kind", CommitteePaper.Kind.ACTION_PLAN)
    if kind not in (CommitteePaper.Kind.ACTION_PLAN, CommitteePaper.Kind.PROGRESS_UPDATE):
        kind = CommitteePaper.Kind.ACTION_PLAN
    meeting = request.GET.get("meeting", "")
    meeting_id = int(meeting) if meeting.isdigit() else None
    if meeting_id is not None and not Meeting.objects.for_organisation(request.organisation).filter(pk=meeting_id).exists():
        meeting_id = None
    title = (f"Action Plan for Agreed Recommendations – {review.title}" if kind == CommitteePaper.Kind.ACTION_PLAN
             else f"Progress Update – {review.title}")
    # The contact the council's administrator set for its papers, each field left blank there taken from the officer.
    council, user = request.organisation, request.user
    return {
        "kind": kind, "meeting": meeting_id, "title": title,
        "contact_name": council.contact_name or user.display_name,
        "contact_post": council.contact_post or user.job_title,
        "contact_phone": council.contact_phone or user.phone,
        "contact_email": council.contact_email or user.email,
    }
