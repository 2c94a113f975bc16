"""Changes through the API: the forms' rules, the operations' audit events, and version checks."""

import datetime as dt

from cairn.accounts.models import Role
from cairn.api.endpoints.writes import milestone_version
from cairn.audit.models import AuditEvent
from cairn.reviews.models import ProgressUpdate


def test_a_lead_saves_then_submits_their_update(council, api_as):
    lead = api_as(Role.LEAD_OFFICER)
    update = council.collecting_round.updates.get()
    saved = lead.send("patch", f"/api/v1/updates/{update.pk}",
                      {"version": update.version, "evidence": "All posts filled.", "level": council.complete.code})
    assert saved.status_code == 200, saved.content
    assert saved.json()["state"] == "draft" and saved.json()["evidence"] == "All posts filled."
    submitted = lead.send("post", f"/api/v1/updates/{update.pk}/submit", {"version": saved.json()["version"]})
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    actions = list(AuditEvent.objects.for_object(update).order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["progress_update.saved", "progress_update.submitted"]


def test_the_assessment_scales_rules_refuse_a_submit_and_say_why(council, api_as):
    lead = api_as(Role.LEAD_OFFICER)
    update = council.collecting_round.updates.get()
    saved = lead.send("patch", f"/api/v1/updates/{update.pk}", {"version": update.version, "level": council.complete.code})
    refused = lead.send("post", f"/api/v1/updates/{update.pk}/submit", {"version": saved.json()["version"]})
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "evidence", "message": "Enter the evidence that the recommendation has been fully achieved"}
    ]
    update.refresh_from_db()
    assert update.state == ProgressUpdate.State.DRAFT


def test_a_change_on_an_old_version_is_refused_and_changes_nothing(council, api_as):
    update = council.collecting_round.updates.get()
    api_as(Role.SCRUTINY_OFFICER).send("patch", f"/api/v1/updates/{update.pk}", {"version": update.version, "evidence": "Officer's"})
    late = api_as(Role.LEAD_OFFICER).send("patch", f"/api/v1/updates/{update.pk}", {"version": update.version, "evidence": "Lead's"})
    assert late.status_code == 409
    assert late["Content-Type"] == "application/problem+json"
    update.refresh_from_db()
    assert update.evidence == "Officer's"


def test_an_unknown_level_and_a_bad_amount_are_refused_by_field(council, api_as):
    update = council.collecting_round.updates.get()
    response = api_as(Role.LEAD_OFFICER).send("patch", f"/api/v1/updates/{update.pk}", {"version": update.version, "level": "Z"})
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "level"
    response = api_as(Role.LEAD_OFFICER).send("patch", f"/api/v1/updates/{update.pk}", {"version": update.version, "savings_amount": "5000"})
    assert response.json()["errors"] == [{"field": "savings_basis", "message": "Select whether the amount is actual or estimated"}]


def test_the_finance_manager_confirms_the_savings_figures(council, api_as):
    update = council.collecting_round.updates.get()
    response = api_as(Role.FINANCE_MANAGER).send(
        "post", f"/api/v1/updates/{update.pk}/savings-confirmation",
        {"version": update.version, "savings_amount": "13000", "savings_basis": "estimated", "savings_text": "Two placements"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["finance_confirmed_by"] == council.users[Role.FINANCE_MANAGER].pk
    assert AuditEvent.objects.filter(action="progress_update.savings_confirmed").count() == 1
    assert api_as(Role.LEAD_OFFICER).send(
        "post", f"/api/v1/updates/{update.pk}/savings-confirmation", {"version": response.json()["version"]}
    ).status_code == 403


def test_readings_are_recorded_one_at_a_time_or_all_together(council, officer_api):
    url = f"/api/v1/indicators/{council.indicator.pk}/readings"
    one = officer_api.send("post", url, {"period_start": "2025-04-01", "value": "650"})
    assert one.status_code == 201 and one.json()["rag"] == "A"
    again = officer_api.send("post", url, {"period_start": "2025-04-01", "value": "651"})
    assert again.status_code == 422 and "already has a reading" in again.json()["detail"]
    many = officer_api.send("post", url + "/bulk", {"readings": [
        {"period_start": "2025-05-01", "value": "700"}, {"period_start": "2025-06-01", "value_low": "600", "value_high": "640"},
    ]})
    assert many.status_code == 201 and [r["rag"] for r in many.json()] == ["G", ""]
    assert AuditEvent.objects.filter(action="readings.recorded").count() == 1


def test_a_refused_reading_in_a_batch_records_none_of_it(council, officer_api):
    before = council.indicator.readings.count()
    response = officer_api.send("post", f"/api/v1/indicators/{council.indicator.pk}/readings/bulk", {"readings": [
        {"period_start": "2025-05-01", "value": "700"}, {"period_start": "2025-06-01", "note": "=HYPERLINK(1)"},
    ]})
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"readings.1.note"}
    assert council.indicator.readings.count() == before


def test_a_lead_may_not_record_readings(council, api_as):
    response = api_as(Role.LEAD_OFFICER).send("post", f"/api/v1/indicators/{council.indicator.pk}/readings",
                                             {"period_start": "2025-04-01", "value": "1"})
    assert response.status_code == 403


def test_a_milestone_is_completed_with_its_version_and_refused_on_an_old_one(council, officer_api):
    milestone = council.project.milestones.first()
    version = milestone_version(milestone)
    url = f"/api/v1/milestones/{milestone.pk}"
    done = officer_api.send("patch", url, {"version": version, "completed_on": dt.date.today().isoformat()})
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "completed" and done.json()["version"] != version
    stale = officer_api.send("patch", url, {"version": version, "state_text": "Late"})
    assert stale.status_code == 409
    milestone.refresh_from_db()
    assert milestone.state_text == ""
