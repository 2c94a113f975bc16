"""The small readings the parsers are built from: grid letters, RAG, states, steps, statuses and categories."""

from decimal import Decimal

import pytest

from cairn.imports.parsers import extract
from cairn.imports.parsers.document import Line, where_span
import datetime as dt

from cairn.imports.parsers.highlights import metric_value, milestone_state, phase_letter, rag_letter, unit_in_name
from cairn.imports.parsers.recommendations import (
    parse_assessment,
    read_assessment,
    split_progress,
    split_status,
    split_step_leads,
)
from cairn.imports.parsers.steps import read_revision, segment, split_date_leads, split_dates, split_revisions


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


LABELS = {"1": "Fully achieved", "2": "On track to be achieved", "3": "Slipped", "4": "Not achieved"}


@pytest.mark.parametrize(
    "cell,read",
    [
        # As Cairn prints it: the level on its own line, then the reason, the status and any revised target.
        ("3 Slipped\nPaused while the appeals process was redesigned.\nRevised timescale\nRevised target: 31/10/2026",
         (3, "Paused while the appeals process was redesigned.", "Revised timescale", "31/10/2026", True)),
        ("2 On track to be achieved", (2, None, None, None, True)),
        ("1 Fully achieved\nAchieved", (1, None, "Achieved", None, True)),
        ("Not assessed", (None, None, None, None, True)),
        # As a person writes it: the category and its reason together.
        ("3 Delay due to competing work pressures.", (3, "Delay due to competing work pressures.", None, None, False)),
    ],
)
def test_an_assessment_cell_is_read_as_cairn_prints_it_or_as_written(cell, read):
    assert read_assessment(cell, LABELS) == read


def test_without_a_key_a_category_with_a_label_alone_is_read_as_its_reason():
    assert read_assessment("2 On track to be achieved", {}) == (2, "On track to be achieved", None, None, False)


@pytest.mark.parametrize(
    "cell,steps,split",
    [("Implement proposed structure.\n\nProposals currently subject to consultation", 1,
      ("Implement proposed structure.", ["Proposals currently subject to consultation"])),
     ("Implement the proposed structure.\nProposals currently subject to consultation", 1,
      ("Implement the proposed structure.", ["Proposals currently subject to consultation"])),
     ("Advertise\nAdvert placed\nAppoint\nInterviews held", 2, ("Advertise\nAppoint", ["Advert placed", "Interviews held"])),
     ("Advertise\nAppoint", 2, ("Advertise\nAppoint", [])),
     # Labelled steps, a note of several lines under the first and none under the second.
     ("Step 1: Advertise\nAdvert placed\nEleven applied\nStep 2: Appoint", 2,
      ("Advertise\nAppoint", ["Advert placed", "Eleven applied"])),
     # A row run on over a page joins its parts with a space: the next step's label is still found.
     ("Step 1: Advertise\nAdvert placed Step 2: Appoint\nInterviews held", 2,
      ("Advertise\nAppoint", ["Advert placed", "Interviews held"])),
     # Not labelled from step 1, or only one label: not read as labels.
     ("Advertise\nStep 2: Appoint", 1, ("Advertise", ["Step 2: Appoint"])),
     ("Step 1: Advertise\nAdvert placed", 1, ("Step 1: Advertise", ["Advert placed"]))],
)
def test_an_actions_and_progress_cell_is_split_into_steps_and_their_progress(cell, steps, split):
    assert split_progress(cell, steps) == split


@pytest.mark.parametrize(
    "cell,split",
    [("Head of Service", ("Head of Service", [])),
     ("Head of Service\nStep 3: Service Manager, Looked After Children",
      ("Head of Service", [(3, "Service Manager, Looked After Children")])),
     ("Head of Service\nStep 2: Finance Manager\nStep 4: Team Manager",
      ("Head of Service", [(2, "Finance Manager"), (4, "Team Manager")])),
     # A label that opens the cell, or words in a post, are not a step's lead.
     ("Step 2: Head of Service", ("Step 2: Head of Service", [])),
     ("Director of Step 1: Ltd", ("Director of Step 1: Ltd", []))],
)
def test_a_lead_cell_gives_the_recommendations_lead_and_the_steps_led_by_someone_else(cell, split):
    assert split_step_leads(cell) == split


def test_revised_dates_printed_after_the_original_ones_are_set_aside_with_the_step_they_revise():
    cell = "September 2025\nNovember 2025 (revised: May 2026) (revised: Dec 2026)\nAugust 2027"
    dates, revisions = split_revisions(cell)
    assert revisions == [(1, "May 2026"), (1, "Dec 2026")]
    assert [text for text, _ in split_dates(dates)] == ["September 2025", "November 2025", "August 2027"]
    assert split_revisions("Mar 2026 (revised: Jun 2026) Sept 2026") == ("Mar 2026 Sept 2026", [(0, "Jun 2026")])


@pytest.mark.parametrize(
    "text,written,due",
    [("Revised Timescale Oct 2004 – then ongoing process", "Oct 2004 – then ongoing process", dt.date(2004, 10, 31)),
     ("31/10/2026", "31/10/2026", dt.date(2026, 10, 31)), ("To be agreed", "To be agreed", None)],
)
def test_a_revised_target_keeps_its_words_and_gives_its_date(text, written, due):
    revision = read_revision(text)
    assert (revision.due_text, revision.due) == (written, due)


def test_a_date_cell_with_a_date_on_each_line_keeps_each_line_as_written():
    assert [text for text, _ in split_dates("Mar 2010\nby the end of April 2010")] == ["Mar 2010",
                                                                                      "by the end of April 2010"]
    assert [text for text, _ in split_dates("To be\nconfirmed")] == ["To be confirmed"]


@pytest.mark.parametrize(
    "text,read",
    [("1,976 contacts", (Decimal("1976"), "contacts", None)), ("30.3%", (Decimal("30.3"), "%", None)),
     ("732", (Decimal("732"), None, None)),
     ("91.5 per 10,000 (Oct 2026)", (Decimal("91.5"), "per 10,000", "Oct 2026")), ("N/A", (None, None, None))],
)
def test_a_measures_value_is_read_apart_from_its_unit_and_period(text, read):
    assert metric_value(text) == read


@pytest.mark.parametrize(
    "name,unit",
    [("Re-referral within 12 months of a previous referral (%)", "%"), ("TFT Early Help episodes (No. Open)", "No"),
     ("Social care cases with family intervention (No)", "No"), ("Number of children fostered", None),
     ("Contacts received – EHAP and TAS (No in month)", "No")],
)
def test_a_measures_name_can_say_its_unit(name, unit):
    assert unit_in_name(name) == unit


def test_a_line_of_facts_under_the_title_gives_the_council_committee_and_date():
    text = (
        "Progress Update – Review of placements\n\n"
        "Exampleton Borough Council · Children and Young People Select Committee · Progress as at 01/11/2026. "
        "Published 22/11/2026.\n\n"
        "No\tRecommendation\tProposed Actions\tCompletion Date\tEvidence of Progress\n"
        "1\tRecruit foster carers\tAdvertise\tMar 2010\tAdvert placed\n"
    ).encode()
    extraction = extract(text, "paper.txt").to_json()
    assert extraction["document"] | {"title": None} == {
        "family": "progress_update", "title": None, "organisation": "Exampleton Borough Council",
        "committee": "Children and Young People Select Committee", "meeting_date": None, "as_at": "2026-11-01",
    }
    assert {"where": "line 3", "message": "Not held in the extraction (cover): Published 22/11/2026"} in (
        extraction["warnings"]
    )


def test_a_highlight_report_csv_with_cells_it_cannot_read_keeps_them_in_warnings_and_invents_nothing():
    """Cairn's own projects sheet, edited by hand: an amount that is not one is kept in a warning, not read as £0; a
    row with no project is not a project."""
    heading = "No,Project,Full name,RAG,Risk area,Objective,Lead,Resources as written,Budget (£),Spent (£),Savings (£),As at"
    rows = [heading, "1,Early Help,EARLY HELP,Green,Delay,Teams,Head of Service,,about a million,,,2020-07-31",
            "2,,,,,,,,,,,2020-07-31"]
    extraction = extract("\n".join(rows).encode(), "highlight.csv")
    assert extraction.document.family == "highlight_report"
    assert not extraction.recommendations
    [project] = extraction.projects
    assert (project.number, project.short_name, project.name, project.rag, project.lead) == (
        "1", "Early Help", "EARLY HELP", "G", "Head of Service")
    assert project.budget is None and extraction.document.as_at == dt.date(2020, 7, 31)
    messages = [warning.message for warning in extraction.warnings]
    assert "Not read as an amount in pounds (Budget (£)): about a million" in messages
    assert any("row with no project" in message for message in messages)


def test_a_reason_and_an_as_at_date_in_columns_of_their_own_are_read_from_their_headings_or_as_mapped():
    rows = ["No,Recommendation,Assessment,Reason,As at", "1,Open the hub,3,Delayed by the lease,31/10/2026",
            "2,Close the depot,2,,next spring"]
    extraction = extract("\n".join(rows).encode(), "progress.csv")
    first, second = extraction.recommendations
    assert (first.progress.category, first.progress.category_reason, first.progress.as_at) == (
        3, "Delayed by the lease", dt.date(2026, 10, 31))
    assert second.progress.as_at is None  # not a date: kept in a warning, not guessed
    assert any(w.message == "Not held in the extraction (as at): next spring" for w in extraction.warnings)
    # Headings Cairn does not know, mapped by a person; a reason that is a status word is still the reason.
    mapped = ["No,Recommendation,Update,Why,Position on", "1,Open the hub,Lease signed,Slipped,2011-03-31"]
    [rec] = extract("\n".join(mapped).encode(), "mapped.csv", columns={"Why": "reason", "Position on": "as_at"}).recommendations
    assert (rec.progress.evidence, rec.progress.category_reason, rec.progress.as_at) == (
        "Lease signed", "Slipped", dt.date(2011, 3, 31))
    # "As at 31/03/2011" over a column is not the as-at column: only "As at" itself is.
    assert extract(b"No,Recommendation,As at 31/03/2011\n1,Open the hub,Lease signed", "dated.csv").columns[2]["field"] != "as_at"


def test_a_revised_target_in_a_column_of_its_own_is_the_progress_revised_target():
    [rec] = extract(b"No,Recommendation,Assessment,Revised target\n1,Open the hub,3,30/11/2026", "revised.csv").recommendations
    assert (rec.progress.revised_due_text, rec.progress.revised_due) == ("30/11/2026", dt.date(2026, 11, 30))
