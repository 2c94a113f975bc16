"""How much work one file may make: the bounds a reader checks as it goes, each refused with a message that names it.

A file's size on disk says little about the work it makes: a 5 KB workbook can name a cell sixteen thousand columns
out, a 200 KB PDF can inflate to gigabytes. So each reader counts what it unpacks and what it reads, and stops at the
first bound it passes. Time and memory are bound as well, by reading in a child process (`isolated.py`).
"""

from .errors import TooMuchWork

MAX_BYTES = 20 * 1024 * 1024  # a file as uploaded
MAX_UNPACKED = 64 * 1024 * 1024  # a .docx or .xlsx once unzipped, or a PDF's compressed parts once inflated
MAX_PARTS = 2000  # parts in a .docx or .xlsx
MAX_PAGES = 60  # pages of a PDF (read at a few pages a second)
MAX_LINES = 20_000  # paragraphs and table rows in one file
MAX_COLUMNS = 500  # cells in one table row
MAX_CELLS = 400_000  # cells in one file, empty ones between filled ones counted
MAX_CELL_CHARS = 32_768  # characters in one cell or paragraph
MAX_RECORDS = 2_000  # records an import would create: recommendations, steps, projects, milestones...
MAX_WARNINGS_TEXT = 2 * 1024 * 1024  # characters of unplaced text kept in warnings


def _n(number: int) -> str:
    return f"{number:,}"


def megabytes(size: int) -> str:
    return f"{size // 1024 // 1024} MB"


SPLIT = "Split it into smaller files, or delete what is not part of the paper, and try again."


class Budget:
    """What a file has made a reader do so far; `line()` and `unpacked()` refuse the file past a bound."""

    def __init__(self, name: str):
        self.name = name
        self.lines = 0
        self.cells = 0
        self.bytes = 0

    def line(self, cells: int, where: str) -> None:
        """Count one paragraph or table row of `cells` cells (empty ones between filled ones included), at `where`."""
        self.lines += 1
        self.cells += cells
        if cells > MAX_COLUMNS:
            raise TooMuchWork(
                f"{self.name} has a row of {_n(cells)} columns ({where}): Cairn reads tables of up to "
                f"{_n(MAX_COLUMNS)} columns. Delete the cells far to the right of the table, and try again."
            )
        if self.lines > MAX_LINES:
            raise TooMuchWork(
                f"{self.name} has more than {_n(MAX_LINES)} rows and paragraphs, the most Cairn reads in one file. "
                + SPLIT
            )
        if self.cells > MAX_CELLS:
            raise TooMuchWork(
                f"{self.name} has more than {_n(MAX_CELLS)} table cells (empty ones between filled ones counted), the "
                f"most Cairn reads in one file. {SPLIT}"
            )

    def unpacked(self, size: int, part: str) -> None:
        """Count `size` more bytes unpacked from the file's compressed `part`."""
        self.bytes += size
        if self.bytes > MAX_UNPACKED:
            raise TooMuchWork(
                f"{self.name} unpacks to more than {megabytes(MAX_UNPACKED)} (at {part}), the most Cairn unpacks from "
                "one file. Remove large pictures or embedded files, or split it into smaller files, and try again."
            )


def too_many_pages(name: str, pages: int) -> TooMuchWork:
    return TooMuchWork(
        f"{name} has {_n(pages)} pages: Cairn reads PDFs of up to {MAX_PAGES} pages. Save only the pages with the "
        "paper's tables (the action plan, the progress update or the highlight report) as a PDF of their own, and "
        "import that."
    )


def check_cells(name: str, lines) -> None:
    """Refuse a file with a cell or paragraph longer than any a paper has (it would fill the check page)."""
    for line in lines:
        for cell in line.cells:
            if len(cell) > MAX_CELL_CHARS:
                raise TooMuchWork(
                    f"{name} has a cell or paragraph of {_n(len(cell))} characters ({line.where}), more than the "
                    f"{_n(MAX_CELL_CHARS)} Cairn reads in one. Break it into shorter paragraphs or cells, and try again."
                )


def count_records(extraction) -> int:
    """The records importing an extraction would create, near enough: one per recommendation, step, project,
    milestone, metric, figure, budget line, question, next step and section."""
    count = len(extraction.figures) + len(extraction.budget_lines) + len(extraction.questions)
    count += len(extraction.next_steps) + len(extraction.sections)
    for recommendation in extraction.recommendations:
        count += 1 + len(recommendation.steps)
    for project in extraction.projects:
        count += 1 + len(project.milestones) + len(project.metrics)
    return count


def count_json_records(extraction: dict) -> int:
    """`count_records` of an extraction's JSON, as a staged batch keeps it."""
    count = sum(len(extraction.get(part) or []) for part in ("figures", "budget_lines", "questions", "next_steps",
                                                              "sections"))
    for recommendation in extraction.get("recommendations", []):
        count += 1 + len(recommendation.get("steps", []))
    for project in extraction.get("projects", []):
        count += 1 + len(project.get("milestones", [])) + len(project.get("metrics", []))
    return count


def check_records(extraction, name: str) -> None:
    records = count_records(extraction)
    if records > MAX_RECORDS:
        raise too_many_records(name, records)


def too_many_records(name: str, records: int) -> TooMuchWork:
    return TooMuchWork(
        f"{name} would create {_n(records)} records (recommendations, steps, projects, milestones and figures), more "
        f"than the {_n(MAX_RECORDS)} Cairn imports from one file. Split it into smaller files and import each."
    )
