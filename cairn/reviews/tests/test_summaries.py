"""Each recommendation's kept progress summary follows every change to its updates and rounds, and equals what ranking
its updates says, for officers (every round) and councillors (published rounds only)."""

import datetime as dt

import pytest
from django.core.management import call_command

from cairn.audit import stamps
from cairn.core.testing import add_recommendation, build_council
from cairn.reviews import operations as reviews
from cairn.reviews import round_operations
from cairn.reviews.models import ProgressSummary, Recommendation
from cairn.reviews.summaries import out_of_date, refresh_all

pytestmark = pytest.mark.django_db


def summary(recommendation) -> ProgressSummary:
    return ProgressSummary.objects.get(recommendation=recommendation)


def test_follows_updates_and_rounds():
    world = build_council("summary")
    rec, officer, lead = world.recommendation, world.officer, world.recommendation.lead_officer
    # build_council published a round with the recommendation reported slipped (3).
    held = summary(rec)
    assert (held.latest_level, held.published_level) == (world.level("3"), world.level("3"))
    assert (held.slipped_count, held.published_slipped_count) == (1, 1)

    update = world.collecting_round.updates.get(recommendation=rec)
    update = reviews.save_progress_update(update, by=lead, evidence="Appointed.", level=world.level("2"),
                                          savings_text="None")
    held = summary(rec)
    # Officers see the newer round's assessment at once; councillors only once it is published.
    assert (held.latest_level, held.published_level) == (world.level("2"), world.level("3"))
    reviews.submit_progress_update(update, by=lead)
    reviews.accept_progress_update(update, by=officer)
    reviews.publish_round(world.collecting_round, by=officer)
    held = summary(rec)
    assert (held.latest_level, held.published_level) == (world.level("2"), world.level("2"))
    assert (held.slipped_count, held.published_slipped_count) == (1, 1)
    assert out_of_date() == []


def test_newest_by_the_rounds_date_and_a_corrected_date_reorders():
    world = build_council("summary-dates")
    rec, officer, lead = world.recommendation, world.officer, world.recommendation.lead_officer
    earlier = reviews.open_round(world.org, by=officer, title="Catching up", as_at_on=world.published_round.as_at_on
                                 - dt.timedelta(days=90), deadline_on=world.published_round.as_at_on)
    update = earlier.updates.get(recommendation=rec)
    reviews.save_progress_update(update, by=lead, evidence="Done.", level=world.complete, savings_text="None")
    # A round reported as at an earlier date is not the newest, though written later.
    assert summary(rec).latest_level == world.level("3")
    round_operations.update_round(earlier, by=officer, as_at_on=world.published_round.as_at_on + dt.timedelta(days=1))
    assert summary(rec).latest_level == world.complete
    round_operations.cancel_round(earlier, by=officer, reason="Asked in error")
    assert out_of_date() == []


def test_not_yet_assessed_and_past_rounds_in_bulk():
    world = build_council("summary-bulk")
    other = add_recommendation(world.review, "2", by=world.officer, lead=world.recommendation.lead_officer)
    assert not ProgressSummary.objects.filter(recommendation=other).exists()
    assert out_of_date() == []  # never assessed and no summary yet: nothing differs
    reviews.record_past_round(
        world.org, by=world.officer, title="History", as_at_on=world.published_round.as_at_on - dt.timedelta(days=200),
        deadline_on=world.published_round.as_at_on - dt.timedelta(days=190),
        progress={other: {"evidence": "Old news.", "level": world.level("3"), "savings_text": "None",
                          "assessment_reason": "Waiting on a contract",
                          "revised_target_on": world.published_round.as_at_on}},
    )
    held = summary(other)
    assert held.latest_level == world.level("3") and held.slipped_count == 1
    assert held.published_level is None  # recorded, not published
    assert out_of_date() == []


def test_verify_names_a_summary_changed_behind_cairns_back_and_rebuild_mends_it(capsys):
    world = build_council("summary-tamper")
    ProgressSummary.objects.filter(recommendation=world.recommendation).update(latest_level=world.complete)
    assert out_of_date() == [world.recommendation.pk]
    with pytest.raises(Exception):
        call_command("verify")
    assert "progress summaries of recommendations" in capsys.readouterr().err
    stamp = stamps.stamp(world.org)
    call_command("rebuild_summaries")
    assert out_of_date() == []
    assert summary(world.recommendation).latest_level == world.level("3")
    assert stamps.stamp(world.org) != stamp  # pages kept from the wrong summary are not shown again


def test_rebuilding_everything_gives_what_the_operations_kept():
    world = build_council("summary-all")
    kept = {row.pk: (row.latest_level_id, row.published_level_id, row.slipped_count, row.published_slipped_count)
            for row in ProgressSummary.objects.all()}
    ProgressSummary.objects.all().delete()
    assert refresh_all() == Recommendation.objects.count()
    rebuilt = {row.pk: (row.latest_level_id, row.published_level_id, row.slipped_count, row.published_slipped_count)
               for row in ProgressSummary.objects.all() if row.pk in kept}
    assert rebuilt == kept and world.recommendation.pk in kept
