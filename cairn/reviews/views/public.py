"""Published progress for the public, where the council has turned public pages on. Nothing else is shown."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from cairn.accounts.models import Organisation
from cairn.accounts.permissions import public_can_view
from cairn.audit import stamps
from cairn.core.kept_pages import render_kept
from cairn.reports import pdf, presenters
from cairn.reports.data import round_reports
from cairn.reports.kept_papers import kept_pdf

from ..fingerprints import frozen_content
from ..models import ReportingRound


def public_organisation(slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not public_can_view(organisation):
        raise Http404
    return organisation


@login_not_required
def public_rounds(request, slug: str):
    organisation = public_organisation(slug)
    rounds = published_rounds(organisation)
    return render(request, "reviews/public/rounds.html", {"public_organisation": organisation, "rounds": rounds})


def published_rounds(organisation: Organisation):
    return ReportingRound.objects.for_organisation(organisation).filter(state=ReportingRound.State.PUBLISHED)


@login_not_required
def public_round(request, slug: str, pk: int):
    organisation = public_organisation(slug)
    found = get_object_or_404(
        ReportingRound.objects.for_organisation(organisation), pk=pk, state=ReportingRound.State.PUBLISHED
    )

    def page() -> dict:
        # Only the frozen content the committee saw: never the live records. The page shows what its papers show.
        round_ = ReportingRound.objects.with_content().get(pk=found.pk)
        content = frozen_content(round_)
        return {"round": round_, "content": content, "papers": round_reports(round_, content), "p": presenters}

    return render_kept(request, "reviews/public/round.html", stamp=stamps.stamp(organisation), context=page,
                       frame={"public_organisation": organisation, "round": found})


@login_not_required
def public_round_paper(request, slug: str, pk: int, kind: str, record: int):
    """A published round's paper (PDF) for one review or programme, made from the frozen content only."""
    organisation = public_organisation(slug)
    round_ = get_object_or_404(
        ReportingRound.objects.for_organisation(organisation).with_content(), pk=pk, state=ReportingRound.State.PUBLISHED
    )
    report = next(
        (report for k, record_id, report in round_reports(round_, frozen_content(round_)) if (k, record_id) == (kind, record)),
        None,
    )
    if report is None:
        raise Http404
    response = HttpResponse(kept_pdf(round_, kind, record, lambda: pdf.render(report)), content_type=pdf.CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{report.info.filename}.pdf"'
    return response
