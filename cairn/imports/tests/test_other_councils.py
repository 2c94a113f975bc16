"""Other councils' trackers (other_councils/, sources named in expected.json) read against what a person read."""

from .generality import score_all, table


def test_most_items_of_other_councils_papers_are_read_with_their_text_lead_and_due_date():
    scores = score_all()
    expected = sum(s.expected for s in scores)
    complete = sum(s.complete for s in scores)
    assert complete >= 0.8 * expected, table(scores)


def test_nothing_is_read_from_other_councils_papers_that_they_do_not_say():
    scores = score_all()
    assert not [item for s in scores for item in s.extra], table(scores)
    assert not [value for s in scores for value in s.invented], table(scores)


def test_nothing_is_made_up_from_the_second_collection():
    from .generality import HERE

    scores = score_all(HERE / "unseen")
    assert not [item for s in scores for item in s.extra], table(scores)
    assert not [value for s in scores for value in s.invented], table(scores)
