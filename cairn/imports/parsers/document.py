"""A paper as lines of cells, whatever format it came in, and the bookkeeping that keeps every word accounted for."""

import re
from collections import Counter
from dataclasses import dataclass, field

from cairn.lib.text import flatten, key

from .extraction import Warning


@dataclass
class Line:
    """A paragraph (one cell) or a table row (several cells), with where it was found."""

    cells: list[str]
    where: str
    table: int | None = None

    @property
    def is_row(self) -> bool:
        return len(self.cells) > 1

    @property
    def text(self) -> str:
        return " ".join(flatten(cell) for cell in self.cells if cell)

    def cell(self, index: int) -> str:
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    def where_cell(self, index: int, label: str = "") -> str:
        return f"{self.where}, column {index + 1}" + (f" ({label})" if label else "")


@dataclass
class Source:
    """What a reader found in a file."""

    name: str
    sha256: str
    format: str
    lines: list[Line]
    pages: int = 1


def _heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 8
        and text[:1].isupper()
        and not text.endswith((".", ",", ";", ":"))
        and not any(c.isdigit() or c == ":" for c in text)
    )


# A footer that numbers the pages ("Title · 22/11/2026   Page 2 of 3") differs on each page only in its numbers.
_PAGE_NUMBER = re.compile(r"\bpage \d+ of \d+\b", re.IGNORECASE)


def numbers_pages(line: Line) -> bool:
    """A page's header or footer that numbers it ("Page 2 of 3"): it says nothing of the part it falls within."""
    return bool(_PAGE_NUMBER.search(line.text))


def _repeat_key(line: Line) -> str:
    """What a line has in common with its repeats on other pages."""
    return key(re.sub(r"\d+", "#", line.text) if _PAGE_NUMBER.search(line.text) else line.text)


_PLACE = re.compile(r"^(?:(?P<within>.+), )?(?P<unit>row|line|paragraph) (?P<number>\d+)$")


def where_span(lines: list[Line]) -> str:
    """Where a run of lines is, as a person would look for it: "table 1, rows 3–4", "lines 7–11", "page 1, table 1,
    row 5 to page 2, table 2, row 1"."""
    if not lines:
        return "document"
    first, last = lines[0].where, lines[-1].where
    if first == last:
        return first
    start, end = _PLACE.match(first), _PLACE.match(last)
    if (
        start and end
        and start.group("within", "unit") == end.group("within", "unit")
        and int(start.group("number")) < int(end.group("number"))
    ):
        within = f"{start.group('within')}, " if start.group("within") else ""
        return f"{within}{start.group('unit')}s {start.group('number')}–{end.group('number')}"
    return f"{first} to {last}"


@dataclass
class Work:
    """A parse in progress: which lines have been placed, and the warnings so far."""

    lines: list[Line]
    used: set[int] = field(default_factory=set)
    warnings: list[Warning] = field(default_factory=list)
    title: str | None = None

    def use(self, *indexes: int) -> None:
        self.used.update(indexes)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(Warning(where, message))

    def not_held(self, label: str, lines: list[Line], text: str | None = None) -> None:
        """Text with no place in the extraction: kept, word for word, in a warning."""
        text = text if text is not None else " / ".join(line.text for line in lines if line.text)
        if text.strip():
            self.warn(where_span(lines), f"Not held in the extraction ({label}): {text}")

    def sweep(self) -> None:
        """Every line nobody placed becomes a warning: repeated page headers once, the rest in runs."""
        title_key = key(self.title) if self.title else None
        left = [(i, line) for i, line in enumerate(self.lines) if i not in self.used and line.text.strip()]
        counts = Counter(_repeat_key(line) for _, line in left if not line.is_row or _PAGE_NUMBER.search(line.text))
        reported: set[str] = set()
        run: list[Line] = []
        previous = None
        for index, line in left:
            line_key = _repeat_key(line)
            repeatable = not line.is_row or _PAGE_NUMBER.search(line.text)
            if repeatable and line_key and (line_key == title_key or counts[line_key] > 1):
                if line_key != title_key and line_key not in reported:
                    reported.add(line_key)
                    times = counts[line_key]
                    self.warn(line.where, f"Repeated line taken as a page header or footer ({times} times): {line.text}")
                continue
            # A run of left-over lines breaks where lines were placed between them, and at a heading.
            if run and previous is not None and (index != previous + 1 or _heading(line.text)):
                self._flush(run)
                run = []
            run.append(line)
            previous = index
        self._flush(run)

    def _flush(self, run: list[Line]) -> None:
        if not run:
            return
        text = " / ".join(line.text for line in run)
        if len(text) <= 2:
            self.warn(where_span(run), f"Stray fragment not placed: {text}")
        else:
            self.warn(where_span(run), f"Not placed: {text}")
