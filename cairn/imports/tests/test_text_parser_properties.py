"""Property-based tests of the text parser: whatever it is given, it never crashes and never loses a cell's text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cairn.imports.parsers import ExtractionError, extract
from cairn.lib.money import parse_estimate
from cairn.lib.text import key

from .conftest import all_text

# No example database: the tests leave nothing behind in the working tree.
FAST = settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = [
    "review", "placements", "Foster", "carers", "Council's", "team", "agreed", "Cabinet", "Head", "of", "Service",
    "Manager,", "Looked", "After", "Children", "post.", "Advertise", "Conduct", "evaluation", "Achieved", "Achieved.",
    "£48,000", "c£250k", "£11,000", "-", "–", "£443,000", "per", "annum", "£2", "million", "£3.265m", "£250.000",
    "Mar", "2010", "June", "10", "Sept", "20", "03/09/12", "1", "st", "July", "2020", "Ongoing", "Immediately",
    "To", "be", "agreed", "Revised", "Timescale", "3", "4", "Delay", "due", "“quoted”", "‘single’", "Рlan", "Α",
    "1.", "2.", "(CTMT)", "and", "Paula", "Hunt", "non", "cashable", "NONE", "ı", "ī", "@£300", "week",
]
cell = st.lists(st.sampled_from(WORDS), max_size=7).map(" ".join)
HEADER = [
    "No", "Recommendation", "Proposed Actions", "Success Measures", "Saving /Cost", "Lead Responsibility",
    "Finance Manager", "Completion Date", "Evidence of Progress 01/09/10",
    "Savings /Costs to Date (please state whether actual or estimated) 01/09/10",
    "Assessment of Progress (Categories 1 - 4) 01/09/10",
]
SAVING = HEADER.index("Saving /Cost")


# Words that label what follows them ("Revised Timescale Oct 2004"): read as a step's revision, not kept as words.
LABELS = ("revised timescale",)


def assert_nothing_lost(rows: list[list[str]], extraction: dict, *, saving_column: int | None = None) -> None:
    blob = key(all_text(extraction))
    words = set(blob.split())
    revised = any(step["revisions"] for rec in extraction["recommendations"] for step in rec["steps"])
    for row in rows:
        for column, text in enumerate(row):
            if column == saving_column and text.strip() and parse_estimate(text) is None:
                continue  # "NONE" is read as "no estimate"
            text = key(text)
            for label in LABELS:
                if label in text and not set(label.split()) <= words:
                    assert revised, f"{text!r} gave no revised target"
                    text = text.replace(label, " ")
            for token in text.split():
                # Words must survive whole; numbers may be re-written ("2010" within "2010-03-31", a step's number).
                found = token in blob if token.isdigit() else token in words
                assert found, f"{token!r} from {text!r} is missing"


@FAST
@given(st.text(max_size=500))
def test_any_text_is_read_or_refused_with_a_message(text):
    try:
        extract(text.encode("utf-8"), "paper.txt").to_json()
    except ExtractionError as error:
        assert error.message


@FAST
@given(st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]), st.binary(max_size=300),
       st.sampled_from(["paper.txt", "paper.pdf", "paper.docx", "paper.xlsx", "paper.csv"]))
def test_any_bytes_are_read_or_refused_with_a_message(prefix, data, name):
    try:
        extract(prefix + data, name).to_json()
    except ExtractionError as error:
        assert error.message


@FAST
@given(st.lists(st.lists(cell, min_size=len(HEADER), max_size=len(HEADER)), min_size=1, max_size=6),
       st.lists(st.booleans(), min_size=6, max_size=6))
def test_a_progress_table_never_loses_a_cells_text(rows, numbered):
    for index, row in enumerate(rows):
        row[0] = str(index + 1) if numbered[index] or index == 0 else ""
    text = "Progress Update – Review\n" + "\t".join(HEADER) + "\n" + "\n".join("\t".join(row) for row in rows)
    extraction = extract(text.encode(), "update.txt").to_json()
    assert extraction["document"]["family"] == "progress_update"
    assert_nothing_lost(rows, extraction, saving_column=SAVING)


date_lead = st.tuples(
    st.sampled_from(["April 2001", "October 2001", "On going", "Immediately", "Mar 2010", "03/09/12"]),
    st.sampled_from(["", "Head of Service", "CMAS Service Manager", "Revised Timescale Oct 2004 – then ongoing"]),
).map(" ".join)


@FAST
@given(st.lists(st.tuples(cell, cell, st.lists(date_lead, min_size=1, max_size=3).map(" ".join), cell,
                          st.booleans()), min_size=3, max_size=8))
def test_an_action_plan_without_headings_never_loses_a_cells_text(rows):
    lines, cells = [], []
    for objective, action, dates, progress, continuation in rows:
        action = action or "Review the service"
        row = ["", action, "", progress] if continuation else [objective, action, dates, progress]
        cells.append(row)
        lines.append("\t".join(row))
    extraction = extract("\n".join(lines).encode(), "plan.txt").to_json()
    assert_nothing_lost(cells, extraction)


@FAST
@given(st.lists(st.lists(cell, min_size=1, max_size=5), min_size=1, max_size=8))
def test_rows_of_any_shape_never_lose_a_cells_text(rows):
    text = "\n".join("\t".join(row) for row in rows if any(row))
    try:
        extraction = extract(text.encode(), "table.txt").to_json()
    except ExtractionError:
        assert not text.strip()
        return
    assert_nothing_lost(rows, extraction)
