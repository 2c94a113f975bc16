"""A published round's paper is made from what was published: the same bytes every time, whatever changes later."""

import copy

from cairn.programmes.models import Project
from cairn.reports import data, docx, pdf
from cairn.reports.documents import build_document
from cairn.reviews.models import Action, AssessmentLevel, Recommendation, Review, SavingEstimate
from cairn.reviews.snapshots import round_content

from .reading import docx_text, normalise, pdf_pages

FORMATS = ("docx", "pdf", "xlsx", "csv", "json")


def _all_formats(org, kind, pk, round_id) -> dict[str, bytes]:
    return {fmt: build_document(org, kind, pk, fmt, round_id=round_id)[0] for fmt in FORMATS}


def test_a_published_round_makes_the_same_bytes_twice_and_ignores_later_edits(papers):
    org, review, round_ = papers.org, papers.review, papers.round
    first = _all_formats(org, "progress-update", review.pk, round_.pk)
    assert _all_formats(org, "progress-update", review.pk, round_.pk) == first

    # Years later: the recommendation is reworded, a step and an estimate are edited, the scale is relabelled.
    recommendation = papers.recommendations[1]
    Recommendation.objects.filter(pk=recommendation.pk).update(text="Reworded long after the meeting.")
    Action.objects.filter(recommendation=recommendation).update(text="Rewritten step", target_text="Never")
    SavingEstimate.objects.filter(recommendations=recommendation).update(text="A different estimate")
    AssessmentLevel.objects.filter(scale=papers.council.scale, code="3").update(label="Late")
    Review.objects.filter(pk=review.pk).update(title="A renamed review")

    again = _all_formats(org, "progress-update", review.pk, round_.pk)
    assert again == first
    text = docx_text(again["docx"])
    assert normalise(papers.recommendations[1].text) in text and "Reworded long after" not in text
    pdf_text = normalise(" ".join(pdf_pages(again["pdf"])))
    assert "Reworded long after" not in pdf_text and "Rewritten step" not in pdf_text and "3 Slipped" in pdf_text


def test_an_unpublished_round_shows_the_records_as_they_are_now(papers):
    collecting = papers.council.collecting_round
    recommendation = papers.council.recommendation
    Recommendation.objects.filter(pk=recommendation.pk).update(text="Reworded before the meeting.")
    report = data.progress_update(papers.review, collecting)
    assert not report.published and report.info.status == "Draft: not yet published"
    assert report.rows[0].text == "Reworded before the meeting."


def test_a_published_highlight_round_ignores_later_edits(papers):
    org, programme, round_ = papers.org, papers.council.programme, papers.programme_round
    first = _all_formats(org, "highlight", programme.pk, round_.pk)
    Project.objects.filter(pk=papers.council.project.pk).update(name="Renamed", objective="A new objective")
    papers.council.project.milestones.update(activity="Moved the goalposts")
    assert _all_formats(org, "highlight", programme.pk, round_.pk) == first


def test_rounds_published_before_keys_were_added_still_make_papers(papers):
    """Content frozen before this module's additions to round_content has only the original keys."""
    original_item_keys = {
        "review", "review_id", "recommendation_id", "number", "objective", "recommendation", "actions", "saving",
        "lead", "finance_manager", "state", "evidence", "status_text", "savings_to_date", "savings_amount",
        "savings_basis", "assessment", "assessment_label", "assessment_reason", "revised_target",
    }
    content = copy.deepcopy(papers.round.published_content)
    old = {
        "round": {key: content["round"][key] for key in ("kind", "title", "period", "as_at", "meeting")},
        "items": [
            {key: value for key, value in item.items() if key in original_item_keys}
            | {"actions": [{k: a[k] for k in ("text", "success_measure", "target", "lead")} for a in item["actions"]]}
            for item in content["items"]
        ],
    }
    report = data.progress_update_from_content(
        old, review_id=papers.review.pk, published=True, published_on=None, content_hash="",
    )
    assert [row.number for row in report.rows] == ["1", "2", "3", "4"]
    assert [level.code for level in report.levels] == ["1", "2", "3", "4"]  # as far as the items show them
    assert docx.render(report) and pdf.render(report)


def test_programme_rounds_published_before_keys_were_added_still_make_papers(papers):
    original_project_keys = {
        "project_id", "programme", "number", "name", "short_name", "risk_area", "state", "rag", "progress_points",
        "risks", "budget", "spent", "savings", "voice_and_feedback", "timeline", "milestones",
    }
    content = copy.deepcopy(papers.programme_round.published_content)
    old = {
        "round": {key: content["round"][key] for key in ("kind", "title", "period", "as_at", "meeting")},
        "items": [],
        "projects": [
            {key: value for key, value in project.items() if key in original_project_keys}
            | {"milestones": [{k: m[k] for k in ("date", "activity", "state", "state_text")} for m in project["milestones"]]}
            for project in content["projects"]
        ],
    }
    programme = papers.council.programme
    report = data.highlight_from_content(
        old, programme_id=programme.pk, programme_name=programme.name, published=True, published_on=None,
        content_hash="",
    )
    [project] = report.projects
    assert project.name == "Early help" and project.rag == "A" and [p.letter for p in report.phases] == list("DIPS")
    assert len(report.months) == 6 and project.milestones[0].activity == "Agree a building"
    assert docx.render(report) and pdf.render(report)


def test_round_content_keeps_its_original_keys(papers):
    content = round_content(papers.council.collecting_round)
    assert {"round", "items"} <= set(content)
    assert {"kind", "title", "period", "as_at", "meeting"} <= set(content["round"])
    item = content["items"][0]
    assert {"review", "number", "recommendation", "actions", "saving", "lead", "finance_manager", "evidence",
            "assessment", "assessment_reason", "revised_target"} <= set(item)
    assert {"text", "success_measure", "target", "lead"} <= set(item["actions"][0])


def test_the_paper_says_what_changed_since_the_previous_published_round(papers):
    """The council's first round reported recommendation 1 as slipped; this one reports it and three new ones."""
    report = data.progress_update(papers.review, papers.round)
    assert report.changes.previous_title == papers.council.published_round.title
    kinds = [(change.kind, change.subject) for change in report.changes.changes]
    assert kinds == [("new", "2"), ("new", "3"), ("new", "4"), ("assessment_up", "1")]
    text = docx_text(build_document(papers.org, "progress-update", papers.review.pk, "docx", round_id=papers.round.pk)[0])
    assert "What changed since the last committee" in text and "New recommendation" in text
    pdf_text = normalise(" ".join(pdf_pages(build_document(
        papers.org, "progress-update", papers.review.pk, "pdf", round_id=papers.round.pk)[0])))
    assert "What changed since the last committee" in pdf_text and "Assessment moved up" in pdf_text


def test_a_later_round_leaves_an_earlier_papers_changes_as_they_were(papers):
    from cairn.reviews import operations as reviews

    first = _all_formats(papers.org, "progress-update", papers.review.pk, papers.round.pk)
    council = papers.council
    update = council.collecting_round.updates.get()
    update = reviews.save_progress_update(update, by=council.officer, evidence="Done.", level=council.complete)
    reviews.accept_progress_update(reviews.submit_progress_update(update, by=council.officer), by=council.officer)
    reviews.publish_round(council.collecting_round, by=council.officer)
    assert _all_formats(papers.org, "progress-update", papers.review.pk, papers.round.pk) == first
    later = data.progress_update(papers.review, council.collecting_round)
    assert later.changes.previous_title == papers.round.title


def test_the_first_round_on_a_review_has_no_changes_section(papers):
    report = data.progress_update(papers.review, papers.council.published_round)
    assert report.changes is None
    assert "What changed since the last committee" not in docx_text(docx.render(report))
