"""The reporting cycle: open a round, ask leads, collect and check updates, publish, sign off."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from cairn.accounts.permissions import can_confirm_savings, can_manage_rounds, can_write_update
from cairn.audit import stamps
from cairn.core.access import scoped
from cairn.core.downloads import csv_query, csv_response, wants_csv
from cairn.core.kept_pages import render_kept
from cairn.core.forms import apply_model_errors, submitted
from cairn.core.pagination import page_of
from cairn.core.presenters import uk_date
from cairn.lib.money import as_typed
from cairn.programmes.access import reports_asked_of
from cairn.programmes.models import ProjectUpdate
from cairn.reports.changes import update_since_last_committee

from .. import operations, round_operations
from ..fingerprints import frozen_content
from ..models import AssessmentLevel, AssessmentScale, CommitteePaper, ProgressUpdate, Recommendation, ReportingRound
from ..presenters import savings_to_date
from ..round_access import (
    figures_to_confirm,
    get_round_for_user,
    get_update_for_user,
    previous_update,
    rounds_for_user,
    updates_asked_of,
)
from ..round_forms import OpenRoundForm, ProgressUpdateForm, ReturnForm, SavingsForm, SignOffForm
from ..snapshots import savings_to_date as frozen_savings

UPDATE_FIELDS = [
    "evidence", "level", "assessment_reason", "revised_target_on", "revised_target_text",
    "savings_amount", "savings_basis", "savings_text",
]


def _require_manager(request) -> None:
    if not can_manage_rounds(request.user):
        raise PermissionDenied


def round_list(request):
    rounds = rounds_for_user(request)
    if wants_csv(request):
        return csv_response(
            f"{request.organisation.slug}-rounds.csv", ["Round", "As at", "Deadline", "State"],
            ((r.title, uk_date(r.as_at_on), uk_date(r.deadline_on), r.get_state_display()) for r in rounds),
        )
    return render_kept(request, "rounds/round_list.html", stamp=stamps.stamp(request.organisation), frame={},
                       context=lambda: {"page": page_of(request, rounds), "csv_query": csv_query(request)})


def round_open(request):
    scoped(request, ReportingRound.objects.none())
    _require_manager(request)
    form = OpenRoundForm(request.organisation, request.POST or None)

    def open_round(data: dict):
        recommendations = (
            Recommendation.objects.for_organisation(request.organisation).open()
            .filter(review__in=data["reviews"]).exclude(executive_response=Recommendation.Response.NOT_ACCEPTED)
        )
        return operations.open_round(
            request.organisation, by=request.user, title=data["title"], meeting=form.meeting_for(by=request.user),
            as_at_on=data["as_at_on"], deadline_on=data["deadline_on"], recommendations=recommendations,
        )

    if round_ := submitted(request, form, open_round):
        messages.success(request, f"Round opened with {round_.updates.count()} recommendations. Now ask the leads for their updates.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/round_open.html", {"form": form})


def round_detail(request, pk: int):
    round_ = get_round_for_user(request, pk)

    def content() -> dict:
        if round_.is_published:
            frozen_content(round_)  # the page shows the fingerprint: refuse one that does not match
        updates = (
            round_.updates.select_related("recommendation__review", "recommendation__lead_officer", "level", "finance_confirmed_by")
            .order_by("recommendation__review__title", "recommendation__order", "recommendation_id")
        )
        project_updates = round_.project_updates.select_related("round", "project__programme").defer("round__published_content").order_by("project__order")
        updates, project_updates = list(updates), list(project_updates)
        tally = dict(round_.updates.values_list("state").annotate(n=Count("id")).order_by())
        without_lead = round_.updates.filter(recommendation__lead_officer__isnull=True).count()
        return {
            "updates": updates, "project_updates": project_updates, "tally": tally,
            "without_lead": without_lead, "can_manage": can_manage_rounds(request.user),
            "notices": round_.notices.select_related("recipient", "email").order_by("-created_at", "-pk")[:50],
            "failed_emails": round_.notices.filter(email__state="failed").count(),
            "papers": _round_papers(round_, updates, project_updates),
        }

    # The page shows how its e-mails went, which their sending changes without an audited change to the records:
    # how many there are and how often each was tried name that part.
    emails = round_.notices.aggregate(n=Count("pk"), tries=Sum("email__attempts"), sent=Max("email__sent_at"))
    stamp = f"{stamps.stamp(request.organisation)}:{emails['n']}:{emails['tries']}:{emails['sent']}"
    return render_kept(request, "rounds/round_detail.html", stamp=stamp, context=content, frame={"round": round_})


def _round_papers(round_: ReportingRound, updates: list, project_updates: list) -> list[dict]:
    """The round's papers: a progress update for each review it reports on (with the cover report written for the
    round's meeting, if any), and a highlight report for each programme."""
    reviews = {update.recommendation.review_id: update.recommendation.review for update in updates}
    covers = {}
    if reviews and round_.meeting_id:
        covers = {paper.review_id: paper for paper in CommitteePaper.objects.filter(
            meeting_id=round_.meeting_id, review_id__in=reviews, kind=CommitteePaper.Kind.PROGRESS_UPDATE,
        )}
    papers = [
        {"label": f"Progress update – {review.title}", "kind": "progress-update", "pk": review.pk,
         "review": review, "cover": covers.get(review.pk)}
        for review in sorted(reviews.values(), key=lambda review: (review.title, review.pk))
    ]
    programmes = {update.project.programme_id: update.project.programme for update in project_updates}
    papers += [
        {"label": f"Highlight report – {programme.name}", "kind": "highlight", "pk": programme.pk,
         "review": None, "cover": None}
        for programme in sorted(programmes.values(), key=lambda programme: (programme.name, programme.pk))
    ]
    return papers


@require_POST
def round_ask(request, pk: int):
    round_ = get_round_for_user(request, pk)
    _require_manager(request)
    try:
        asked = round_operations.ask_for_updates(round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if asked:
            messages.success(request, f"{asked} lead officer{'s were' if asked != 1 else ' was'} e-mailed.")
        else:
            messages.success(request, "Every lead with an outstanding update has already been asked.")
    return redirect("rounds:round_detail", round_.pk)


@require_POST
def round_start_review(request, pk: int):
    round_ = get_round_for_user(request, pk)
    _require_manager(request)
    try:
        round_operations.start_round_review(round_, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The round is now in review. Councillors can see it.")
    return redirect("rounds:round_detail", round_.pk)


def round_publish(request, pk: int):
    round_ = get_round_for_user(request, pk)
    _require_manager(request)
    not_accepted = list(round_.updates.exclude(state=ProgressUpdate.State.ACCEPTED).select_related("recommendation__review"))
    not_accepted += list(round_.project_updates.exclude(state="accepted").select_related("project"))
    unconfirmed = round_.updates.filter(
        savings_amount__isnull=False, finance_confirmed_by__isnull=True
    ).select_related("recommendation__review", "recommendation__finance_manager")
    if request.method == "POST":
        try:
            operations.publish_round(round_, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The round is published. What the committee sees is now fixed and cannot be changed.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/round_publish.html", {
        "round": round_, "not_accepted": not_accepted, "unconfirmed": unconfirmed,
        "may_publish_unchecked": request.organisation.publish_unchecked,
    })


def round_sign_off(request, pk: int):
    round_ = get_round_for_user(request, pk)
    _require_manager(request)
    if not round_.is_published:
        messages.error(request, "Publish the round before recording the committee's decisions.")
        return redirect("rounds:round_detail", round_.pk)
    candidates = [
        update.recommendation
        for update in round_.updates.filter(
            level__meaning=AssessmentLevel.Meaning.COMPLETE, recommendation__state=Recommendation.State.OPEN
        ).select_related("recommendation__review")
    ]
    form = SignOffForm(request.organisation, candidates, request.POST or None,
                       initial={"meeting": round_.meeting_id, "recommendations": [str(r.pk) for r in candidates]})
    if request.method == "POST" and form.is_valid():
        chosen = {int(pk) for pk in form.cleaned_data["recommendations"]}
        for recommendation in candidates:
            if recommendation.pk in chosen:
                operations.sign_off_recommendation(recommendation, by=request.user, meeting=form.cleaned_data["meeting"])
        messages.success(request, f"{len(chosen)} recommendation{'s' if len(chosen) != 1 else ''} signed off and closed.")
        return redirect("rounds:round_detail", round_.pk)
    return render(request, "rounds/round_sign_off.html", {"round": round_, "form": form, "candidates": candidates})


def my_updates(request):
    """What is asked of this person: their items to update, and savings figures to confirm."""
    scoped(request, ReportingRound.objects.none())
    mine = updates_asked_of(request.user)
    to_confirm = figures_to_confirm(request.user)
    reports = reports_asked_of(request.user)
    today = timezone.localdate()
    if wants_csv(request):
        return _my_updates_csv(request, mine, reports, to_confirm, today)
    return render(request, "rounds/my_updates.html", {
        "mine": mine, "to_confirm": to_confirm, "reports": reports, "today": today,
        "csv_query": csv_query(request),
    })


def _my_updates_csv(request, mine, reports, to_confirm, today):
    """The page's three tables in one file, each row saying which table it comes from."""
    def recommendation(update) -> str:
        return f"{update.recommendation.review.title}: recommendation {update.recommendation.label}"

    rows = [
        ("Progress update", recommendation(update), update.recommendation.text, update.round.title,
         uk_date(update.round.deadline_on), "Yes" if update.round.deadline_on < today else "No",
         update.get_state_display(),
         update.return_comment if update.state == ProgressUpdate.State.RETURNED else "")
        for update in mine
    ]
    rows += [
        ("Highlight report", str(report.project), "", report.round.title, uk_date(report.round.deadline_on),
         "Yes" if report.round.deadline_on < today else "No", report.get_state_display(),
         report.return_comment if report.state == ProjectUpdate.State.RETURNED else "")
        for report in reports
    ]
    rows += [
        ("Savings figures to confirm", recommendation(update), update.recommendation.text, update.round.title,
         "", "", "", "")
        for update in to_confirm
    ]
    return csv_response(
        f"{request.organisation.slug}-your-updates.csv",
        ["Asked of you", "Item", "Recommendation", "Round", "Due by", "Overdue", "State", "Returned because"],
        rows,
    )


def _active_scale(organisation):
    return AssessmentScale.objects.for_organisation(organisation).filter(is_active=True).prefetch_related("levels").first()


def update_edit(request, pk: int):
    """A lead writes (or an officer edits) an update: save a draft, come back, submit."""
    update = get_update_for_user(request, pk)
    if not can_write_update(request.user, update):
        raise PermissionDenied
    previous = previous_update(update)
    source = update if update.state != ProgressUpdate.State.ASKED or previous is None else previous
    initial = {name: getattr(source, name) for name in UPDATE_FIELDS}
    initial["level"] = source.level_id
    initial["version"] = update.version
    # The steps already chosen; at first, those overdue as at the round's date (the lead can change the choice).
    initial["revised_actions"] = [step.pk for step in update.revised_actions.all()] or [
        step.pk for step in update.recommendation.actions.all()
        if step.completed_on is None and (step.current_target_on or step.target_on) and
        (step.current_target_on or step.target_on) <= update.round.as_at_on
    ]
    form = ProgressUpdateForm(_active_scale(request.organisation), request.POST or None, initial=initial, update=update)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {name: data[name] for name in UPDATE_FIELDS}
        for name in ("evidence", "assessment_reason", "revised_target_text", "savings_basis", "savings_text"):
            fields[name] = fields[name] or ""
        if "revised_actions" in data:
            fields["revised_actions"] = list(data["revised_actions"])
        submitting = request.POST.get("action") == "submit"
        try:
            saved = operations.save_progress_update(update, by=request.user, expected_version=data["version"], **fields)
        except ValidationError as error:
            update.refresh_from_db()
            if update.version != data["version"]:
                conflict = update  # someone else saved first: show theirs beside what this person typed
            apply_model_errors(form, error)
        else:
            if not submitting:
                messages.success(request, "Your draft has been saved. You can come back to it before the deadline.")
                return redirect("rounds:update_edit", update.pk)
            try:
                operations.submit_progress_update(saved, by=request.user)
            except ValidationError as error:
                # The draft is kept; what stops submission is shown on the form, which now carries the new version.
                posted = request.POST.copy()
                posted["version"] = saved.version
                form = ProgressUpdateForm(_active_scale(request.organisation), posted, update=saved)
                form.is_valid()
                apply_model_errors(form, error)
                update = saved
            else:
                messages.success(request, "Your update has been submitted for checking.")
                if can_manage_rounds(request.user):
                    return redirect("rounds:round_detail", update.round_id)
                return redirect("rounds:my_updates")
    return render(
        request,
        "rounds/update_edit.html",
        {"update": update, "form": form, "previous": previous, "conflict": conflict,
         "previous_savings": savings_to_date(previous), "conflict_savings": savings_to_date(conflict)},
    )


def update_check(request, pk: int):
    """The scrutiny officer compares an update with the last round's and accepts or returns it."""
    update = get_update_for_user(request, pk, whole=request.method == "POST")
    _require_manager(request)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "accept":
                operations.accept_progress_update(update, by=request.user)
                messages.success(request, f"Recommendation {update.recommendation.label}: update accepted.")
                return redirect("rounds:round_detail", update.round_id)
            if form.is_valid():
                round_operations.return_progress_update(update, by=request.user, comment=form.cleaned_data["return_comment"])
                messages.success(request, f"Recommendation {update.recommendation.label}: returned to the lead, who has been e-mailed.")
                return redirect("rounds:round_detail", update.round_id)
        except ValidationError as error:
            apply_model_errors(form, error)

    def content() -> dict:
        whole = update if request.method == "POST" else get_update_for_user(request, pk)
        # Compared with what the last committee saw: the previous published round's frozen content, not the records.
        last = update_since_last_committee(whole)
        return {"update": whole, "last": last, "form": form, "savings": savings_to_date(whole),
                "previous_savings": frozen_savings(last.item) if last and last.item else "",
                "can_write": can_write_update(request.user, whole)}

    if request.method == "POST":  # the form again, with what was wrong with it
        return render(request, "rounds/update_check.html", content())
    return render_kept(request, "rounds/update_check.html", stamp=stamps.stamp(request.organisation), context=content,
                       frame={"update": update, "form": form})


def update_savings(request, pk: int):
    """The finance manager confirms or corrects the savings figures on an update."""
    update = get_update_for_user(request, pk)
    if not can_confirm_savings(request.user, update):
        raise PermissionDenied
    form = SavingsForm(request.POST or None, initial={
        "savings_amount": as_typed(update.savings_amount), "savings_basis": update.savings_basis,
        "savings_text": update.savings_text,
    })
    if submitted(request, form, lambda data: round_operations.confirm_savings(update, by=request.user, **data), record=update):
        messages.success(request, f"Savings confirmed for recommendation {update.recommendation.label}.")
        return redirect("rounds:my_updates")
    return render(request, "rounds/update_savings.html", {
        "update": update, "form": form, "lead_figure": savings_to_date(update),
        "estimates": [estimate.text for estimate in update.recommendation.saving_estimates.all()],
        "previous": previous_update(update),
    })
