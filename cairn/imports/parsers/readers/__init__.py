"""Turn a file's bytes into lines of cells, choosing the reader by what the bytes are, not only by the name."""

import hashlib
import re
from collections.abc import Callable
from pathlib import PurePath

from ..document import Source
from ..errors import CorruptFile, EmptyFile, FileTooLarge, PasswordProtected, UnsupportedFile
from ..limits import MAX_BYTES, Budget, check_cells
from .archive import open_archive
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
TABLE_SUFFIXES = {".csv", ".tsv"}
READABLE = ".txt, .md, .csv, .docx, .pdf and .xlsx files, and Cairn's own JSON exports (.json)"
_READS = f"Cairn reads {READABLE}."
OTHER_FORMATS = {
    ".doc": "an old Word (97-2003) document; save it as .docx",
    ".xls": "an old Excel (97-2003) workbook; save it as .xlsx",
    ".ppt": "a PowerPoint presentation; save it as PDF",
    ".pptx": "a PowerPoint presentation; save it as PDF",
    ".odt": "an OpenDocument text file; save it as .docx",
    ".ods": "an OpenDocument spreadsheet; save it as .xlsx",
    ".rtf": "a Rich Text file; save it as .docx",
    ".xlsm": "a macro-enabled workbook; save it as .xlsx",
}
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Told how far a long read has got: progress(done, total, step), e.g. (11, 50, "Reading page 12 of 50").
Progress = Callable[[int, int, str], None]


def read(data: bytes, name: str, *, progress: Progress | None = None) -> Source:
    """Read any supported file into a Source, or raise an ExtractionError that says what is wrong.

    Only a PDF's reading is long enough to report `progress` (page by page).
    """
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise FileTooLarge(f"{name} is larger than the {MAX_BYTES // 1024 // 1024} MB Cairn reads.")
    if not data.strip():
        raise EmptyFile(f"{name} is empty.")
    sha256 = hashlib.sha256(data).hexdigest()
    budget = Budget(name)
    if data.startswith(b"%PDF"):
        from .pdf import read_pdf

        lines, pages = read_pdf(data, name, progress, budget)
        check_cells(name, lines)
        return Source(name, sha256, "pdf", lines, pages)
    if data.startswith(b"PK\x03\x04"):
        source = Source(name, sha256, *_read_zip(data, name, suffix, budget))
        if not source.lines:
            raise EmptyFile(f"{name} has no text.")
        check_cells(name, source.lines)
        return source
    if data.startswith(OLE_MAGIC):
        if suffix in {".docx", ".xlsx"} or b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k" in data:
            raise PasswordProtected(f"{name} is protected by a password. Remove the password and try again.")
        described = OTHER_FORMATS.get(suffix, "an old Microsoft Office file")
        raise UnsupportedFile(f"{name} is {described}. {_READS}")
    if suffix in OTHER_FORMATS:
        raise UnsupportedFile(f"{name} is {OTHER_FORMATS[suffix]}. {_READS}")
    if suffix in {".docx", ".xlsx"}:
        raise CorruptFile(f"{name} is not a valid {suffix} file: it may be damaged or only partly downloaded.")
    text = _decode(data, name)
    if suffix in TABLE_SUFFIXES:
        from .tables import read_csv

        lines = read_csv(text, name, budget, tab=suffix == ".tsv")
        check_cells(name, lines)
        return Source(name, sha256, "csv", lines)
    if suffix not in TEXT_SUFFIXES:
        raise UnsupportedFile(f"{name}: Cairn does not read {suffix} files. It reads {READABLE}.")
    from .text import read_text

    lines = read_text(text, budget)
    if not lines:
        raise EmptyFile(f"{name} has no text.")
    check_cells(name, lines)
    return Source(name, sha256, "text", lines)


def _read_zip(data: bytes, name: str, suffix: str, budget: Budget) -> tuple[str, list, int]:
    # Every part is unpacked once, within the bounds, before a library is given the file.
    members = open_archive(data, name, budget)
    if "word/document.xml" in members:
        from .word import read_docx

        return "docx", read_docx(data, name, budget), 1
    if "xl/workbook.xml" in members:
        from .spreadsheets import read_xlsx

        return "xlsx", read_xlsx(data, name, budget), 1
    if suffix in {".docx", ".xlsx"}:
        raise CorruptFile(f"{name} is damaged: it is a zip file without the parts of a {suffix} file.")
    if "ppt/presentation.xml" in members:
        raise UnsupportedFile(f"{name} is a PowerPoint presentation; save it as PDF. {_READS}")
    raise UnsupportedFile(f"{name} is a zip archive. Cairn reads {READABLE}; give it the files inside.")


def _decode(data: bytes, name: str) -> str:
    sample = data[:65536]
    if b"\x00" in sample:
        raise UnsupportedFile(f"{name} is not a document Cairn can read: it looks like binary data. {_READS}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = len(_CONTROLS.findall(text, 0, 65536))
    if controls > max(8, len(text[:65536]) // 100):
        raise UnsupportedFile(f"{name} is not a document Cairn can read: it looks like binary data. {_READS}")
    if not text.strip():
        raise EmptyFile(f"{name} is empty.")
    return text
