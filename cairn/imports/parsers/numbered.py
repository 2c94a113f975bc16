"""Recommendations numbered in running text ("The Committee recommends: 1. ... 2. ..."), on their own or before a
table of responses that refers to them by number."""

import re

from cairn.lib.text import flatten, key

from .document import Line, Work, where_span
from .extraction import Recommendation
from .references import Reference, read_reference, split_reference

# What introduces a list of recommendations: "The Committee recommends:", "Recommendations", "RESOLVED that".
_INTRODUCTION = re.compile(
    r"\b(?:recommends?|recommendations?|recommended|resolved|agreed the following|asked to agree)\b", re.IGNORECASE
)
# How far (in lines) an introduction may be from the first item.
_REACH = 3
# A decision's label before its first item on the same line ("RESOLVED: (i) That ...").
_LABEL = re.compile(r"^(?:resolved|agreed|recommended|decided)(?:\s+that)?\s*[:–—-]+\s*(?=\S)", re.IGNORECASE)
# A label in capitals that starts a paragraph of another kind ("REASON: ..."): an item's words end before it.
_OTHER_LABEL = re.compile(r"^[A-Z][A-Z ]{2,}:")
# A paragraph that carries on the one before: it starts in lower case, or it is a bullet point.
_CARRIES_ON = re.compile(r"^(?:[a-z]|[•·▪–-]\s)")
# An item lettered in capitals with no punctuation ("A That the Council ..."): read only as one of a list (A, B...).
_BARE_LETTER = re.compile(r"^(?P<letter>[A-HJ-Z])\s+(?=[A-Z“\"(])")
# The fewest words a lone numbered item needs: "1. Introduction" is a section, not a recommendation.
_LONE_WORDS = 6


def _reference(text: str) -> tuple[Reference | None, str, bool]:
    """A paragraph's leading reference, its words, and whether it is a bare capital letter."""
    reference, rest = split_reference(text)
    if reference is not None:
        return reference, rest, False
    match = _BARE_LETTER.match(text.strip())
    if match is None:
        return None, text, False
    letter = match.group("letter")
    return Reference(letter, "", (ord(letter) - ord("A") + 1,), "letter"), text.strip()[match.end() :], True


def _starts(lines: list[Line], indexes: list[int]) -> list[tuple[int, Reference, str, bool]]:
    """The paragraphs that start a numbered item, in a sequence ("1." then "2."), each with its words and whether it
    repeats an item already found (a list printed twice: in a summary and again in the minutes)."""
    found: list[tuple[int, Reference, str, bool]] = []
    bare: set[int] = set()
    last: Reference | None = None
    for index in indexes:
        line = lines[index]
        if line.is_row:
            continue
        text = _LABEL.sub("", line.text, count=1)
        reference, rest, lettered = _reference(text)
        if reference is None or not rest:
            continue
        items = [item for item in found if not item[3]]
        if any(key(r.written) == key(reference.written) and key(words) == key(rest) for _, r, words, _ in items):
            found.append((index, reference, rest, True))
        elif found and last is not None and reference.follows(last):
            found.append((index, reference, rest, False))
        elif reference.first and (not found or len(items) < 2):
            found, bare = [(index, reference, rest, False)], set()
        else:
            continue
        last = reference
        if lettered:
            bare.add(index)
    # Capital letters with nothing after them start items only as a list: "A" and then "B".
    if bare and len(bare) < 2:
        found = [item for item in found if item[0] not in bare]
    return found


def _introduced(lines: list[Line], first: int) -> bool:
    before = [line.text for line in lines[max(0, first - _REACH) : first] if not line.is_row]
    before += [match.group() for match in [_LABEL.match(lines[first].text)] if match]
    return any(_INTRODUCTION.search(text) for text in before)


def read_numbered(work: Work, end: int | None = None) -> list[Recommendation]:
    """Numbered items after an introduction that speaks of recommendations, before line `end`; each item's
    paragraphs run to the next item or to the first heading, table or blank-free break after it."""
    end = len(work.lines) if end is None else end
    free = [i for i in range(end) if i not in work.used]
    starts = _starts(work.lines, free)
    items = [start for start in starts if not start[3]]
    if not items or not _introduced(work.lines, starts[0][0]):
        return []
    if len(items) == 1 and (items[0][1].kind != "number" or len(items[0][2].split()) < _LONE_WORDS):
        return []  # one item alone is read only as a numbered sentence after the words that introduce it
    result = []
    for number, (index, reference, rest, repeat) in enumerate(starts):
        if repeat:
            work.use(index)  # the item printed again: read already
            continue
        # The last item, or the last before the list is printed again, keeps only words that carry it on.
        last = number + 1 == len(starts) or starts[number + 1][3]
        stop = len(work.lines) if number + 1 == len(starts) else starts[number + 1][0]
        parts, sources = [rest], [work.lines[index]]
        for following in range(index + 1, stop):
            line = work.lines[following]
            if following in work.used or line.is_row or _OTHER_LABEL.match(line.text):
                break
            if last and not _CARRIES_ON.match(line.text.strip()):
                break  # after the last item, only words that carry it on are its own
            parts.append(line.text)
            sources.append(line)
        work.use(*(work.lines.index(line) for line in sources))
        result.append(Recommendation(text=flatten(" ".join(parts)), number=reference.written, where=where_span(sources)))
    return result


def join_responses(items: list[Recommendation], table: list[Recommendation]) -> list[Recommendation]:
    """A response table's rows joined to the numbered recommendations they answer, in the items' order.

    A row whose recommendation cell is only a reference ("1", "R4") takes the numbered item's words; a row whose
    number matches an item keeps its own words. Items with no row stay as they are; rows with no item follow.
    """
    by_number = {key(item.number or ""): item for item in items}
    answers: dict[str, Recommendation] = {}
    unmatched: list[Recommendation] = []
    for row in table:
        ref = read_reference(row.text)
        number = key(ref.written if ref else (row.number or ""))
        item = by_number.get(number)
        if item is None or number in answers:
            unmatched.append(row)
            continue
        if ref is not None:
            row.text = item.text
        row.number = row.number or item.number
        row.where = f"{item.where}; {row.where}" if row.where else item.where
        answers[number] = row
    return [answers.get(key(item.number or ""), item) for item in items] + unmatched
