"""PDF papers read back with pdfplumber: every recommendation, a sensible page count, and the footer on each page."""

import gc
import io

import pdfplumber

from cairn.reports import data, pdf
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


def test_making_a_pdf_leaves_the_cycle_collector_as_it_was(papers):
    report = data.action_plan(papers.review)
    pdf.render(report)
    assert gc.isenabled()
    gc.disable()
    try:
        pdf.render(report)
        assert not gc.isenabled()  # paused by someone else: not switched on behind their back
    finally:
        gc.enable()


def test_a_cell_of_one_paragraph_holds_its_text_and_keeps_its_bold(papers):
    page = pdf.html(data.progress_update(papers.review, papers.round))
    assert "<td>2</td>" in page  # a recommendation's number
    assert '<p class="strong">3 Slipped</p>' in page  # an assessment with its reason below it
    key = page.split('aria-label="Key to the assessment scale"')[1]
    assert '<td class="strong" style="background-color:' in key  # a level of the scale, bold on its colour
