"""The one entry point for making a document: (organisation, kind, id, format) -> (bytes, filename, content type).

The command line (`cairn report`) calls it, and a download view or background task can call it the same way:
it finds the record within the organisation only, so another council's id is simply not found.
"""

from cairn.programmes.models import Programme
from cairn.reviews.models import ReportingRound, Review

from . import data, docx, extract, pdf, spreadsheets
from .data import ACTION_PLAN, HIGHLIGHT, KINDS, PROGRESS_UPDATE, ReportError

FORMATS = ("docx", "pdf", "xlsx", "csv", "json")
CONTENT_TYPES = {
    "docx": docx.CONTENT_TYPE,
    "pdf": pdf.CONTENT_TYPE,
    "xlsx": spreadsheets.XLSX_CONTENT_TYPE,
    "csv": spreadsheets.CSV_CONTENT_TYPE,
    "json": extract.CONTENT_TYPE,
}


class DocumentNotFound(ReportError):
    """No such record in this organisation (whether or not another organisation has one)."""


class UnsupportedFormat(ReportError):
    """A format or kind of document Cairn does not make."""


def build_report(organisation, kind: str, pk: int, *, round_id: int | None = None):
    """The report data for one of the organisation's reviews or programmes, optionally for one of its rounds."""
    if kind not in KINDS:
        raise UnsupportedFormat(f"Cairn does not make “{kind}” documents. Choose one of: {', '.join(KINDS)}.")
    round_ = None
    if round_id is not None:
        if kind == ACTION_PLAN:
            raise ReportError("An action plan is made from the review itself, not from a reporting round.")
        round_ = ReportingRound.objects.for_organisation(organisation).with_content().filter(pk=round_id).first()
        if round_ is None:
            raise DocumentNotFound(f"{organisation.name} has no reporting round {round_id}.")
    if kind == HIGHLIGHT:
        programme = Programme.objects.for_organisation(organisation).filter(pk=pk).first()
        if programme is None:
            raise DocumentNotFound(f"{organisation.name} has no programme {pk}.")
        return data.highlight(programme, round_)
    review = Review.objects.for_organisation(organisation).select_related("organisation").filter(pk=pk).first()
    if review is None:
        raise DocumentNotFound(f"{organisation.name} has no review {pk}.")
    if kind == PROGRESS_UPDATE:
        return data.progress_update(review, round_)
    return data.action_plan(review)


def render(report, format: str) -> tuple[bytes, str, str]:
    """A report in one format: (bytes, filename, content type)."""
    if format not in FORMATS:
        raise UnsupportedFormat(f"Cairn does not make .{format} files. Choose one of: {', '.join(FORMATS)}.")
    filename = f"{report.info.filename}.{format}"
    if format == "docx":
        content = docx.render(report)
    elif format == "pdf":
        content = pdf.render(report)
    elif format == "xlsx":
        content = spreadsheets.render_xlsx(report)
    elif format == "csv":
        content = spreadsheets.render_csv(report)
    else:
        content = extract.render(report, source_name=filename)
    return content, filename, CONTENT_TYPES[format]


def size(report) -> int:
    """How long a paper is, in table rows, to decide whether to make it in the background (a project counts five)."""
    return len(report.projects) * 5 if isinstance(report, data.HighlightReport) else len(report.rows)


def build_document(organisation, kind: str, pk: int, format: str, *, round_id: int | None = None) -> tuple[bytes, str, str]:
    """Make a committee paper or export for one of the organisation's records: (bytes, filename, content type)."""
    if format not in FORMATS:
        raise UnsupportedFormat(f"Cairn does not make .{format} files. Choose one of: {', '.join(FORMATS)}.")
    return render(build_report(organisation, kind, pk, round_id=round_id), format)
