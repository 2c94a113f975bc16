"""Plain text as copied out of a PDF or Word: tab-separated rows, Markdown tables and paragraphs."""

import re

from cairn.lib.text import clean

from ..document import Line
from ..limits import Budget

_TABLE_SEPARATOR = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")
_TAGS = re.compile(r"</?(?:b|strong|i|em|u|span|p|div|sup|sub)\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"(\*\*|__)")


def markup_free(text: str) -> str:
    """Markdown and HTML decoration removed, keeping the words: "## **Summary**" is "Summary"."""
    text = _BREAK.sub("\n", text)
    text = _TAGS.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    return _EMPHASIS.sub("", text)


def _markdown_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [clean(markup_free(cell)) for cell in re.split(r"(?<!\\)\|", inner)]


def trim(cells: list[str], *, row: bool = True) -> list[str]:
    """Trailing empty cells dropped (formats disagree about keeping them); a table row keeps two, so it stays a row."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    cells = cells[:end]
    if row and len(cells) == 1:
        cells.append("")
    return cells


def read_text(text: str, budget: Budget | None = None) -> list[Line]:
    """Lines of cells from plain or Markdown text; blank lines are dropped."""
    budget = budget or Budget("The text")
    raw = text.split("\n") if "\r" not in text else text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    table = 0
    in_table = False
    number = 0
    while number < len(raw):
        line, where = raw[number], f"line {number + 1}"
        number += 1
        stripped = line.strip()
        if not stripped:
            in_table = False
            continue
        budget.line(stripped.count("|") + 1 if stripped.startswith("|") else line.count("\t") + 1, where)
        if stripped.startswith("|") and stripped.count("|") >= 2:
            if _TABLE_SEPARATOR.match(stripped):
                continue
            if not in_table:
                table += 1
                in_table = True
            cells = trim(_markdown_cells(stripped))
            if any(cells):
                lines.append(Line(cells, where, table))
            continue
        in_table = False
        if "\t" in line:
            cells = trim([clean(markup_free(cell)) for cell in line.split("\t")])
            if any(cells):
                lines.append(Line(cells, where))
            continue
        # A Markdown hard break (two trailing spaces) inside a heading or a bold run wraps a line, nothing more.
        while line.endswith("  ") and number < len(raw) and raw[number].strip() and "\t" not in raw[number]:
            line = line.rstrip() + " " + raw[number].strip()
            number += 1
        cell = clean(markup_free(line))
        if cell:
            lines.append(Line([cell], where))
    return lines
