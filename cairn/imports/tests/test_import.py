"""Staging and applying papers: records made through the operations, in one transaction, once per file."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cairn.audit.models import AuditEvent
from cairn.imports import operations as imports
from cairn.imports.models import ImportBatch
from cairn.imports.records import preview_import, review_kind, review_title
from cairn.programmes.models import BudgetLine, Indicator, Milestone, PhasePlanEntry, Programme, Project, Reading, Risk
from cairn.reviews import operations as reviews
from cairn.reviews.models import (
    Action,
    Committee,
    CommitteePaper,
    Meeting,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    Review,
    SavingEstimate,
)

from .conftest import seed

COUNTED = [Review, Recommendation, Action, SavingEstimate, ReportingRound, ProgressUpdate, Committee, Meeting,
           CommitteePaper, Programme, Project, PhasePlanEntry, Milestone, Indicator, Reading, Risk, BudgetLine]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def applied(organisation, officer, prefix: str) -> ImportBatch:
    name, data = seed(prefix)
    return imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=data), by=officer)


def test_a_progress_update_becomes_a_review_its_plan_and_a_published_round(organisation, officer):
    batch = applied(organisation, officer, "000")
    review = Review.objects.get(organisation=organisation)
    assert (review.title, review.kind, review.state) == ("EIT Review of Child Placements", "efficiency", "monitoring")
    assert review.recommendations.count() == 7
    second = review.recommendations.get(number="2")
    steps = list(second.actions.order_by("order"))
    assert [s.target_text for s in steps] == ["Mar 2010", "April 2010", "May 2010", "July 2011"]
    assert steps[0].target_on == steps[0].current_target_on == dt.date(2010, 3, 31)
    assert steps[0].target_precision == "month"
    assert second.lead_name == "Service Manager, Looked After Children/ Marketing Manager"
    assert second.finance_manager_name == "Paula Hunt"
    assert SavingEstimate.objects.filter(review=review).count() == 3
    ranged = SavingEstimate.objects.get(review=review, text__startswith="Savings range")
    assert (ranged.min_amount, ranged.max_amount, ranged.period) == (Decimal("11000"), Decimal("443000"), "annual")
    round_ = ReportingRound.objects.get(organisation=organisation)
    assert round_.is_published and round_.as_at_on == dt.date(2010, 9, 1) and round_.content_hash
    update = round_.updates.get(recommendation__number="1")
    assert update.level.code == "4"
    assert update.assessment_reason == "Unable to proceed due to no expressions of interest being received."
    assert update.savings_text == "None"
    assert batch.state == "applied" and batch.created_records["reviews"] == [review.pk]


def test_every_record_created_is_audited_by_its_own_operation(organisation, officer):
    before = AuditEvent.objects.count()
    applied(organisation, officer, "000")
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True)[before:])
    assert actions[0] == "import.staged" and actions[-1] == "import.applied"
    assert actions.count("recommendation.created") == Recommendation.objects.count() == 7
    assert actions.count("action.added") == Action.objects.count()
    assert actions.count("progress_update.saved") == 7
    assert actions.count("round.published") == 1


def test_a_shared_saving_is_one_estimate_linked_to_every_recommendation(organisation, officer):
    applied(organisation, officer, "002")
    estimate = SavingEstimate.objects.get(organisation=organisation)
    assert estimate.recommendations.count() == 12 and estimate.cashable is False
    assert estimate.min_amount == estimate.max_amount == Decimal("250000")
    action = Action.objects.get(recommendation__number="1")
    assert action.text == "Implement proposed structure."
    assert action.progress_note.startswith("Proposals currently subject to 30 day formal consultation")
    paper = CommitteePaper.objects.get(organisation=organisation)
    assert paper.kind == "action_plan" and paper.meeting.held_on == dt.date(2012, 5, 2)
    assert paper.meeting.committee.name == "Arts, Leisure & Culture Select Committee"
    assert not ReportingRound.objects.exists()  # an action plan has no round of progress


def test_a_highlight_report_becomes_a_programme_with_its_projects_and_a_published_round(organisation, officer):
    applied(organisation, officer, "003")
    programme = Programme.objects.get(organisation=organisation)
    assert (programme.starts_on, programme.ends_on) == (dt.date(2019, 11, 1), dt.date(2021, 6, 1))
    assert programme.projects.count() == 7
    fostering = programme.projects.get(number="6")
    assert fostering.budget == Decimal("150000") and fostering.risk_area == ""
    plan = {entry.month: entry.phase.letter for entry in fostering.phase_plan.select_related("phase")}
    assert plan[dt.date(2020, 6, 1)] == "I" and dt.date(2019, 12, 1) not in plan
    span = Milestone.objects.get(project__number="2", due_text="March – July 2020")
    assert (span.starts_on, span.due_on, span.state, span.state_text) == (
        dt.date(2020, 3, 1), dt.date(2020, 7, 31), "completed", "Completed"
    )
    reading = Reading.objects.get(indicator__name="Number of Tameside foster carers")
    assert (reading.value, reading.rag, reading.period_start, reading.period_label) == (
        Decimal("206"), "R", dt.date(2020, 7, 1), "July 2020"
    )
    assert Risk.objects.get(owner_name="Paul Batho").project.number == "5"
    round_ = ReportingRound.objects.get(organisation=organisation)
    assert round_.is_published and round_.period_label == "July 2020"
    assert round_.project_updates.count() == 7


def test_a_presentation_records_budget_lines_and_workload_ranges_on_its_review(organisation, officer):
    applied(organisation, officer, "004")
    review = Review.objects.get(organisation=organisation)
    assert (review.title, review.state) == ("EIT Review of Children's Social Care", "scoping")
    fostering = BudgetLine.objects.get(name="Independent fostering agency budget")
    assert (fostering.financial_year, fostering.budget, fostering.projected_variance, fostering.projected_outturn) == (
        2011, Decimal("3265000"), Decimal("392000"), Decimal("3657000")
    )
    assert fostering.projected_on == dt.date(2011, 10, 26) and fostering.review == review
    assert BudgetLine.objects.get(name="Overall budget").budget == Decimal("19500000")
    referrals = Reading.objects.get(indicator__name="Referrals")
    assert (referrals.value, referrals.value_low, referrals.value_high) == (None, Decimal("155"), Decimal("277"))
    assert referrals.period_start == dt.date(2011, 4, 1) and referrals.indicator.unit == "per month"


def test_papers_about_the_same_committee_share_it(organisation, officer):
    applied(organisation, officer, "002")
    applied(organisation, officer, "004")
    assert Committee.objects.filter(organisation=organisation).count() == 1
    assert Meeting.objects.filter(organisation=organisation).count() == 2


def test_the_same_file_twice_is_recognised_and_creates_nothing_new(organisation, officer):
    name, data = seed("000")
    first = imports.stage_import(organisation, by=officer, name=name, data=data)
    assert imports.stage_import(organisation, by=officer, name="renamed.txt", data=data).pk == first.pk
    imports.apply_import(first, by=officer)
    before, events = counts(), AuditEvent.objects.count()
    again = imports.stage_import(organisation, by=officer, name=name, data=data)
    assert again.pk == first.pk and again.state == "applied"
    with pytest.raises(ValidationError):
        imports.apply_import(again, by=officer)
    assert counts() == before and AuditEvent.objects.count() == events
    assert ImportBatch.objects.count() == 1


def test_a_progress_update_for_a_review_already_held_adds_only_the_round(organisation, officer):
    applied(organisation, officer, "000")
    name, data = seed("000")
    edited = data.replace(b"01/09/10", b"01/12/10")
    imports.apply_import(imports.stage_import(organisation, by=officer, name=name, data=edited), by=officer)
    assert Review.objects.count() == 1 and Recommendation.objects.count() == 7
    assert ReportingRound.objects.count() == 2


def test_a_failure_part_way_through_leaves_nothing_behind(organisation, officer, monkeypatch):
    name, data = seed("000")
    batch = imports.stage_import(organisation, by=officer, name=name, data=data)
    before, events = counts(), AuditEvent.objects.count()
    calls = []
    real = reviews.add_action

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 5:
            raise ValidationError("The database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(reviews, "add_action", failing)
    with pytest.raises(ValidationError):
        imports.apply_import(batch, by=officer)
    assert len(calls) == 5
    assert counts() == before and AuditEvent.objects.count() == events
    batch.refresh_from_db()
    assert batch.state == "staged" and batch.created_records == {}


def test_the_preview_shows_what_applying_would_create_and_changes_nothing(organisation, officer):
    name, data = seed("002")
    batch = imports.stage_import(organisation, by=officer, name=name, data=data)
    before, events = counts(), AuditEvent.objects.count()
    created = preview_import(organisation, batch.extraction, by=officer, source=name)
    assert created.counts["recommendations"] == 12 and created.counts["saving estimates"] == 1
    assert [review.title for review in created.reviews] == ["EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE"]
    assert counts() == before and AuditEvent.objects.count() == events
    assert dict(imports.apply_import(batch, by=officer).created_records["counts"]) == dict(created.counts)


def test_a_discarded_file_creates_nothing_and_can_be_staged_again(organisation, officer):
    name, data = seed("004")
    batch = imports.discard_import(imports.stage_import(organisation, by=officer, name=name, data=data), by=officer)
    assert batch.state == "discarded"
    with pytest.raises(ValidationError):
        imports.apply_import(batch, by=officer)
    with pytest.raises(ValidationError):
        imports.discard_import(batch, by=officer)
    again = imports.stage_import(organisation, by=officer, name=name, data=data)
    assert again.pk == batch.pk and again.state == "staged"
    assert not Review.objects.exists()


def test_a_file_that_cannot_be_read_is_not_staged(organisation, officer):
    from cairn.imports.parsers import EmptyFile

    with pytest.raises(EmptyFile):
        imports.stage_import(organisation, by=officer, name="blank.txt", data=b"  \n")
    assert not ImportBatch.objects.exists()


def test_batches_belong_to_one_council(organisation, officer):
    from cairn.accounts import operations as accounts

    other = accounts.create_organisation(by=None, name="Otherton", slug="otherton")
    name, data = seed("004")
    mine = imports.stage_import(organisation, by=officer, name=name, data=data)
    theirs = imports.stage_import(other, by=None, name=name, data=data)
    assert mine.pk != theirs.pk
    assert list(ImportBatch.objects.for_organisation(other)) == [theirs]


@pytest.mark.parametrize(
    "title,expected,kind",
    [
        ("Progress Update – EIT Review of Child Placements", "EIT Review of Child Placements", "efficiency"),
        ("ACTION PLAN FOR AGREED RECOMMENDATIONS – EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE",
         "EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE", "gateway"),
        ("Best Value Review of Children's Services", "Best Value Review of Children's Services", "best_value"),
        (None, "Review imported from plan.txt", "other"),
    ],
)
def test_the_review_is_named_from_the_papers_title(title, expected, kind):
    assert review_title(title, "plan.txt") == expected
    assert review_kind(expected) == kind
