"""Published rounds' PDF papers kept on disk once made: a published round's content is frozen, so its paper is the
same bytes every time, and laying out a long paper takes seconds of a web worker. Anyone may ask for a public round's
paper as often as they like; it is made once.

Kept under DATA_DIR/papers/, named by the round, the paper, the round's fingerprint, Cairn's version and what laid it
out (a new version of either may lay papers out differently); a file is written whole under a temporary name, then
moved into place."""

import functools
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.conf import settings

from .pdf import renderer


@functools.cache
def _version() -> str:
    try:
        return f"{version('cairn')}-{renderer()}"
    except PackageNotFoundError:
        return "unknown"


def kept_pdf(round_, kind: str, record: int, make: Callable[[], bytes]) -> bytes:
    """The round's PDF paper of this kind and record: read from disk if made before, else made and kept."""
    if not round_.content_hash:
        return make()
    directory = Path(settings.DATA_DIR) / "papers"
    path = directory / f"{round_.pk}-{kind}-{record}-{round_.content_hash[:20]}-{_version()}.pdf"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    made = make()
    directory.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".part")
    with os.fdopen(handle, "wb") as file:
        file.write(made)
    os.replace(temporary, path)
    return made
