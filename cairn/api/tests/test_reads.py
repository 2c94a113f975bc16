"""Reading through the API: lists a page at a time with filters, what each role may see, and no more."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cairn.accounts.models import Role
from cairn.core.testing import add_recommendation
from cairn.reviews.fingerprints import fingerprint


def test_lists_come_a_page_at_a_time_with_the_next_pages_address(council, officer_api):
    for number in ("2", "3"):
        add_recommendation(council.review, number, by=council.officer)
    first = officer_api.get("/api/v1/recommendations", limit=2).json()
    assert first["count"] == 3 and len(first["items"]) == 2
    following = officer_api.client.get(first["next"], **officer_api.headers).json()
    assert following["next"] is None
    numbers = [item["number"] for item in first["items"] + following["items"]]
    assert numbers == ["1", "2", "3"]


def test_a_limit_or_an_id_out_of_bounds_is_refused_as_a_problem(officer_api):
    response = officer_api.get("/api/v1/reviews", limit=100000)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "limit"
    assert officer_api.get(f"/api/v1/reviews/{2**70}").status_code == 422


def test_filters_narrow_a_list(council, officer_api):
    closed = officer_api.get("/api/v1/recommendations", state="closed").json()
    assert closed["count"] == 0
    mine = officer_api.get("/api/v1/recommendations", review=council.review.pk).json()
    assert mine["count"] == 1
    assert officer_api.get("/api/v1/rounds", state="published").json()["items"][0]["id"] == council.published_round.pk


def test_a_recommendation_comes_with_its_steps_estimates_and_latest_update(council, officer_api):
    item = officer_api.get(f"/api/v1/recommendations/{council.recommendation.pk}").json()
    assert [step["text"] for step in item["steps"]] == ["Advertise post", "Evaluate impact"]
    assert item["estimates"][0]["max_amount"] == "200000.00"
    assert item["latest_update"]["round"] == council.collecting_round.pk  # officers see the round collecting


def test_councillors_see_published_progress_only(council, api_as):
    councillor = api_as(Role.COUNCILLOR)
    item = councillor.get(f"/api/v1/recommendations/{council.recommendation.pk}").json()
    assert item["latest_update"]["round"] == council.published_round.pk
    rounds = [item["id"] for item in councillor.get("/api/v1/rounds").json()["items"]]
    assert rounds == [council.published_round.pk]
    assert councillor.get(f"/api/v1/rounds/{council.collecting_round.pk}").status_code == 403


def test_a_published_round_gives_its_frozen_content_and_fingerprint(council, api_as):
    body = api_as(Role.COUNCILLOR).get(f"/api/v1/rounds/{council.published_round.pk}/published").json()
    assert body["fingerprint"] == council.published_round.content_hash == fingerprint(body["content"])
    assert api_as(Role.COUNCILLOR).get(f"/api/v1/rounds/{council.collecting_round.pk}/published").status_code == 403
    assert api_as(Role.LEAD_OFFICER).get(f"/api/v1/rounds/{council.collecting_round.pk}/published").status_code == 404


def test_another_councils_records_do_not_exist_for_a_token(council, other_api):
    assert other_api.get(f"/api/v1/reviews/{council.review.pk}").status_code == 404
    titles = [item["title"] for item in other_api.get("/api/v1/reviews").json()["items"]]
    assert council.review.title not in titles and titles


def test_only_administrators_read_the_councils_audit_trail(council, api_as):
    assert api_as(Role.SCRUTINY_OFFICER).get("/api/v1/audit-events").status_code == 403
    events = api_as(Role.ADMINISTRATOR).get("/api/v1/audit-events", action="round.published").json()
    assert events["count"] == 1 and events["items"][0]["target_id"] == str(council.published_round.pk)


def test_programme_lists_hold_the_councils_projects_milestones_readings_and_risks(council, officer_api):
    assert officer_api.get("/api/v1/projects", programme=council.programme.pk).json()["items"][0]["name"] == "Early help"
    assert officer_api.get("/api/v1/milestones", state="on").json()["count"] == 1
    readings = officer_api.get(f"/api/v1/indicators/{council.indicator.pk}/readings").json()
    assert readings["items"][0]["value"] == "732.000"
    assert officer_api.get("/api/v1/risks", rag="R").json()["count"] == 1
    assert officer_api.get("/api/v1/budget-lines").json()["items"][0]["budget"] == "150000.00"


def test_a_list_reads_a_fixed_number_of_queries_however_many_rows(council, officer_api, django_assert_max_num_queries):
    officer_api.get("/api/v1/recommendations")  # the token's first use
    with django_assert_max_num_queries(12) as few:
        officer_api.get("/api/v1/recommendations")
    for number in range(2, 12):
        add_recommendation(council.review, str(number), by=council.officer)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert officer_api.get("/api/v1/recommendations").json()["count"] == 11


def test_published_statistics_are_read_by_measure_and_area(council, officer_api):
    from cairn.benchmarks.operations import load_files

    load_files([("lac.csv", b"time_period,geographic_level,old_la_code,la_name,rate\n2025,National,,,67\n")], by=None)
    measure = officer_api.get("/api/v1/benchmarks/measures").json()["items"][0]
    values = officer_api.get("/api/v1/benchmarks/values", measure=measure["id"]).json()
    assert values["count"] == 1 and values["items"][0]["year"] == "2025"
    assert values["items"][0]["number"].startswith("67")
    area = officer_api.get("/api/v1/benchmarks/areas", kind="england").json()["items"][0]
    assert area["id"] == values["items"][0]["area"]


def test_recommendations_with_revised_steps_read_a_fixed_number_of_queries(council, officer_api, django_assert_max_num_queries):
    from cairn.reviews import operations

    def with_update(number):
        recommendation = add_recommendation(council.review, number, by=council.officer)
        update = operations.open_round(council.org, by=council.officer, title=f"Round {number}",
                                       as_at_on=council.collecting_round.as_at_on,
                                       deadline_on=council.collecting_round.deadline_on).updates.get(recommendation=recommendation)
        operations.save_progress_update(update, by=council.officer, revised_actions=list(recommendation.actions.all()))

    with_update("2")
    officer_api.get("/api/v1/recommendations")
    with CaptureQueriesContext(connection) as few:
        officer_api.get("/api/v1/recommendations")
    for number in range(3, 8):
        with_update(str(number))
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_api.get("/api/v1/recommendations")
