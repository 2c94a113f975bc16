"""Which kind of paper this is (detected, never asked), and reading it with the parser for that kind."""

from . import highlights, objectives, presentations, project_sheets
from .columns import Columns, first_table_row, found_columns
from .cover import read_cover
from .cover_report import read_cover_report
from .document import Source, Work
from .flattened import rebuild
from .numbered import join_responses, read_numbered
from .extraction import DocumentInfo, Extraction
from .recommendations import find_header, parse_table


def detect(source: Source, mapping: dict[str, str] | None = None) -> tuple[str, tuple[int, Columns] | None]:
    """progress_update, action_plan, highlight_report, presentation or unknown, and any recommendations header."""
    lines = source.lines
    if highlights.looks_like(lines) or project_sheets.looks_like(lines):
        return "highlight_report", None
    header = find_header(lines, mapping, spreadsheet=source.format == "csv")
    if header is not None:
        return ("progress_update" if header[1].has_progress else "action_plan"), header
    if presentations.looks_like(lines):
        return "presentation", None
    if objectives.looks_like(lines):
        return "action_plan", None
    return "unknown", None


def read_source(source: Source, mapping: dict[str, str] | None = None) -> Extraction:
    """The extraction of an already-read file."""
    info = DocumentInfo()
    family, header = detect(source, mapping)
    if header is None and family != "highlight_report" and (rebuilt := rebuild(source.lines)):
        # A table flattened to one cell a line (Word or HTML saved as text), put back into rows.
        source.lines = rebuilt[0]
        family, header = detect(source, mapping)
    work = Work(source.lines)
    info.family = family
    extraction = Extraction(source.name, source.sha256, info, format=source.format, pages=source.pages)
    if family != "unknown" and not (header and header[0] == 0):
        agenda = read_cover(work, info)
        # Only a paper with tables has a cover report before them; elsewhere only its agenda item is kept.
        extraction.cover = read_cover_report(work, agenda, scan=family in ("progress_update", "action_plan"))
    work.title = info.title
    if header is not None:
        index, columns = header
        announce = source.format == "csv" or bool(mapping)
        items = read_numbered(work, index)
        table = parse_table(work, index, columns, info, announce=announce)
        extraction.recommendations = join_responses(items, table) if items else table
        if info.as_at is None and columns.as_at:
            info.as_at = columns.as_at
        extraction.columns = found_columns(source.lines, index, columns)
    elif family == "action_plan":
        extraction.recommendations = objectives.parse(work, info)
    elif family == "highlight_report" and project_sheets.looks_like(source.lines):
        # Cairn's own highlight report as a workbook or CSV: its sheets, known by their headings.
        extraction.projects = project_sheets.parse(work, info)
    elif family == "highlight_report":
        extraction.projects = highlights.parse(work, info)
    elif family == "presentation":
        slides = presentations.parse(work, info)
        extraction.figures, extraction.budget_lines = slides.figures, slides.budget_lines
        extraction.questions, extraction.next_steps = slides.questions, slides.next_steps
        extraction.sections = slides.sections
    elif items := read_numbered(work):
        info.family = "action_plan"
        extraction.recommendations = items
    else:
        work.warn("document", "Cairn could not tell what kind of paper this is; its text is listed in the warnings below.")
    if header is None and family in ("unknown", "action_plan") and not extraction.recommendations and (
        row := first_table_row(source.lines)
    ) is not None:
        # A table whose header Cairn did not recognise: its columns, for a person to say what they hold.
        extraction.columns = found_columns(source.lines, row, None)
    work.sweep()
    extraction.warnings = work.warnings
    return extraction
