"""What a paper says beyond its recommendations and projects reaches Cairn's records, not only its warnings: a cover
report, a presentation's sections, key questions and next steps, a project's outline, revised targets and the units
of measures."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from cairn.imports import operations as imports
from cairn.imports.parsers import extract
from cairn.imports.records import build_records
from cairn.programmes.models import Indicator, Project, ProjectUpdate
from cairn.reviews.models import (
    Action,
    CommitteePaper,
    ProgressUpdate,
    Review,
    ReviewQuestion,
    ReviewStep,
    TargetRevision,
)

from .conftest import seed


def applied(organisation, officer, prefix: str):
    name, data = seed(prefix)
    return imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=data), by=officer)


def test_a_cover_report_becomes_the_papers_summary_detail_and_contact(organisation, officer):
    applied(organisation, officer, "002")
    paper = CommitteePaper.objects.get(organisation=organisation)
    assert paper.agenda_item == ""  # "Agenda Item" is printed without a number
    assert paper.summary.startswith("Members are asked to consider the Action Plan setting out how")
    assert len(paper.detail_paragraphs) == 3
    assert paper.detail_paragraphs[0].startswith("1. The final report of the officer led EIT Gateway Review")
    assert (paper.contact_name, paper.contact_post, paper.contact_phone, paper.contact_email) == (
        "Peter Mennear", "Scrutiny Officer", "01642 528957", "peter.mennear@stockton.gov.uk"
    )


def test_a_presentations_key_questions_and_next_steps_join_its_review(organisation, officer):
    batch = applied(organisation, officer, "004")
    review = Review.objects.get(organisation=organisation)
    questions = list(review.questions.all())
    assert [question.number for question in questions] == [1, 2, 3, 4, 5, 6]
    assert questions[3].text.startswith("Given the current budget pressures within children's social care")
    steps = list(review.steps.all())
    assert [(step.order, step.text, step.due_on) for step in steps] == [
        (1, "Agree project scope", None), (2, "Establish project team", None),
        (3, "Send out briefing note to staff", None), (4, "Convene development day", dt.date(2011, 11, 18)),
        (5, "Present progress report to committee", dt.date(2011, 12, 1)),
    ]
    assert batch.created_records["counts"]["key questions"] == 6
    assert batch.created_records["counts"]["next steps"] == 5


def test_a_presentations_slides_are_the_sections_of_its_paper_with_their_presenters(organisation, officer):
    applied(organisation, officer, "004")
    paper = CommitteePaper.objects.get(organisation=organisation)
    assert paper.kind == "presentation"
    sections = [(s.order, s.heading, s.presenter_name, s.presenter_post) for s in paper.sections.all()]
    assert sections == [
        (1, "Current Structure", "Shaun McLurg", "Head of CYP Operational Services"),
        (2, "Legal Framework", "Rhona Bollands", "Service Manager, Fieldwork"),
        (3, "Current Issues", "Rhona Bollands", "Service Manager, Fieldwork"),
        (4, "Case Study", "Jill Anderson", "Service Manager, Family Support"),
        (5, "Workload/Budget", "Shaun McLurg", "Head of CYP Operational Services"),
        (6, "Key Questions", "Shaun McLurg", "Head of CYP Operational Services"),
        (7, "Next Steps", "Shaun McLurg", "Head of CYP Operational Services"),
    ]
    bodies = [section.body.splitlines() for section in paper.sections.all()]
    assert bodies[0] == [] and bodies[2] == ["'Baby P'", "Media coverage", "National shortage of social workers",
                                            "Workload pressures", "Munro report"]
    assert bodies[1][:2] == ["Children Act 1989", "Section 17 'in need'"] and len(bodies[1]) == 10
    # The workload slide's line that is not a figure; its figures and the budget slide are indicators and budgets.
    assert bodies[4] == ["Quarterly reporting to Cabinet"]


def test_questions_and_steps_the_review_already_has_are_not_added_again(organisation, officer):
    name, data = seed("004")
    applied(organisation, officer, "004")
    again = extract(data, name).to_json()
    again["figures"], again["budget_lines"] = [], []
    data = json.dumps(again).encode()
    imports.apply_import(imports.stage_import(organisation, by=officer, name="again.json", data=data), by=officer)
    assert ReviewQuestion.objects.count() == 6 and ReviewStep.objects.count() == 5


def test_a_projects_outline_money_and_voice_reach_the_project_and_its_update(organisation, officer):
    applied(organisation, officer, "003")
    early_help = Project.objects.get(number="1")
    assert (early_help.name, early_help.short_name) == ("EARLY HELP & PREVENTION AT A NEIGHBOURHOOD LEVEL", "Early Help")
    assert early_help.key_element_lines[0] == "Colocation of EHAP/ MASH/ SPOE"
    assert len(early_help.key_element_lines) == 6
    assert early_help.resource_lines == ["Four neighbourhood hubs", "Multi agency development and implementation Group/Board"]
    assert early_help.impact == "Longer term reduction in need for higher tier/statutory interventions, including care"
    duty = Project.objects.get(number="4")
    assert (duty.budget, duty.budget_text) == (Decimal("0"), "£ - £ 0 (costs in longer term)")
    assert Project.objects.get(number="5").key_element_lines[6] == "Assessment"
    update = ProjectUpdate.objects.get(project=early_help)
    assert update.voice_and_feedback == "Children's Co-Production Framework to report on child's voice and feedback"
    assert Indicator.objects.get(name="Re-referral within 12 months of a previous referral (%)").unit == "%"
    assert Indicator.objects.get(name="Social care cases with family intervention (No)").unit == "No"


def test_a_later_report_fills_in_a_held_projects_outline_without_emptying_it(organisation, officer):
    applied(organisation, officer, "003")
    name, data = seed("003")
    later = extract(data, name).to_json()
    later["document"]["as_at"] = "2020-08-31"
    later["projects"][0]["lead"] = "Head of Early Help"
    later["projects"][0]["key_elements"] = []
    imports.apply_import(
        imports.stage_import(organisation, by=officer, name="august.json", data=json.dumps(later).encode()), by=officer
    )
    early_help = Project.objects.get(number="1")
    assert early_help.lead_name == "Head of Early Help" and len(early_help.key_element_lines) == 6


def test_a_revised_timescale_is_a_target_revision_beside_the_original_target(organisation, officer):
    applied(organisation, officer, "001")
    action = Action.objects.get(target_text="April 2002", lead_name="C-QuAS Service Manager",
                                text__startswith="Improve contingency planning")
    assert (action.target_on, action.current_target_on) == (dt.date(2002, 4, 30), dt.date(2004, 10, 31))
    [revision] = action.revisions.all()
    assert (revision.target_on, revision.target_precision, revision.target_text) == (
        dt.date(2004, 10, 31), "month", "Oct 2004 – then ongoing process"
    )
    assert revision.reason == "Revised target printed in 001_e3d8f8ef822a3f8f.txt."
    assert TargetRevision.objects.count() == 1


# As Cairn prints a progress update: each step's revised date after its original, and the revised target the
# update gives under its assessment (cells of several lines, so as a CSV file).
PAPER = (
    "No,Recommendation,Proposed Actions,Completion Date,Evidence of Progress 01/11/2026,"
    "Assessment of Progress 01/11/2026\n"
    '1,Recruit foster carers,"Advertise\nAppoint","Mar 2026 (revised: Jun 2026)\nSep 2026",Advert placed,'
    '"3 Slipped\nDelay due to the election.\nRevised target: 30/06/2026"\n'
).encode()


def test_revised_dates_in_a_progress_update_reach_the_steps_and_the_update(organisation, officer):
    extraction = extract(PAPER, "update.csv").to_json()
    [rec] = extraction["recommendations"]
    assert [step["revisions"] for step in rec["steps"]] == [
        [{"due_text": "Jun 2026", "due": "2026-06-30", "reason": None}], []
    ]
    assert (rec["progress"]["revised_due_text"], rec["progress"]["revised_due"]) == ("30/06/2026", "2026-06-30")
    imports.apply_import(imports.stage_import(organisation, by=officer, name="update.csv", data=PAPER), by=officer)
    advertise = Action.objects.get(text="Advertise")
    assert (advertise.target_on, advertise.current_target_on) == (dt.date(2026, 3, 31), dt.date(2026, 6, 30))
    update = ProgressUpdate.objects.get()
    assert (update.revised_target_text, update.revised_target_on) == ("30/06/2026", dt.date(2026, 6, 30))


def test_an_extraction_staged_before_the_new_keys_still_applies(organisation, officer):
    """A batch kept from before these keys were added to the format has none of them."""
    extraction = extract(*reversed(seed("003"))).to_json()
    for name in ("cover", "questions", "next_steps", "sections"):
        del extraction[name]
    for project in extraction["projects"]:
        for name in ("short_name", "key_elements", "budget_text", "other_resources", "impact", "lead", "spent",
                     "savings", "voice_and_feedback"):
            del project[name]
        for metric in project["metrics"]:
            del metric["unit"], metric["description"]
    created = build_records(organisation, extraction, by=officer, source="old.txt")
    assert created.counts["projects"] == 7
    assert Indicator.objects.get(name="Re-referral within 12 months of a previous referral (%)").unit == "%"


def test_a_contact_address_that_is_not_one_is_left_out_with_a_note(organisation, officer):
    extraction = extract(*reversed(seed("002"))).to_json()
    extraction["cover"]["contact_email"] = "Peter Mennear (scrutiny)"
    created = build_records(organisation, extraction, by=officer, source="plan.txt")
    assert CommitteePaper.objects.get().contact_email == ""
    assert any("e-mail address was not recorded" in note for note in created.notes)


@pytest.mark.parametrize("prefix", ["002", "004"])
def test_the_cover_and_scope_keys_are_read_back_from_json(prefix):
    name, data = seed(prefix)
    extraction = extract(data, name).to_json()
    again = extract(json.dumps(extraction).encode(), "again.json").to_json()
    parts = ("cover", "questions", "next_steps", "sections")
    assert {k: again[k] for k in parts} == {k: extraction[k] for k in parts}


def test_a_later_paper_adds_the_revised_targets_it_prints_to_steps_already_held(organisation, officer):
    first = PAPER.replace(b" (revised: Jun 2026)", b"")
    later = PAPER.replace(b"01/11/2026", b"01/12/2026")
    again = later.replace(b"Advert placed", b"Advert placed twice")
    # The same name each time, so each paper joins the review the first one made ("Review imported from update.csv").
    for data in (first, later, again):
        imports.apply_import(imports.stage_import(organisation, by=officer, name="update.csv", data=data), by=officer)
    assert Review.objects.count() == 1 and Action.objects.count() == 2
    [revision] = TargetRevision.objects.all()
    assert (revision.action.text, revision.target_on) == ("Advertise", dt.date(2026, 6, 30))
    assert revision.reason == "Revised target printed in update.csv."
