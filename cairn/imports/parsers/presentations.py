"""Slide presentations (seed 004): headed slides of bullets; workload ranges become figures, money lines budgets,
the key questions and next steps the review's, and the rest of each slide the body of a section of the paper, with
its presenter where the "Format of Presentation" slide names one."""

import re
from dataclasses import dataclass, field

from cairn.lib.dates import parse_date
from cairn.lib.money import find_amounts, parse_amount, parse_variance
from cairn.lib.text import key

from .document import Line, Work, where_span
from .extraction import BudgetLine, DocumentInfo, Figure, NextStep, Question, Section

_BULLET = re.compile(r"^(?:[-•·*●▪◦]\s*)+")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+")
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
# A figure ends its line: "Referrals 155 – 277 (per month)", or one number with its unit in brackets.
_RANGE = re.compile(rf"\s(?P<low>{_NUMBER})\s*(?:-|–|—|to)\s*(?P<high>{_NUMBER})\s*(?:\((?P<unit>[^)]*)\))?\s*$")
_SINGLE = re.compile(rf"\s(?P<low>{_NUMBER})\s*\((?P<unit>[^)]*)\)\s*$")
_CONTINUED = re.compile(r"\s*[-–]?\s*continued\b.*$", re.IGNORECASE)
_QUESTION = re.compile(r"^(?P<number>\d{1,2})[.)]\s+(?P<text>.+)$", re.DOTALL)
# A next step's date, in brackets at its end: "Convene development day (18/11/11)".
_STEP_DATE = re.compile(r"\s*\((?P<date>[^()]+)\)\s*$")
MARKERS = ("format of presentation", "any questions", "thank you for listening", "next steps", "key questions")
QUESTION_SLIDES = {"key questions", "key lines of enquiry"}
STEP_SLIDES = {"next steps"}
# The slide that lists the sections and who presents each.
FORMAT_SLIDES = {"format of presentation", "format of the presentation", "running order"}
# Words a post starts with, after a presenter's name: "Shaun McLurg Head of CYP Operational Services".
POST_WORDS = frozenset(
    "head service manager director officer chief assistant principal senior lead team executive deputy corporate "
    "strategic interim acting".split()
)


@dataclass
class Presentation:
    """What a presentation's slides give, beyond the text kept in warnings."""

    figures: list[Figure] = field(default_factory=list)
    budget_lines: list[BudgetLine] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    next_steps: list[NextStep] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)


@dataclass
class _Presenter:
    name: str | None = None
    post: str | None = None


@dataclass
class _Slide:
    heading: str
    lines: list[Line] = field(default_factory=list)
    items: list[tuple[str, list[Line]]] = field(default_factory=list)


def looks_like(lines: list[Line]) -> bool:
    """No tables, many bullets, and the words of a presentation ("Format of Presentation", "Any questions?")."""
    if any(line.is_row for line in lines):
        return False
    bullets = sum(1 for line in lines if _BULLET.match(line.text))
    marked = sum(1 for line in lines if key(line.text) in MARKERS or key(line.text).startswith(MARKERS))
    return marked >= 1 and bullets >= 5


def _is_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 8
        and not _BULLET.match(text)
        and not _NUMBERED.match(text)
        and not text.startswith("(")
        and not text.endswith((".", ",", ";", ":"))
        and not find_amounts(text)
    )


def parse(work: Work, info: DocumentInfo) -> Presentation:
    """Figures, budget lines, key questions and next steps from the slides, and the paper's sections: the rest of
    each slide's text, under the heading and presenter the "Format of Presentation" slide gives it."""
    lines = work.lines
    free = [(i, line) for i, line in enumerate(lines) if i not in work.used and not line.is_row]
    counts: dict[str, int] = {}
    for _, line in free:
        if _is_heading(line.text):
            counts[key(line.text)] = counts.get(key(line.text), 0) + 1
    slides: list[_Slide] = []
    reported = set()
    for index, line in free:
        text = line.text
        if counts.get(key(text), 0) > 1 and _is_heading(text):
            # A strapline or footer on every slide.
            work.use(index)
            if key(text) not in reported:
                reported.add(key(text))
                work.warn(line.where, f"Repeated line taken as a page header or footer ({counts[key(text)]} times): {text}")
            continue
        if _is_heading(text) and not (slides and slides[-1].items and _continues(slides[-1], text)):
            base = _CONTINUED.sub("", text)
            if slides and key(base) == key(slides[-1].heading) and base != text:
                slides[-1].lines.append(line)  # "Key Questions continued (1)"
            else:
                slides.append(_Slide(text, [line]))
            work.use(index)
            continue
        if not slides:
            continue
        slide = slides[-1]
        work.use(index)
        slide.lines.append(line)
        if _BULLET.match(text) or _NUMBERED.match(text) or not slide.items:
            slide.items.append((_BULLET.sub("", text), [line]))
        else:
            words, sources = slide.items[-1]
            slide.items[-1] = (f"{words} {text}", sources + [line])
    found = Presentation()
    bodies: dict[int, list[tuple[str, list[Line]]]] = {}
    for number, slide in enumerate(slides):
        heading = _slide_key(slide)
        if heading in FORMAT_SLIDES:
            continue
        left = bodies.setdefault(number, [])
        for text, sources in slide.items:
            if heading in QUESTION_SLIDES:
                found.questions.append(_question(text, where_span(sources)))
            elif heading in STEP_SLIDES:
                found.next_steps.append(_next_step(text, where_span(sources)))
            elif figure := _figure(text):
                found.figures.append(figure)
            elif budget := _budget(text):
                found.budget_lines.append(budget)
            else:
                left.append((text, sources))
    found.sections = _sections(slides, bodies)
    return found


def _slide_key(slide: _Slide) -> str:
    return key(_CONTINUED.sub("", slide.heading))


def _sections(slides: list[_Slide], bodies: dict[int, list[tuple[str, list[Line]]]]) -> list[Section]:
    """The paper's sections: as the "Format of Presentation" slide lists them, each with the slides it names, then
    any slide with text it does not name; without that slide, each slide whose text has no other place."""
    listed = next((slide for slide in slides if _slide_key(slide) in FORMAT_SLIDES), None)
    keys = {_slide_key(slide): number for number, slide in enumerate(slides) if number in bodies}
    sections: list[tuple[str, _Presenter | None, list[int], list[Line]]] = []
    current = None
    for text, sources in listed.items if listed else []:
        heading, covers, rest = _listed_heading(text, keys)
        name, post = _presenter(rest)
        if name:
            current = _Presenter(name, post)
        elif post and current is not None and current.post is None:
            # Presenters are printed as a column, each name above its post, so a post can fall beside the next
            # heading: it is the post of the presenter above.
            current.post = post
        elif post:
            current = _Presenter(None, post)
        sections.append((heading, current, covers, sources))
    named = {number for _, _, covers, _ in sections for number in covers}
    sections += [(slides[number].heading, None, [number], []) for number, body in bodies.items()
                 if body and number not in named]
    return [
        Section(
            heading=heading, presenter_name=presenter.name if presenter else None,
            presenter_post=presenter.post if presenter else None,
            body=[text for number in covers for text, _ in bodies[number]],
            where=where_span([line for number in covers for line in slides[number].lines] or sources),
        )
        for heading, presenter, covers, sources in sections
    ]


def _listed_heading(text: str, keys: dict[str, int]) -> tuple[str, list[int], str]:
    """A line of the "Format of Presentation" slide as (the section's heading, the slides it names, what follows):
    "Workload/Budget Shaun McLurg" names the Workload and Budget slides, and Shaun McLurg presents them."""
    words = text.split()
    for length in range(len(words), 0, -1):
        heading = " ".join(words[:length])
        parts = [key(part) for part in heading.split("/")]
        if all(part in keys for part in parts):
            return heading, [keys[part] for part in parts], " ".join(words[length:])
    return text, [], ""


def _presenter(text: str) -> tuple[str | None, str | None]:
    """A presenter's name and post: "Jill Anderson Service Manager, Family Support"; either may be missing."""
    words = text.split()
    start = next((i for i, word in enumerate(words) if word.strip(",").lower() in POST_WORDS), len(words))
    return " ".join(words[:start]) or None, " ".join(words[start:]) or None


def _question(text: str, where: str) -> Question:
    """ "1. The current organisational structure ..." is question 1; an unnumbered one is numbered by its place."""
    if match := _QUESTION.match(text):
        return Question(match.group("text").strip(), int(match.group("number")), where)
    return Question(text, None, where)


def _next_step(text: str, where: str) -> NextStep:
    """A step and its date: "Convene development day (18/11/11)" is due on 18/11/2011, its date taken out of it."""
    match = _STEP_DATE.search(text)
    parsed = parse_date(match.group("date")) if match else None
    if match and parsed is not None and parsed.on is not None and text[: match.start()].strip():
        return NextStep(text[: match.start()].strip(), match.group("date").strip(), parsed.on, None, where)
    return NextStep(text, None, None, None, where)


def _continues(slide: _Slide, text: str) -> bool:
    """A short line under a bullet that carries it on: a post under a name, a date in brackets."""
    words, _ = slide.items[-1]
    if text.startswith("("):
        return True
    post = re.search(r"\b(?:head|manager|director|officer|service|services|lead)\b", text, re.IGNORECASE)
    return bool(post) and not words.endswith((".", "?", "!")) and len(text.split()) <= 6


def _figure(text: str) -> Figure | None:
    match = _RANGE.search(text) or _SINGLE.search(text)
    name = text[: match.start()].strip(" -–:") if match else ""
    if not match or not re.search(r"[A-Za-z]", name) or find_amounts(text):
        return None
    low = parse_amount(match.group("low"))
    high = parse_amount(match.groupdict().get("high") or match.group("low"))
    return Figure(name, low, high, (match.group("unit") or "").strip() or None)


def _budget(text: str) -> BudgetLine | None:
    amounts = find_amounts(text)
    if not amounts:
        return None
    start, end, amount = amounts[0]
    name = text[:start].strip(" -–:,")
    if not name:
        return None
    return BudgetLine(name, amount, parse_variance(text[end:]))
