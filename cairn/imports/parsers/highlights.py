"""Programme highlight reports (seed 003): a headline table, then for each project an outline, a month grid,
milestones, progress and risks, metrics and a money table."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from cairn.lib.dates import Precision, find_dates, parse_date
from cairn.lib.money import parse_amount, parse_estimate
from cairn.lib.text import flatten, fold_lookalikes, key

from .document import Line, Work, numbers_pages, where_span
from .extraction import DocumentInfo, Metric, Milestone, Project

_TITLE = re.compile(r"^(?P<number>\d{1,2})\s*[-–—]\s*(?P<name>.{3,})$")
_SECTION = re.compile(
    r"^(?P<number>\d{1,2})\s*[.:]\s*(?P<label>.*?)\s*[-–—]?\s*"
    r"(?P<kind>timeline\s*(?:and|&)\s*key\s*milestones|update|progress\s*(?:and|&)\s*risks|impact\s*(?:and|&)\s*evaluation)$",
    re.IGNORECASE,
)
_LABEL_START = re.compile(r"^(?P<label>key elements|resources|other|impact)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
# Cairn's own highlight report heads these parts without a colon ("Key elements", "Other resources"), and gives a
# project's lead as "Lead: ..."; a line of its own, so "Other partners agreed" is not one.
_LABEL_ALONE = re.compile(r"^(?P<label>key elements|other resources)$|^(?P<lead>lead)\s*:\s*(?P<rest>.*)$", re.IGNORECASE)
_LABEL_END = re.compile(r"^(?P<before>.+?)\s+(?P<label>key elements|resources|other|impact)\s*:$", re.IGNORECASE)
# A measure's value as Cairn prints it: the number, its unit, and its period when measures differ in theirs.
_VALUE = re.compile(r"^(?P<number>-?[£]?[\d,]*\.?\d+)\s*(?P<unit>%|[^\d(].*?)?\s*(?:\((?P<period>[^)]*)\))?$")
# The parts of a project's outline, by their label, and the field each fills.
_BLOCKS = {
    "key elements": "key_elements", "resources": "resources", "other": "other_resources",
    "other resources": "other_resources", "impact": "impact", "lead": "lead",
}
_NUMBER_UNIT = re.compile(r"\(no\b", re.IGNORECASE)
# What Cairn prints for a project with no progress points or no risks.
PLACEHOLDERS = {"no progress reported", "none reported"}
_NUMBERED = re.compile(r"^(?P<number>\d{1,2})\s*[.:)]\s*(?P<name>.*)$")
_BULLET = re.compile(r"^(?:[-•·*●▪◦]\s*)+")
HEADINGS = {
    "progress key points": "points",
    "risks issues and barriers": "risks",
    "voice and feedback": "voice",
}
STATES = (
    (re.compile(r"^on\b|^on[\s-]?going\b|^ongoing\b", re.IGNORECASE), "on"),
    (re.compile(r"^off\b", re.IGNORECASE), "off"),
    (re.compile(r"^(?:completed?|consulted|done|achieved|finished|agreed)\b", re.IGNORECASE), "completed"),
)
RAG = {"R": "R", "A": "A", "G": "G", "B": "B", "RED": "R", "AMBER": "A", "GREEN": "G", "BLUE": "B"}
# "1", "l", "ı" and "ī" stand in for the letter I in month grids.
PHASE_LOOKALIKES = {"1": "I", "l": "I", "ı": "I", "ī": "I", "í": "I", "ì": "I", "|": "I", "i": "I"}


def rag_letter(text: str) -> str | None:
    """R, A, G or B from a cell, reading look-alike letters (a Greek "Α") as Latin."""
    return RAG.get(fold_lookalikes(text).strip().upper().rstrip("."))


def phase_letter(text: str) -> str | None:
    """The phase letter in a month-grid cell, reading "1", "l", "ı" and "ī" as I and Cyrillic "Р" as P."""
    text = fold_lookalikes(text.strip())
    text = PHASE_LOOKALIKES.get(text, text)
    return text.upper() if len(text) == 1 and text.isalpha() else None


def milestone_state(text: str) -> str | None:
    """on, off or completed, from the word used ("On Going", "Consulted"...)."""
    for pattern, state in STATES:
        if pattern.match(text.strip()):
            return state
    return None


def _month_cell(text: str) -> tuple[int, int] | None:
    parsed = parse_date(text)
    if parsed and parsed.precision == Precision.MONTH and parsed.starts_on is None and parsed.on:
        return parsed.on.year, parsed.on.month
    return None


def looks_like(lines: list[Line]) -> bool:
    """Two or more of: a headline summary, a month grid, "Key elements:", a metrics table, an On/Off column."""
    marks = set()
    for line in lines:
        line_key = key(line.text)
        if line.is_row:
            keys = [key(cell) for cell in line.cells]
            if sum(1 for cell in line.cells if _month_cell(cell)) >= 3:
                marks.add("grid")
            if keys[0] == "metric":
                marks.add("metrics")
            if "on off" in keys:
                marks.add("milestones")
        elif line_key.startswith("headline summary"):
            marks.add("headline")
        elif line_key in {"key elements", "progress key points"}:
            marks.add(line_key)
    return len(marks) >= 2


@dataclass
class _Table:
    kind: str
    columns: dict[str, int] = field(default_factory=dict)
    months: list[tuple[int, tuple[int, int]]] = field(default_factory=list)
    source: int | None = None  # the file's table it is in, where the reader knows (Word, PDF, Markdown)

    def holds(self, line: Line) -> bool:
        """Whether a line can be part of this table: not words outside every table (a chart's labels, a page's
        footer) when the table is a real one."""
        return self.source is None or line.table is not None


@dataclass
class _Project:
    number: str
    name: str | None = None
    short_name: str | None = None
    rag: str | None = None
    risk_area: str | None = None
    objective: list[str] = field(default_factory=list)
    key_elements: list[str] = field(default_factory=list)
    resources: list[Line] = field(default_factory=list)  # the "Resources:" lines: money, or what else is needed
    other_resources: list[str] = field(default_factory=list)
    impact: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    voice: list[str] = field(default_factory=list)
    table_budget: Decimal | None = None
    table_budget_text: Line | None = None  # the £ table's Budget cell when it is words ("N/A no budget required")
    spent: Decimal | None = None
    savings: Decimal | None = None
    timeline: dict[str, str] = field(default_factory=dict)
    milestones: list[Milestone] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    points: list[str] = field(default_factory=list)
    risks: list[str] = field(default_factory=list)
    headline: Line | None = None  # its row of the headline table
    lines: list[Line] = field(default_factory=list)  # the lines of its own section

    @property
    def where(self) -> str | None:
        places = [self.headline.where] if self.headline else []
        if self.lines:
            places.append(where_span(self.lines))
        return "; ".join(places) or None


class _Reader:
    def __init__(self, work: Work):
        self.work = work
        self.projects: dict[str, _Project] = {}
        self.current: str | None = None
        self.mode: str | None = None
        self.block: list[Line] = []
        self.label: str | None = None
        self.table: _Table | None = None
        self.voice: list[Line] = []

    # -- bookkeeping ---------------------------------------------------------------------------------------------
    def project(self, number: str | None = None) -> _Project | None:
        number = number or self.current
        if number is None:
            return None
        if number not in self.projects:
            self.projects[number] = _Project(number)
        return self.projects[number]

    def label_for(self, what: str) -> str:
        return f"project {self.current}, {what}" if self.current else what

    def flush(self) -> None:
        """Finish the block of text being collected (an outline part, progress points, risks or voice)."""
        lines, self.block = self.block, []
        project = self.project()
        if not lines:
            self.label = None
            return
        texts = [line.text for line in lines]
        if self.mode == "objective" and project:
            project.objective.extend(texts)
        elif self.mode in {"points", "risks"} and project and len(texts) == 1 and key(texts[0]) in PLACEHOLDERS:
            pass  # "No progress reported." stands for no points at all
        elif self.mode == "points" and project:
            project.points.extend(_items(texts))
        elif self.mode == "risks" and project:
            project.risks.extend(_items(texts))
        elif self.mode == "voice" and project:
            project.voice.extend(texts)
        elif self.mode == "block" and project and self.label in _BLOCKS:
            part = _BLOCKS[self.label]
            if part == "resources":
                project.resources.extend(lines)
            elif part == "key_elements":
                project.key_elements.extend(_items(texts, subheadings=True))
            elif part == "other_resources":
                project.other_resources.extend(_items(texts))
            else:
                getattr(project, part).extend(texts)
        else:
            self.work.not_held(self.label_for(self.label or "text"), lines)
        self.label = None

    # -- the walk ------------------------------------------------------------------------------------------------
    def run(self) -> list[Project]:
        for index, line in enumerate(self.work.lines):
            if index in self.work.used or numbers_pages(line):
                # A list or table run on over a page goes on past the page's footer (left for the sweep to report).
                continue
            if line.is_row:
                self.row(index, line)
            else:
                self.paragraph(index, line)
            # A line placed while a project's section is being read is part of that section (the headline table,
            # which names every project, is not).
            if index in self.work.used and self.current and not (self.table and self.table.kind == "headline"):
                self.project().lines.append(line)
        self.flush()
        self.end_table()
        return [self.finish(p) for p in self.projects.values()]

    def paragraph(self, index: int, line: Line) -> None:
        text = line.text
        line_key = key(text)
        if self.table and self.table_paragraph(index, line):
            return
        self.end_table()
        if line_key.startswith("headline summary"):
            self.flush()
            self.mode = None
            self.work.use(index)
        elif (title := _TITLE.match(text)) and self.is_title(title):
            self.flush()
            self.current = title.group("number")
            self.project().name = title.group("name").strip()
            self.mode = "objective"
            self.work.use(index)
        elif section := _SECTION.match(text):
            self.flush()
            self.current = section.group("number")
            self.project()
            self.mode = None
            self.work.use(index)
        elif line_key in HEADINGS:
            self.flush()
            self.mode = HEADINGS[line_key]
            self.label = line_key
            self.work.use(index)
        elif (alone := _LABEL_ALONE.match(text)) and self.current and self.mode not in {"points", "risks", "voice"}:
            self.flush()
            self.mode, self.label = "block", (alone.group("label") or alone.group("lead")).lower()
            self.work.use(index)
            if rest := alone.group("rest"):
                self.block.append(Line([rest], line.where))
        elif label := (_LABEL_START.match(text) or _LABEL_END.match(text)):
            before = label.groupdict().get("before")
            if before:
                self.block.append(Line([before], line.where))
            self.flush()
            self.mode, self.label = "block", label.group("label").lower()
            self.work.use(index)
            if rest := label.groupdict().get("rest"):
                self.block.append(Line([rest], line.where))
        elif self.mode in {"objective", "points", "risks", "voice", "block"} and self.current:
            self.block.append(line)
            self.work.use(index)

    def is_title(self, title: re.Match) -> bool:
        """A project's heading: "2 - FAMILY INTERVENTION SERVICE" in capitals, or, for a project the headline table
        named, its number and name as a heading ("1 – Early Help in Neighbourhoods", as Cairn prints it)."""
        name = title.group("name").strip()
        if _mostly_capitals(name):
            return True
        named = self.projects.get(title.group("number"))
        return bool(named and named.short_name) and len(name.split()) <= 12 and not name.endswith((".", ",", ";", ":"))

    def row(self, index: int, line: Line) -> None:
        self.flush()
        if self.mode in {"objective", "points", "risks", "voice", "block"}:
            self.mode = None
        header = self.header(line)
        if header is not None:
            self.end_table()
            header.source = line.table
            self.table = header
            self.work.use(index)
            return
        if self.table is not None and not self.table.holds(line):
            self.end_table()
        if self.table is None:
            return
        self.work.use(index)
        getattr(self, f"row_{self.table.kind}")(line)

    def header(self, line: Line) -> _Table | None:
        keys = [key(cell) for cell in line.cells]
        months = [(i, month) for i, cell in enumerate(line.cells) if (month := _month_cell(cell))]
        if len(months) >= 3:
            return _Table("grid", months=months)
        columns = {name: i for i, name in enumerate(keys) if name}
        if keys[0] == "project":
            return _Table("headline", {"project": 0, "rag": columns.get("rag", 1), "risk": _find(keys, "risk", 2)})
        if "activity" in columns:
            activity = columns["activity"]
            state = next((columns[k] for k in ("on off", "status", "state", "on track") if k in columns), activity + 1)
            return _Table("milestones", {"date": columns.get("date", -1), "activity": activity, "state": state})
        if keys[0] == "metric":
            return _Table("metrics", {"value": _find(keys, "now", 1), "rag": _find(keys, "rag", 2)})
        if not line.cells[0] and "£" in keys:
            return _Table("money", {"amount": keys.index("£"), "voice": _find(keys, "voice and feedback", -1)})
        return None

    def table_paragraph(self, index: int, line: Line) -> bool:
        """A row whose other cells were empty can arrive as a paragraph (Excel); read it as a row where it fits."""
        text = line.text
        kind = self.table.kind
        fits = self.table.holds(line) and (
            (kind == "headline" and _NUMBERED.match(text))
            or (kind == "money" and key(text) in {"budget", "spent", "savings"})
            or (kind == "metrics" and not _is_heading(text))
        )
        if fits:
            self.work.use(index)
            getattr(self, f"row_{kind}")(line)
        return bool(fits)

    def end_table(self) -> None:
        if self.table and self.table.kind == "money" and self.voice:
            if project := self.project():
                project.voice.append(" ".join(v.text for v in self.voice))
            else:
                self.work.not_held("voice & feedback", self.voice, " ".join(v.text for v in self.voice))
        self.voice = []
        self.table = None

    # -- rows of each table --------------------------------------------------------------------------------------
    def row_headline(self, line: Line) -> None:
        columns = self.table.columns
        cell = line.cell(columns["project"])
        match = _NUMBERED.match(cell)
        if not match:
            self.work.not_held("headline table", [line])
            return
        project = self.project(match.group("number"))
        project.headline = project.headline or line
        project.short_name = match.group("name").strip() or None
        rag_text = line.cell(columns["rag"])
        project.rag = rag_letter(rag_text) if rag_text else None
        if rag_text and project.rag is None:
            self.work.warn(line.where_cell(columns["rag"]), f"Not a RAG status (R, A, G or B): {rag_text}")
        project.risk_area = flatten(line.cell(columns["risk"])) or None
        self._extra(line, set(columns.values()), "headline table")

    def row_grid(self, line: Line) -> None:
        label = _NUMBERED.match(line.cell(0))
        project = self.project(label.group("number") if label else None)
        if project is None:
            self.work.not_held("month grid row", [line])
            return
        columns = {i for i, _ in self.table.months}
        for column, (year, month) in self.table.months:
            cell = line.cell(column)
            letter = phase_letter(cell) if cell else None
            if letter:
                project.timeline[f"{year}-{month:02d}"] = letter
            elif cell:
                self.work.warn(line.where_cell(column), f"Not a phase letter: {cell}")
        if not label and line.cell(0):
            columns.discard(0)
        self._extra(line, columns | {0}, "month grid")

    def row_milestones(self, line: Line) -> None:
        columns = self.table.columns
        date_text = flatten(line.cell(columns["date"])) if columns["date"] >= 0 else ""
        activity = flatten(line.cell(columns["activity"]))
        state_text = flatten(line.cell(columns["state"]))
        state = milestone_state(state_text) if state_text else None
        if not activity and (len(state_text) > 30 or (state_text and state is None)):
            self.work.not_held(self.label_for("milestone row not understood"), [line])
            return
        project = self.project()
        if project is None or not activity:
            self.work.not_held("milestone row", [line])
            return
        parsed = parse_date(date_text) if date_text else None
        if parsed is None and date_text and (found := find_dates(date_text)):
            parsed = found[0][2]
        project.milestones.append(
            Milestone(activity, date_text or None, parsed.on if parsed else None, state, state_text or None)
        )
        self._extra(line, set(columns.values()), self.label_for("milestones"))

    def row_metrics(self, line: Line) -> None:
        columns = self.table.columns
        # The measure's name, then any description on lines of its own (as Cairn prints them).
        name, _, description = (flatten(part) for part in line.cell(0).partition("\n"))
        value_text, rag_text = flatten(line.cell(columns["value"])), line.cell(columns["rag"])
        value, unit, period = metric_value(value_text) if value_text else (None, None, None)
        rag = rag_letter(rag_text) if rag_text else None
        project = self.project()
        if project is None or not name:
            self.work.not_held("metric row", [line])
            return
        if value_text and value is None:
            self.work.not_held(self.label_for(f"value of '{name}'"), [line], value_text)
        elif period:
            # The month a figure is for, where the measures differ in theirs: a metric is read as at the report.
            self.work.not_held(self.label_for(f"period of '{name}'"), [line], period)
        if rag_text and rag is None:
            self.work.warn(line.where_cell(columns["rag"]), f"Not a RAG status (R, A, G or B): {rag_text}")
        project.metrics.append(Metric(name, value, rag, unit or unit_in_name(name), description or None))
        self._extra(line, {0, columns["value"], columns["rag"]}, self.label_for("metrics"))

    def row_money(self, line: Line) -> None:
        columns = self.table.columns
        label = key(line.cell(0))
        amount_text = line.cell(columns["amount"])
        voice = line.cell(columns["voice"]) if columns["voice"] >= 0 else ""
        if voice:
            self.voice.append(Line([voice], line.where))
        project = self.project()
        if project is None:
            self.work.not_held("money table", [line])
            return
        amount = parse_amount(amount_text) if amount_text else None
        if label == "budget" and amount_text:
            if amount is not None:
                project.table_budget = amount
            else:
                project.table_budget_text = Line([amount_text], line.where_cell(columns["amount"]))
        elif label in {"spent", "savings"} and amount is not None:
            setattr(project, label, amount)
        elif amount_text:
            self.work.not_held(self.label_for(line.cell(0) or "money"), [line], amount_text)
        self._extra(line, {0, columns["amount"], columns["voice"]}, self.label_for("money table"))

    def _extra(self, line: Line, known: set[int], label: str) -> None:
        for index, cell in enumerate(line.cells):
            if cell and index not in known:
                self.work.warn(line.where_cell(index), f"Not held in the extraction ({label}): {cell}")

    def finish(self, project: _Project) -> Project:
        name = project.name or project.short_name or f"Project {project.number}"
        budget_text, resources_budget, other_resources = self.resources(project)
        budget = project.table_budget if project.table_budget is not None else resources_budget
        return Project(
            name=name,
            number=project.number,
            rag=project.rag,
            risk_area=project.risk_area,
            objective=" ".join(project.objective) or None,
            budget=budget,
            timeline=project.timeline,
            milestones=project.milestones,
            metrics=project.metrics,
            progress_points=project.points,
            risks=project.risks,
            where=project.where,
            short_name=project.short_name,
            key_elements=project.key_elements,
            budget_text=budget_text,
            other_resources=other_resources + project.other_resources,
            impact=" ".join(project.impact) or None,
            lead=" ".join(project.lead) or None,
            spent=project.spent,
            savings=project.savings,
            voice_and_feedback=" ".join(project.voice) or None,
        )

    def resources(self, project: _Project) -> tuple[str | None, Decimal | None, list[str]]:
        """The budget as written, its amount, and the other resources, from the "Resources:" lines and the £ table.

        A Resources line with an amount is the budget as written ("£ - £ 560K"); one without is something else the
        project needs ("Four neighbourhood hubs"), unless the £ table's Budget cell has the same words (as Cairn
        prints "Within existing budgets" in both). Without an amount in Resources, the £ table's words are the budget
        as written; where both are given and differ, the £ table's stay in a warning (only one is held).
        """
        budget_text = amount = None
        other: list[str] = []
        table_text = project.table_budget_text.text if project.table_budget_text else None
        for line in project.resources:
            text = line.text
            estimate = parse_estimate(text) if "£" in text else None
            if estimate is not None and estimate.high is not None and budget_text is None:
                budget_text, amount = text, estimate.high
            elif table_text and key(text) == key(table_text) and budget_text is None:
                budget_text, table_text = text, None
            elif estimate is not None:
                self.work.not_held(f"project {project.number}, resources as written", [line])
            else:
                other.append(text)
        if table_text and budget_text is None:
            budget_text = table_text
        elif table_text:
            self.work.not_held(f"project {project.number}, budget as written", [project.table_budget_text])
        return budget_text, amount, other


def metric_value(text: str) -> tuple[Decimal | None, str | None, str | None]:
    """A measure's value, its unit and its period: "30.3%" is 30.3 and "%"; "1,976 contacts (Oct 2026)" is 1976,
    "contacts" and "Oct 2026"."""
    value = parse_amount(text.replace("%", ""))
    if value is not None:
        return value, "%" if "%" in text else None, None
    match = _VALUE.match(text)
    if match is None or (value := parse_amount(match.group("number"))) is None:
        return None, None, None
    return value, (match.group("unit") or "").strip() or None, match.group("period")


def unit_in_name(name: str) -> str | None:
    """The unit a measure's name gives: "%" for "Re-referrals (%)", "No" for "Cases with family intervention (No)"."""
    if "%" in name:
        return "%"
    return "No" if _NUMBER_UNIT.search(name) else None


def _find(keys: list[str], wanted: str, default: int) -> int:
    return next((i for i, k in enumerate(keys) if k == wanted or k.startswith(wanted)), default)


def _mostly_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _is_heading(text: str) -> bool:
    return bool(
        key(text) in HEADINGS
        or _SECTION.match(text)
        or ((title := _TITLE.match(text)) and _mostly_capitals(title.group("name")))
        or _LABEL_START.match(text)
        or key(text).startswith("headline summary")
    )


def _items(texts: list[str], *, subheadings: bool = False) -> list[str]:
    """Bulleted points one each (a line without a bullet carries on the one above); without bullets, one per line.

    With `subheadings`, a short heading between bullets ("Respite", "Assessment") is a line of its own.
    """
    items: list[str] = []
    bulleted = False
    for text in texts:
        if match := _BULLET.match(text):
            items.append(text[match.end() :].strip())
            bulleted = True
        elif subheadings and _is_subheading(text):
            items.append(text)
        elif bulleted and items:
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
    return [item for item in items if item]


def _is_subheading(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 3 and text[:1].isupper() and not text.endswith((".", ",", ";", ":"))


def parse(work: Work, info: DocumentInfo) -> list[Project]:
    """The report's projects, in the order they first appear."""
    return _Reader(work).run()
