"""A past paper's progress becomes a round as the committee saw it: accepted, published, marked as imported, never
imported twice; and a paper that joins a review already held says what it does with recommendations held."""

import contextlib

from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cairn.imports import operations as imports
from cairn.imports.records import preview_import
from cairn.reviews import operations as reviews
from cairn.reviews.models import Action, AssessmentLevel, ProgressUpdate, ReportingRound, Review

from .conftest import seed


def stage(organisation, officer, name: str, data: bytes):
    return imports.stage_import(organisation, by=officer, name=name, data=data)


def test_an_imported_round_is_accepted_published_and_says_where_it_came_from(organisation, officer):
    name, data = seed("000")
    imports.apply_import(stage(organisation, officer, name, data), by=officer)
    round_ = ReportingRound.objects.get(organisation=organisation)
    assert round_.imported_from == name and round_.is_published
    states = set(ProgressUpdate.objects.filter(round=round_).values_list("state", flat=True))
    assert states == {ProgressUpdate.State.ACCEPTED}

    client = Client()
    client.force_login(officer)
    page = client.get(reverse("rounds:round_detail", args=[round_.pk])).content.decode()
    assert f"This round was read from a past paper, {name}" in page
    assert "Record sign-off" not in page and "no lead officer linked" not in page and "Deadline for updates" not in page


def test_the_same_paper_saved_again_does_not_publish_its_progress_twice(organisation, officer):
    name, data = seed("000")
    imports.apply_import(stage(organisation, officer, name, data), by=officer)
    again = stage(organisation, officer, "resaved.txt", data + b"\n\n")  # other bytes, same paper
    preview = preview_import(organisation, again.extraction, by=officer, source="resaved.txt")
    assert any("is already held for this review" in note and "it was not imported again" in note for note in preview.notes)
    with contextlib.suppress(ValidationError):  # with nothing new in it, the file may be refused as a whole
        imports.apply_import(again, by=officer)
    assert ReportingRound.objects.filter(organisation=organisation).count() == 1
    assert Review.objects.filter(organisation=organisation).count() == 1


def test_joining_a_review_says_which_recommendations_are_held_and_which_differ(organisation, officer):
    name, data = seed("000")
    batch = stage(organisation, officer, name, data)
    first, second = batch.extraction["recommendations"][:2]
    review = reviews.create_review(organisation, by=officer, title="Placements", kind="efficiency")
    reviews.create_recommendation(review, by=officer, number=first["number"], text=first["text"].upper() + " ")
    reviews.create_recommendation(review, by=officer, number=second["number"], text="Something else entirely.")
    imports.choose_destination(batch, by=officer, review=review)
    batch.refresh_from_db()
    preview = preview_import(organisation, batch.extraction, by=officer, source=name, review=review)
    held = next(note for note in preview.notes if "is already in “Placements”" in note)
    assert held.startswith(f"Recommendation {first['number']} is already in") and "are not applied" in held
    assert any(
        note.startswith(f"Recommendation {second['number']} in “Placements” has other words") for note in preview.notes
    )


def test_steps_of_a_recommendation_fully_achieved_are_complete_as_at_the_paper(organisation, officer):
    name, data = seed("000")
    batch = stage(organisation, officer, name, data)
    batch.extraction["recommendations"][0]["progress"]["category"] = 1  # as if the paper said "1 Fully achieved"
    batch.save(update_fields=["extraction"])
    imports.apply_import(batch, by=officer)
    round_ = ReportingRound.objects.get(organisation=organisation)
    achieved = ProgressUpdate.objects.filter(round=round_, level__meaning=AssessmentLevel.Meaning.COMPLETE)
    assert achieved.exists()
    for update in achieved:
        assert {action.completed_on for action in update.recommendation.actions.all()} == {round_.as_at_on}
    others = ProgressUpdate.objects.filter(round=round_).exclude(pk__in=achieved.values("pk"))
    assert not Action.objects.filter(recommendation__updates__in=others, completed_on__isnull=False).exists()
