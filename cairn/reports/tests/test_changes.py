"""What changed since the last committee, from two rounds' contents written out by hand."""

from cairn.reports.changes import Change, programme_changes, review_changes

SCALE = {
    "name": "Categories 1 to 4",
    "levels": [
        {"code": "1", "label": "Fully achieved", "meaning": "complete", "colour": "blue"},
        {"code": "2", "label": "On track to be achieved", "meaning": "on_track", "colour": "green"},
        {"code": "3", "label": "Slipped", "meaning": "slipped", "colour": "yellow"},
        {"code": "4", "label": "Not achieved", "meaning": "not_achieved", "colour": "red"},
    ],
}
LABELS = {level["code"]: level["label"] for level in SCALE["levels"]}


def item(recommendation_id, number, assessment=None, *, review_id=7, action_id=None, action_order=None, **more):
    return {
        "review_id": review_id, "recommendation_id": recommendation_id, "number": number, "action_id": action_id,
        "action_order": action_order, "recommendation": f"Recommendation {number}", "assessment": assessment,
        "assessment_label": LABELS.get(assessment), "recommendation_state": "open", "savings_to_date": "",
        "savings_amount": None, "savings_basis": "", "revised_target": "",
    } | more


def content(title, as_at, items=(), projects=()):
    # Rounds frozen before the meanings were kept on each item: the scale says what each code means.
    return {"round": {"title": title, "as_at": as_at}, "scale": SCALE, "items": list(items), "projects": list(projects)}


def test_each_kind_of_change_to_a_recommendation_is_found():
    before = content("Progress as at June", "2025-06-30", [
        item(1, "1", "2"),
        item(2, "2", "2"),
        item(3, "3", "3", revised_target="Dec 2025"),
        item(4, "4", "2", savings_amount="13000.00", savings_basis="actual"),
        item(5, "5", "2"),
        item(6, "6", "4"),
        item(90, "1", "1", review_id=8),  # another review's: never compared
    ])
    after = content("Progress as at September", "2025-09-30", [
        item(1, "1", "1"),
        item(2, "2", "3", revised_target="Mar 2026"),
        item(3, "3", "3", revised_target="Jun 2026"),
        item(4, "4", "2", savings_amount="26000.00", savings_basis="actual"),
        item(5, "5", "2", recommendation_state="closed"),
        item(6, "6", "4"),
        item(7, "7", None),
    ])
    changes = review_changes(before, after, 7)
    assert (changes.previous_title, changes.previous_as_at) == ("Progress as at June", "2025-06-30")
    assert changes.changes == [
        Change("new", "7", "", "Recommendation 7"),
        Change("signed_off", "5", "Open", "Signed off"),
        Change("assessment_up", "1", "2 On track to be achieved", "1 Fully achieved"),
        Change("assessment_down", "2", "2 On track to be achieved", "3 Slipped"),
        Change("slipped", "2", "2 On track to be achieved", "3 Slipped"),
        Change("revised_date", "2", "", "Mar 2026"),
        Change("revised_date", "3", "Dec 2025", "Jun 2026"),
        Change("savings", "4", "£13,000 (actual)", "£26,000 (actual)"),
    ]
    assert changes.counts() == [
        ("New recommendation", 1), ("Newly signed off", 1), ("Assessment moved up", 1), ("Assessment moved down", 1),
        ("Newly slipped", 1), ("New revised date", 2), ("Savings to date changed", 1),
    ]


def test_nothing_changed_gives_no_changes():
    same = [item(1, "1", "2", savings_to_date="None"), item(2, "2", "3", revised_target="Dec 2025")]
    assert review_changes(content("A", "2025-06-30", same), content("B", "2025-09-30", same), 7).changes == []


def test_savings_or_a_revised_date_left_blank_this_time_are_not_changes():
    before = [item(1, "1", "3", savings_to_date="None", revised_target="Dec 2025")]
    after = [item(1, "1", "3")]
    assert review_changes(content("A", "2025-06-30", before), content("B", "2025-09-30", after), 7).changes == []


def test_a_step_is_compared_with_the_same_step_or_else_with_the_whole_recommendation():
    before = content("A", "2025-06-30", [item(1, "1", "2", action_id=11, action_order=1), item(2, "2", "2")])
    after = content("B", "2025-09-30", [
        item(1, "1", "4", action_id=11, action_order=1),
        item(2, "2", "3", action_id=21, action_order=1, revised_target="Jan 2026"),
        item(2, "2", "2", action_id=22, action_order=2),
    ])
    assert review_changes(before, after, 7).changes == [
        Change("assessment_down", "1 step 1", "2 On track to be achieved", "4 Not achieved"),
        Change("assessment_down", "2 step 1", "2 On track to be achieved", "3 Slipped"),
        Change("slipped", "2 step 1", "2 On track to be achieved", "3 Slipped"),
        Change("revised_date", "2 step 1", "", "Jan 2026"),
    ]


def test_a_new_recommendation_reported_step_by_step_is_new_once():
    after = content("B", "2025-09-30", [
        item(3, "3", "2", action_id=31, action_order=1), item(3, "3", "2", action_id=32, action_order=2),
    ])
    assert review_changes(content("A", "2025-06-30"), after, 7).changes == [Change("new", "3", "", "Recommendation 3")]


def test_a_move_between_scales_goes_by_what_the_levels_mean():
    """A council that changed from numbered categories to BRAG between rounds: B (complete) is up from 2."""
    before = content("A", "2025-06-30", [item(1, "1", "2", assessment_meaning="on_track")])
    after = content("B", "2025-09-30", [
        item(1, "1", "B", assessment_label="Blue: complete", assessment_meaning="complete"),
    ])
    assert review_changes(before, after, 7).changes == [
        Change("assessment_up", "1", "2 On track to be achieved", "B Blue: complete"),
    ]


def test_an_update_not_yet_assessed_is_not_a_move():
    before = content("A", "2025-06-30", [item(1, "1", "2")])
    after = content("B", "2025-09-30", [item(1, "1", None)])
    assert review_changes(before, after, 7).changes == []


def project(project_id, number, rag, milestones=(), *, programme_id=3, **more):
    return {"project_id": project_id, "programme_id": programme_id, "number": number, "name": f"Project {number}",
            "short_name": f"P{number}", "rag": rag, "milestones": list(milestones)} | more


def milestone(activity, due_on, state, due_text="", **more):
    return {"activity": activity, "due_on": due_on, "state": state, "due_text": due_text or due_on,
            "date": due_text or due_on} | more


def test_a_programmes_rag_changes_slipped_milestones_and_new_projects_are_found():
    before = content("Highlight report, May", "2025-05-31", projects=[
        project(1, "1", "G", [milestone("Agree a building", "2025-07-31", "on", "Jul 2025"),
                              milestone("Open the hub", "2025-12-31", "on", "Dec 2025")]),
        project(2, "2", "A", [milestone("Recruit carers", "2025-09-30", "on", "Sep 2025")]),
        project(9, "9", "R", programme_id=4),
    ])
    after = content("Highlight report, June", "2025-06-30", projects=[
        project(1, "1", "A", [milestone("Agree a building", "2025-10-31", "on", "Oct 2025"),
                              milestone("Open the hub", "2025-12-31", "on", "Dec 2025")]),
        project(2, "2", "A", [milestone("Recruit carers", "2025-09-30", "off", "Sep 2025")]),
        project(3, "3", ""),
    ])
    assert programme_changes(before, after, 3).changes == [
        Change("new_project", "3. P3", "", "Project 3"),
        Change("rag", "1. P1", "Green", "Amber"),
        Change("milestone_slipped", "1. P1: Agree a building", "Jul 2025, On track", "Oct 2025, On track"),
        Change("milestone_slipped", "2. P2: Recruit carers", "Sep 2025, On track", "Sep 2025, Off track"),
    ]


def test_a_project_rated_in_the_plan_only_keeps_that_rating():
    """Rounds frozen before updates carried their own RAG: the project's own rating stands in."""
    before = content("A", "2025-05-31", projects=[project(1, "1", "", project_rag="G")])
    after = content("B", "2025-06-30", projects=[project(1, "1", "G")])
    assert programme_changes(before, after, 3).changes == []


def test_a_milestone_revised_to_a_later_date_has_slipped_though_its_first_date_stands():
    first = milestone("Agree a building", "2025-07-31", "on", "Jul 2025")
    revised = milestone("Agree a building", "2025-07-31", "on", "Jul 2025", current_due_on="2025-11-30",
                        date="Nov 2025")
    again = milestone("Agree a building", "2025-07-31", "on", "Jul 2025", current_due_on="2025-11-30",
                      date="Nov 2025")
    one = content("A", "2025-05-31", projects=[project(1, "1", "G", [first])])
    two = content("B", "2025-06-30", projects=[project(1, "1", "G", [revised])])
    three = content("C", "2025-07-31", projects=[project(1, "1", "G", [again])])
    assert programme_changes(one, two, 3).changes == [
        Change("milestone_slipped", "1. P1: Agree a building", "Jul 2025, On track", "Nov 2025, On track"),
    ]
    assert programme_changes(two, three, 3).changes == []
