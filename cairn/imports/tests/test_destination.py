"""Choosing the review (or programme) a staged paper joins: the title rule, the operation, the check page, the command."""

import io
import json
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from markupsafe import escape as markup

from cairn.audit.models import AuditEvent
from cairn.imports import operations
from cairn.imports.destinations import close_titles, closeness, destination, significant_words
from cairn.imports.models import ImportBatch
from cairn.imports.records import preview_import, review_title
from cairn.programmes import operations as programmes
from cairn.programmes.models import BudgetLine, Programme
from cairn.reviews import operations as reviews
from cairn.reviews.models import CommitteePaper, Recommendation, Review

from .conftest import seed

GATEWAY = "ACTION PLAN FOR AGREED RECOMMENDATIONS – EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE"  # seed 002
PRESENTATION = "EIT Review of Children's Social Care"  # seed 004


def document(family: str, title: str | None, **parts) -> dict:
    return {
        "format": "cairn-extract/1", "source": {"name": f"{family}.json", "sha256": ""},
        "document": {"family": family, "title": title, "organisation": None, "committee": None, "meeting_date": None,
                     "as_at": None},
        "recommendations": [], "projects": [], "figures": [], "budget_lines": [], "warnings": [],
    } | parts


RECOMMENDATION = {
    "number": "12", "objective": None, "text": "Recruit foster carers", "steps": [], "lead": None,
    "finance_manager": None, "saving": None, "progress": None,
}
PROJECT = {
    "number": "9", "name": "Fostering recruitment", "rag": "A", "risk_area": None, "objective": None, "budget": None,
    "timeline": {}, "milestones": [], "metrics": [], "progress_points": [], "risks": [],
}


def stage(organisation, extraction: dict, *, by=None, name: str = "paper.json") -> ImportBatch:
    return operations.stage_import(organisation, by=by, name=name, data=json.dumps(extraction).encode())


def plan(title: str | None = GATEWAY) -> dict:
    """An action plan with one recommendation."""
    return document("action_plan", title, recommendations=[RECOMMENDATION])


def report(title: str = "Children in care sustainability programme") -> dict:
    """A highlight report with one project."""
    return document("highlight_report", title, projects=[PROJECT])


def events(action: str = "import.destination_chosen"):
    return AuditEvent.objects.filter(action=action)


def page(response) -> str:
    return response.content.decode()


def escape(text: str) -> str:
    """Text as the page writes it."""
    return str(markup(text))


# The title rule ------------------------------------------------------------------------------------------------------


def test_the_words_that_say_what_a_review_is_about():
    assert significant_words(review_title(GATEWAY, "plan.txt")) == {"children", "social", "care"}
    assert significant_words(GATEWAY) == {"children", "social", "care"}
    assert significant_words("Progress Update – EIT Review of Child Placements") == {"child", "placement"}
    assert significant_words("EIT Gateway Review") == set()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (review_title(GATEWAY, "002.txt"), review_title(PRESENTATION, "004.txt")),
        (GATEWAY, PRESENTATION),
        ("Review of Placements", "placement review"),
        ("Looked After Children (LAC) population 7 sustainability projects",
         "Looked After Children population: 7 sustainability projects"),
        ("Efficiency, Improvement and Transformation Review of Libraries", "EIT Review of Libraries"),
    ],
)
def test_titles_naming_one_review_differently_are_close(first, second):
    assert close_titles(first, second) and close_titles(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("EIT Review of Child Placements", PRESENTATION),
        ("EIT Review of Adult Social Care", PRESENTATION),
        ("Review of Social Care", PRESENTATION),  # two words in three: not enough to suggest
        ("Phase 2 programme", "Phase 3 programme"),
        ("EIT Review", "Gateway Review"),  # nothing left to compare
        ("", PRESENTATION),
    ],
)
def test_unrelated_titles_are_not_close(first, second):
    assert not close_titles(first, second)


def test_closeness_is_the_share_of_significant_words_in_common():
    assert closeness(GATEWAY, PRESENTATION) == 1.0
    assert closeness("Adult Social Care", "Children's Social Care") == 0.5
    assert closeness("EIT Review", PRESENTATION) == 0.0


def held(*titles: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(pk=number, title=title) for number, title in enumerate(titles, 1)]


def test_a_close_title_is_suggested_but_not_joined_until_chosen():
    reviews_held = held("EIT Review of Child Placements", "EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE")
    place = destination("review", PRESENTATION, reviews_held)
    assert (place.exact, place.close) == (None, reviews_held[1])
    assert place.selected == place.featured == reviews_held[1]
    assert place.joins is None and place.offers_new
    chosen = destination("review", PRESENTATION, reviews_held, chosen=reviews_held[1], decided=True)
    assert chosen.joins == chosen.selected == reviews_held[1]
    declined = destination("review", PRESENTATION, reviews_held, decided=True)
    assert declined.joins is None and declined.selected is None and declined.featured == reviews_held[1]


def test_the_same_title_is_joined_without_asking_and_no_new_review_is_offered():
    reviews_held = held("EIT Review of Children’s Social Care", "Children's social care")
    place = destination("review", PRESENTATION, reviews_held)
    assert place.exact == place.joins == place.selected == reviews_held[0]
    assert not place.offers_new


def test_the_closest_title_is_suggested_and_unrelated_ones_never_are():
    reviews_held = held("Children's Social Care Services and Safeguarding", "Review of Children's Social Care Services",
                        "EIT Review of Child Placements")
    assert destination("review", PRESENTATION, reviews_held).close == reviews_held[1]
    assert destination("review", "EIT Review of Libraries", reviews_held).suggested is None


# The operation -------------------------------------------------------------------------------------------------------


def test_choosing_a_review_saves_it_on_the_batch_with_one_audit_event(council):
    batch = stage(council.org, plan(), by=council.officer)
    before = AuditEvent.objects.count()
    batch = operations.choose_destination(batch, by=council.officer, review=council.review)
    assert AuditEvent.objects.count() == before + 1
    batch.refresh_from_db()
    assert (batch.review, batch.programme, batch.destination_chosen) == (council.review, None, True)
    event = events().get()
    assert event.actor == council.officer and event.target_id == str(batch.pk)
    assert event.before == {"destination_chosen": False, "review_id": None, "review": None, "programme_id": None,
                            "programme": None}
    assert event.after == event.before | {"destination_chosen": True, "review_id": council.review.pk,
                                          "review": council.review.title}


def test_choosing_a_new_review_is_recorded_too(council):
    batch = operations.choose_destination(stage(council.org, plan()), by=council.officer)
    assert batch.destination_chosen and batch.review is None
    assert events().get().after["destination_chosen"] is True


def test_choosing_a_programme_for_a_highlight_report(council):
    batch = operations.choose_destination(stage(council.org, report()), by=council.officer, programme=council.programme)
    batch.refresh_from_db()
    assert batch.programme == council.programme and batch.review is None
    assert events().get().after["programme"] == council.programme.name


def refused(batch, message: str, **choice) -> None:
    """The choice is refused with the message, and neither the batch nor the audit trail changes."""
    batch.refresh_from_db()
    was = (batch.review_id, batch.programme_id, batch.destination_chosen, batch.updated_at)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        operations.choose_destination(batch, by=None, **choice)
    assert message in " ".join(caught.value.messages)
    batch.refresh_from_db()
    assert (batch.review_id, batch.programme_id, batch.destination_chosen, batch.updated_at) == was
    assert AuditEvent.objects.count() == count


def test_the_review_of_an_applied_file_cannot_be_chosen(council):
    batch = operations.apply_import(stage(council.org, plan()), by=None)
    refused(batch, "can only be chosen for a staged file; paper.json is applied", review=council.review)


def test_the_review_of_a_discarded_file_cannot_be_chosen(council):
    batch = operations.discard_import(stage(council.org, plan()), by=None)
    refused(batch, "paper.json is discarded", review=council.review)


def test_another_councils_review_or_programme_is_refused(council, other_council):
    batch = stage(council.org, plan())
    refused(batch, "Choose one of your council's own reviews", review=other_council.review)
    refused(stage(council.org, report()), "Choose one of your council's own programmes", programme=other_council.programme)


def test_a_review_for_a_highlight_report_and_a_programme_for_an_action_plan_are_refused(council):
    refused(stage(council.org, report()), "has no recommendations, figures, budget lines, key questions or next steps",
            review=council.review)
    refused(stage(council.org, plan()), "has no projects to add to a programme", programme=council.programme)


def test_choosing_what_is_already_chosen_changes_nothing(council):
    batch = operations.choose_destination(stage(council.org, plan()), by=None, review=council.review)
    refused(batch, "Nothing was changed", review=council.review)


def test_a_file_staged_again_after_discarding_is_checked_afresh(council):
    data = json.dumps(plan()).encode()
    batch = operations.stage_import(council.org, by=None, name="paper.json", data=data)
    operations.discard_import(operations.choose_destination(batch, by=None, review=council.review), by=None)
    again = operations.stage_import(council.org, by=None, name="paper.json", data=data)
    assert again.pk == batch.pk
    assert (again.review, again.destination_chosen) == (None, False)


# Applying and previewing ---------------------------------------------------------------------------------------------


def test_applying_adds_to_the_chosen_review_and_creates_no_other(council):
    reviews_before = Review.objects.count()
    batch = operations.choose_destination(stage(council.org, plan()), by=None, review=council.review)
    preview = preview_import(council.org, batch.extraction, by=None, source=batch.source_name, review=council.review)
    assert "reviews" not in preview.counts and preview.reviews == [council.review]
    assert preview.was_held(council.review)
    batch = operations.apply_import(batch, by=None)
    assert Review.objects.count() == reviews_before
    assert council.review.recommendations.filter(text="Recruit foster carers").exists()
    assert batch.created_records["reviews"] == [council.review.pk]
    assert batch.created_records["counts"] == dict(preview.counts)


def test_applying_adds_a_highlight_reports_projects_to_the_chosen_programme(council):
    batch = stage(council.org, report("July 2020 highlight report"))
    batch = operations.apply_import(operations.choose_destination(batch, by=None, programme=council.programme), by=None)
    assert council.programme.projects.filter(number="9", name="Fostering recruitment").exists()
    assert Programme.objects.for_organisation(council.org).count() == 1
    assert batch.created_records["programmes"] == [council.programme.pk]


def test_a_close_title_alone_joins_nothing(council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    batch = operations.apply_import(stage(council.org, plan(PRESENTATION)), by=None)
    new = Review.objects.get(pk=batch.created_records["reviews"][0])
    assert new != gateway and new.title == PRESENTATION
    assert not gateway.recommendations.exists()


def test_the_same_title_is_still_joined_without_a_choice(council):
    batch = operations.apply_import(stage(council.org, plan(council.review.title.upper())), by=None)
    assert batch.created_records["reviews"] == [council.review.pk]


def test_a_review_of_another_council_is_never_written_to(council, other_council):
    batch = stage(council.org, plan())
    with pytest.raises(ValidationError, match="another council's"):
        preview_import(council.org, batch.extraction, by=None, source="paper.json", review=other_council.review)
    assert not other_council.review.recommendations.filter(text="Recruit foster carers").exists()


# The check page ------------------------------------------------------------------------------------------------------


def upload(client, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]}, follow=True)


def choose(client, batch, **data):
    return client.post(reverse("imports:batch_destination", args=[batch.pk]), data, follow=True)


def test_a_presentation_about_a_review_already_imported_joins_it_once_the_officer_confirms(officer_client, council):
    upload(officer_client, *seed("002"))
    first = ImportBatch.objects.get(organisation=council.org)
    officer_client.post(reverse("imports:batch_apply", args=[first.pk]))
    gateway = Review.objects.get(pk=ImportBatch.objects.get(pk=first.pk).created_records["reviews"][0])
    assert gateway.title == "EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE"

    html = page(upload(officer_client, *seed("004")))
    batch = ImportBatch.objects.exclude(pk=first.pk).get(organisation=council.org)
    assert "Which review is this paper about?" in html
    assert escape(f"A new review called “{PRESENTATION}”") in html
    assert escape(f"Cairn thinks this is the same review as “{gateway.title}” — check") in html
    assert f'value="{gateway.pk}" checked' in html  # suggested, so what importing would create is shown with it
    assert escape(f"{gateway.title} (already in Cairn: the paper's records are added to it)") in html
    assert escape(PRESENTATION) + "</li>" not in html

    html = page(choose(officer_client, batch, review=str(gateway.pk)))
    assert escape(f"Saved: when you import this paper, its records will be added to “{gateway.title}”.") in html
    assert "Cairn thinks" not in html and "Already in Cairn: your choice" in html
    assert f'value="{gateway.pk}" checked' in html
    assert escape(f"{gateway.title} (already in Cairn: the paper's records are added to it)") in html
    assert "1 review," not in html
    assert events().get().after["review_id"] == gateway.pk

    reviews_before = Review.objects.count()
    officer_client.post(reverse("imports:batch_apply", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED and batch.created_records["reviews"] == [gateway.pk]
    assert Review.objects.count() == reviews_before
    assert not Review.objects.filter(title=PRESENTATION).exists()
    assert BudgetLine.objects.get(name="Independent fostering agency budget").review == gateway
    assert CommitteePaper.objects.filter(review=gateway).count() == 2


def apply(client, batch, **data):
    return client.post(reverse("imports:batch_apply", args=[batch.pk]), data, follow=True)


def test_the_review_chosen_on_screen_is_the_one_confirm_and_import_adds_to(officer_client, council):
    upload(officer_client, *seed("002"))
    first = ImportBatch.objects.get(organisation=council.org)
    officer_client.post(reverse("imports:batch_apply", args=[first.pk]))
    gateway = Review.objects.get(pk=ImportBatch.objects.get(pk=first.pk).created_records["reviews"][0])
    upload(officer_client, *seed("004"))
    batch = ImportBatch.objects.exclude(pk=first.pk).get(organisation=council.org)
    reviews_before = Review.objects.count()

    # The suggested review is chosen, and "Confirm and import" pressed without "Confirm the review".
    html = page(apply(officer_client, batch, review=str(gateway.pk)))
    assert f"{batch.source_name} has been imported" in html
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED and batch.created_records["reviews"] == [gateway.pk]
    assert Review.objects.count() == reviews_before
    assert not Review.objects.filter(title=PRESENTATION).exists()
    assert BudgetLine.objects.get(name="Independent fostering agency budget").review == gateway
    assert events().get().after["review_id"] == gateway.pk  # the choice is saved, as "Confirm the review" would


def test_the_answers_belong_to_the_form_confirm_and_import_submits(officer_client, council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    batch = stage(council.org, plan(PRESENTATION))
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    apply_url, choose_url = (reverse(f"imports:{name}", args=[batch.pk]) for name in ("batch_apply", "batch_destination"))
    assert f'<form id="import-paper" method="post" action="{apply_url}"' in html
    for value in ("new", gateway.pk, council.review.pk):
        assert f'name="review" type="radio" value="{value}"' in html
    assert html.count('type="radio"') == html.count('form="import-paper"') - 1  # and the "Confirm the review" button
    assert f'form="import-paper" formaction="{choose_url}"' in html
    assert f' action="{choose_url}"' not in html  # no form of its own that would leave "Confirm and import" without them


def test_an_unconfirmed_suggestion_is_not_imported_into_a_new_review_without_an_answer(officer_client, council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    batch = stage(council.org, plan(PRESENTATION))
    reviews_before = Review.objects.count()
    html = page(apply(officer_client, batch))
    assert "Choose which review this paper is about, then import it." in html
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.STAGED and Review.objects.count() == reviews_before
    assert not gateway.recommendations.exists() and not events().exists()


def test_answering_a_new_review_when_importing_turns_the_suggestion_down(officer_client, council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    batch = stage(council.org, plan(PRESENTATION))
    apply(officer_client, batch, review="new")
    batch.refresh_from_db()
    new = Review.objects.get(organisation=council.org, title=PRESENTATION)
    assert batch.created_records["reviews"] == [new.pk] and not gateway.recommendations.exists()
    assert events().get().after == {"destination_chosen": True, "review_id": None, "review": None,
                                    "programme_id": None, "programme": None}


def test_an_answer_that_changes_a_saved_choice_is_saved_then_imported_into(officer_client, council):
    libraries = reviews.create_review(council.org, by=None, kind="scrutiny", title="Scrutiny review of libraries")
    batch = operations.choose_destination(stage(council.org, plan(PRESENTATION)), by=None, review=council.review)
    apply(officer_client, batch, review=str(libraries.pk))
    batch.refresh_from_db()
    assert batch.review == libraries and batch.created_records["reviews"] == [libraries.pk]
    assert libraries.recommendations.filter(text="Recruit foster carers").exists()
    assert events().count() == 2


def test_an_answer_the_same_as_the_saved_choice_is_not_recorded_again(officer_client, council):
    batch = operations.choose_destination(stage(council.org, plan(PRESENTATION)), by=None, review=council.review)
    apply(officer_client, batch, review=str(council.review.pk))
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED and batch.created_records["reviews"] == [council.review.pk]
    assert events().count() == 1


def test_an_answer_of_another_councils_review_is_refused_and_nothing_is_imported(officer_client, council, other_council):
    batch = stage(council.org, plan(PRESENTATION))
    html = page(apply(officer_client, batch, review=str(other_council.review.pk)))
    assert "Choose which review this paper is about" in html
    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.STAGED and batch.review is None and not events().exists()
    assert not other_council.review.recommendations.filter(text="Recruit foster carers").exists()


def test_a_highlight_reports_programme_chosen_on_screen_is_the_one_imported_into(officer_client, council):
    batch = stage(council.org, report("Children in care: sustainability projects"))
    assert "Choose which programme" in page(apply(officer_client, batch))  # a close name: an answer is needed
    apply(officer_client, batch, programme=str(council.programme.pk))
    batch.refresh_from_db()
    assert batch.created_records["programmes"] == [council.programme.pk]
    assert Programme.objects.for_organisation(council.org).count() == 1


def test_a_paper_already_in_the_chosen_review_has_nothing_to_import(officer_client, council):
    operations.apply_import(operations.choose_destination(stage(council.org, plan()), by=None, review=council.review),
                            by=None)
    batch = stage(council.org, plan(PRESENTATION))  # the same recommendation, in another paper
    batch = operations.choose_destination(batch, by=None, review=council.review)
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    assert "Cairn found nothing to import in this file: everything in it is already in Cairn." in html
    assert "Confirm and import" not in html and "Confirm the review" in html  # another review can still be chosen
    # Posted all the same (from a page shown before the first paper was imported), it creates nothing new.
    recommendations = Recommendation.objects.count()
    html = page(apply(officer_client, batch, review=str(council.review.pk)))
    assert escape(f"{batch.source_name} has been imported. Everything in it was already in Cairn, so nothing new "
                  "was created.") in html
    assert "imported: nothing" not in html and Recommendation.objects.count() == recommendations


def test_the_officer_can_turn_down_the_suggestion(officer_client, council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    batch = stage(council.org, plan(PRESENTATION))
    html = page(choose(officer_client, batch, review="new"))
    assert escape(f"its records will be put in a new review called “{PRESENTATION}”") in html
    assert 'value="new" checked' in html and "Cairn thinks" not in html
    assert "1 review," in html
    operations.apply_import(batch, by=None)
    assert not gateway.recommendations.exists()
    assert Review.objects.filter(organisation=council.org, title=PRESENTATION).count() == 1


def test_any_of_the_councils_reviews_can_be_chosen(officer_client, council):
    gateway = reviews.create_review(council.org, by=None, kind="gateway", title=review_title(GATEWAY, "002.txt"))
    libraries = reviews.create_review(council.org, by=None, kind="scrutiny", title="Scrutiny review of libraries")
    batch = stage(council.org, plan(PRESENTATION))
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    # A new review, then the one suggested, then the rest in order of title.
    order = [html.index(f'value="{value}"') for value in ("new", gateway.pk, council.review.pk, libraries.pk)]
    assert order == sorted(order)
    html = page(choose(officer_client, batch, review=str(libraries.pk)))
    assert escape(f"will be added to “{libraries.title}”") in html
    assert "Already in Cairn: your choice" in html
    batch.refresh_from_db()
    assert batch.review == libraries


def test_choosing_nothing_is_refused(officer_client, council):
    batch = stage(council.org, plan(PRESENTATION))
    assert "Choose which review this paper is about" in page(choose(officer_client, batch))
    batch.refresh_from_db()
    assert not batch.destination_chosen and not events().exists()


def test_another_councils_review_is_not_offered_and_cannot_be_posted(officer_client, council, other_council):
    batch = stage(council.org, plan(PRESENTATION))
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    assert escape(other_council.review.title) not in html
    html = page(choose(officer_client, batch, review=str(other_council.review.pk)))
    assert "Choose which review this paper is about" in html
    batch.refresh_from_db()
    assert batch.review is None and not events().exists()


def test_a_highlight_report_asks_which_programme(officer_client, council):
    batch = stage(council.org, report("Children in care: sustainability projects"))
    html = page(officer_client.get(reverse("imports:batch_preview", args=[batch.pk])))
    assert "Which programme is this paper about?" in html and "Which review" not in html
    assert escape(f"Cairn thinks this is the same programme as “{council.programme.name}” — check") in html
    html = page(choose(officer_client, batch, programme=str(council.programme.pk)))
    assert escape(f"{council.programme.name} (already in Cairn: the report's projects are added to it)") in html
    batch.refresh_from_db()
    assert batch.programme == council.programme


def test_an_applied_file_keeps_where_it_went(officer_client, council):
    batch = operations.apply_import(stage(council.org, plan()), by=None)
    html = page(choose(officer_client, batch, review=str(council.review.pk)))
    assert "can only be chosen for a staged file" in html
    batch.refresh_from_db()
    assert batch.review is None and not events().exists()


def test_with_no_reviews_to_join_the_page_says_a_new_one_is_made(organisation, officer):
    client = Client()
    client.force_login(officer)
    batch = stage(organisation, plan())
    html = page(client.get(reverse("imports:batch_preview", args=[batch.pk])))
    assert escape("A new review called “EIT GATEWAY REVIEW OF CHILDREN’S SOCIAL CARE”: there are no reviews") in html
    assert reverse("imports:batch_destination", args=[batch.pk]) not in html


# The command ---------------------------------------------------------------------------------------------------------


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def written(tmp_path, prefix: str):
    name, data = seed(prefix)
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_review_adds_a_paper_to_a_review_the_council_has(tmp_path, organisation, officer):
    run("import", str(written(tmp_path, "002")), "--organisation", "stockton", "--yes")
    gateway = Review.objects.get()
    out, _ = run("import", str(written(tmp_path, "004")), "--organisation", "stockton", "--review", str(gateway.pk),
                 "--user", "scrutiny")
    assert f"Review: {gateway.title} (already in Cairn)" in out and "1 review" not in out
    assert Review.objects.count() == 1
    batch = ImportBatch.objects.get(state="staged")
    assert batch.review == gateway and events().get().actor == officer

    out, _ = run("import", str(written(tmp_path, "004")), "--organisation", "stockton", "--review", str(gateway.pk),
                 "--yes", "--json")
    assert json.loads(out)["created"]["reviews"] == [gateway.pk]
    assert Review.objects.count() == 1 and events().count() == 1  # the same choice again is not recorded twice
    assert BudgetLine.objects.filter(review=gateway).exists()


def test_import_programme_adds_a_highlight_reports_projects_to_a_programme(tmp_path, organisation):
    programme = programmes.create_programme(organisation, by=None, name="LAC sustainability")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report("July 2020")))
    run("import", str(path), "--organisation", "stockton", "--programme", str(programme.pk), "--yes")
    assert Programme.objects.count() == 1
    assert programme.projects.get().name == "Fostering recruitment"


def test_import_refuses_a_review_of_another_council(tmp_path, organisation):
    from cairn.accounts import operations as accounts

    other = accounts.create_organisation(by=None, name="Otherton", slug="otherton")
    theirs = reviews.create_review(other, by=None, kind="scrutiny", title="Their review")
    with pytest.raises(CommandError, match=f"has no review with the id {theirs.pk}"):
        run("import", str(written(tmp_path, "004")), "--organisation", "stockton", "--review", str(theirs.pk))
    with pytest.raises(CommandError, match="has no programme with the id 999999"):
        run("import", str(written(tmp_path, "004")), "--organisation", "stockton", "--programme", "999999")
    assert not ImportBatch.objects.exists()


def test_import_review_with_a_highlight_report_is_refused_for_that_file(tmp_path, organisation):
    review = reviews.create_review(organisation, by=None, kind="scrutiny", title="Looked after children")
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report("July 2020")))
    with pytest.raises(CommandError, match="1 of 1 files could not be imported"):
        out, err = io.StringIO(), io.StringIO()
        call_command("import", str(path), "--organisation", "stockton", "--review", str(review.pk), "--yes",
                     stdout=out, stderr=err)
    assert ("report.json has no recommendations, figures, budget lines, key questions or next steps to add to a "
            "review") in err.getvalue()
    assert not Programme.objects.exists() and not Recommendation.objects.exists()
