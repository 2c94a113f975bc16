"""The seed papers written out as Word, PDF and Excel read back to the same extraction as their text."""

import pytest

from cairn.imports.parsers import extract

from .conftest import compared_part, differences, expectations, load_expected, seed_bytes
from .formats import WRITERS

CASES = [(path, fmt) for path in expectations() for fmt in WRITERS]


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
    found = differences(compared_part(extraction), compared_part(expected))
    assert not found, "\n".join(found[:20])
    # The same text is left over for a person to check, wherever in the file it was.
    text = text_extractions[path.stem]
    assert sorted(w["message"] for w in extraction["warnings"]) == sorted(w["message"] for w in text["warnings"])
    assert extraction["document"]["family"] == text["document"]["family"]
