"""The seed papers written out as Word, PDF and Excel read back to the same extraction as their text."""

import pytest

from cairn.imports.parsers import extract

from .conftest import compared_part, differences, expectations, load_expected, seed_bytes
from .formats import WRITERS

CASES = [(path, fmt) for path in expectations() for fmt in WRITERS]
# Each format names places in its own words: a line of text is a Word table's row, or a page and row of a PDF.
PLACES = {"docx": ("table ", "paragraph"), "pdf": ("page ",), "xlsx": ("row",)}


LOCATED = ("recommendations", "projects", "questions", "next_steps", "sections")


def records(part: dict) -> list[dict]:
    """Everything in an extraction that says where it was read."""
    return [record for name in LOCATED for record in part[name]] + ([part["cover"]] if part["cover"] else [])


def without_where(part: dict) -> dict:
    """The compared part with each record's source location left out: it differs, rightly, between formats."""
    part = {name: [dict(item) for item in items] if name in LOCATED else items for name, items in part.items()}
    part["cover"] = dict(part["cover"]) if part["cover"] else None
    for record in records(part):
        del record["where"]
    return part


@pytest.fixture(scope="module")
def text_extractions():
    found = {}
    for path in expectations():
        expected = load_expected(path)
        found[path.stem] = extract(seed_bytes(expected), expected["seed"]).to_json()
    return found


@pytest.mark.parametrize("path,fmt", CASES, ids=[f"{p.stem}-{f}" for p, f in CASES])
def test_seed_written_out_reads_back_the_same(path, fmt, text_extractions):
    expected = load_expected(path)
    data = WRITERS[fmt](seed_bytes(expected).decode("utf-8"))
    extraction = extract(data, f"{path.stem}.{fmt}").to_json()
    # The same records, field by field, except where each was found: "line 6" of the text is "table 1, row 2" of
    # the Word file, so that is only checked to be told in the format's own words.
    found = differences(without_where(compared_part(extraction)), without_where(compared_part(expected)))
    assert not found, "\n".join(found[:20])
    for record in records(extraction):
        assert record["where"] and record["where"].startswith(PLACES[fmt]), record["where"]
    # The same text is left over for a person to check, wherever in the file it was.
    text = text_extractions[path.stem]
    assert sorted(w["message"] for w in extraction["warnings"]) == sorted(w["message"] for w in text["warnings"])
    assert extraction["document"]["family"] == text["document"]["family"]
