"""Word papers open in python-docx as officers would edit them: A4 landscape, real header rows, headings, alt text."""

from dataclasses import replace

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cairn.imports.parsers import extract
from cairn.reports import data, docx

from .reading import docx_cells, docx_document, docx_text, normalise


def _header_rows_repeat(document) -> None:
    for table in document.tables:
        rows = table._tbl.tr_lst
        assert all(row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
        assert table._tbl.tblPr.find(qn("w:tblCaption")).get(qn("w:val"))


def _is_a4_landscape(document) -> None:
    for section in document.sections:
        assert section.orientation == WD_ORIENT.LANDSCAPE
        # A4 is 297 x 210 mm: 16838 x 11906 twentieths of a point, as Word stores it.
        assert (section.page_width.twips, section.page_height.twips) == (16838, 11906)
        assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210


def _no_heading_level_is_skipped(document) -> None:
    levels = [0 if style == "Title" else int(style.split()[-1]) for style, _ in _headings(document)]
    assert levels[0] == 0
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))


def _headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def test_progress_update_docx_holds_every_recommendation_in_a_repeating_table(papers):
    report = data.progress_update(papers.review, papers.round)
    content = docx.render(report)
    document = docx_document(content)

    _is_a4_landscape(document)
    _header_rows_repeat(document)
    _no_heading_level_is_skipped(document)
    headings = _headings(document)
    assert ("Title", f"Progress Update – {papers.review.title}") in headings
    assert ("Heading 1", "Key to the assessment scale") in headings
    assert ("Heading 1", "Summary of assessments") in headings
    main = document.tables[0]
    header = [normalise(cell.text) for cell in main.rows[0].cells]
    assert header[:3] == ["No", "Recommendation", "Proposed Actions"]
    assert header[8].startswith("Evidence of Progress ") and header[10].startswith("Assessment of Progress")
    cells = docx_cells(content)
    for recommendation in papers.recommendations:
        assert recommendation.number in cells
        assert normalise(recommendation.text) in cells
    assert "Potential Net Savings of £48,000 based on converting two foster placements" in cells
    assert "3 Slipped Delay due to competing work pressures. Revised target: October 2010" in cells
    # The dates as written, a step to a line; the slipped update's revised date has reached its last step.
    revised = papers.round.updates.get(recommendation__number="2").revised_target_on
    assert f"Mar 2010 April 2010 May 2010 (revised: {revised:%d/%m/%Y})" in cells
    assert "Head of Children and Young People's Strategy" in cells  # the lead's post, as written
    text = docx_text(content)
    assert "Improve multi-agency service planning" in text  # an objective heads its group of rows
    assert "4 Not achieved" in text and "Not achieved: a reason is given" in text


def test_word_charts_are_pictures_with_alt_text_beside_a_table_of_the_figures(papers):
    document = docx_document(docx.render(data.progress_update(papers.review, papers.round)))
    pictures = document.inline_shapes
    assert len(pictures) == 1
    description = pictures[0]._inline.docPr.get("descr")
    assert description.startswith("Bar chart of the assessments of progress for 4 updates")
    assert "3 Slipped: 1" in description
    summary = [[normalise(c.text) for c in row.cells] for row in document.tables[2].rows]
    assert ["3 Slipped", "1"] in summary


def test_word_footer_has_title_date_and_page_fields(papers):
    report = data.progress_update(papers.review, papers.round)
    document = docx_document(docx.render(report))
    footer = document.sections[0].footer._element
    assert report.info.title in "".join(footer.itertext())
    instructions = [field.get(qn("w:instr")).strip() for field in footer.iter(qn("w:fldSimple"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert document.core_properties.title == report.info.title
    assert document.core_properties.language == "en-GB"


def test_action_plan_docx_has_the_cover_report_then_the_plan(papers):
    content = docx.render(data.action_plan(papers.review))
    document = docx_document(content)
    _is_a4_landscape(document)
    _header_rows_repeat(document)
    _no_heading_level_is_skipped(document)
    text = docx_text(content)
    for expected in ("Agenda Item 5", "Children and Young People Select Committee", "Summary", "Detail",
                     "1. The final report was considered by Cabinet on 8 March.", "Name of Contact Officer: Peter Mennear",
                     "Post Title: Scrutiny Officer", "Telephone No. +44 1642 528957",
                     "Email Address: peter.mennear@example.org"):
        assert expected in text
    assert ("Title", "Action plan for agreed recommendations – review of placements") in _headings(document)
    header = [normalise(cell.text) for cell in document.tables[0].rows[0].cells]
    assert header == ["No.", "Recommendation", "Proposed Actions/Progress", "Success Measures", "Savings/Cost",
                      "Lead Responsibility", "Finance Manager", "Completion Date"]
    cells = docx_cells(content)
    for recommendation in papers.recommendations:
        assert normalise(recommendation.text) in cells


def test_highlight_docx_has_headline_grid_milestones_indicators_and_money(papers):
    report = data.highlight(papers.council.programme, papers.programme_round)
    content = docx.render(report)
    document = docx_document(content)
    _is_a4_landscape(document)
    _header_rows_repeat(document)
    _no_heading_level_is_skipped(document)
    headings = dict((text, style) for style, text in _headings(document))
    assert headings["Headline summary of project position"] == "Heading 1"
    assert headings["1 – Early help"] == "Heading 1"
    assert "1. Early help – Timeline & key milestones" in headings
    cells = docx_cells(content)
    assert {"1. Early help", "Amber", "Co-location may slip"} <= set(cells)
    assert "1: Early help" in cells and "D" in cells  # the month grid, as seed 003 labels it
    assert "Key to phases: D Design P Plan I Implement S Sustain" in docx_text(content)
    assert "Agree a building" in cells and "On track" in cells
    assert "Early help episodes open" in cells and "Green" in cells
    assert {"£800,000", "£120,000", "£15,000.50"} <= set(cells)
    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr").startswith("Column chart of Early help episodes open")
    # The phase grid's letter cells are shaded with the phase's colour, and white text on it.
    shading = [shd.get(qn("w:fill")) for shd in document.element.body.iter(qn("w:shd"))]
    assert "1D70B8".lower() in [value.lower() for value in shading]


def test_a_highlight_reports_measures_read_back_with_their_units_and_descriptions(papers):
    report = data.highlight(papers.council.programme, papers.programme_round)
    [project] = report.projects
    [indicator] = project.indicators
    described = replace(indicator, unit="families", description="Open episodes across all agencies")
    report.projects[0] = replace(project, indicators=[described])
    [metric] = extract(docx.render(report), "highlight.docx").to_json()["projects"][0]["metrics"]
    assert (metric["name"], metric["value"], metric["unit"], metric["description"]) == (
        indicator.name, 732, "families", "Open episodes across all agencies"
    )
