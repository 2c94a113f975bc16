"""Reading council papers into plain data: bytes in, an Extraction out (its JSON is `cairn-extract/1`). No Django."""

import hashlib
from pathlib import Path

from .columns import FIELDS, IGNORE, check_mapping, parse_mapping
from .contract import from_json, looks_like_json
from .errors import (
    ColumnMappingError,
    CorruptFile,
    EmptyFile,
    ExtractionError,
    FileTooLarge,
    PasswordProtected,
    TooMuchWork,
    UnsupportedFile,
)
from .extraction import FAMILIES, FORMAT, Extraction
from .families import read_source
from .limits import check_records
from .readers import MAX_BYTES, Progress, read

__all__ = [
    "FAMILIES",
    "FIELDS",
    "FORMAT",
    "IGNORE",
    "MAX_BYTES",
    "ColumnMappingError",
    "CorruptFile",
    "EmptyFile",
    "Extraction",
    "ExtractionError",
    "FileTooLarge",
    "PasswordProtected",
    "TooMuchWork",
    "UnsupportedFile",
    "extract",
    "extract_file",
    "load",
    "parse_mapping",
]


def extract(
    data: bytes, name: str, *, columns: dict[str, str] | None = None, progress: Progress | None = None
) -> Extraction:
    """Read a paper (text, Markdown, CSV, Word, PDF, Excel or cairn-extract/1 JSON) into its records.

    `columns` maps a table's column headings to fields ("Saving /Cost" -> "saving") where the headings alone do not
    say. `progress(done, total, step)` is told how far a long read (a PDF, page by page) has got. Raises an
    ExtractionError, with a message for the person, for a file that cannot be read.
    """
    if columns:
        check_mapping(columns)
    if data.strip() and looks_like_json(data, name) and len(data) <= MAX_BYTES:
        # A cairn-extract/1 document (from `cairn report --format json`) is taken as it is, once checked.
        extraction = from_json(data, name, hashlib.sha256(data).hexdigest())
    else:
        extraction = read_source(read(data, name, progress=progress), columns)
    # Importing is done in one request or one transaction: a file may hold only so much (decision 0012).
    check_records(extraction, name)
    return extraction


def extract_file(path: str | Path, *, columns: dict[str, str] | None = None) -> Extraction:
    """Read a paper from disk, refusing an oversized file before reading it into memory."""
    path = Path(path)
    return extract(load(path), path.name, columns=columns)


def load(path: str | Path) -> bytes:
    """A file's bytes, refusing a missing, unreadable or oversized file with a message that says which."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise FileTooLarge(f"{path.name} is larger than the {MAX_BYTES // 1024 // 1024} MB Cairn reads.")
        if path.is_dir():
            raise UnsupportedFile(f"{path.name} is a folder, not a file.")
        return path.read_bytes()
    except FileNotFoundError:
        raise ExtractionError(f"{path} does not exist.") from None
    except PermissionError:
        raise ExtractionError(f"{path} cannot be read: permission denied.") from None
