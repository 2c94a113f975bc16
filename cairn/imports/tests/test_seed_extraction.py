"""Each seed paper read in full and compared, field by field, with what a person wrote down from reading it."""

import json

import pytest

from cairn.imports.parsers import FORMAT, CorruptFile, extract

from .conftest import compared_part, differences, expectations, load_expected, seed, seed_bytes


@pytest.mark.parametrize("path", expectations(), ids=lambda p: p.stem)
def test_seed_extracts_as_read_by_hand(path):
    expected = load_expected(path)
    extraction = extract(seed_bytes(expected), expected["seed"]).to_json()
    found = differences(compared_part(extraction), compared_part(expected))
    assert not found, "\n".join(found[:40])


@pytest.mark.parametrize("path", expectations(), ids=lambda p: p.stem)
def test_text_the_extraction_cannot_hold_is_kept_in_warnings(path):
    expected = load_expected(path)
    messages = " ".join(w["message"] for w in extract(seed_bytes(expected), expected["seed"]).to_json()["warnings"])
    missing = [snippet for snippet in expected["warnings_mention"] if snippet not in messages]
    assert not missing


@pytest.mark.parametrize("path", expectations(), ids=lambda p: p.stem)
def test_extraction_names_its_format_and_source(path):
    expected = load_expected(path)
    data = seed_bytes(expected)
    extraction = extract(data, expected["seed"]).to_json()
    assert extraction["format"] == FORMAT == "cairn-extract/1"
    assert extraction["source"]["name"] == expected["seed"]
    assert len(extraction["source"]["sha256"]) == 64
    assert list(extraction) == ["format", "source", "document", "cover", "recommendations", "projects", "figures",
                                "budget_lines", "questions", "next_steps", "sections", "warnings"]


@pytest.mark.parametrize("path", expectations(), ids=lambda p: p.stem)
def test_the_json_an_extraction_prints_reads_back_the_same(path):
    expected = load_expected(path)
    extraction = extract(seed_bytes(expected), expected["seed"]).to_json()
    again = extract(json.dumps(extraction).encode(), "exported.json").to_json()
    assert again["format"] == "cairn-extract/1"
    assert {k: v for k, v in again.items() if k != "source"} == {k: v for k, v in extraction.items() if k != "source"}


def test_each_record_says_where_in_the_paper_it_was_read():
    extraction = extract(seed("000")[1], "000.txt").to_json()
    # Recommendation 2 runs on past a page header, onto line 11.
    assert [r["where"] for r in extraction["recommendations"]][:3] == ["line 6", "lines 7–11", "line 12"]


def test_a_cairn_extract_document_without_record_locations_still_reads():
    extraction = extract(seed("000")[1], "000.txt").to_json()
    for record in extraction["recommendations"]:
        del record["where"]
    again = extract(json.dumps(extraction).encode(), "older.json").to_json()
    assert [r["where"] for r in again["recommendations"]] == [None] * len(extraction["recommendations"])
    assert [r["text"] for r in again["recommendations"]] == [r["text"] for r in extraction["recommendations"]]


def test_a_record_location_that_is_not_text_is_refused():
    extraction = extract(seed("003")[1], "003.txt").to_json()
    extraction["projects"][0]["where"] = 18
    with pytest.raises(CorruptFile, match=r"projects\[0\]\.where should be str"):
        extract(json.dumps(extraction).encode(), "wrong.json")
