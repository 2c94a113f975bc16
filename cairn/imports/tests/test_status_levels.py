"""Confirming what a paper's status words mean on the council's assessment scale: the words kept as written, a level
set on import only from a confirmed word, the confirmation remembered for the council's next papers."""

from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.imports import operations
from cairn.imports.models import ImportBatch, StatusWord
from cairn.reviews.models import ProgressUpdate

# A tracker with its progress as at a date and a status column in the council's own words.
TRACKER = (
    b"No,Recommendation,Lead,Target Date,Progress as at 01/11/2026,Status\n"
    b"1,Recruit more foster carers,Head of Fostering,March 2027,Advert placed,Actioned\n"
    b"2,Open a family hub,Director of Housing,June 2027,Site not yet found,To be renegotiated\n"
    b"3,Review the placement budget,Finance Director,April 2027,Work not started,Pending\n"
)
NEXT = (
    b"No,Recommendation,Lead,Target Date,Progress as at 01/05/2027,Status\n"
    b"1,Train foster carers,Head of Fostering,May 2027,Training held,Actioned\n"
)


def upload(client, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]}, follow=True)


def confirm(client, batch: ImportBatch, *codes: str):
    """Post the check page's status words form: each word's level code, in the order the page lists them."""
    data = {f"word_{index}": code for index, code in enumerate(codes)}
    return client.post(reverse("imports:batch_status_levels", args=[batch.pk]), data, follow=True)


def levels_after_import(batch: ImportBatch, council) -> dict[str, tuple[str, str | None]]:
    operations.apply_import(batch, by=council.officer)
    updates = ProgressUpdate.objects.filter(recommendation__review__organisation=council.org, round__imported_from=batch.source_name)
    return {u.recommendation.number: (u.status_text, u.level.code if u.level else None) for u in updates}


def test_the_check_page_offers_each_word_with_cairns_reading_to_confirm(officer_client, council):
    html = unescape(" ".join(upload(officer_client, "tracker.csv", TRACKER).content.decode().split()))
    assert "Status words" in html and "Confirm these levels" in html
    assert 'Level for “Actioned”' in html and "Cairn's reading: Complete, not yet confirmed" in html
    # Cairn's reading is chosen at first: "Actioned" is the council's level 1, "To be renegotiated" its level 3.
    batch = ImportBatch.objects.get(organisation=council.org)
    rows = {row.split('"')[0]: row for row in html.split('id="id_word_')[1:]}
    assert '<option value="1" selected>1 Fully achieved</option>' in rows["0"]
    assert '<option value="3" selected>3 Slipped</option>' in rows["1"]
    assert batch.status_levels == {}


def test_unconfirmed_words_set_no_level_but_are_kept(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    assert levels_after_import(batch, council) == {
        "1": ("Actioned", None), "2": ("To be renegotiated", None), "3": ("Pending", None)
    }


def test_confirmed_words_set_each_updates_level_and_are_audited(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    # Listed as used (one each, in the paper's order): Actioned, To be renegotiated, Pending.
    response = confirm(officer_client, batch, "1", "4", "")
    assert "Status words confirmed" in response.content.decode()
    batch.refresh_from_db()
    assert batch.status_levels == {"Actioned": "1", "To be renegotiated": "4", "Pending": None}
    event = AuditEvent.objects.get(action="import.status_levels_confirmed")
    assert event.before == {"status_levels": {}} and event.after["status_levels"]["To be renegotiated"] == "4"
    remembered = {s.written: s.level.code if s.level else None for s in StatusWord.objects.filter(organisation=council.org)}
    assert remembered == {"Actioned": "1", "To be renegotiated": "4", "Pending": None}
    assert levels_after_import(batch, council) == {
        "1": ("Actioned", "1"), "2": ("To be renegotiated", "4"), "3": ("Pending", None)
    }


def test_the_councils_next_paper_uses_the_words_as_confirmed(officer_client, council, other_council):
    upload(officer_client, "tracker.csv", TRACKER)
    confirm(officer_client, ImportBatch.objects.get(organisation=council.org), "1", "4", "")
    html = unescape(" ".join(upload(officer_client, "tracker-2027.csv", NEXT).content.decode().split()))
    assert "As your council confirmed before" in html
    following = ImportBatch.objects.get(source_name="tracker-2027.csv")
    assert levels_after_import(following, council) == {"1": ("Actioned", "1")}
    # Another council's paper with the same word is not read by this council's confirmation.
    theirs = operations.stage_import(other_council.org, by=other_council.officer, name="t.csv", data=NEXT)
    assert levels_after_import(theirs, other_council) == {"1": ("Actioned", None)}


def test_a_level_not_on_the_scale_is_refused_and_changes_nothing(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    html = unescape(confirm(officer_client, batch, "1", "9", "").content.decode())
    assert "Choose a level of your council's scale for “To be renegotiated”" in html
    batch.refresh_from_db()
    assert batch.status_levels == {} and not StatusWord.objects.exists()
    assert not AuditEvent.objects.filter(action="import.status_levels_confirmed").exists()
    with pytest.raises(ValidationError, match="does not use the status Done and dusted"):
        operations.confirm_status_levels(batch, by=council.officer, levels={"Done and dusted": "1"})


def test_another_councils_officer_cannot_confirm_its_words(other_council_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="tracker.csv", data=TRACKER)
    response = other_council_client.post(reverse("imports:batch_status_levels", args=[batch.pk]), {"word_0": "1"})
    assert response.status_code == 404 and not StatusWord.objects.exists()


def test_a_lead_officer_cannot_confirm_the_words(lead_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="tracker.csv", data=TRACKER)
    response = lead_client.post(reverse("imports:batch_status_levels", args=[batch.pk]), {"word_0": "1"})
    assert response.status_code == 403 and not StatusWord.objects.exists()
