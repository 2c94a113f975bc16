"""load-demo --scale county and --councils N: large data sets made through the operations, checked here at a tiny size
(the sizes are the generator's settings; the shape and the rules are the same)."""

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cairn.accounts.models import Organisation
from cairn.audit.models import AuditEvent
from cairn.demo.data import generated
from cairn.reviews.fingerprints import matches
from cairn.reviews.models import ProgressUpdate, Recommendation, ReportingRound, Review, TargetRevision
from cairn.service.integrity import verify


@pytest.fixture
def tiny(monkeypatch, settings):
    settings.DEMO_MODE = True
    monkeypatch.setattr(generated, "COUNTY_LEADS", 3)
    monkeypatch.setattr(generated, "COUNTY_REVIEWS", replace(
        generated.COUNTY_REVIEWS, reviews=4, per_review=(3, 5), largest=8, per_round=2, oldest_months=30,
    ))
    monkeypatch.setattr(generated, "COUNTY_PROGRAMMES", replace(
        generated.COUNTY_PROGRAMMES, programmes=1, projects=2, readings=6, milestones=2, rounds=2,
    ))
    monkeypatch.setattr(generated, "ORDINARY_REVIEWS", replace(generated.ORDINARY_REVIEWS, reviews=2, oldest_months=9))


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_county_scale_is_made_through_the_operations_and_keeps_every_rule(tiny, db):
    out = load("--scale", "county", "--councils", "3")
    county = Organisation.objects.get(slug="exampleton")
    assert "grown to county scale" in out and "1 further councils of ordinary size loaded" in out
    assert Organisation.objects.count() == 3
    generated_reviews = Review.objects.filter(organisation=county, title__startswith="Review of ")
    assert generated_reviews.count() == 4
    assert Recommendation.objects.filter(review__in=generated_reviews).count() >= 8 + 3 * 3
    published = ReportingRound.objects.filter(organisation=county, state="published").with_content()
    assert published.count() > 10 and all(matches(round_) for round_ in published)
    # Every update in a published round was accepted and has its own sealed event; slipped ones revised their steps.
    assert not ProgressUpdate.objects.filter(round__state="published").exclude(state="accepted").exists()
    recorded = AuditEvent.objects.filter(action="progress_update.recorded", organisation=county)
    assert recorded.count() == ProgressUpdate.objects.filter(
        round__state="published", recommendation__review__in=generated_reviews
    ).count()
    assert all(event.seal_holds() for event in recorded)
    assert TargetRevision.objects.filter(organisation=county, progress_update__isnull=False).exists()
    assert Recommendation.objects.filter(review__in=generated_reviews, state="closed").exists()
    assert not verify().problems


def test_loading_again_creates_nothing(tiny, db):
    load("--scale", "county", "--councils", "3")
    before = (AuditEvent.objects.count(), Organisation.objects.count(), ProgressUpdate.objects.count())
    out = load("--scale", "county", "--councils", "3")
    assert "already at county scale" in out
    assert (AuditEvent.objects.count(), Organisation.objects.count(), ProgressUpdate.objects.count()) == before


def test_fewer_than_two_councils_is_refused(db):
    with pytest.raises(CommandError, match="at least 2"):
        load("--councils", "1")
    assert not Organisation.objects.exists()


def test_each_reviews_previous_round_is_found_for_many_reviews_at_once_as_for_one(tiny, db):
    """Papers and public pages compare a round with the last one published before it on each review, found for all
    its reviews in one go: the same rounds as asking, review by review, the plain question."""
    from cairn.reports.changes import previous_rounds

    load("--scale", "county", "--councils", "2")
    county = Organisation.objects.get(slug="exampleton")
    rounds = ReportingRound.objects.filter(organisation=county, state="published", kind="review")
    review_ids = list(Review.objects.filter(organisation=county).values_list("pk", flat=True))
    compared = 0
    for round_ in rounds:
        expected = {}
        for review_id in review_ids:
            earlier = (
                rounds.filter(published_at__lt=round_.published_at, updates__recommendation__review_id=review_id)
                .exclude(pk=round_.pk).distinct().order_by("-published_at", "-pk").first()
            )
            if earlier is not None:
                expected[review_id] = earlier
        assert previous_rounds(round_, review_ids=review_ids) == expected
        compared += len(expected)
    assert compared > 10 and len({r.pk for r in rounds}) > 5
