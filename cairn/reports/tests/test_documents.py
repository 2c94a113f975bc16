"""The one entry point, and the `cairn report` command: one organisation's records only, clear errors otherwise."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from cairn.reports.data import ReportError
from cairn.reports.documents import DocumentNotFound, UnsupportedFormat, build_document


EXPECTED = [
    ("progress-update", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("action-plan", "pdf", "application/pdf", b"%PDF"),
    ("action-plan", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ("progress-update", "csv", "text/csv; charset=utf-8", "\ufeffNo,".encode()),
    ("progress-update", "json", "application/json", b"{"),
]


def test_build_document_gives_bytes_filename_and_content_type(papers):
    for kind, fmt, content_type, start in EXPECTED:
        content, filename, given_type = build_document(papers.org, kind, papers.review.pk, fmt)
        assert content.startswith(start)
        assert filename.startswith(f"{kind}-review-of-placements-exampleton-") and filename.endswith(f".{fmt}")
        assert given_type == content_type


def test_another_councils_records_are_not_found(council, other_council):
    with pytest.raises(DocumentNotFound, match="Otherton District Council has no review"):
        build_document(other_council.org, "progress-update", council.review.pk, "pdf")
    with pytest.raises(DocumentNotFound, match="has no programme"):
        build_document(other_council.org, "highlight", council.programme.pk, "pdf")
    with pytest.raises(DocumentNotFound, match="has no reporting round"):
        build_document(council.org, "progress-update", council.review.pk, "pdf", round_id=other_council.published_round.pk)
    # Their own records are found, of course.
    assert build_document(other_council.org, "progress-update", other_council.review.pk, "json")[0]


def test_unknown_kinds_and_formats_are_refused(council):
    with pytest.raises(UnsupportedFormat, match=r"\.odt"):
        build_document(council.org, "progress-update", council.review.pk, "odt")
    with pytest.raises(UnsupportedFormat, match="memo"):
        build_document(council.org, "memo", council.review.pk, "pdf")


def test_a_round_must_be_of_the_right_kind_and_cover_the_record(papers):
    with pytest.raises(ReportError, match="programme round"):
        build_document(papers.org, "progress-update", papers.review.pk, "pdf", round_id=papers.programme_round.pk)
    with pytest.raises(ReportError, match="review round"):
        build_document(papers.org, "highlight", papers.council.programme.pk, "pdf", round_id=papers.round.pk)
    with pytest.raises(ReportError, match="not from a reporting round"):
        build_document(papers.org, "action-plan", papers.review.pk, "pdf", round_id=papers.round.pk)


def test_the_report_command_writes_the_file(papers, tmp_path):
    output = tmp_path / "paper.json"
    stdout = io.StringIO()
    call_command(
        "report", "progress-update", str(papers.review.pk), "--format", "json", "--output", str(output),
        "--round", str(papers.round.pk), "--organisation", "exampleton", stdout=stdout,
    )
    assert json.loads(output.read_text())["format"] == "cairn-extract/1"
    assert f"Wrote {output}" in stdout.getvalue()
    call_command("report", "highlight", str(papers.council.programme.pk), "--format", "pdf", "--output",
                 str(tmp_path), "--organisation", "exampleton", stdout=stdout)
    assert list(tmp_path.glob("highlight-*.pdf"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["progress-update", "999999", "--format", "pdf"], "Exampleton Borough Council has no review 999999."),
        (["progress-update", "{review}", "--format", "odt"], "Cairn does not make .odt files."),
        (["memo", "{review}", "--format", "pdf"], "Cairn does not make “memo” documents."),
        (["progress-update", "{review}", "--format", "pdf", "--organisation", "nowhere"],
         "No organisation has the slug “nowhere”."),
        (["progress-update", "{other_review}", "--format", "pdf"], "Exampleton Borough Council has no review"),
    ],
)
def test_the_report_command_explains_what_is_wrong(council, other_council, tmp_path, arguments, message):
    values = {"review": council.review.pk, "other_review": other_council.review.pk}
    arguments = [argument.format(**values) for argument in arguments]
    if "--organisation" not in arguments:
        arguments += ["--organisation", "exampleton"]
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("report", *arguments, "--output", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
