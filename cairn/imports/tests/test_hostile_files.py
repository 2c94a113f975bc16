"""Files crafted to hang, exhaust or crash the readers: each is answered at once with a message naming the problem
(or, where the file is sound, read), in a child process whose time and memory are bounded."""

import subprocess
import sys

import pytest
from django.conf import settings

from cairn.imports.parsers import CorruptFile, ExtractionError, TooMuchWork, extract, isolated
from cairn.imports.parsers.isolated import TooSlow
from cairn.imports.parsers.limits import MAX_COLUMNS, MAX_LINES

from . import hostile
from .formats import to_pdf

LIMITS = {"seconds": 25, "memory": 1024 * 1024 * 1024}


@pytest.mark.parametrize("label", list(hostile.CORPUS))
def test_a_hostile_file_is_answered_with_a_message_naming_the_problem(label):
    case = hostile.CORPUS[label]
    name, data = case.make()
    outcome = isolated.run(data, name, **LIMITS)
    assert not outcome.crashed, outcome.error
    if case.says is None:
        assert outcome.error is None, outcome.error.message
        return
    assert isinstance(outcome.error, ExtractionError) and not isinstance(outcome.error, TooSlow), outcome.error
    assert name in outcome.error.message and case.says in outcome.error.message, outcome.error.message


def test_one_far_cell_is_refused_for_its_column_not_padded_to_it():
    name, data = hostile.far_cell_workbook()
    with pytest.raises(TooMuchWork) as caught:
        extract(data, name)
    assert f"16,384 columns (row 1048576): Cairn reads tables of up to {MAX_COLUMNS} columns" in caught.value.message


def test_a_workbook_far_wider_than_its_values_is_read_by_its_values():
    # Styled empty cells reach column XFD on every row, as whole-row formatting can leave them.
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{text}</t></is></c><c r="XFD{n}" s="1"/></row>'
        for n, text in enumerate(["No", "1"], 1)
    )
    data = hostile.xlsx_with_sheet(hostile._sheet(rows, "A1:XFD2"))
    lines = extract(data, "wide.xlsx").to_json()["warnings"]
    assert "No" in str(lines) and "1" in str(lines)


def test_vertically_merged_cells_are_read_once_in_the_first_row_they_cover():
    name, data = hostile.merged_rows_table(rows=3)
    warnings = " ".join(w["message"] for w in extract(data, name).to_json()["warnings"])
    assert warnings.count("Merged") == 1 and "a" in warnings and "b" in warnings


def test_a_workbook_of_more_rows_than_cairn_reads_is_refused_naming_the_bound():
    name, data = hostile.many_rows_workbook(rows=MAX_LINES + 1)
    with pytest.raises(TooMuchWork) as caught:
        extract(data, name)
    assert f"more than {MAX_LINES:,} rows and paragraphs" in caught.value.message


def test_a_lone_carriage_return_ends_a_csv_row_as_on_an_old_mac():
    data = b"No,Recommendation,Lead\r1,Recruit foster carers,Head of Service\r2,Review fees,Finance\r"
    extraction = extract(data, "mac.csv").to_json()
    assert [r["text"] for r in extraction["recommendations"]] == ["Recruit foster carers", "Review fees"]
    assert [r["lead"] for r in extraction["recommendations"]] == ["Head of Service", "Finance"]


def test_a_lone_carriage_return_inside_a_field_loses_no_words():
    name, data = hostile.lone_carriage_return_csv()
    text = str(extract(data, name).to_json())
    assert all(word in text for word in ("Recruit foster", "carers", "Head of Service", "Review fees"))


def test_a_json_amount_beyond_any_column_is_refused_naming_its_place():
    with pytest.raises(CorruptFile) as caught:
        extract(*reversed(hostile.large_integer_json()))
    assert "recommendations[0].saving.min is an amount beyond any Cairn holds" in caught.value.message


def test_a_file_still_being_read_at_the_time_limit_is_refused_saying_so():
    data = to_pdf("Progress Update\n" + "No\tRecommendation\n" + "".join(f"{n}\tRecruit carers\n" for n in range(80)))
    outcome = isolated.run(data, "slow.pdf", seconds=0.05, memory=LIMITS["memory"])
    assert isinstance(outcome.error, TooSlow) and not outcome.crashed
    assert "slow.pdf took longer than 0.05 seconds to read" in outcome.error.message


def test_a_file_needing_more_memory_than_allowed_is_refused_saying_so():
    data = "".join(f"Note {n} " + "word " * 180 + "\n" for n in range(19_000)).encode()
    outcome = isolated.run(data, "notes.txt", seconds=25, memory=120 * 1024 * 1024)
    assert isinstance(outcome.error, TooMuchWork) and not outcome.crashed
    assert "notes.txt needed more than 120 MB of memory" in outcome.error.message


def test_a_reading_child_reports_what_it_read_and_what_it_cost():
    outcome = isolated.run(b"No\tRecommendation\tLead\n1\tRecruit foster carers\tHead\n", "plan.txt", **LIMITS)
    assert outcome.error is None and outcome.extraction["recommendations"][0]["text"] == "Recruit foster carers"
    assert 0 < outcome.peak_bytes < LIMITS["memory"] and outcome.seconds < 25


ENTITY_SHEET = """
import sys
from cairn.imports.tests import hostile
from cairn.imports.parsers.errors import ExtractionError
from cairn.imports.parsers.readers.spreadsheets import read_xlsx
name, data = hostile.entity_sheet_xml()
try:
    read_xlsx(data, name)
except ExtractionError as error:
    print(error.message)
    raise
"""


def test_a_workbook_whose_sheet_breaks_its_xml_parser_leaves_python_to_exit_cleanly():
    # Before: the sheet's XML parser, held by the error's traceback, crashed Python 3.12.1 at exit (SIGSEGV).
    command = [sys.executable, "-c", ENTITY_SHEET]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=120)
    assert finished.returncode == 1, (finished.returncode, finished.stderr[-2000:])
    assert "laughs.xlsx is damaged" in finished.stdout


def test_cairn_extract_refuses_an_entity_laden_workbook_and_exits_cleanly(tmp_path):
    name, data = hostile.entity_sheet_xml()
    (tmp_path / name).write_bytes(data)
    command = [str(settings.BASE_DIR / ".venv" / "bin" / "cairn"), "extract", str(tmp_path / name)]
    if not (settings.BASE_DIR / ".venv" / "bin" / "cairn").exists():
        command = [sys.executable, "-m", "cairn", "extract", str(tmp_path / name)]
    finished = subprocess.run(command, capture_output=True, text=True, cwd=settings.BASE_DIR, timeout=120)
    assert finished.returncode == 1, (finished.returncode, finished.stderr[-2000:])
    assert "declares XML entities" in finished.stderr and "Traceback" not in finished.stderr
