"""Choosing what the columns of a paper's table hold, in the browser: the file read again with the choice, the choice
remembered for the council's next paper of the same shape, bad choices refused with nothing changed."""

from html import unescape

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cairn.audit.models import AuditEvent
from cairn.imports import operations
from cairn.imports.mappings import FIELD_NAMES, shape_of
from cairn.imports.parsers import FIELDS, IGNORE
from cairn.imports.models import ColumnMapping, ImportBatch

# "Champion" is a heading nobody listed: Cairn cannot tell it holds the lead officer.
TRACKER = (
    b"No,Recommendation,Champion,Deadline\n"
    b"1,Recruit more foster carers,Head of Fostering,March 2027\n"
    b"2,Open a family hub in each locality,Director of Housing,June 2027\n"
)
# The same layout, the next year.
NEXT = (
    b"No,Recommendation,Champion,Deadline\n"
    b"1,Review the placement budget,Finance Director,April 2028\n"
)
# No heading Cairn knows for the recommendation: it reads nothing from the table until told.
UNKNOWN = b"Ref,Proposal,Champion,When by\n1,Recruit more foster carers,Head of Fostering,March 2027\n"


def upload(client, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"files": [SimpleUploadedFile(name, data)]}, follow=True)


def columns_form(batch: ImportBatch, **chosen: str) -> dict:
    """The columns page's answers: each column's field by its heading (Cairn's guess where none is given)."""
    data = {"version": batch.updated_at.isoformat()}
    for index, column in enumerate(batch.columns):
        data[f"column_{index}"] = chosen.get(column["label"], column["field"] or "ignore")
    return data


def test_the_check_page_shows_the_columns_and_says_when_cairn_is_unsure(officer_client, council):
    html = upload(officer_client, "tracker.csv", TRACKER).content.decode()
    batch = ImportBatch.objects.get(organisation=council.org)
    assert [c["label"] for c in batch.columns] == ["No", "Recommendation", "Champion", "Deadline"]
    assert [c["field"] for c in batch.columns] == ["number", "text", None, "due"]
    assert bytes(batch.data) == TRACKER
    assert "Columns of the table" in html and "Cairn is not sure what some columns hold" in html
    assert "Cairn could not tell what this column holds: “Champion”." in html
    assert "Head of Fostering" in html  # the column's value, as an example
    assert reverse("imports:batch_columns", args=[batch.pk]) in html
    page = officer_client.get(reverse("imports:batch_columns", args=[batch.pk])).content.decode()
    assert "Column 3: “Champion”" in page and "For example: “Head of Fostering”." in page
    assert "Cairn's guess: target date." in unescape(page)
    assert "Reason for the assessment" in page and "Date the progress is as at" in page  # offered for each column


def test_choosing_a_column_reads_the_paper_again_and_is_audited(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    assert [r["lead"] for r in batch.extraction["recommendations"]] == [None, None]
    response = officer_client.post(
        reverse("imports:batch_columns", args=[batch.pk]), columns_form(batch, Champion="lead"), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("imports:batch_preview", args=[batch.pk])
    assert "read again with the columns you chose: 2 recommendations" in response.content.decode()
    batch.refresh_from_db()
    assert [r["lead"] for r in batch.extraction["recommendations"]] == ["Head of Fostering", "Director of Housing"]
    assert batch.column_mapping == {"No": "number", "Recommendation": "text", "Champion": "lead", "Deadline": "due"}
    assert [c["field"] for c in batch.columns] == ["number", "text", "lead", "due"]
    remembered = ColumnMapping.objects.get(organisation=council.org)
    assert remembered.shape == shape_of(batch.columns) and remembered.chosen_by == council.officer
    event = AuditEvent.objects.get(action="import.columns_mapped")
    assert event.before["column_mapping"]["Champion"] == "ignore" and event.after["column_mapping"]["Champion"] == "lead"
    assert "No column was read" not in response.content.decode()
    assert "Cairn is not sure" not in response.content.decode()


def test_the_councils_next_paper_of_the_same_shape_is_read_with_the_choice(officer_client, council, other_council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    officer_client.post(reverse("imports:batch_columns", args=[batch.pk]), columns_form(batch, Champion="lead"))
    html = upload(officer_client, "tracker-2028.csv", NEXT).content.decode()
    following = ImportBatch.objects.get(organisation=council.org, source_name="tracker-2028.csv")
    assert following.extraction["recommendations"][0]["lead"] == "Finance Director"
    assert following.remembered_mapping == ColumnMapping.objects.get(organisation=council.org)
    assert "Cairn read the columns as your council chose for a paper whose table has the same headings" in html
    assert "Cairn is not sure" not in html
    # Another council's paper of the same shape is read as its headings say: the choice was this council's.
    theirs = operations.stage_import(other_council.org, by=other_council.officer, name="t.csv", data=NEXT)
    assert theirs.extraction["recommendations"][0]["lead"] is None and theirs.remembered_mapping is None


def test_the_officer_can_change_a_remembered_choice(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    officer_client.post(reverse("imports:batch_columns", args=[batch.pk]), columns_form(batch, Champion="lead"))
    upload(officer_client, "tracker-2028.csv", NEXT)
    following = ImportBatch.objects.get(source_name="tracker-2028.csv")
    officer_client.post(
        reverse("imports:batch_columns", args=[following.pk]), columns_form(following, Champion="finance_manager")
    )
    following.refresh_from_db()
    record = following.extraction["recommendations"][0]
    assert (record["lead"], record["finance_manager"]) == (None, "Finance Director")
    assert following.remembered_mapping is None
    assert ColumnMapping.objects.get(organisation=council.org).mapping["Champion"] == "finance_manager"


def test_a_table_cairn_could_not_read_is_read_once_its_columns_are_chosen(officer_client, council):
    html = upload(officer_client, "proposals.csv", UNKNOWN).content.decode()
    batch = ImportBatch.objects.get(organisation=council.org)
    assert batch.extraction["recommendations"] == [] and batch.family == "unknown"
    assert "Cairn read no recommendations from the table." in html
    officer_client.post(
        reverse("imports:batch_columns", args=[batch.pk]),
        columns_form(batch, Proposal="text", Champion="lead", **{"When by": "due"}),
    )
    batch.refresh_from_db()
    [record] = batch.extraction["recommendations"]
    assert (record["number"], record["text"], record["lead"]) == ("1", "Recruit more foster carers", "Head of Fostering")
    assert record["steps"][0]["due"] == "2027-03-31" and batch.family == "action_plan"


def test_bad_choices_are_refused_and_change_nothing(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = ImportBatch.objects.get(organisation=council.org)
    url = reverse("imports:batch_columns", args=[batch.pk])
    before = (batch.extraction, batch.updated_at)
    twice = officer_client.post(url, columns_form(batch, Champion="due")).content.decode()
    assert "Only one column can hold the target date" in twice and "There is a problem" in twice
    none = officer_client.post(url, columns_form(batch, Recommendation="ignore")).content.decode()
    assert "Choose the column that holds the recommendations (or their actions)." in none
    made_up = officer_client.post(url, columns_form(batch, Champion="salary")).content.decode()
    assert "Choose what column 3 holds from the list" in made_up
    batch.refresh_from_db()
    assert (batch.extraction, batch.updated_at) == before
    assert not ColumnMapping.objects.exists() and not AuditEvent.objects.filter(action="import.columns_mapped").exists()


def test_columns_cannot_be_chosen_once_a_file_is_imported_and_the_file_is_not_kept(officer_client, council):
    upload(officer_client, "tracker.csv", TRACKER)
    batch = operations.apply_import(ImportBatch.objects.get(organisation=council.org), by=council.officer)
    assert batch.data is None
    response = officer_client.post(
        reverse("imports:batch_columns", args=[batch.pk]), columns_form(batch, Champion="lead"), follow=True
    )
    assert "can only be chosen for a staged file" in response.content.decode()
    assert not ColumnMapping.objects.exists()


def test_another_councils_officer_cannot_choose_its_columns(other_council_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="tracker.csv", data=TRACKER)
    url = reverse("imports:batch_columns", args=[batch.pk])
    assert other_council_client.get(url).status_code == 404
    assert other_council_client.post(url, columns_form(batch, Champion="lead")).status_code == 404
    assert not ColumnMapping.objects.exists()


def test_a_lead_officer_cannot_choose_the_columns(lead_client, council):
    batch = operations.stage_import(council.org, by=council.officer, name="tracker.csv", data=TRACKER)
    url = reverse("imports:batch_columns", args=[batch.pk])
    assert lead_client.post(url, columns_form(batch, Champion="lead")).status_code == 403
    assert not ColumnMapping.objects.exists()


def test_every_field_a_column_can_be_read_as_is_offered_on_the_page():
    """The page offers what `--map` accepts: each field the reader has (the reason and the as-at date among them)."""
    assert set(FIELD_NAMES) == {*FIELDS, IGNORE}
    assert {"reason", "as_at"} <= set(FIELD_NAMES)
