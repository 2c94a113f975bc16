"""A document's JSON goes back in through the importer's reader and comes out the same: nothing is lost."""

import datetime as dt
import json

from cairn.imports import operations as imports
from cairn.imports.parsers import extract as read_paper
from cairn.reports import data, extract
from cairn.reviews import operations as reviews
from cairn.reviews.models import CommitteePaper, Review


def _round_trip(report, name: str) -> tuple[dict, dict]:
    written = extract.render(report, source_name=name)
    read = read_paper(written, name).to_json()
    exported = json.loads(written)
    return exported, read


def test_every_kind_of_json_export_reads_back_to_the_same_data(papers):
    reports = {
        "progress.json": data.progress_update(papers.review, papers.round),
        "plan.json": data.action_plan(papers.review),
        "highlight.json": data.highlight(papers.council.programme, papers.programme_round),
    }
    for name, report in reports.items():
        exported, read = _round_trip(report, name)
        for key in ("document", "cover", "recommendations", "projects", "figures", "budget_lines", "questions",
                    "next_steps", "sections", "warnings"):
            assert read[key] == exported[key], f"{name}: {key} changed on the way back in"


def test_an_action_plans_json_imported_elsewhere_gives_its_cover_questions_steps_and_revisions(papers, other_council):
    action = papers.review.recommendations.get(number="2").actions.get(order=1)
    reviews.revise_action_target(action, by=papers.council.officer, target_on=dt.date(2010, 6, 30),
                                 target_precision="month", target_text="June 2010", reason="Evaluation took longer")
    written = extract.render(data.action_plan(papers.review), source_name="plan.json")
    batch = imports.stage_import(other_council.org, by=other_council.officer, name="plan.json", data=written)
    batch = imports.apply_import(batch, by=other_council.officer)
    review = Review.objects.get(organisation=other_council.org, pk__in=batch.created_records["reviews"])
    paper = CommitteePaper.objects.get(review=review)
    assert (paper.agenda_item, paper.contact_name, paper.contact_email) == ("5", "Peter Mennear",
                                                                            "peter.mennear@example.org")
    assert paper.detail_paragraphs == ["1. The final report was considered by Cabinet on 8 March.",
                                       "2. An Action Plan has now been drawn up."]
    assert [(q.number, q.text) for q in review.questions.all()] == [(1, "Is the structure right first time?")]
    assert [(s.text, s.due_on) for s in review.steps.all()] == [
        (step.text, step.due_on) for step in papers.review.steps.all()
    ]
    [revision] = review.recommendations.get(number="2").actions.get(order=1).revisions.all()
    assert (revision.target_on, revision.target_precision, revision.target_text, revision.reason) == (
        dt.date(2010, 6, 30), "month", "June 2010", "Evaluation took longer"
    )
