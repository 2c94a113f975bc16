"""Published progress for the public, where the council has turned public pages on. Nothing else is shown."""

import csv

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from cairn.accounts.models import Organisation
from cairn.accounts.permissions import public_can_view
from cairn.core.downloads import csv_response
from cairn.lib.cells import safe_cell
from cairn.lib.dates import format_uk

from ..fingerprints import frozen_content
from ..models import ReportingRound


def _public_organisation(slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not public_can_view(organisation):
        raise Http404
    return organisation


@login_not_required
def public_rounds(request, slug: str):
    organisation = _public_organisation(slug)
    rounds = _published(organisation)
    return render(request, "reviews/public/rounds.html", {"public_organisation": organisation, "rounds": rounds})


def _published(organisation: Organisation):
    return ReportingRound.objects.for_organisation(organisation).filter(state=ReportingRound.State.PUBLISHED)


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
        {"public_organisation": organisation, "round": round_, "content": frozen_content(round_)},
    )


LICENCE = "Open Government Licence v3.0 (https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
OPEN_DATA_COLUMNS = [
    ("review", "Review"), ("number", "No"), ("recommendation", "Recommendation"), ("lead", "Lead"),
    ("evidence", "Evidence of progress"), ("savings_to_date", "Savings or costs to date"),
    ("savings_amount", "Savings amount (£)"), ("savings_basis", "Actual or estimated"),
    ("assessment", "Assessment"), ("assessment_label", "Assessment meaning"), ("assessment_reason", "Reason"),
    ("revised_target", "Revised target"),
]


def _open_data_round(slug: str, pk: int) -> tuple[Organisation, ReportingRound]:
    """A published round of a council that has consented to open data; nothing else exists here."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.open_data_consent:
        raise Http404
    round_ = get_object_or_404(
        ReportingRound.objects.for_organisation(organisation), pk=pk, state=ReportingRound.State.PUBLISHED
    )
    return organisation, round_


@login_not_required
def public_round_csv(request, slug: str, pk: int):
    """A published round as CSV, at a stable address, under the Open Government Licence."""
    organisation, round_ = _open_data_round(slug, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organisation.slug}-round-{round_.pk}.csv"'
    response["X-Licence"] = LICENCE
    writer = csv.writer(response)
    writer.writerow([title for _, title in OPEN_DATA_COLUMNS])
    for item in frozen_content(round_).get("items", []):
        writer.writerow([safe_cell(item.get(key) or "") for key, _ in OPEN_DATA_COLUMNS])
    return response


@login_not_required
def public_round_json(request, slug: str, pk: int):
    """A published round as JSON: exactly the frozen content, with its fingerprint and licence."""
    organisation, round_ = _open_data_round(slug, pk)
    return JsonResponse(
        {
            "organisation": organisation.name,
            "licence": LICENCE,
            "attribution": f"Contains public sector information from {organisation.name} licensed under the Open Government Licence v3.0.",
            "published_at": round_.published_at.isoformat(),
            "sha256": round_.content_hash,
            "content": frozen_content(round_),
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@login_not_required
def public_rounds_csv(request, slug: str):
    """The list of published rounds as CSV, where the page is shown and the council publishes open data."""
    organisation = _public_organisation(slug)
    if not organisation.open_data_consent:
        raise Http404

    def address(name: str, round_: ReportingRound) -> str:
        return request.build_absolute_uri(reverse(name, args=[organisation.slug, round_.pk]))

    response = csv_response(
        f"{organisation.slug}-rounds.csv", ["Round", "As at", "Page", "CSV", "JSON"],
        (
            (round_.title, format_uk(round_.as_at_on), address("public:round", round_),
             address("public:round_csv", round_), address("public:round_json", round_))
            for round_ in _published(organisation)
        ),
    )
    response["X-Licence"] = LICENCE
    return response
