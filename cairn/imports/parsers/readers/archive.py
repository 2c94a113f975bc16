"""A .docx or .xlsx is a zip of parts: each is unpacked once here, counted against the bounds, before any library
is given the file.

The sizes the zip declares are checked before anything is unpacked (a 1 MB file can declare 300 MB), and what comes
out is counted while it is read: Python's zip reader stops a part at its declared size and checks its CRC, so a part
that holds more than it declares is refused as damaged rather than read on. Office parts never declare XML entities
(no DOCTYPE): one that does is refused, whatever its entities would expand to.
"""

import io
import zipfile
import zlib

from ..errors import CorruptFile, TooMuchWork
from ..limits import MAX_PARTS, MAX_UNPACKED, Budget, megabytes

CHUNK = 1 << 20
DOCTYPES = tuple(b"<!DOCTYPE".decode().encode(codec) for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_OVERLAP = max(len(pattern) for pattern in DOCTYPES)


def open_archive(data: bytes, name: str, budget: Budget) -> set[str]:
    """The names of a zip's parts, once every part has been unpacked within the bounds and found sound."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
        raise CorruptFile(f"{name} is damaged and cannot be opened ({error}).") from None
    if len(parts) > MAX_PARTS:
        raise TooMuchWork(
            f"{name} holds {len(parts):,} parts, more than the {MAX_PARTS:,} a Word document or workbook Cairn reads "
            "may have. Open it in Word or Excel, save it again, and try again."
        )
    declared = sum(part.file_size for part in parts)
    if declared > MAX_UNPACKED:
        raise TooMuchWork(
            f"{name} says it unpacks to {megabytes(declared)}, more than the {megabytes(MAX_UNPACKED)} Cairn unpacks "
            "from one file. Remove large pictures or embedded files, or split it into smaller files, and try again."
        )
    with archive:
        for part in parts:
            if not part.is_dir():
                _unpack(archive, part, name, budget)
    return {part.filename for part in parts}


def _unpack(archive: zipfile.ZipFile, part: zipfile.ZipInfo, name: str, budget: Budget) -> None:
    xml = part.filename.lower().endswith((".xml", ".rels"))
    tail = b""
    problem = None
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                budget.unpacked(len(chunk), part.filename)
                if xml and any(pattern in tail + chunk for pattern in DOCTYPES):
                    raise CorruptFile(
                        f"{name} is not a valid Office file: its part {part.filename} declares XML entities (a "
                        "DOCTYPE), which Word and Excel never write and Cairn does not read. Open it in Word or Excel, "
                        "save it again, and try again."
                    )
                tail = chunk[-_OVERLAP:]
    except (CorruptFile, TooMuchWork):
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError, NotImplementedError) as error:
        problem = str(error) or type(error).__name__
    if problem is not None:
        raise CorruptFile(
            f"{name} is damaged: its part {part.filename} cannot be unpacked ({problem}). It may be damaged or only "
            "partly downloaded."
        )
