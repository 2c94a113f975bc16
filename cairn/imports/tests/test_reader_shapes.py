"""Shapes of other councils' papers the reader once missed, as small hand-made texts (other_councils/shapes): items
lettered "A", "B" with no punctuation, a single numbered item, and a decision list printed twice."""

from pathlib import Path

import pytest

from cairn.imports.parsers import extract

SHAPES = Path(__file__).parent / "other_councils" / "shapes"


def items(name: str) -> list[tuple[str, str, str]]:
    extraction = extract((SHAPES / name).read_bytes(), name).to_json()
    return [(r["number"], r["text"], r["where"]) for r in extraction["recommendations"]]


def test_items_lettered_in_capitals_without_punctuation_are_read_as_a_list():
    assert items("lettered_without_punctuation.txt") == [
        ("A", "That the Council works with the voluntary sector to extend dial-a-ride services to every rural parish.",
         "line 7"),
        ("B", "That a single booking line is set up for all community transport services.", "line 9"),
        ("C", "That the Cabinet Member for Transport reports progress to this Committee in six months.", "line 11"),
    ]


def test_a_single_numbered_recommendation_is_read():
    assert items("single_numbered_item.txt") == [
        ("1", "That the Council doubles the number of allotment plots by 2017, working with parish councils.", "line 7"),
    ]


def test_a_decision_list_printed_twice_is_read_once_with_the_items_only_the_second_has():
    assert items("decisions_printed_twice.txt") == [
        ("(i)", "That the Panel's report on flooding be sent to Cabinet.", "line 4"),
        ("(ii)", "That the Head of Highways be asked to map blocked drains across the district.", "line 5"),
        ("(iii)", "That the Panel reviews the drainage map at its meeting in December 2013.", "line 10"),
    ]


@pytest.mark.parametrize("text", [
    # One capital letter alone starts no list: "A review ..." is a sentence, "A The ..." with no "B" is not a list.
    "The Committee recommends:\nA Review Group is set up to look at the scheme.\n",
    # A lone numbered line that is a heading, not a recommendation.
    "Recommendations\n1. Introduction\n",
])
def test_what_only_looks_like_an_item_is_not_read_as_one(text):
    assert extract(text.encode(), "paper.txt").to_json()["recommendations"] == []
