"""Reading an uploaded or named file for import, as every entry point does it: in a child process bounded in time
and memory by the settings (decision 0012), with a name that can be stored."""

import re

from django.conf import settings

from .parsers.isolated import extract_isolated

_UNSTORABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


def storable_name(name: str) -> str:
    """A file's name as Cairn keeps it: no control characters, and no lone surrogates (a name that was not UTF-8 on
    disk), which a database cannot hold."""
    return _UNSTORABLE.sub("\ufffd", name).strip() or "file"


def read_file(
    data: bytes, name: str, *, columns=None, progress=None, seconds: float | None = None, with_columns: bool = False
):
    """A file's `cairn-extract/1` JSON, or an ExtractionError; `seconds` (by default CAIRN_IMPORT_SECONDS) bounds it.
    `with_columns` gives (the JSON, the recommendations table's columns as read)."""
    return extract_isolated(
        data, name, columns=columns, progress=progress, with_columns=with_columns,
        seconds=settings.CAIRN_IMPORT_SECONDS if seconds is None else seconds,
        memory=settings.CAIRN_IMPORT_MEMORY_MB * 1024 * 1024,
    )
