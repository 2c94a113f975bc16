"""The general reader: trackers in layouts no seed has, read from a vocabulary of column names, item references and
dates, with nothing made up."""

import pytest

from cairn.imports.parsers import extract
from cairn.imports.parsers.references import read_reference, split_reference
from cairn.imports.parsers.statuses import meaning_of
from cairn.lib.dates import find_dates

from .formats import to_docx, to_pdf, to_xlsx

ONE_CELL_A_LINE = """Overview and Scrutiny Committee
Recommendations tracker

Recommendation

Cabinet Member

Response

Timetable

Lead Officer

R1 That the council publishes its housing strategy annually.

Cllr Jane Smith, Cabinet Member for Housing

Agreed. The strategy will be published each April.

7 January 2014

Head of Housing

R2 That tenants are consulted on repairs.

Cllr Jane Smith

Partially agreed. A survey will run.

The survey team will meet twice.

Meeting held by 28 February 2014

Repairs Manager

R3 That the fleet is electric by 2030.

Cllr Bob Green

Completed

Fleet Manager
"""

PIPED = """No. |
Recommendation |
Priority
|
Responsibility |
Agreed
|
Comments |
Date
|
|
|
|
|
|
|
|
1 |
That the Council consider a further training programme for
Members. |
3 |
Training and Development Manager |
Yes |
Most members asked for
further training. |
March
2003 |
|
|
|
|
|
|
|
2 |
That the Council consider assigning a lead officer to each
Select Committee. |
1 |
The Executive |
No |
Scrutiny should be Member led. |
- |
"""

RUNNING_TEXT = """Report of the Scrutiny Panel
The Committee recommends:
1. That the council reviews its parking charges.
2. That residents' permits are made digital
by the end of the year.
3. That a report comes back to the panel.
Cabinet response
Recommendation\tResponse\tLead Officer\tTimetable
1\tAgreed\tHead of Parking\tQ2 2014/15
3\tAgreed in part\tDemocratic Services Manager\t7 January 2015
"""


def read(text: str, name: str = "tracker.txt") -> dict:
    return extract(text.encode(), name).to_json()


def summary(extraction: dict) -> list[tuple]:
    return [
        (r["number"], r["text"], r["lead"], r["steps"][0]["due"] if r["steps"] else None,
         (r["progress"] or {}).get("status"))
        for r in extraction["recommendations"]
    ]


def test_a_table_flattened_to_one_cell_a_line_is_read_back_into_rows():
    extraction = read(ONE_CELL_A_LINE)
    assert summary(extraction) == [
        ("R1", "That the council publishes its housing strategy annually.", "Head of Housing", "2014-01-07", None),
        ("R2", "That tenants are consulted on repairs.", "Repairs Manager", "2014-02-28", None),
        ("R3", "That the fleet is electric by 2030.", "Fleet Manager", None, "Completed"),
    ]
    second = extraction["recommendations"][1]
    assert second["steps"][0]["due_text"] == "Meeting held by 28 February 2014"
    assert second["progress"]["evidence"] == "Partially agreed. A survey will run. The survey team will meet twice."
    # The cabinet member's column has no field: its words are kept.
    messages = [w["message"] for w in extraction["warnings"]]
    assert "Not held in the extraction (column 'Cabinet Member'): Cllr Jane Smith, Cabinet Member for Housing" in messages


def test_a_table_whose_cells_end_in_a_bar_is_read_with_its_empty_cells():
    extraction = read(PIPED)
    assert summary(extraction) == [
        ("1", "That the Council consider a further training programme for Members.",
         "Training and Development Manager", "2003-03-31", None),
        ("2", "That the Council consider assigning a lead officer to each Select Committee.", "The Executive", None,
         None),
    ]
    messages = [w["message"] for w in extraction["warnings"]]
    assert "Not held in the extraction (column 'Priority'): 3" in messages
    assert not any(m.startswith("Not placed: |") for m in messages)


def test_a_paper_cut_off_part_way_is_read_as_far_as_it_goes():
    cut = ONE_CELL_A_LINE[: ONE_CELL_A_LINE.index("Meeting held by")]
    extraction = read(cut)
    assert [r["number"] for r in extraction["recommendations"]] == ["R1", "R2"]
    second = extraction["recommendations"][1]
    assert second["steps"] == [] and second["lead"] is None  # nothing made up for what is missing


def test_numbered_recommendations_in_running_text_are_joined_to_the_response_table():
    extraction = read(RUNNING_TEXT)
    assert summary(extraction) == [
        ("1", "That the council reviews its parking charges.", "Head of Parking", "2014-09-30", None),
        ("2", "That residents' permits are made digital by the end of the year.", None, None, None),
        ("3", "That a report comes back to the panel.", "Democratic Services Manager", "2015-01-07", None),
    ]


def test_numbered_recommendations_without_a_table_are_read_on_their_own():
    extraction = read(RUNNING_TEXT[: RUNNING_TEXT.index("Cabinet response")])
    assert extraction["document"]["family"] == "action_plan"
    assert [r["number"] for r in extraction["recommendations"]] == ["1", "2", "3"]


def test_numbered_paragraphs_that_nothing_calls_recommendations_are_not_taken_for_them():
    extraction = read("Background\n1. The council met in May.\n2. It agreed a budget.\n")
    assert extraction["recommendations"] == []


@pytest.mark.parametrize("writer,name", [(to_docx, "tracker.docx"), (to_pdf, "tracker.pdf"), (to_xlsx, "tracker.xlsx")])
def test_a_word_pdf_or_excel_tracker_with_other_column_names_in_another_order_is_read(writer, name):
    text = (
        "Scrutiny recommendations: progress\n"
        "Target date\tRecommendation made\tAction taken or planned to date\tResponsible officer\tRAG\n"
        "31 March 2015\tSC18 Publish the tenancy strategy\tDraft published for consultation\tHead of Housing\tAmber\n"
        "Q4 2014/15\tSC19 Review the allocations policy\tReview complete\tAllocations Manager\tCompleted\n"
    )
    extraction = extract(writer(text), name).to_json()
    assert summary(extraction) == [
        ("SC18", "Publish the tenancy strategy", "Head of Housing", "2015-03-31", "Amber"),
        ("SC19", "Review the allocations policy", "Allocations Manager", "2015-03-31", "Completed"),
    ]
    assert extraction["recommendations"][0]["progress"]["evidence"] == "Draft published for consultation"


@pytest.mark.parametrize("written,numbers", [
    ("1", (1,)), ("1.2", (1, 2)), ("a)", (1,)), ("(iii)", (3,)), ("R4", (4,)), ("SC18", (18,)), ("Rec 7", (7,)),
])
def test_item_references_of_many_shapes_are_read(written, numbers):
    assert read_reference(written).numbers == numbers


def test_a_reference_follows_the_one_before_it():
    assert read_reference("2").follows(read_reference("1"))
    assert read_reference("1.3").follows(read_reference("1.2"))
    assert read_reference("(iv)").follows(read_reference("(iii)"))
    assert not read_reference("3").follows(read_reference("1"))
    assert not read_reference("R2").follows(read_reference("SC1"))


def test_words_that_only_look_like_references_are_left_in_the_text():
    assert split_reference("2.5 million people use the service")[0] is None
    assert split_reference("A plan for the year")[0] is None
    assert read_reference("Yes") is None and read_reference("March 2003") is None


def test_a_quarter_of_a_financial_year_is_read_as_its_last_day():
    [(_, _, parsed)] = find_dates("Q2 2005/06")
    assert (parsed.starts_on.isoformat(), parsed.on.isoformat()) == ("2005-07-01", "2005-09-30")
    assert find_dates("Q2 2005/07") == []


@pytest.mark.parametrize("words,meaning", [
    ("Actioned", "complete"), ("Completed", "complete"), ("Green: achieved", "complete"), ("Pending", "on_track"),
    ("To be renegotiated", "slipped"), ("Not achieved", "not_achieved"), ("Agreed in principle", None),
])
def test_status_words_are_given_a_meaning_on_the_scale(words, meaning):
    assert meaning_of(words) == meaning


def test_a_decision_label_before_the_first_item_and_a_reason_after_it_are_not_the_items_words():
    extraction = read(
        "RESOLVED: (i) That the plan be noted.\nREASON: So that members know.\n"
        "(ii) That a member be named for each action.\nREASON: A clear line.\n"
    )
    assert [(r["number"], r["text"]) for r in extraction["recommendations"]] == [
        ("(i)", "That the plan be noted."), ("(ii)", "That a member be named for each action."),
    ]


def test_the_last_item_takes_the_words_that_carry_it_on_and_no_more():
    extraction = read("RESOLVED that:\n1) the log be noted; and\n2) the group be authorised to convene\n"
                      "a further meeting as necessary.\nSupporting documents:\n")
    assert [r["text"] for r in extraction["recommendations"]] == [
        "the log be noted; and", "the group be authorised to convene a further meeting as necessary.",
    ]
