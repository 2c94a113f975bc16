"""PDF papers read back with pdfplumber: every recommendation, a sensible page count, and the footer on each page."""

import io
import json

import pdfplumber
import pytest

from cairn.reports import data, pdf, pdf_content
from cairn.reviews.models import Recommendation, Review

from .reading import normalise, pdf_cells, pdf_pages


def test_progress_update_pdf_holds_every_recommendation_with_a_footer_on_each_page(papers):
    report = data.progress_update(papers.review, papers.round)
    content = pdf.render(report)
    pages = pdf_pages(content)
    assert 1 <= len(pages) <= 4
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert report.info.title in text and report.info.date.strftime("%d/%m/%Y") in text
    cells = pdf_cells(content)
    assert cells[:3] == ["No", "Recommendation", "Proposed Actions"]
    for recommendation in papers.recommendations:
        assert recommendation.number in cells
        assert normalise(recommendation.text) in cells
    assert "=SUM(A1:A9) Job Description drafted and submitted for job evaluation." in cells
    everything = normalise(" ".join(pages))
    assert "Key to the assessment scale" in everything and "Summary of assessments" in everything
    assert "Improve multi-agency service planning" in everything


def test_pdf_pages_are_a4_landscape(papers):
    content = pdf.render(data.action_plan(papers.review))
    with pdfplumber.open(io.BytesIO(content)) as document:
        for page in document.pages:
            assert (round(page.width * 25.4 / 72), round(page.height * 25.4 / 72)) == (297, 210)


def test_action_plan_pdf_has_the_cover_report_then_the_plan(papers):
    content = pdf.render(data.action_plan(papers.review))
    pages = pdf_pages(content)
    first = normalise(pages[0])
    for expected in ("Agenda Item 5", "Summary", "Detail", "Name of Contact Officer: Peter Mennear",
                     "Email Address: peter.mennear@example.org"):
        assert expected in first
    cells = pdf_cells(content)
    for recommendation in papers.recommendations:
        assert normalise(recommendation.text) in cells
    assert f"Page 1 of {len(pages)}" in pages[0]


def test_highlight_pdf_has_headline_grid_milestones_indicators_and_chart(papers):
    content = pdf.render(data.highlight(papers.council.programme, papers.programme_round))
    pages = pdf_pages(content)
    assert 2 <= len(pages) <= 3  # the headline page, then the one project's section
    cells = pdf_cells(content)
    assert {"1. Early help", "Amber", "Co-location may slip", "Agree a building", "Early help episodes open"} <= set(cells)
    assert {"£800,000", "£120,000", "£15,000.50"} <= set(cells)
    text = normalise(" ".join(pages))
    assert "1 – Early help" in text and "Progress – key points" in text and "+ three partners signed up" in text
    # The chart is drawn as real text and lines, not a picture of them (pdfplumber reads its words unspaced).
    assert "Greenfrom700" in text.replace(" ", "")


def test_text_that_looks_like_markup_is_printed_as_written(papers):
    Review.objects.filter(pk=papers.review.pk).update(title='Review of "care" </style><b>homes</b>')
    Recommendation.objects.filter(pk=papers.council.recommendation.pk).update(text="<img src='file:///etc/passwd'> & more")
    papers.review.refresh_from_db()
    report = data.action_plan(papers.review)
    content = pdf.render(report)
    pages = pdf_pages(content)
    assert 'Action Plan – Review of "care" </style><b>homes</b>' in normalise(" ".join(pages))
    assert "<img src='file:///etc/passwd'> & more" in pdf_cells(content)
    assert report.info.title in pages[0]  # the footer, where the title is written into the page's style


def test_text_that_looks_like_typst_markup_or_code_is_printed_as_written(papers, tmp_path):
    """Every word reaches Typst as data: markup, code and escapes are printed as they were typed."""
    hostile = '#read("/etc/passwd") $x^2$ *bold* _it_ ] [ \\ <label> @ref // not a comment #{1 + 1} `raw`'
    Review.objects.filter(pk=papers.review.pk).update(title=f"Review {hostile}")
    Recommendation.objects.filter(pk=papers.council.recommendation.pk).update(text=hostile)
    papers.review.refresh_from_db()
    report = data.action_plan(papers.review)
    content = pdf.render(report)
    assert hostile in pdf_cells(content)
    pages = pdf_pages(content)
    assert f"Action Plan – Review {hostile}" in normalise(" ".join(pages))
    assert "root:" not in " ".join(pages)  # nothing was read from /etc/passwd


def test_a_paper_is_made_in_a_directory_of_its_own_and_a_layout_error_is_reported(tmp_path):
    (tmp_path / "paper.typ").write_text('#read("/etc/passwd")')
    with pytest.raises(pdf.PaperError, match="could not lay out the PDF paper “A”: .*"):
        pdf.compile_paper({"title": "A"}, layout=tmp_path / "paper.typ")
    (tmp_path / "paper.typ").write_text('#let paper = json("paper.json")\n#paper.title #(1 +)')
    with pytest.raises(pdf.PaperError, match="could not lay out the PDF paper “A”"):
        pdf.compile_paper({"title": "A"}, layout=tmp_path / "paper.typ")


def test_a_server_without_the_papers_fonts_is_told_which_to_install(papers, monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "FONT_DIRECTORIES", (str(tmp_path),))  # a server with neither font installed
    pdf._fonts.cache_clear()
    try:
        with pytest.raises(pdf.PaperError, match="make PDF papers: Liberation Sans and DejaVu Sans are not installed .*"
                                                   "Install Debian's fonts-liberation2 and fonts-dejavu-core"):
            pdf.render(data.progress_update(papers.review, papers.round))
    finally:
        pdf._fonts.cache_clear()
    monkeypatch.undo()
    assert pdf.render(data.progress_update(papers.review, papers.round)).startswith(b"%PDF")


def test_pdf_is_tagged_titled_in_british_english_and_dated_by_the_report(papers, tmp_path):
    report = data.progress_update(papers.review, papers.round)
    content = pdf.render(report)
    assert pdf.render(report) == content  # the same report, the same bytes
    with pdfplumber.open(io.BytesIO(content)) as document:
        catalog = document.doc.catalog
        assert "StructTreeRoot" in catalog and catalog["Lang"] == b"en-GB"
        assert document.metadata["Title"] == report.info.title
        assert document.metadata["CreationDate"].startswith(f"D:{report.info.date:%Y%m%d}")
        kinds = []

        def walk(elements):
            for element in elements:
                kinds.append(element["type"])
                walk(element.get("children", []))

        walk(document.structure_tree)
    assert {"H1", "H2", "Table", "THead", "TH", "TD", "Figure"} <= set(kinds)
    tables = json.dumps(pdf_content.paper(report)).count('"kind": "table"')
    assert tables >= 4 and kinds.count("Table") == tables  # each table a table; none for the footer's two sides


def test_bold_first_lines_and_shading_are_printed(papers):
    content = pdf.render(data.progress_update(papers.review, papers.round))
    with pdfplumber.open(io.BytesIO(content)) as document:
        page = document.pages[0]
        words = page.extract_words(extra_attrs=["fontname"])
        slipped = [w for w in words if w["text"] == "Slipped"]
        assert slipped and all("Bold" in w["fontname"] for w in slipped)  # an assessment, bold, its reason below not
        reason = next(w for w in words if w["text"] == "competing")
        assert "Bold" not in reason["fontname"]
        fills = [r for r in page.rects if r["fill"] and r["x0"] <= slipped[0]["x0"] <= r["x1"]
                 and r["top"] <= slipped[0]["top"] <= r["bottom"]]
        assert any(tuple(round(c, 2) for c in r["non_stroking_color"]) != (1, 1, 1) for r in fills)


def test_a_row_too_tall_for_a_page_runs_on_over_the_page_clear_of_the_footer(papers):
    words = " ".join(f"word{n}" for n in range(2500))
    Recommendation.objects.filter(pk=papers.council.recommendation.pk).update(text=words)
    content = pdf.render(data.action_plan(papers.review))
    with pdfplumber.open(io.BytesIO(content)) as document:
        found = []
        for page in document.pages:
            foot = page.height - 17 * 72 / 25.4  # the bottom margin, where only the footer is printed
            for word in page.extract_words():
                if word["text"].startswith("word"):
                    assert word["bottom"] <= foot, f"{word['text']} on page {page.page_number} runs into the footer"
                    found.append(word["text"])
    assert found == words.split()  # every word, once, in order, over more than one page
