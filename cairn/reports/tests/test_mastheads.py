"""The council's name and logo on its papers: in the Word page header and at the top of the PDF, with alt text; a
published round's papers keep the name and logo they were published with, byte for byte, whatever is uploaded later."""

import datetime as dt
import io
import zipfile

import pdfplumber
import pytest
from django.db import DatabaseError, connection, transaction
from docx import Document

from cairn.accounts import operations as accounts
from cairn.accounts.logos import check_logo
from cairn.accounts.models import CouncilLogo, Role
from cairn.accounts.tests.images import image_bytes
from cairn.reports import data
from cairn.reports.documents import build_document
from cairn.reviews import operations as reviews

FORMATS = ("docx", "pdf", "json")


def _brand(council, *, colour: str, name: str, size=(300, 100)):
    png = image_bytes(*size, colour=colour)
    accounts.update_council_branding(council.org, by=None, paper_name=name, logo=check_logo(png, f"{colour}.png"))
    return png


def _published_round(council, title: str = "Progress as at the meeting"):
    officer, lead = council.officer, council.users[Role.LEAD_OFFICER]
    round_ = reviews.open_round(council.org, by=officer, title=title, as_at_on=dt.date.today(),
                                deadline_on=dt.date.today())
    update = reviews.save_progress_update(round_.updates.get(), by=lead, evidence="Done.", level=council.complete)
    reviews.submit_progress_update(update, by=lead)
    reviews.accept_progress_update(update, by=officer)
    return reviews.publish_round(round_, by=officer)


def _papers(council, round_) -> dict[str, bytes]:
    return {
        fmt: build_document(council.org, "progress-update", council.review.pk, fmt, round_id=round_.pk)[0]
        for fmt in FORMATS
    }


def _header_pictures(docx: bytes) -> list[tuple[bytes, str]]:
    """The pictures in the Word file's page headers: (their bytes, their alt text)."""
    document = Document(io.BytesIO(docx))
    header = document.sections[0].header
    pictures = []
    for blip, doc_pr in zip(header._element.xpath(".//a:blip"), header._element.xpath(".//wp:docPr"), strict=True):
        part = header.part.related_parts[blip.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")]
        pictures.append((part.blob, doc_pr.get("descr")))
    return pictures


def _pdf_images(pdf: bytes) -> list[tuple[tuple[int, int], bytes]]:
    """Every raster image on the PDF's pages: (its size in pixels, its decoded pixels)."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [(tuple(image["srcsize"]), image["stream"].get_data()) for page in document.pages for image in page.images]


def _pdf_alt_texts(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        found = []

        def walk(elements):
            for element in elements:
                if element.get("alt_text"):
                    found.append(element["alt_text"])
                walk(element.get("children", []))

        walk(document.structure_tree)
        return found


def _pixels(png: bytes) -> bytes:
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGB").tobytes()


def test_word_and_pdf_papers_carry_the_councils_logo_with_alt_text_and_its_name(council):
    png = _brand(council, colour="#1d70b8", name="Exampleton Council")
    round_ = _published_round(council)
    papers = _papers(council, round_)

    [(picture, alt)] = _header_pictures(papers["docx"])
    assert picture == png and alt == "Exampleton Council logo"  # the very file uploaded
    document = Document(io.BytesIO(papers["docx"]))
    assert "Exampleton Council" in document.sections[0].header.paragraphs[0].text
    extent = document.sections[0].header._element.xpath(".//wp:extent")[0]
    assert (int(extent.get("cx")), int(extent.get("cy"))) == (36 * 36000, 12 * 36000)  # 36 x 12 mm

    [(size, pixels)] = _pdf_images(papers["pdf"])
    assert size == (300, 100) and pixels == _pixels(png)
    assert "Exampleton Council logo" in _pdf_alt_texts(papers["pdf"])
    with pdfplumber.open(io.BytesIO(papers["pdf"])) as pdf:
        first_line = (pdf.pages[0].extract_text() or "").splitlines()[0]
    assert first_line == "Exampleton Council"


def test_a_published_paper_keeps_the_logo_and_name_it_was_published_with(council):
    first_logo = _brand(council, colour="#1d70b8", name="Exampleton Council")
    round_ = _published_round(council)
    before = _papers(council, round_)
    logo_id = round_.published_content["council"]["logo"]["id"]
    assert round_.published_content["council"]["name"] == "Exampleton Council"

    # Later the council is renamed on its papers and a new logo uploaded: the published papers do not move.
    second_logo = _brand(council, colour="#d4351c", name="Exampleton Borough")
    assert council.org.logo_id != logo_id
    after = _papers(council, round_)
    assert after == before
    assert _header_pictures(after["docx"])[0][0] == first_logo

    # A round published now carries the new ones.
    later = _papers(council, _published_round(council, "The next meeting"))
    assert _header_pictures(later["docx"])[0][0] == second_logo
    assert "Exampleton Borough" in Document(io.BytesIO(later["docx"])).sections[0].header.paragraphs[0].text
    [(_, pixels)] = _pdf_images(later["pdf"])
    assert pixels == _pixels(second_logo)

    # And removing the logo leaves the published papers as they were, too.
    accounts.update_council_branding(council.org, by=None, remove_logo=True)
    assert _papers(council, round_) == before


def test_rounds_published_before_the_logo_was_kept_make_the_papers_they_always_made(council):
    content = dict(council.published_round.published_content)
    content.pop("council")
    report = data.progress_update_from_content(
        content, review_id=council.review.pk, published=True, published_on=None, content_hash="",
    )
    assert report.masthead is None and report.info.organisation == "Exampleton Borough Council"
    from cairn.reports import docx, pdf

    assert not _header_pictures(docx.render(report)) and not _pdf_images(pdf.render(report))


def test_the_action_plan_carries_the_logo_as_it_is_now(council):
    png = _brand(council, colour="#00703c", name="Exampleton Council", size=(1000, 120))
    word, _, _ = build_document(council.org, "action-plan", council.review.pk, "docx")
    [(picture, alt)] = _header_pictures(word)
    assert picture == png and alt == "Exampleton Council logo"
    extent = Document(io.BytesIO(word)).sections[0].header._element.xpath(".//wp:extent")[0]
    assert int(extent.get("cx")) == 70 * 36000  # a wide logo: no wider than 70 mm, its shape kept
    pdf, _, _ = build_document(council.org, "action-plan", council.review.pk, "pdf")
    [(size, _)] = _pdf_images(pdf)
    assert size == (1000, 120)
    assert zipfile.ZipFile(io.BytesIO(word)).namelist().count("word/media/image1.png") == 1


@pytest.mark.skipif("connection.vendor == 'postgresql'")
def test_a_logo_changed_behind_cairns_back_stops_its_published_papers(council):
    """On SQLite nothing in the database stops it; the digest frozen with the round does, and `cairn verify` says so."""
    _brand(council, colour="#1d70b8", name="Exampleton Council")
    round_ = _published_round(council)
    CouncilLogo.objects.filter(pk=council.org.logo_id).update(image=image_bytes(colour="#000000"))
    with pytest.raises(data.ReportError, match="logo this round was published with"):
        build_document(council.org, "progress-update", council.review.pk, "pdf", round_id=round_.pk)
    from cairn.service.integrity import verify

    assert f"round {round_.pk} “{round_.title}” of Exampleton Borough Council: the logo it was published with is " \
           "missing or not as it was." in verify().problems


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_to_change_or_delete_a_logo(council):
    _brand(council, colour="#1d70b8", name="Exampleton Council")
    for sql in ["UPDATE accounts_councillogo SET image = 'x' WHERE id = %s",
                "DELETE FROM accounts_councillogo WHERE id = %s"]:
        with pytest.raises(DatabaseError, match="council logo"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [council.org.logo_id])
