"""`cairn extract` and `cairn import` on the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cairn.audit.models import AuditEvent
from cairn.imports.models import ImportBatch
from cairn.reviews.models import Recommendation, Review

from .conftest import seed

CSV = (
    "Ref,Recommendation,Action,Target date,Owner,Notes\n"
    '1,Review the fostering offer,Report to Cabinet,Mar 2010,Head of Service,"Draft ready, due in March"\n'
    "2,Recruit two officers,Advertise posts,Ongoing,Service Manager,\n"
)


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def written(tmp_path, prefix: str):
    name, data = seed(prefix)
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_extract_prints_the_json_and_touches_no_database(tmp_path, django_assert_num_queries, db):
    path = written(tmp_path, "000")
    with django_assert_num_queries(0):
        out, _ = run("extract", str(path))
    extraction = json.loads(out)
    assert extraction["format"] == "cairn-extract/1"
    assert extraction["document"]["family"] == "progress_update"
    assert len(extraction["recommendations"]) == 7


def test_extract_names_the_problem_with_a_bad_file(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(b"%PDF-1.4 truncated")
    with pytest.raises(CommandError) as caught:
        run("extract", str(path))
    assert "blank.pdf is damaged" in str(caught.value)


def test_extract_reads_a_csv_with_its_columns_mapped_from_their_headings_and_says_so(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV)
    extraction = json.loads(run("extract", str(path))[0])
    first = extraction["recommendations"][0]
    assert (first["number"], first["text"], first["lead"]) == ("1", "Review the fostering offer", "Head of Service")
    assert first["steps"][0]["due"] == "2010-03-31"
    messages = [w["message"] for w in extraction["warnings"]]
    assert "Column 'Owner' read as lead (from its heading)." in messages
    assert any("column 'Notes'" in m and "Draft ready, due in March" in m for m in messages)


def test_extract_follows_a_column_mapping_given_on_the_command_line(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV)
    extraction = json.loads(run("extract", str(path), "--map", "Notes=evidence", "--map", "Owner=ignore")[0])
    first = extraction["recommendations"][0]
    assert first["progress"]["evidence"] == "Draft ready, due in March" and first["lead"] is None
    messages = [w["message"] for w in extraction["warnings"]]
    assert "Column 'Notes' read as evidence (as asked)." in messages and "Column 'Owner' ignored as asked." in messages


def test_extract_refuses_a_mapping_to_an_unknown_field(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(CSV)
    with pytest.raises(CommandError, match="'wording' is not a field"):
        run("extract", str(path), "--map", "Recommendation=wording")


def test_import_without_yes_shows_what_would_be_created_and_creates_only_the_batch(tmp_path, organisation):
    out, _ = run("import", str(written(tmp_path, "000")), "--organisation", "stockton")
    assert "Would create: 1 review, 7 recommendations, 15 steps, 3 saving estimates" in out
    assert "Nothing has been created" in out
    assert ImportBatch.objects.get().state == "staged"
    assert not Review.objects.exists()
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["import.staged", "organisation.created"]


def test_import_with_yes_and_json_reports_the_batch_and_what_it_created(tmp_path, organisation, officer):
    out, _ = run("import", str(written(tmp_path, "000")), "--organisation", "stockton", "--yes", "--json", "--user", "scrutiny")
    result = json.loads(out)
    review = Review.objects.get()
    assert result == {"batch": ImportBatch.objects.get().pk, "state": "applied",
                      "created": {"reviews": [review.pk], "programmes": []}}
    assert AuditEvent.objects.filter(action="import.applied").get().actor == officer


def test_importing_several_files_shows_progress_and_a_second_run_creates_nothing(tmp_path, organisation):
    files = [str(written(tmp_path, prefix)) for prefix in ("000", "002", "003")]
    _, err = run("import", *files, "--organisation", "stockton", "--yes")
    assert "[####################] 3/3 done" in err and "1/3" in err
    recommendations = Recommendation.objects.count()
    out, _ = run("import", *files, "--organisation", "stockton", "--yes")
    assert out.count("already imported") == 3
    assert Recommendation.objects.count() == recommendations and ImportBatch.objects.count() == 3


def test_a_bad_file_among_several_is_reported_and_the_rest_are_imported(tmp_path, organisation):
    bad = tmp_path / "scan.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CommandError, match="1 of 2 files could not be imported"):
        out, err = io.StringIO(), io.StringIO()
        call_command("import", str(bad), str(written(tmp_path, "004")), "--organisation", "stockton", "--yes",
                     stdout=out, stderr=err)
    assert "scan.docx is damaged" in err.getvalue()
    assert Review.objects.count() == 1


def test_import_needs_a_council_that_exists(tmp_path, db):
    with pytest.raises(CommandError, match="no organisation with the slug 'nowhere'"):
        run("import", str(written(tmp_path, "000")), "--organisation", "nowhere")


def test_import_says_how_many_warnings_in_words(tmp_path, organisation):
    path = tmp_path / "plan.txt"
    path.write_text("No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tLead\n")
    out, _ = run("import", str(path), "--organisation", "stockton")
    assert f"plan.txt: action plan, no warnings; batch {ImportBatch.objects.get().pk}." in out
