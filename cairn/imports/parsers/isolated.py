"""Reading a file in a child process whose time and memory are bounded (decision 12).

The readers bound the work a file makes as they go (`limits.py`), but they stand on libraries (pdfminer, lxml,
openpyxl, pdfium) that can still be led into long or large work, or into a crash, by a file crafted for it. So a
file is read in a child process: forked from a small server process that has already imported the readers (a few
hundredths of a second), with its address space (RLIMIT_AS) and processor time (RLIMIT_CPU) limited by the kernel,
and killed by its parent at the wall-clock limit. Whatever the child does, the parent gets an answer in time: the
extraction, or an ExtractionError with a message for the person. A crash in a library ends only the child.
"""

import logging
import multiprocessing
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from . import errors
from .errors import CorruptFile, ExtractionError, TooMuchWork

logger = logging.getLogger(__name__)

# Imported once by the fork server, so that each child starts with them.
PRELOAD = [
    "cairn.imports.parsers", "cairn.imports.parsers.readers.word", "cairn.imports.parsers.readers.spreadsheets",
    "cairn.imports.parsers.readers.pdf", "cairn.imports.parsers.readers.tables", "docx", "openpyxl",
    "openpyxl.worksheet._reader", "pdfplumber", "pypdfium2", "defusedxml",
]
_context = None
_context_lock = threading.Lock()


class TooSlow(TooMuchWork):
    """The file was still being read at the time limit."""

    code = "too_slow"


@dataclass
class Outcome:
    """What came of reading one file in a child: the extraction's JSON, or the error; and what it cost."""

    extraction: dict | None
    error: ExtractionError | None
    seconds: float
    peak_bytes: int | None  # the child's peak resident memory; None if it was killed before it could say
    crashed: bool = False  # the child died, or a reader raised something other than an ExtractionError
    columns: list[dict] | None = None  # the recommendations table's columns as read (not part of the extraction)


def extract_isolated(
    data: bytes, name: str, *, seconds: float, memory: int, columns: dict[str, str] | None = None,
    progress: Callable[[int, int, str], None] | None = None, with_columns: bool = False,
) -> dict | tuple[dict, list[dict]]:
    """The `cairn-extract/1` JSON of a file read in a child process, within `seconds` and `memory` bytes; or an
    ExtractionError (TooSlow past the time limit, TooMuchWork past the memory limit). `with_columns` gives the
    recommendations table's columns as read beside it."""
    outcome = run(data, name, seconds=seconds, memory=memory, columns=columns, progress=progress)
    if outcome.error is not None:
        raise outcome.error
    return (outcome.extraction, outcome.columns or []) if with_columns else outcome.extraction


def _get_context():
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def run(
    data: bytes, name: str, *, seconds: float, memory: int, columns: dict[str, str] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> Outcome:
    """Read a file in a child process and say what came of it, never raising for anything the file does."""
    context = _get_context()
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sending, data, name, columns, seconds, memory), daemon=True)
    started = time.monotonic()
    child.start()
    sending.close()
    message = None
    try:
        while message is None:
            left = started + seconds - time.monotonic()
            if left <= 0:
                break
            if not receiving.poll(min(left, 0.5)):
                if not child.is_alive() and not receiving.poll(0):
                    break
                continue
            try:
                received = receiving.recv()
            except (EOFError, OSError):
                break
            if received[0] == "progress":
                if progress is not None:
                    progress(*received[1:])
            else:
                message = received
    finally:
        receiving.close()
        if child.is_alive():
            child.kill()
        child.join(10)
    took = time.monotonic() - started
    if message is not None:
        return _outcome(message, name, took, memory)
    killed_for_time = child.exitcode in (None, -signal.SIGKILL, -signal.SIGXCPU) and took >= seconds * 0.9
    if killed_for_time or child.exitcode == -signal.SIGXCPU:
        return Outcome(None, TooSlow(
            f"{name} took longer than {seconds:g} seconds to read, the most Cairn gives one file. Split it into "
            "smaller files (for a PDF, save only the pages with the paper's tables), and try again."
        ), took, None)
    logger.error("Reading %s stopped unexpectedly (exit code %s).", name, child.exitcode)
    return Outcome(None, CorruptFile(
        f"{name} could not be read: reading it stopped unexpectedly. It may be damaged: open it in the program "
        "that made it, save it again, and try again."
    ), took, None, crashed=True)


def _outcome(message: tuple, name: str, took: float, memory: int) -> Outcome:
    kind, peak = message[0], message[-1]
    if kind == "done":
        return Outcome(message[1], None, took, peak, columns=message[2])
    if kind == "refused":
        error_class = getattr(errors, message[1], ExtractionError)
        return Outcome(None, error_class(message[2]), took, peak)
    if kind == "memory":
        return Outcome(None, TooMuchWork(
            f"{name} needed more than {memory // 1024 // 1024:,} MB of memory to read, the most Cairn gives one "
            "file. Split it into smaller files, and try again."
        ), took, peak)
    logger.error("Reading %s failed: %s", name, message[1])
    return Outcome(None, CorruptFile(
        f"{name} could not be read: Cairn's reader stopped on something in it ({message[2]}). Save it again from "
        "the program that made it, and try again; if that does not help, tell your administrator."
    ), took, peak, crashed=True)


def _child(connection, data: bytes, name: str, columns, seconds: float, memory: int) -> None:
    """In the child: limit this process, read the file, and send back what came of it."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    from . import extract

    def progress(done: int, total: int, step: str) -> None:
        connection.send(("progress", done, total, step))

    try:
        extraction = extract(data, name, columns=columns, progress=progress)
        result = ("done", extraction.to_json(), extraction.columns)
    except ExtractionError as error:
        result = ("refused", type(error).__name__, error.message)
    except MemoryError:
        result = ("memory",)
    except RecursionError:
        result = ("refused", "CorruptFile", f"{name} is nested too deeply to read: it may be damaged.")
    except Exception as error:
        import traceback

        result = ("crashed", traceback.format_exc()[-4000:], type(error).__name__)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        connection.send((*result, peak))
    except MemoryError:
        connection.send(("memory", peak))
    connection.close()
