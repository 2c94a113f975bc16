"""The front of a paper: council, committee, meeting date, title, and the month or date it reports as at."""

import re

from cairn.lib.dates import Precision, parse_date

from .document import Line, Work
from .extraction import DocumentInfo

# The end of a name wrapped onto a line of its own: "BOROUGH COUNCIL", "Select Committee".
_TAIL = re.compile(
    r"^(?:(?:(?:metropolitan\s+)?borough|district|county|city|town|parish|combined)\s+council"
    r"|(?:(?:select|scrutiny|overview and scrutiny|audit|standards|planning|licensing)\s+)?(?:committee|panel|board|forum))$",
    re.IGNORECASE,
)
_NAMED_COUNCIL = re.compile(r"\b(?:borough|district|county|city|town|parish)?\s*council$", re.IGNORECASE)
_COMMITTEE = re.compile(r"\b(?:committee|sub-committee|board|cabinet|panel|forum|scrutiny commission)$", re.IGNORECASE)
_AGENDA = re.compile(r"^agenda\s+item(?:\s+(?:no\.?|number))?\s*[:.]?\s*(?P<number>\S.*)?$", re.IGNORECASE)
_AS_AT = re.compile(r"^(?:progress\s+)?(?:as\s+at|position\s+at|as\s+of)\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
_HIGHLIGHT = re.compile(r"^highlight report,?\s*(?P<period>.+)$", re.IGNORECASE)
# A line of facts, as Cairn prints under a paper's title: "Council · Committee · Progress as at 01/11/2026.
# Published 22/11/2026." or "Highlight report, November 2026. Board. Council. Draft: not yet published."
_FACT_BREAK = re.compile(r"\s+·\s+|(?<=[^\s.])\.\s+(?=[A-Z])")
COVER_LINES = 10


def agenda_number(text: str) -> str | None:
    """The number of an "Agenda Item" line ("Agenda Item 5" is "5"); None when none is printed."""
    match = _AGENDA.match(text)
    return match.group("number").strip() if match and match.group("number") else None


def read_cover(work: Work, info: DocumentInfo) -> Line | None:
    """Fill in what the first paragraphs say about the paper, marking the lines it used; the "Agenda Item" line, if
    there is one, is returned for the cover report (cover_report.py)."""
    lines = work.lines
    index = 0
    seen = 0
    agenda = None
    while index < len(lines) and seen < COVER_LINES:
        line = lines[index]
        if line.is_row:
            break
        seen += 1
        text = line.text
        if _TAIL.match(text) and index > 0:
            previous = lines[index - 1]
            free = index - 1 not in work.used or info.title == previous.text
            if free and not previous.is_row and len(previous.text.split()) <= 8 and not previous.text.endswith((".", ":", ";")):
                text = f"{previous.text} {text}"
                if info.title == previous.text:
                    info.title = None
                work.use(index - 1)
        if (facts := _facts(text)) is not None:
            _apply_facts(work, info, line, facts)
            work.use(index)
        elif agenda is None and _AGENDA.match(text):
            agenda = line
            work.use(index)
        elif info.organisation is None and _NAMED_COUNCIL.search(text) and len(text.split()) <= 8 and info.title is None:
            info.organisation = text
            work.use(index)
        elif info.committee is None and _COMMITTEE.search(text) and len(text.split()) <= 10:
            info.committee = text
            work.use(index)
        elif (as_at := _AS_AT.match(text)) and (parsed := parse_date(as_at.group("date"))) and parsed.on:
            info.as_at = parsed.on
            work.use(index)
        elif (parsed := parse_date(text)) is not None and parsed.on:
            if parsed.precision == Precision.DAY and info.meeting_date is None:
                info.meeting_date = parsed.on
            else:
                info.as_at = parsed.on
            work.use(index)
        elif info.title is None:
            if _looks_like_body(text):
                break
            info.title = text
            work.use(index)
        else:
            break  # the cover ends at the first line after the title that is not a date, committee or council
        index += 1
    return agenda


def _looks_like_body(text: str) -> bool:
    return len(text) > 200 or text.startswith(("-", "•", "·")) or bool(re.match(r"^\d+[.)]\s", text))


def _fact(part: str) -> tuple[str, object] | None:
    """What one part of a line of facts says: (organisation, committee or as_at, its value), if anything."""
    if _NAMED_COUNCIL.search(part) and len(part.split()) <= 8:
        return "organisation", part
    if _COMMITTEE.search(part) and len(part.split()) <= 10:
        return "committee", part
    if (as_at := _AS_AT.match(part)) and (parsed := parse_date(as_at.group("date"))) and parsed.on:
        return "as_at", parsed.on
    if (highlight := _HIGHLIGHT.match(part)) and (parsed := parse_date(highlight.group("period"))) and parsed.on:
        return "as_at", parsed.on
    return None


def _facts(text: str) -> list[tuple[str, tuple[str, object] | None]] | None:
    """A line of facts in parts, each with what it says; None unless two or more parts say something."""
    parts = [part.strip().rstrip(".").strip() for part in _FACT_BREAK.split(text) if part.strip(" .")]
    if len(parts) < 2:
        return None
    read = [(part, _fact(part)) for part in parts]
    return read if sum(fact is not None for _, fact in read) >= 2 else None


def _apply_facts(work: Work, info: DocumentInfo, line: Line, facts: list) -> None:
    for part, fact in facts:
        name, value = fact or (None, None)
        if name is not None and getattr(info, name) is None:
            setattr(info, name, value)
        else:
            # The paper's status ("Published 22/11/2026", "Draft: not yet published") has no place of its own.
            work.warn(line.where, f"Not held in the extraction (cover): {part}")
