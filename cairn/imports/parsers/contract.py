"""Reading a `cairn-extract/1` JSON document back (as `cairn report --format json` writes it), checked field by field."""

import datetime as dt
import json
import re
from decimal import Decimal

from .errors import CorruptFile
from .extraction import (
    FAMILIES,
    FORMAT,
    BudgetLine,
    CoverReport,
    DocumentInfo,
    Extraction,
    Figure,
    Metric,
    Milestone,
    NextStep,
    Progress,
    Project,
    Question,
    Recommendation,
    Revision,
    Saving,
    Section,
    Step,
    Warning,
)

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Amounts are held to the penny in columns of 14 digits, indicator values to a thousandth: at most 99,999,999,999.
LARGEST = Decimal("99999999999")
MAX_DIGITS = 40  # no amount, count or number in a paper is longer; Python itself stops at 4,300
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class _Invalid(Exception):
    pass


def looks_like_json(data: bytes, name: str) -> bool:
    """A .json file, or JSON that names this format near its start."""
    start = data.lstrip()[:400]
    return name.lower().endswith(".json") or (start[:1] == b"{" and FORMAT.encode() in start)


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Invalid(f"it has a number of {len(text.lstrip('-')):,} digits, far longer than any in a paper")
    return int(text)


def _float(text: str) -> float:
    if len(text) > MAX_DIGITS + 10:
        raise _Invalid(f"it has a number written with {len(text):,} characters, far longer than any in a paper")
    return float(text)


def _constant(text: str):
    raise _Invalid(f"it has {text} where a number should be, which is not a number Cairn can hold")


def from_json(data: bytes, name: str, sha256: str) -> Extraction:
    """An Extraction from a `cairn-extract/1` document, or CorruptFile naming the first field that is wrong."""
    problem = None
    try:
        document = json.loads(
            data.decode("utf-8-sig"), parse_int=_integer, parse_float=_float, parse_constant=_constant
        )
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problem = f"{name} is not valid JSON ({error})."
    except RecursionError:
        problem = f"{name} is not a valid {FORMAT} document: its lists and objects are nested too deeply to read."
    except _Invalid as invalid:
        problem = f"{name} is not a valid {FORMAT} document: {invalid}."
    if problem is None:
        try:
            _storable(document)
            return _extraction(document, name, sha256)
        except _Invalid as invalid:
            problem = f"{name} is not a valid {FORMAT} document: {invalid}."
    raise CorruptFile(problem)


def _storable(document) -> None:
    """Refuse text a database cannot hold: NUL characters (PostgreSQL refuses them) and lone surrogates (half of a
    UTF-16 pair, which is no character at all). Walked without recursion: the document may be nested deep."""
    stack = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                stack.append((f"{path}.{key}" if path else str(key), item))
                stack.append((f"{path} (a key)", key))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, str) and (found := _UNSTORABLE.search(value)):
            what = "a NUL character" if found.group() == "\x00" else (
                f"a lone surrogate (\\u{ord(found.group()):04x}, half of a UTF-16 pair, which is not a character)"
            )
            raise _Invalid(f"the text at {path or 'the top'} holds {what}, which Cairn cannot store")


def _get(data, field: str, kinds, path: str, choices=None):
    if not isinstance(data, dict) or field not in data:
        raise _Invalid(f"{path}.{field} is missing")
    value = data[field]
    if value is None and type(None) in kinds:
        return None
    if not isinstance(value, tuple(k for k in kinds if k is not type(None))) or isinstance(value, bool) and bool not in kinds:
        raise _Invalid(f"{path}.{field} should be {' or '.join(k.__name__ for k in kinds)}")
    if choices is not None and value not in choices:
        raise _Invalid(f"{path}.{field} should be one of {', '.join(map(str, choices))}")
    return value


def _text(data, field, path, *, required: bool = False):
    return _get(data, field, (str,) if required else (str, type(None)), path)


def _optional(read, data, field: str, path: str, default=None):
    """A key added to the format after its first documents: read as usual when present, the default when left out."""
    return read(data, field, path) if isinstance(data, dict) and field in data else default


def _optional_text(data, field, path) -> str | None:
    return _optional(_text, data, field, path)


def _texts(data, field, path) -> list[str]:
    texts = _list(data, field, path)
    if not all(isinstance(text, str) for text in texts):
        raise _Invalid(f"{path}.{field} should be a list of text")
    return list(texts)


def _date(data, field, path) -> dt.date | None:
    value = _text(data, field, path)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _Invalid(f"{path}.{field} should be a date written YYYY-MM-DD") from None


def _number(data, field, path) -> Decimal | None:
    value = _get(data, field, (int, float, type(None)), path)
    if value is None:
        return None
    number = Decimal(str(value))
    if not number.is_finite() or abs(number) > LARGEST:
        raise _Invalid(f"{path}.{field} is an amount beyond any Cairn holds (at most {LARGEST:,})")
    return number


def _whole(data, field, path, *, smallest: int, largest: int) -> int | None:
    value = _get(data, field, (int, type(None)), path)
    if value is not None and not smallest <= value <= largest:
        raise _Invalid(f"{path}.{field} should be from {smallest} to {largest:,}")
    return value


def _list(data, field, path) -> list:
    return _get(data, field, (list,), path)


def _object(data, field, path) -> dict | None:
    return _get(data, field, (dict, type(None)), path)


def _extraction(document, name: str, sha256: str) -> Extraction:
    _get(document, "format", (str,), "document", (FORMAT,))
    doc = _get(document, "document", (dict,), "")
    info = DocumentInfo(
        family=_get(doc, "family", (str,), "document", FAMILIES),
        title=_text(doc, "title", "document"),
        organisation=_text(doc, "organisation", "document"),
        committee=_text(doc, "committee", "document"),
        meeting_date=_date(doc, "meeting_date", "document"),
        as_at=_date(doc, "as_at", "document"),
    )
    extraction = Extraction(name, sha256, info, format="json")
    for index, item in enumerate(_list(document, "recommendations", "")):
        extraction.recommendations.append(_recommendation(item, f"recommendations[{index}]"))
    for index, item in enumerate(_list(document, "projects", "")):
        extraction.projects.append(_project(item, f"projects[{index}]"))
    for index, item in enumerate(_list(document, "figures", "")):
        path = f"figures[{index}]"
        extraction.figures.append(
            Figure(_text(item, "name", path, required=True), _number(item, "low", path), _number(item, "high", path),
                   _text(item, "unit", path))
        )
    for index, item in enumerate(_list(document, "budget_lines", "")):
        path = f"budget_lines[{index}]"
        extraction.budget_lines.append(
            BudgetLine(_text(item, "name", path, required=True), _number(item, "budget", path),
                       _number(item, "variance", path))
        )
    cover = _optional(_object, document, "cover", "")
    if cover is not None:
        extraction.cover = CoverReport(
            agenda_item=_text(cover, "agenda_item", "cover"), summary=_text(cover, "summary", "cover"),
            detail=_texts(cover, "detail", "cover"), contact_name=_text(cover, "contact_name", "cover"),
            contact_post=_text(cover, "contact_post", "cover"), contact_phone=_text(cover, "contact_phone", "cover"),
            contact_email=_text(cover, "contact_email", "cover"), where=_optional_text(cover, "where", "cover"),
        )
    for index, item in enumerate(_optional(_list, document, "questions", "", [])):
        path = f"questions[{index}]"
        number = _whole(item, "number", path, smallest=1, largest=99_999)
        extraction.questions.append(
            Question(_text(item, "text", path, required=True), number, _optional_text(item, "where", path))
        )
    for index, item in enumerate(_optional(_list, document, "next_steps", "", [])):
        path = f"next_steps[{index}]"
        extraction.next_steps.append(
            NextStep(_text(item, "text", path, required=True), _text(item, "due_text", path), _date(item, "due", path),
                     _optional(_date, item, "done", path), _optional_text(item, "where", path))
        )
    for index, item in enumerate(_optional(_list, document, "sections", "", [])):
        path = f"sections[{index}]"
        extraction.sections.append(
            Section(_text(item, "heading", path, required=True), _text(item, "presenter_name", path),
                    _text(item, "presenter_post", path), _texts(item, "body", path), _optional_text(item, "where", path))
        )
    for index, item in enumerate(_list(document, "warnings", "")):
        path = f"warnings[{index}]"
        where, message = _text(item, "where", path, required=True), _text(item, "message", path, required=True)
        extraction.warnings.append(Warning(where, message))
    return extraction


def _recommendation(item, path: str) -> Recommendation:
    steps = []
    for index, step in enumerate(_list(item, "steps", path)):
        where = f"{path}.steps[{index}]"
        revisions = []
        for number, revision in enumerate(_optional(_list, step, "revisions", where, [])):
            within = f"{where}.revisions[{number}]"
            revisions.append(
                Revision(_text(revision, "due_text", within, required=True), _date(revision, "due", within),
                         _text(revision, "reason", within))
            )
        steps.append(
            Step(_text(step, "action", where), _text(step, "success_measure", where), _text(step, "due_text", where),
                 _date(step, "due", where), _text(step, "lead", where), revisions)
        )
    saving = _get(item, "saving", (dict, type(None)), path)
    if saving is not None:
        where = f"{path}.saving"
        saving = Saving(
            _text(saving, "text", where, required=True), _number(saving, "min", where), _number(saving, "max", where),
            _get(saving, "period", (str, type(None)), where, ("annual", "one_off", None)),
            _get(saving, "cashable", (bool, type(None)), where),
        )
    progress = _get(item, "progress", (dict, type(None)), path)
    if progress is not None:
        where = f"{path}.progress"
        progress = Progress(
            _date(progress, "as_at", where), _text(progress, "evidence", where), _text(progress, "savings_to_date", where),
            _whole(progress, "category", where, smallest=0, largest=99), _text(progress, "category_reason", where),
            _text(progress, "status", where), _optional_text(progress, "revised_due_text", where),
            _optional(_date, progress, "revised_due", where),
        )
    return Recommendation(
        text=_text(item, "text", path, required=True), number=_text(item, "number", path),
        objective=_text(item, "objective", path), steps=steps, lead=_text(item, "lead", path),
        finance_manager=_text(item, "finance_manager", path), saving=saving, progress=progress,
        where=_optional_text(item, "where", path),
    )


def _project(item, path: str) -> Project:
    timeline = _get(item, "timeline", (dict,), path)
    for month, letter in timeline.items():
        if not _MONTH.match(month) or not isinstance(letter, str) or not letter:
            raise _Invalid(f"{path}.timeline should map YYYY-MM to a phase letter ({month!r})")
    milestones = []
    for index, milestone in enumerate(_list(item, "milestones", path)):
        where = f"{path}.milestones[{index}]"
        milestones.append(
            Milestone(
                _text(milestone, "activity", where, required=True), _text(milestone, "date_text", where),
                _date(milestone, "date", where),
                _get(milestone, "state", (str, type(None)), where, ("on", "off", "completed", None)),
                _text(milestone, "state_text", where),
            )
        )
    metrics = []
    for index, metric in enumerate(_list(item, "metrics", path)):
        where = f"{path}.metrics[{index}]"
        metrics.append(
            Metric(_text(metric, "name", where, required=True), _number(metric, "value", where),
                   _get(metric, "rag", (str, type(None)), where, ("R", "A", "G", None)),
                   _optional_text(metric, "unit", where), _optional_text(metric, "description", where))
        )
    texts = {field: _texts(item, field, path) for field in ("progress_points", "risks")}
    texts |= {field: _optional(_texts, item, field, path, []) for field in ("key_elements", "other_resources")}
    return Project(
        name=_text(item, "name", path, required=True), number=_text(item, "number", path),
        rag=_get(item, "rag", (str, type(None)), path, ("R", "A", "G", "B", None)), risk_area=_text(item, "risk_area", path),
        objective=_text(item, "objective", path), budget=_number(item, "budget", path), timeline=dict(timeline),
        milestones=milestones, metrics=metrics, progress_points=texts["progress_points"], risks=texts["risks"],
        where=_optional_text(item, "where", path), short_name=_optional_text(item, "short_name", path),
        key_elements=texts["key_elements"], budget_text=_optional_text(item, "budget_text", path),
        other_resources=texts["other_resources"], impact=_optional_text(item, "impact", path),
        lead=_optional_text(item, "lead", path), spent=_optional(_number, item, "spent", path),
        savings=_optional(_number, item, "savings", path),
        voice_and_feedback=_optional_text(item, "voice_and_feedback", path),
    )
