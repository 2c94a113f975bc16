"""Opening made documents in tests: their text, tables and first pages, as a reader or a converter sees them."""

import io
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from docx import Document


def normalise(text: str) -> str:
    return " ".join(text.split())


def docx_document(content: bytes):
    return Document(io.BytesIO(content))


def docx_cells(content: bytes) -> list[str]:
    """Every table cell's text, whitespace normalised."""
    document = docx_document(content)
    return [normalise(cell.text) for table in document.tables for row in table.rows for cell in row.cells]


def docx_text(content: bytes) -> str:
    document = docx_document(content)
    parts = [paragraph.text for paragraph in document.paragraphs] + docx_cells(content)
    return normalise(" ".join(parts))


def pdf_pages(content: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_cells(content: bytes) -> list[str]:
    """Every ruled table cell's text on every page, whitespace normalised."""
    cells = []
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                cells += [normalise(cell or "") for row in table for cell in row]
    return cells


def office() -> str:
    """LibreOffice's command; a failure, never a skip, when it is missing."""
    command = shutil.which("libreoffice") or shutil.which("soffice")
    if command is None:
        pytest.fail(
            "LibreOffice is not installed, so the Word files cannot be checked as Word users would open them. "
            "Install Debian's package libreoffice-writer-nogui (apt-get install -y libreoffice-writer-nogui).",
            pytrace=False,
        )
    return command


def convert_to_pdf(paths: list[Path], out_dir: Path, profile: Path) -> None:
    """Convert Word files to PDF with LibreOffice headless, failing with its own words if it cannot."""
    result = subprocess.run(
        [office(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out_dir), *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )
    missing = [path.name for path in paths if not (out_dir / f"{path.stem}.pdf").exists()]
    assert result.returncode == 0 and not missing, (
        f"LibreOffice could not convert {missing or 'the files'}: {result.stdout} {result.stderr}"
    )


def first_page_png(pdf_path: Path, png_path: Path) -> None:
    """Render a PDF's first page to PNG with poppler's pdftoppm, for a person to look at."""
    png_path.parent.mkdir(parents=True, exist_ok=True)
    stem = png_path.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf_path), str(stem)],
        check=True, capture_output=True, timeout=60,
    )
    assert png_path.exists() and png_path.stat().st_size > 1000
