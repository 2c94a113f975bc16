"""Every Word paper opens in LibreOffice (as Word users' files would) and converts to PDF; the first page of each
paper, Word and PDF, is kept as a PNG in build/artefacts/ for a person to look at."""

from cairn.reports import data, docx, pdf

from .conftest import ARTEFACTS
from .reading import convert_to_pdf, first_page_png, office, pdf_pages


def test_every_word_paper_converts_to_pdf_with_libreoffice_and_first_pages_are_kept(papers, tmp_path):
    office()
    reports = {
        "progress-update": data.progress_update(papers.review, papers.round),
        "action-plan": data.action_plan(papers.review),
        "highlight": data.highlight(papers.council.programme, papers.programme_round),
    }
    word_files = []
    for kind, report in reports.items():
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(docx.render(report))
        word_files.append(path)
        (tmp_path / f"{kind}-cairn.pdf").write_bytes(pdf.render(report))
    converted = tmp_path / "converted"
    convert_to_pdf(word_files, converted, tmp_path / "libreoffice-profile")

    for kind, report in reports.items():
        from_word = converted / f"{kind}.pdf"
        pages = pdf_pages(from_word.read_bytes())
        assert pages and report.info.title.split(" – ")[0] in " ".join(pages)
        assert f"Page 1 of {len(pages)}" in pages[0]  # Word's page fields, filled in by LibreOffice
        first_page_png(from_word, ARTEFACTS / f"{kind}-docx.png")
        first_page_png(tmp_path / f"{kind}-cairn.pdf", ARTEFACTS / f"{kind}-pdf.png")
