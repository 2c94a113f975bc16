"""Each seed paper read in full and compared, field by field, with what a person wrote down from reading it."""

import json

import pytest

from cairn.imports.parsers import FORMAT, extract

from .conftest import compared_part, differences, expectations, load_expected, seed_bytes


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
    assert list(extraction) == ["format", "source", "document", "recommendations", "projects", "figures",
                                "budget_lines", "warnings"]


@pytest.mark.parametrize("path", expectations(), ids=lambda p: p.stem)
def test_the_json_an_extraction_prints_reads_back_the_same(path):
    expected = load_expected(path)
    extraction = extract(seed_bytes(expected), expected["seed"]).to_json()
    again = extract(json.dumps(extraction).encode(), "exported.json").to_json()
    assert again["format"] == "cairn-extract/1"
    assert {k: v for k, v in again.items() if k != "source"} == {k: v for k, v in extraction.items() if k != "source"}
