"""The assessment scale's rules, publishing that freezes a round, and updates that cannot be lost."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.models import Role
from cairn.reviews import operations as reviews
from cairn.reviews.models import ProgressUpdate, Recommendation


def draft(council, **fields):
    return reviews.save_progress_update(council.collecting_round.updates.get(), by=council.officer, **fields)


def test_slipped_needs_a_revised_date_and_a_reason(council):
    update = draft(council, evidence="Some work", level=council.level("3"))
    with pytest.raises(ValidationError) as error:
        reviews.submit_progress_update(update, by=council.officer)
    assert set(error.value.message_dict) == {"revised_target_on", "assessment_reason"}
    assert ProgressUpdate.objects.get(pk=update.pk).state == ProgressUpdate.State.DRAFT


def test_not_achieved_needs_a_reason(council):
    update = draft(council, level=council.level("4"))
    with pytest.raises(ValidationError) as error:
        reviews.submit_progress_update(update, by=council.officer)
    assert set(error.value.message_dict) == {"assessment_reason"}


def test_fully_achieved_needs_evidence(council):
    update = draft(council, level=council.complete)
    with pytest.raises(ValidationError) as error:
        reviews.submit_progress_update(update, by=council.officer)
    assert set(error.value.message_dict) == {"evidence"}


def test_a_complete_update_can_be_submitted(council):
    update = draft(council, level=council.level("3"), assessment_reason="Delay", revised_target_on=dt.date(2027, 1, 31))
    reviews.submit_progress_update(update, by=council.officer)
    assert ProgressUpdate.objects.get(pk=update.pk).state == ProgressUpdate.State.SUBMITTED


def test_a_draft_may_be_unfinished(council):
    update = draft(council, level=council.level("3"))
    assert update.state == ProgressUpdate.State.DRAFT


def test_publishing_freezes_the_content_with_its_hash(council):
    round_ = council.published_round
    assert round_.content_hash and len(round_.content_hash) == 64
    item = round_.published_content["items"][0]
    assert item["assessment"] == "3"
    assert item["evidence"] == "Post approved."


def test_a_published_round_refuses_changes(council):
    update = council.published_round.updates.get()
    with pytest.raises(ValidationError, match="published"):
        reviews.save_progress_update(update, by=council.officer, evidence="Rewritten history")
    with pytest.raises(ValidationError, match="published"):
        reviews.publish_round(council.published_round, by=council.officer)
    assert ProgressUpdate.objects.get(pk=update.pk).evidence == "Post approved."


def test_a_stale_save_is_refused_not_lost(council):
    update = council.collecting_round.updates.get()
    opened = update.version
    first = reviews.save_progress_update(update, by=council.users[Role.LEAD_OFFICER], evidence="First", expected_version=opened)
    with pytest.raises(ValidationError, match="Someone else has saved"):
        reviews.save_progress_update(update, by=council.officer, evidence="Second", expected_version=opened)
    assert ProgressUpdate.objects.get(pk=update.pk).evidence == "First" == first.evidence


def test_a_persons_own_earlier_save_is_never_a_conflict(council):
    update = council.collecting_round.updates.get()
    lead = council.users[Role.LEAD_OFFICER]
    opened = update.version
    reviews.save_progress_update(update, by=lead, evidence="First", expected_version=opened)
    reviews.save_progress_update(update, by=lead, evidence="Second", expected_version=opened)
    assert ProgressUpdate.objects.get(pk=update.pk).evidence == "Second"


def test_each_round_keeps_its_own_update(council):
    assert council.recommendation.updates.count() == 2
    assert council.published_round.updates.get().evidence == "Post approved."
    assert council.collecting_round.updates.get().evidence == ""


def test_a_revised_target_keeps_the_original(council):
    original = council.action.target_on
    reviews.revise_action_target(council.action, by=council.officer, target_on=dt.date(2027, 3, 31), reason="Late start")
    council.action.refresh_from_db()
    assert council.action.target_on == original
    assert council.action.current_target_on == dt.date(2027, 3, 31)
    assert council.action.revisions.get().reason == "Late start"


def test_a_revised_target_needs_a_reason(council):
    with pytest.raises(ValidationError):
        reviews.revise_action_target(council.action, by=council.officer, target_on=dt.date(2027, 3, 31), reason=" ")
    assert not council.action.revisions.exists()


def test_sign_off_closes_a_recommendation_once(council):
    reviews.sign_off_recommendation(council.recommendation, by=council.officer, meeting=council.meeting)
    assert Recommendation.objects.get(pk=council.recommendation.pk).state == Recommendation.State.CLOSED
    with pytest.raises(ValidationError, match="already been signed off"):
        reviews.sign_off_recommendation(council.recommendation, by=council.officer, meeting=council.meeting)


def test_new_rounds_leave_out_signed_off_recommendations(council):
    reviews.sign_off_recommendation(council.recommendation, by=council.officer, meeting=council.meeting)
    round_ = reviews.open_round(
        council.org, by=council.officer, title="Next", as_at_on=dt.date(2027, 1, 1), deadline_on=dt.date(2027, 1, 8)
    )
    assert not round_.updates.exists()


def test_bad_input_changes_nothing(council):
    with pytest.raises(ValidationError):
        reviews.create_recommendation(council.review, by=council.officer, number="9", text="")
    with pytest.raises(ValidationError):
        reviews.create_saving_estimate(council.review, by=council.officer, text="odd", min_amount=10, max_amount=5)
    assert not Recommendation.objects.filter(number="9").exists()
