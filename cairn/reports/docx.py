"""Word (.docx) papers from report data: A4 landscape, real header rows, heading styles, alt text on charts.

Officers edit these files, so everything is live text in Word's own styles: tables have header rows that repeat
on every page and rows that do not break across pages, and each chart is a picture with alt text beside a table
of the same figures. Renders only: the words come from the report data through cairn/reports/presenters.
"""

import datetime as dt
import io

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from . import charts, presenters
from .colours import BORDER, HEADER_FILL, TEXT
from .data import ActionPlanReport, DocumentInfo, HighlightReport, ProgressUpdateReport, ProjectSection
from .mastheads import Masthead
from .ooxml import fixed_zip
from .presenters import Cell, Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Arial"  # council papers' house font; LibreOffice shows it with the metric-compatible Liberation Sans
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(15)
TABLE_TEXT, TABLE_HEADING = "TableText", "TableHeading"  # the ids Word gives the styles "Table Text" and "Table Heading"


def render(report) -> bytes:
    """The report as a .docx file."""
    if isinstance(report, ProgressUpdateReport):
        document = _progress_update(report)
    elif isinstance(report, ActionPlanReport):
        document = _action_plan(report)
    elif isinstance(report, HighlightReport):
        document = _highlight(report)
    else:
        raise TypeError(f"no Word layout for {type(report).__name__}")
    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip(buffer.getvalue(), report.info.date)


# The three papers -----------------------------------------------------------------------------------------------


def _progress_update(report: ProgressUpdateReport) -> WordDocument:
    document = _document(report.info, report.masthead)
    if report.cover is None:
        document.add_heading(report.info.title, level=0)
    else:
        _cover(document, report)
        document.add_heading(report.info.title, level=1)
    facts = [report.info.organisation, report.committee, f"Progress as at {presenters.uk_date(report.as_at)}"]
    _paragraph(document, " · ".join(fact for fact in facts if fact) + f". {report.info.status}.")
    _table(document, presenters.progress_table(report))
    document.add_heading("Key to the assessment scale", level=1)
    if report.scale_name:
        _paragraph(document, f"Progress is assessed on the scale “{report.scale_name}”.", keep_with_next=True)
    _table(document, presenters.scale_key_table(report), keep_together=True)
    document.add_heading("Summary of assessments", level=1)
    _table(document, presenters.summary_table(report), keep_together=True)
    _chart(document, charts.assessment_chart(report.tallies), width_mm=130)
    _changes(document, report)
    if unchecked := presenters.unchecked_lines(report):
        document.add_heading("Not checked before publication", level=1)
        for line in unchecked:
            _paragraph(document, line)
    if figures := presenters.figures_table(report):
        document.add_heading("Savings figures and the finance check", level=1)
        _table(document, figures, keep_together=True)
    return document


def _action_plan(report: ActionPlanReport) -> WordDocument:
    document = _document(report.info, report.masthead)
    if report.cover is None:
        document.add_heading(report.table_title, level=0)
    else:
        _cover(document, report)
        document.add_heading(report.table_title, level=1)
    _table(document, presenters.action_plan_table(report))
    return document


def _cover(document: WordDocument, report: ActionPlanReport | ProgressUpdateReport) -> None:
    """The cover report on a page of its own, before the paper it puts to the committee."""
    cover = report.cover
    if cover.agenda_item:
        _paragraph(document, f"Agenda Item {cover.agenda_item}", bold=True)
    _paragraph(document, cover.committee, bold=True)
    _paragraph(document, presenters.long_date(cover.meeting_on), bold=True)
    document.add_heading(cover.title, level=0)
    if cover.summary:
        document.add_heading("Summary", level=1)
        _paragraph(document, cover.summary)
    if cover.detail:
        document.add_heading("Detail", level=1)
        for paragraph in cover.detail:
            _paragraph(document, paragraph)
    for index, (label, value) in enumerate(presenters.cover_contacts(report)):
        paragraph = _labelled(document, label, value)
        if index == 0:
            paragraph.paragraph_format.space_before = Pt(18)
    _page_break(document)


def _highlight(report: HighlightReport) -> WordDocument:
    document = _document(report.info, report.masthead)
    document.add_heading(report.programme, level=0)
    facts = [f"Highlight report, {report.period}", report.board, report.info.organisation, report.info.status]
    _paragraph(document, ". ".join(fact for fact in facts if fact) + ".")
    document.add_heading("Headline summary of project position", level=1)
    _table(document, presenters.headline_table(report), keep_together=True)
    _changes(document, report)
    for project in report.projects:
        _project(document, report, project)
    return document


def _changes(document: WordDocument, report: ProgressUpdateReport | HighlightReport) -> None:
    """What changed since the last committee, where there was a previous published round to compare with."""
    if report.changes is None:
        return
    document.add_heading(presenters.CHANGES_HEADING, level=1)
    _paragraph(document, presenters.changes_intro(report), keep_with_next=True)
    if table := presenters.changes_table(report):
        _table(document, table)


def _project(document: WordDocument, report: HighlightReport, project: ProjectSection) -> None:
    short = presenters.project_short(project)
    _page_break(document)
    document.add_heading(presenters.project_label(project), level=1)
    if project.objective:
        _paragraph(document, project.objective, bold=True)
    if project.key_elements:
        document.add_heading("Key elements", level=2)
        _bullets(document, project.key_elements)
    for label, value in presenters.project_facts(project):
        _labelled(document, label, value)
    if project.other_resources:
        document.add_heading("Other resources", level=2)
        _bullets(document, project.other_resources)

    document.add_heading(f"{short} – Timeline & key milestones", level=2)
    if report.months:
        _table(document, presenters.phase_grid_table(report, project), keep_together=True)
        _legend(document, report)
    if project.milestones:
        _table(document, presenters.milestones_table(project))

    document.add_heading(f"{short} – Progress & risks", level=2)
    document.add_heading("Progress – key points", level=3)
    _bullets(document, project.progress_points or ["No progress reported."])
    document.add_heading("Risks – issues & barriers", level=3)
    _bullets(document, project.risks or ["None reported."])

    document.add_heading(f"{short} – Impact & evaluation", level=2)
    if project.indicators:
        _table(document, presenters.indicators_table(project))
        trends = [charts.indicator_chart(i) for i in project.indicators if len(i.readings) >= 2]
        # Three to a line, as pictures in the text flow (a layout table would be read out as data); one
        # paragraph per line, so Word's widow control never pushes a whole block of charts to the next page.
        for start in range(0, len(trends), 3):
            paragraph = document.add_paragraph()
            for chart in trends[start:start + 3]:
                _picture(paragraph, chart, width_mm=84)
                paragraph.add_run(" ")
    _table(document, presenters.money_table(project), keep_together=True)
    if project.voice_and_feedback:
        document.add_heading("Voice & feedback", level=3)
        _paragraph(document, project.voice_and_feedback)


# Building blocks ------------------------------------------------------------------------------------------------


def _document(info: DocumentInfo, masthead: Masthead | None = None) -> WordDocument:
    document = Document()
    section = document.sections[0]
    # python-docx starts on US Letter, and changing the orientation does not swap the sides: set both.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.footer_distance = Mm(8)
    _styles(document)
    _footer(section, info)
    _masthead(section, masthead)
    properties = document.core_properties
    properties.title = info.title
    properties.author = info.organisation or "Cairn"
    properties.last_modified_by = "Cairn"
    properties.subject = info.status
    properties.language = "en-GB"
    properties.created = properties.modified = dt.datetime.combine(info.date, dt.time(0, 0))
    properties.revision = 1
    return document


def _styles(document: WordDocument) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size in {"Title": 20, "Heading 1": 15, "Heading 2": 13, "Heading 3": 11}.items():
        style = styles[name]
        _set_fonts(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor.from_string(TEXT[1:])
        style.paragraph_format.space_before = Pt(0 if name == "Title" else 12)
        style.paragraph_format.space_after = Pt(6)
    border = styles["Title"].element.pPr.find(qn("w:pBdr"))
    if border is not None:
        styles["Title"].element.pPr.remove(border)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    table_text.font.size = Pt(8)
    table_text.paragraph_format.space_after = Pt(3)
    table_text.paragraph_format.line_spacing = 1.0
    table_heading = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
    table_heading.base_style = table_text
    table_heading.font.bold = True
    table_heading.paragraph_format.keep_with_next = True


def _set_fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    # Theme fonts win over named ones in Word, so they are removed.
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for name in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(name), FONT)


def _footer(section, info: DocumentInfo) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.add_run(f"{info.title} · {presenters.uk_date(info.date)} · Page ").font.size = Pt(8)
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ").font.size = Pt(8)
    _field(paragraph, "NUMPAGES")


def _masthead(section, masthead: Masthead | None) -> None:
    """The council's logo (with its alt text) and name at the top of every page, in the page header."""
    if masthead is None:
        return
    section.header_distance = Mm(8)
    paragraph = section.header.paragraphs[0]
    if masthead.logo is not None:
        width_mm, height_mm = masthead.logo.printed_mm
        picture = paragraph.add_run().add_picture(
            io.BytesIO(masthead.logo.data), width=Mm(width_mm), height=Mm(height_mm)
        )
        picture._inline.docPr.set("title", masthead.alt)
        picture._inline.docPr.set("descr", masthead.alt)
        paragraph.add_run("   ")
    name = paragraph.add_run(masthead.name)
    name.bold = True
    name.font.size = Pt(11)


def _field(paragraph, instruction: str) -> None:
    """A page-number field Word and LibreOffice fill in when they lay the document out."""
    element = OxmlElement("w:fldSimple")
    element.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    element.append(run)
    paragraph._p.append(element)


def _paragraph(document: WordDocument, text: str, *, bold: bool = False, keep_with_next: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = bold or None
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


def _labelled(document: WordDocument, label: str, value: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {value}")
    return paragraph


def _bullets(document: WordDocument, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(line, style="List Bullet")


def _page_break(document: WordDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _table(document: WordDocument, table: Table, *, keep_together: bool = False) -> None:
    """A Word table whose header row repeats on every page; a str row becomes a full-width group heading.

    `keep_together` keeps a short table (a key, a summary) on one page, as Word does: each row's paragraphs are
    kept with the next.
    """
    word_table = document.add_table(rows=0, cols=len(table.widths))
    word_table.style = document.styles["Table Grid"]
    word_table.alignment = WD_TABLE_ALIGNMENT.LEFT
    word_table.autofit = False
    for column, width in zip(word_table.columns, table.widths, strict=True):
        column.width = Mm(width)
    _table_properties(word_table, table.caption)
    header = word_table.add_row()
    _row_flags(header, header=True)
    for cell, text, width in zip(header.cells, table.headings, table.widths, strict=True):
        _fill(cell, Cell([text], (HEADER_FILL, TEXT)), width, heading=True, small=table.small)
    for row in table.rows:
        word_row = word_table.add_row()
        _row_flags(word_row)
        cells = word_row.cells
        if isinstance(row, str):
            _fill(cells[0].merge(cells[-1]), Cell([row], (HEADER_FILL, TEXT)), sum(table.widths), heading=True)
            continue
        for cell, content, width in zip(cells, row, table.widths, strict=True):
            _fill(cell, content, width, small=table.small)
    if keep_together:
        for word_row in list(word_table.rows)[:-1]:
            for cell in word_row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def _table_properties(table, caption: str) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        border = OxmlElement(f"w:{side}")
        border.set(qn("w:val"), "single")
        border.set(qn("w:sz"), "4")
        border.set(qn("w:color"), BORDER[1:])
        borders.append(border)
    layout = properties.find(qn("w:tblLayout"))
    (layout if layout is not None else properties.find(qn("w:tblLook"))).addprevious(borders)
    # Narrow cell margins (1 mm) leave room for the words in an eleven-column table.
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.find(qn("w:tblLook")).addprevious(margins)
    # Word's alt text for a table (title and description), read out by screen readers.
    for name in ("w:tblCaption", "w:tblDescription"):
        element = OxmlElement(name)
        element.set(qn("w:val"), caption[:250])
        properties.append(element)


def _row_flags(row, *, header: bool = False) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _fill(cell, content: Cell, width_mm: float, *, heading: bool = False, small: bool = False) -> None:
    cell.width = Mm(width_mm)
    # The style's id, set directly: python-docx's lookup by name is slow enough to matter in a big table.
    style_id = TABLE_HEADING if heading else TABLE_TEXT
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(content.lines or [""]):
        if index:
            paragraph = cell.add_paragraph()
        paragraph._p.style = style_id
        if content.centred:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        if small:
            run.font.size = Pt(7)
        if content.bold_first and index == 0:
            run.bold = True
        if content.shading:
            run.font.color.rgb = RGBColor.from_string(content.shading[1][1:])
    if content.shading:
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), content.shading[0][1:])
        cell._tc.get_or_add_tcPr().append(shade)


def _legend(document: WordDocument, report: HighlightReport) -> None:
    """The key to the grid's letters as a line of text, each letter on its phase's colour."""
    paragraph = document.add_paragraph()
    paragraph.add_run("Key to phases: ").bold = True
    for index, phase in enumerate(report.phases):
        letter = paragraph.add_run(f" {phase.letter} ")
        letter.bold = True
        letter.font.color.rgb = RGBColor.from_string("FFFFFF")
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:color"), "auto")
        shade.set(qn("w:fill"), phase.colour[1:])
        letter._r.get_or_add_rPr().append(shade)
        paragraph.add_run(f" {phase.name}" + ("   " if index < len(report.phases) - 1 else ""))


def _chart(document: WordDocument, chart: charts.Chart, *, width_mm: float) -> None:
    _picture(document.add_paragraph(), chart, width_mm=width_mm)


def _picture(paragraph, chart: charts.Chart, *, width_mm: float) -> None:
    """A chart picture with its description as alt text (the same figures are in the table before it)."""
    picture = paragraph.add_run().add_picture(io.BytesIO(charts.to_png(chart)), width=Mm(width_mm))
    properties = picture._inline.docPr
    properties.set("title", chart.title)
    properties.set("descr", chart.description)
