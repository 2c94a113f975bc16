"""Open data: a council's published rounds as CSV and JSON, every published recommendation's latest status, and a
catalogue of these datasets (DCAT, as JSON-LD). Only where the council consents; only frozen, published content.

Each CSV carries its licence and attribution in its own columns, so a copy passed on without its web page or
headers still says where it came from and on what terms.
"""

import csv
import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cairn.accounts.models import Organisation
from cairn.accounts.permissions import public_can_view
from cairn.lib.cells import safe_cell
from cairn.lib.dates import format_uk
from cairn.reports.changes import round_changes

from ..fingerprints import frozen_content
from ..models import ReportingRound
from ..snapshots import savings_to_date
from .public import public_organisation, published_rounds

LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
LICENCE = f"Open Government Licence v3.0 ({LICENCE_URL})"
REVIEW_COLUMNS = [
    ("review", "Review"), ("number", "No"), ("recommendation", "Recommendation"), ("lead", "Lead"),
    ("evidence", "Evidence of progress"), ("savings_to_date", "Savings or costs to date"),
    ("savings_amount", "Savings amount (£)"), ("savings_basis", "Actual or estimated"),
    ("assessment", "Assessment"), ("assessment_label", "Assessment meaning"), ("assessment_reason", "Reason"),
    ("revised_target", "Revised target"),
]
PROJECT_COLUMNS = [
    ("programme", "Programme"), ("number", "No"), ("name", "Project"), ("lead", "Lead"), ("rag", "RAG"),
    ("risk_area", "Risk area"), ("progress_points", "Progress"), ("risks", "Risks, issues and barriers"),
    ("budget", "Budget (£)"), ("spent", "Spent (£)"), ("savings", "Savings (£)"),
]
CHANGES_COLUMNS = ["Review or programme", "Compared with", "Compared as at", "No", "What changed", "Before", "Now"]
STATUS_COLUMNS = [
    "Review", "No", "Step", "Recommendation", "Lead", "Assessment", "Assessment meaning", "Evidence of progress",
    "Savings or costs to date", "Revised target", "Reported in", "As at", "Round",
]


def attribution(organisation: Organisation) -> str:
    return (f"Contains public sector information from {organisation.name} licensed under the Open Government "
            "Licence v3.0.")


def _open_data_organisation(slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.open_data_consent:
        raise Http404
    return organisation


def _open_data_round(slug: str, pk: int) -> tuple[Organisation, ReportingRound]:
    """A published round of a council that has consented to open data; nothing else exists here."""
    organisation = _open_data_organisation(slug)
    round_ = get_object_or_404(
        ReportingRound.objects.for_organisation(organisation), pk=pk, state=ReportingRound.State.PUBLISHED
    )
    return organisation, round_


def _csv(filename: str, organisation: Organisation, header: list[str], rows) -> HttpResponse:
    """A CSV whose every row ends with the licence and the attribution."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Licence"] = LICENCE
    writer = csv.writer(response)
    writer.writerow([*header, "Licence", "Attribution"])
    terms = [LICENCE, attribution(organisation)]
    for row in rows:
        writer.writerow([safe_cell("" if value is None else str(value)) for value in row] + terms)
    return response


def _cell(value) -> str:
    # Lists (a project's progress points, its risks) are one cell, a line each.
    return "\n".join(value) if isinstance(value, list) else ("" if value is None else str(value))


@login_not_required
def public_round_csv(request, slug: str, pk: int):
    """A published round as CSV, at a stable address: a row per update, or per project of a programme round."""
    organisation, round_ = _open_data_round(slug, pk)
    content = frozen_content(round_)
    if content.get("round", {}).get("kind") == ReportingRound.Kind.PROGRAMME:
        columns, records = PROJECT_COLUMNS, content.get("projects", [])
    else:
        # Savings as the paper gives them: the words as written, else the amount in pounds with its basis.
        columns = REVIEW_COLUMNS
        records = [item | {"savings_to_date": savings_to_date(item)} for item in content.get("items", [])]
    return _csv(
        f"{organisation.slug}-round-{round_.pk}.csv", organisation, [title for _, title in columns],
        ([_cell(record.get(key)) for key, _ in columns] for record in records),
    )


@login_not_required
def public_round_json(request, slug: str, pk: int):
    """A published round as JSON: exactly the frozen content, with its fingerprint and licence."""
    organisation, round_ = _open_data_round(slug, pk)
    content = frozen_content(round_)
    return JsonResponse(
        {
            "organisation": organisation.name,
            "licence": LICENCE,
            "attribution": attribution(organisation),
            "published_at": round_.published_at.isoformat(),
            "sha256": round_.content_hash,
            "content": content,
            # Not part of the frozen content: worked out from it and the previous published round's.
            "changes_since_previous": [
                {
                    "about": about, "compared_with": {"title": changes.previous_title, "as_at": changes.previous_as_at},
                    "changes": [
                        {"kind": c.kind, "label": c.label, "subject": c.subject, "before": c.before, "now": c.now}
                        for c in changes.changes
                    ],
                }
                for about, changes in round_changes(round_, content)
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


@login_not_required
def public_round_changes_csv(request, slug: str, pk: int):
    """What changed since the previous published round, for each review or programme a published round reported on."""
    organisation, round_ = _open_data_round(slug, pk)
    return _csv(
        f"{organisation.slug}-round-{round_.pk}-changes.csv", organisation, CHANGES_COLUMNS,
        (
            [about, changes.previous_title, format_uk(_date(changes.previous_as_at)), change.subject, change.label,
             change.before, change.now]
            for about, changes in round_changes(round_, frozen_content(round_))
            for change in changes.changes
        ),
    )


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@login_not_required
def public_rounds_csv(request, slug: str):
    """The list of published rounds as CSV, where the page is shown and the council publishes open data."""
    organisation = public_organisation(slug)
    if not organisation.open_data_consent:
        raise Http404

    def address(name: str, round_: ReportingRound) -> str:
        return request.build_absolute_uri(reverse(name, args=[organisation.slug, round_.pk]))

    return _csv(
        f"{organisation.slug}-rounds.csv", organisation, ["Round", "As at", "Page", "CSV", "JSON"],
        (
            (round_.title, format_uk(round_.as_at_on), address("public:round", round_),
             address("public:round_csv", round_), address("public:round_json", round_))
            for round_ in published_rounds(organisation)
        ),
    )


def latest_statuses(rounds) -> list[tuple[ReportingRound, dict]]:
    """Each recommendation (or step) ever published, with the last published round that reported on it and what
    that round said, from the rounds' frozen content; ordered as the papers order them."""
    latest: dict[tuple, tuple[ReportingRound, dict]] = {}
    for round_ in sorted(rounds, key=lambda r: (r.published_at, r.pk)):
        for item in frozen_content(round_).get("items", []):
            latest[(item.get("recommendation_id"), item.get("action_id"))] = (round_, item)
    return sorted(
        latest.values(),
        key=lambda pair: (pair[1].get("review", ""), pair[1].get("order") or 0, pair[1].get("recommendation_id") or 0,
                          pair[1].get("action_order") or 0),
    )


@login_not_required
def public_recommendations_csv(request, slug: str):
    """Every published recommendation's latest status, from the last published round that reported on it."""
    organisation = _open_data_organisation(slug)
    rounds = ReportingRound.objects.for_organisation(organisation).filter(
        state=ReportingRound.State.PUBLISHED, kind=ReportingRound.Kind.REVIEW
    )
    shown = public_can_view(organisation)

    def row(round_: ReportingRound, item: dict) -> list:
        page = request.build_absolute_uri(reverse("public:round", args=[organisation.slug, round_.pk])) if shown else ""
        return [
            item.get("review"), item.get("number"), item.get("action_order") or "", item.get("recommendation"),
            item.get("lead"), item.get("assessment"), item.get("assessment_label"), item.get("evidence"),
            savings_to_date(item), item.get("revised_target"), round_.title, format_uk(round_.as_at_on), page,
        ]

    return _csv(
        f"{organisation.slug}-recommendations.csv", organisation, STATUS_COLUMNS,
        (row(round_, item) for round_, item in latest_statuses(rounds)),
    )


@login_not_required
def public_catalogue(request, slug: str):
    """The council's open datasets as a DCAT catalogue (JSON-LD): what each is, its licence, where to get it."""
    organisation = _open_data_organisation(slug)
    shown = public_can_view(organisation)

    def absolute(name: str, *args) -> str:
        return request.build_absolute_uri(reverse(name, args=[organisation.slug, *args]))

    def distribution(url: str, media_type: str) -> dict:
        return {"@type": "dcat:Distribution", "dcat:accessURL": {"@id": url}, "dcat:downloadURL": {"@id": url},
                "dcat:mediaType": media_type, "dct:license": {"@id": LICENCE_URL}}

    publisher = {"@type": "foaf:Agent", "foaf:name": organisation.name}
    if organisation.website:
        publisher["foaf:homepage"] = {"@id": organisation.website}
    datasets = [
        {
            "@type": "dcat:Dataset",
            "@id": absolute("public:recommendations_csv"),
            "dct:title": "Latest status of every published recommendation",
            "dct:description": "Each recommendation (or step) of the council's reviews, as the last published round "
                               "that reported on it assessed it.",
            "dct:publisher": publisher, "dct:license": {"@id": LICENCE_URL},
            "dcat:distribution": [distribution(absolute("public:recommendations_csv"), "text/csv")],
        }
    ]
    for round_ in ReportingRound.objects.for_organisation(organisation).filter(
        state=ReportingRound.State.PUBLISHED
    ).order_by("-published_at", "-pk"):
        dataset = {
            "@type": "dcat:Dataset",
            "@id": absolute("public:round_json", round_.pk),
            "dct:title": round_.title,
            "dct:description": f"{round_.get_kind_display()} as at {format_uk(round_.as_at_on)}, as published.",
            "dct:issued": round_.published_at.isoformat(),
            "dct:publisher": publisher, "dct:license": {"@id": LICENCE_URL},
            "dcat:distribution": [
                distribution(absolute("public:round_csv", round_.pk), "text/csv"),
                distribution(absolute("public:round_json", round_.pk), "application/json"),
                distribution(absolute("public:round_changes_csv", round_.pk), "text/csv"),
            ],
        }
        if shown:
            dataset["dcat:landingPage"] = {"@id": absolute("public:round", round_.pk)}
        datasets.append(dataset)
    return JsonResponse(
        {
            "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/",
                         "foaf": "http://xmlns.com/foaf/0.1/"},
            "@id": absolute("public:catalogue"),
            "@type": "dcat:Catalog",
            "dct:title": f"Open data of {organisation.name}: progress reported to committees",
            "dct:publisher": publisher,
            "dct:license": {"@id": LICENCE_URL},
            "dct:rights": attribution(organisation),
            "dcat:dataset": datasets,
        },
        content_type="application/ld+json",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
