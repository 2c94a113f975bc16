"""The small readings the parsers are built from: grid letters, RAG, states, steps, statuses and categories."""

import pytest

from cairn.imports.parsers.document import Line, where_span
from cairn.imports.parsers.highlights import milestone_state, phase_letter, rag_letter
from cairn.imports.parsers.recommendations import parse_assessment, split_status
from cairn.imports.parsers.steps import segment, split_date_leads


@pytest.mark.parametrize("cell,letter", [("Р", "P"), ("P", "P"), ("1", "I"), ("l", "I"), ("ı", "I"), ("ī", "I"),
                                         ("I", "I"), ("S ", "S"), ("d", "D"), ("", None), ("D/P", None)])
def test_phase_letters_read_through_look_alikes(cell, letter):
    assert phase_letter(cell) == letter


@pytest.mark.parametrize("cell,rag", [("G", "G"), ("Α", "A"), ("Amber", "A"), ("red", "R"), ("B", "B"), ("?", None)])
def test_rag_statuses_read_through_look_alikes_and_words(cell, rag):
    assert rag_letter(cell) == rag


@pytest.mark.parametrize(
    "text,state",
    [("on", "on"), ("ON", "on"), ("On going weekly", "on"), ("On-going", "on"), ("On Going", "on"), ("Off", "off"),
     ("completed", "completed"), ("Completed", "completed"), ("Consulted", "completed"), ("Delayed", None)],
)
def test_milestone_states_follow_the_word_used(text, state):
    assert milestone_state(text) == state


def test_a_cell_of_steps_is_cut_where_each_step_begins():
    assert segment("Produce draft policy Consult with key stakeholders Policy approved by Children's Trust "
                   "Management Team (CTMT) and Cabinet Policy launched and implemented", 4) == [
        "Produce draft policy", "Consult with key stakeholders",
        "Policy approved by Children's Trust Management Team (CTMT) and Cabinet", "Policy launched and implemented",
    ]


def test_one_sentence_with_two_dates_stays_whole_on_the_first_step():
    assert segment("Establish sub regional project Team to explore viability of additional provision.", 2) == [
        "Establish sub regional project Team to explore viability of additional provision.", None
    ]


def test_steps_on_lines_of_their_own_are_taken_as_they_are():
    assert segment("Advertise post\nAppoint\nEvaluate impact", 3) == ["Advertise post", "Appoint", "Evaluate impact"]


def test_a_merged_date_and_lead_cell_gives_each_step_its_date_and_lead():
    steps, revision, leading = split_date_leads(
        "April 2002 C-QuAS Service Manager Revised Timescale Oct 2004 – then ongoing process"
    )
    assert [(text, lead) for text, _, lead in steps] == [("April 2002", "C-QuAS Service Manager")]
    assert revision == "Revised Timescale Oct 2004 – then ongoing process" and leading is None


@pytest.mark.parametrize(
    "text,status,rest",
    [("Achieved. Fit for purpose", "Achieved", "Fit for purpose"), ("Achieved", "Achieved", None),
     ("Achieved Number of BME Carers", "Achieved", "Number of BME Carers"),
     ("Achievement of targets is slow", None, "Achievement of targets is slow")],
)
def test_a_leading_status_word_is_read_apart_from_the_evidence(text, status, rest):
    assert split_status(text) == (status, rest)


@pytest.mark.parametrize(
    "text,category,reason",
    [("3 Delay due to competing work pressures.", 3, "Delay due to competing work pressures."),
     ("4", 4, None), ("Category 2 - on track", 2, "on track"), ("12 months late", None, "12 months late")],
)
def test_an_assessment_is_a_category_and_its_reason(text, category, reason):
    assert parse_assessment(text) == (category, reason)


@pytest.mark.parametrize(
    "places,where",
    [(["line 6"], "line 6"), (["line 7", "line 11"], "lines 7–11"),
     (["table 1, row 3", "table 1, row 4"], "table 1, rows 3–4"),
     (["table 1, row 3", "table 2, row 1"], "table 1, row 3 to table 2, row 1"),
     (["page 1, table 1, row 5", "page 2, table 2, row 1"], "page 1, table 1, row 5 to page 2, table 2, row 1"),
     (["sheet 'Plan', row 4", "sheet 'Plan', row 6"], "sheet 'Plan', rows 4–6"), ([], "document")],
)
def test_a_run_of_lines_is_located_as_a_person_would_look_for_it(places, where):
    assert where_span([Line(["text"], place) for place in places]) == where
