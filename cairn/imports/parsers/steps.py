"""Splitting an action-plan cell into its steps: one step per target date, the actions and measures lined up."""

import re

from cairn.lib.dates import ParsedDate, find_dates
from cairn.lib.text import flatten

from .extraction import Revision, Step

# Capitalised words that sit inside a sentence (bodies and posts), so never start a step.
INSIDE_WORDS = frozenset(
    """cabinet council committee board team trust group service services department directorate partnership panel
    unit centre center authority executive officer officers manager managers director member members borough
    government agency forum network scrutiny health education school schools police partners ofsted""".split()
)
# Words a step often starts with.
STEP_VERBS = frozenset(
    """agree advertise analyse appoint appraise approve arrange assess build carry commence commission complete
    conduct confirm consult continue create decide deliver design develop draft ensure establish evaluate explore
    extend hold identify implement improve increase introduce invite issue launch map meet monitor plan prepare
    present produce promote provide publish recruit reduce report review revise run seek set share submit support
    test train trial undertake update write""".split()
)
# Words that carry a sentence on from the one before.
CARRY_ON = frozenset("this these it they that such which there their its".split())
_REVISION = re.compile(r"\brevised\s+(?:timescale|target|date|deadline)s?\b", re.IGNORECASE)
# A revised date printed after the original one, as Cairn prints it: "November 2025 (revised: Apr 2026)".
_REVISED_NOTE = re.compile(r"[ \t]*\(revised:\s*(?P<date>[^()]*)\)", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


def split_revisions(text: str) -> tuple[str, list[tuple[int, str]]]:
    """A completion-date cell without the revised dates printed after the original ones, and each revision as
    (the step it follows, counted from 0; the revised date as written)."""
    if "revised:" not in text.lower():
        return text, []
    kept: list[str] = []
    revisions = []
    start = 0
    for match in _REVISED_NOTE.finditer(text):
        kept.append(text[start : match.start()])
        revisions.append((max(len(split_dates("".join(kept))) - 1, 0), match.group("date").strip()))
        start = match.end()
    kept.append(text[start:])
    return "".join(kept), revisions


def read_revision(text: str) -> Revision:
    """A revised target as written, with the date it gives ("Oct 2004 – then ongoing process" is 31/10/2004)."""
    label = _REVISION.match(text)
    written = text[label.end() :].strip(" :") if label else text.strip()
    found = find_dates(flatten(written))
    return Revision(written, found[0][2].on if found else None)


def split_dates(text: str) -> list[tuple[str, ParsedDate | None]]:
    """A completion-date cell as (text as written, date) per step; words after a date stay with it.

    A cell with one date on each of its lines is read a line to a step, each line as written ("Mar 2010", then
    "by the end of April 2010").
    """
    lines = [flatten(line) for line in text.split("\n") if line.strip()]
    if len(lines) > 1:
        found = [find_dates(line) for line in lines]
        if all(len(dates) == 1 for dates in found):
            return [(line, dates[0][2]) for line, dates in zip(lines, found)]
    text = flatten(text)
    if not text:
        return []
    found = find_dates(text)
    if not found:
        return [(text, None)]
    parts = []
    for number, (start, _end, parsed) in enumerate(found):
        begin = 0 if number == 0 else start
        end = found[number + 1][0] if number + 1 < len(found) else len(text)
        written = text[begin:end].strip()
        parts.append((written, parsed))
    return parts


def split_date_leads(text: str) -> tuple[list[tuple[str, ParsedDate, str | None]], str | None, str | None]:
    """A merged "date and lead" cell ("April 2001 Head of Service April 2002 ...") as (date text, date, lead) per step.

    Returns the steps, any revised timescale written after them, and any words before the first date.
    """
    text = flatten(text)
    revision = None
    if match := _REVISION.search(text):
        text, revision = text[: match.start()].strip(), text[match.start() :].strip()
    found = find_dates(text)
    leading = text[: found[0][0]].strip() if found else text
    steps = []
    for number, (start, end, parsed) in enumerate(found):
        following = found[number + 1][0] if number + 1 < len(found) else len(text)
        lead = text[end:following].strip(" ,;") or None
        steps.append((text[start:end], parsed, lead))
    return steps, revision, leading or None


def _word(token: str) -> str:
    return token.strip("()[]\"'‘’“”,;:.!?")


def _boundaries(text: str) -> list[tuple[float, int]]:
    """Places a new step could start, best first: a capitalised word after a sentence end or a lower-case word."""
    tokens = list(_TOKEN.finditer(text))
    found = []
    for i in range(1, len(tokens)):
        token = tokens[i].group()
        word = _word(token)
        if not word or not token[0].isupper() or word.lower() in INSIDE_WORDS:
            continue
        previous = tokens[i - 1].group()
        previous_word = _word(previous)
        ends_sentence = previous.endswith((".", ";", ":", "!", "?"))
        after_lower = bool(previous_word) and not previous_word[0].isupper()
        after_body = previous_word.lower() in INSIDE_WORDS
        if not (ends_sentence or after_lower or after_body):
            continue
        score = 1.0
        if ends_sentence:
            score += 2
        following = tokens[i + 1].group() if i + 1 < len(tokens) else ""
        if following and following[0].islower():
            score += 1
        if word.lower() in STEP_VERBS:
            score += 1
        if word.lower() in CARRY_ON:
            score -= 2
        if score >= 1:
            found.append((score, tokens[i].start()))
    return found


def segment(text: str, count: int) -> list[str | None]:
    """A cell cut into `count` parts in order (fewer if it cannot be cut; the rest are None)."""
    if count <= 0:
        return []
    explicit = [line.strip() for line in text.split("\n") if line.strip()]
    flat = flatten(text)
    if not flat:
        return [None] * count
    if count == 1:
        return [flat]
    if len(explicit) == count:
        return [flatten(part) for part in explicit]
    chosen = sorted(sorted(_boundaries(flat), key=lambda b: (-b[0], b[1]))[: count - 1], key=lambda b: b[1])
    cuts = [0, *[position for _, position in chosen], len(flat)]
    parts: list[str | None] = [flat[a:b].strip() for a, b in zip(cuts, cuts[1:])]
    return parts + [None] * (count - len(parts))


def build_steps(actions: str, measures: str, dates: str, lead: str | None) -> list[Step]:
    """One step per target date as printed, with the actions and measures cut to match."""
    dated = split_dates(dates)
    action_lines = [line for line in actions.split("\n") if line.strip()]
    count = len(dated) or (len(action_lines) if len(action_lines) > 1 else 1)
    if not flatten(actions) and not flatten(measures) and not dated:
        return []
    texts, measured = segment(actions, count), segment(measures, count)
    steps = []
    for number in range(count):
        written, parsed = dated[number] if number < len(dated) else (None, None)
        steps.append(
            Step(
                action=texts[number],
                success_measure=measured[number],
                due_text=written,
                due=parsed.on if parsed else None,
                lead=lead,
            )
        )
    return steps
