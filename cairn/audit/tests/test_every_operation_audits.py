"""Every named operation writes exactly one audit event; the list below must name every operation there is."""

import datetime as dt
import inspect
from decimal import Decimal

import pytest

from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts import operations as accounts
from cairn.accounts.logos import check_logo
from cairn.accounts.tests.images import image_bytes
from cairn.api import operations as api
from cairn.benchmarks import operations as benchmarks
from cairn.audit.models import AuditEvent
from cairn.core.models import Email
from cairn.imports import operations as imports
from cairn.jobs import operations as jobs
from cairn.programmes import operations as programmes
from cairn.reviews import operations as reviews
from cairn.reviews import round_operations
from cairn.signon import operations as signon

MODULES = [accounts, reviews, round_operations, programmes, imports, signon, jobs, benchmarks, api]
TODAY = dt.date(2026, 11, 22)
# A paper with one recommendation, to leave out of its staged file or correct.
PAPER = "No\tRecommendation\tAction\tTarget Date\tLead\n1\tRecruit foster carers\tAdvertise\tMar 2010\tHead of Service\n".encode()


STATUS_PAPER = b"No,Recommendation,Lead,Status\n1,Recruit foster carers,Head of Service,Actioned\n"
STATISTICS = b"time_period,geographic_level,old_la_code,la_name,rate\n2025,National,,,67\n"


def prepared_calls(w) -> dict:
    """For each operation, a function that does any preparation and returns the one call to count."""
    officer = w.officer

    def spare_round():
        return reviews.open_round(w.org, by=officer, title="Spare", as_at_on=TODAY, deadline_on=TODAY)

    def programme_round():
        return programmes.open_programme_round(w.programme, by=officer, title="Board", as_at_on=TODAY, deadline_on=TODAY)

    def project_update():
        return programme_round().project_updates.get()

    def collecting_update():
        return w.collecting_round.updates.get()

    def completed_update():
        return reviews.save_progress_update(collecting_update(), by=officer, evidence="Done", level=w.complete)

    def submitted_update():
        return reviews.submit_progress_update(completed_update(), by=officer)

    def failed_notice():
        round_operations.ask_for_updates(w.collecting_round, by=officer)
        notice = w.collecting_round.notices.get()
        Email.objects.filter(pk=notice.email_id).update(state=Email.State.FAILED, last_error="Connection refused")
        notice.email.refresh_from_db()
        return notice

    def security_key():
        from django_otp_webauthn.models import WebAuthnCredential

        return WebAuthnCredential.objects.create(user=officer, name="", confirmed=True, credential_id=b"key",
                                                 public_key=b"k", sign_count=0)

    now = lambda call: lambda: call  # noqa: E731  (no preparation needed)
    return {
        "create_organisation": now(lambda: accounts.create_organisation(by=None, name="Thirdton", slug="thirdton")),
        "update_organisation": now(lambda: accounts.update_organisation(w.org, by=officer, public_pages_enabled=True)),
        "update_council_branding": now(lambda: accounts.update_council_branding(
            w.org, by=officer, paper_name="Exampleton Council", logo=check_logo(image_bytes(), "crest.png"),
        )),
        "create_user": now(lambda: accounts.create_user(w.org, by=officer, username="new-user", roles=["councillor"])),
        "ask_for_updates": now(lambda: round_operations.ask_for_updates(w.collecting_round, by=officer)),
        "save_updates_from_workbook": lambda: (
            lambda update: lambda: round_operations.save_updates_from_workbook(
                w.collecting_round, by=officer, file_name="updates.xlsx",
                rows=[{"update": update.pk, "version": update.version, "fields": {"evidence": "From the sheet"}}],
            )
        )(collecting_update()),
        "send_round_reminders": now(
            lambda: round_operations.send_round_reminders(
                w.collecting_round, by=None, today=w.collecting_round.deadline_on, days_before=3
            )
        ),
        "return_progress_update": lambda: (
            lambda update: lambda: round_operations.return_progress_update(update, by=officer, comment="More detail")
        )(submitted_update()),
        "confirm_savings": now(
            lambda: round_operations.confirm_savings(
                collecting_update(), by=officer, savings_amount=Decimal(10), savings_basis="actual", savings_text=""
            )
        ),
        "start_round_review": now(lambda: round_operations.start_round_review(w.collecting_round, by=officer)),
        "update_user": now(lambda: accounts.update_user(officer, by=officer, job_title="Scrutiny Officer", roles=["scrutiny_officer"])),
        "activate_assessment_scale": now(lambda: reviews.activate_assessment_scale(w.org, by=officer, kind="brag")),
        "sign_out_everywhere": now(lambda: accounts.sign_out_everywhere(officer, by=officer)),
        "confirm_two_factor": lambda: (lambda device: lambda: accounts.confirm_two_factor(device, by=officer))(
            TOTPDevice.objects.create(user=officer, name="Phone", confirmed=False)
        ),
        "remove_two_factor": now(lambda: accounts.remove_two_factor(officer, by=officer)),
        "set_user_password": now(lambda: accounts.set_user_password(officer, by=officer, password="a long new password")),
        # Accounts: invitations, resets, lock-outs, recovery codes
        "invite_user": now(lambda: accounts.invite_user(w.org, by=officer, username="invitee", email="i@example.org")),
        "resend_invitation": lambda: (lambda user: lambda: accounts.resend_invitation(user, by=officer))(
            accounts.invite_user(w.org, by=officer, username="invitee", email="i@example.org")
        ),
        "send_password_reset": now(lambda: accounts.send_password_reset(officer, by=None)),
        "set_password_from_link": now(lambda: accounts.set_password_from_link(officer, password="a long new password")),
        "unlock_user": now(lambda: accounts.unlock_user(officer, by=officer)),
        "make_recovery_codes": now(lambda: accounts.make_recovery_codes(officer, by=officer)),
        "report_recovery_code_used": now(lambda: accounts.report_recovery_code_used(officer, left=9)),
        "add_security_key": lambda: (lambda key: lambda: accounts.add_security_key(key, by=officer))(security_key()),
        "remove_security_key": lambda: (lambda key: lambda: accounts.remove_security_key(key, by=officer))(
            security_key()
        ),
        # Single sign-on
        "configure_sign_on": now(lambda: signon.configure_sign_on(
            w.org, by=officer, issuer="https://login.example.org/tenant/v2.0", client_id="cairn",
            client_secret="s3cret", domains=["exampleton.gov.uk"],
        )),
        "remove_sign_on": lambda: (lambda _: lambda: signon.remove_sign_on(w.org, by=officer))(signon.configure_sign_on(
            w.org, by=officer, issuer="https://login.example.org/tenant/v2.0", client_id="cairn",
            client_secret="s3cret", domains=["exampleton.gov.uk"],
        )),
        "sign_in_through_provider": lambda: (
            lambda sign_on: lambda: signon.sign_in_through_provider(
                sign_on, {"sub": "officer-1", "email": officer.email, "email_verified": True}
            )
        )(signon.configure_sign_on(
            w.org, by=officer, issuer="https://login.example.org/tenant/v2.0", client_id="cairn",
            client_secret="s3cret", domains=[officer.email.rsplit("@", 1)[1]],
        )),
        "create_committee": now(lambda: reviews.create_committee(w.org, by=officer, name="Cabinet")),
        "schedule_meeting": now(lambda: reviews.schedule_meeting(w.committee, by=officer, held_on=TODAY)),
        "update_committee": now(lambda: reviews.update_committee(w.committee, by=officer, name="Scrutiny Board")),
        "move_meeting": now(lambda: reviews.move_meeting(w.meeting, by=officer, held_on=TODAY)),
        "update_round": now(lambda: round_operations.update_round(w.collecting_round, by=officer, title="Renamed")),
        "cancel_round": now(lambda: round_operations.cancel_round(w.collecting_round, by=officer, reason="Meeting moved")),
        "resend_notice": lambda: (lambda notice: lambda: round_operations.resend_notice(notice, by=officer))(
            failed_notice()
        ),
        "create_paper": now(lambda: reviews.create_paper(w.meeting, by=officer, title="Cover report")),
        "update_paper": now(lambda: reviews.update_paper(w.review.papers.get(), by=officer, summary="Members are asked")),
        "add_paper_section": lambda: (lambda paper: lambda: reviews.add_paper_section(paper, by=officer, heading="Case"))(
            reviews.create_paper(w.meeting, by=officer, title="Presentation")
        ),
        "create_review": now(lambda: reviews.create_review(w.org, by=officer, kind="scrutiny", title="New review")),
        "update_review": now(lambda: reviews.update_review(w.review, by=officer, state="closed")),
        "add_review_question": now(lambda: reviews.add_review_question(w.review, by=officer, number=2, text="Why?")),
        "add_review_step": now(lambda: reviews.add_review_step(w.review, by=officer, text="Convene development day")),
        "create_recommendation": now(lambda: reviews.create_recommendation(w.review, by=officer, number="2a", text="Do it.")),
        "record_executive_response": now(
            lambda: reviews.record_executive_response(w.recommendation, by=officer, response="accepted", responded_on=TODAY)
        ),
        "add_action": now(lambda: reviews.add_action(w.recommendation, by=officer, text="Another step")),
        "revise_action_target": now(
            lambda: reviews.revise_action_target(w.action, by=officer, target_on=TODAY, reason="Consultation ran late")
        ),
        "create_saving_estimate": now(
            lambda: reviews.create_saving_estimate(
                w.review, by=officer, recommendations=[w.recommendation], text="c£250k", max_amount=Decimal(250000)
            )
        ),
        "create_assessment_scale": now(lambda: reviews.create_assessment_scale(w.org, by=officer, kind="brag")),
        "open_round": now(spare_round),
        "save_progress_update": now(lambda: reviews.save_progress_update(collecting_update(), by=officer, evidence="Some")),
        "submit_progress_update": lambda: (lambda update: lambda: reviews.submit_progress_update(update, by=officer))(
            completed_update()
        ),
        "accept_progress_update": lambda: (lambda update: lambda: reviews.accept_progress_update(update, by=officer))(
            submitted_update()
        ),
        "publish_round": lambda: (lambda update: lambda: reviews.publish_round(w.collecting_round, by=officer))(
            reviews.accept_progress_update(submitted_update(), by=officer)
        ),
        "sign_off_recommendation": now(
            lambda: reviews.sign_off_recommendation(w.recommendation, by=officer, meeting=w.meeting)
        ),
        # Operations on many rows at once, for histories loaded in bulk: one event a row (EVENTS_PER_CALL).
        "add_action_plan": now(lambda: reviews.add_action_plan(
            w.review, by=officer, recommendations=[{"number": "9", "text": "Do more.", "actions": [{"text": "Start"}]}]
        )),
        "record_past_round": now(lambda: reviews.record_past_round(
            w.org, by=officer, title="Past", as_at_on=TODAY, deadline_on=TODAY,
            progress={w.recommendation: {"evidence": "Done", "level": w.complete}},
        )),
        "sign_off_recommendations": now(
            lambda: reviews.sign_off_recommendations([w.recommendation], by=officer, meeting=w.meeting)
        ),
        "create_programme": now(lambda: programmes.create_programme(w.org, by=officer, name="Another programme")),
        "create_project": now(lambda: programmes.create_project(w.programme, by=officer, name="Fostering")),
        "update_project": now(lambda: programmes.update_project(w.project, by=officer, rag="R")),
        "set_phase_plan": now(lambda: programmes.set_phase_plan(w.project, by=officer, plan={dt.date(2026, 12, 1): "I"})),
        "add_milestone": now(lambda: programmes.add_milestone(w.project, by=officer, activity="Go live")),
        "create_indicator": now(lambda: programmes.create_indicator(w.org, by=officer, name="Foster carers")),
        "record_reading": now(
            lambda: programmes.record_reading(w.indicator, by=officer, period_start=dt.date(2020, 1, 1), value=Decimal(1))
        ),
        "add_budget_line": now(lambda: programmes.add_budget_line(w.org, by=officer, name="Staffing", financial_year=2026)),
        "record_risk": now(lambda: programmes.record_risk(w.org, by=officer, text="Capacity", review=w.review)),
        "open_programme_round": now(programme_round),
        "save_project_update": lambda: (
            lambda update: lambda: programmes.save_project_update(update, by=officer, rag="G")
        )(project_update()),
        "submit_project_update": lambda: (lambda update: lambda: programmes.submit_project_update(update, by=officer))(
            programmes.save_project_update(project_update(), by=officer, rag="A")
        ),
        "return_project_update": lambda: (
            lambda update: lambda: programmes.return_project_update(update, by=officer, comment="Say more")
        )(programmes.submit_project_update(programmes.save_project_update(project_update(), by=officer, rag="G"), by=officer)),
        "accept_project_update": lambda: (lambda update: lambda: programmes.accept_project_update(update, by=officer))(
            programmes.submit_project_update(programmes.save_project_update(project_update(), by=officer, rag="G"), by=officer)
        ),
        "record_readings": now(
            lambda: programmes.record_readings(
                w.indicator, by=officer,
                readings=[{"period_start": dt.date(2019, month, 1), "value": Decimal(month)} for month in (1, 2, 3)],
            )
        ),
        "record_reading_sheet": now(
            lambda: programmes.record_reading_sheet(
                w.indicator, by=officer, reason="The published figure",
                readings=[{"period_start": w.indicator.readings.first().period_start, "value": Decimal(1)}],
            )
        ),
        "complete_action": now(lambda: reviews.complete_action(w.action, by=officer, completed_on=TODAY)),
        # Editing
        "update_review_question": now(
            lambda: reviews.update_review_question(w.review.questions.first(), by=officer, text="Is it right?")
        ),
        "update_review_step": now(lambda: reviews.update_review_step(w.review.steps.first(), by=officer, done_on=TODAY)),
        "update_recommendation": now(
            lambda: reviews.update_recommendation(w.recommendation, by=officer, text="Changed.", executive_response="noted")
        ),
        "update_action": now(lambda: reviews.update_action(w.action, by=officer, text="Advertise the post again")),
        "update_saving_estimate": now(
            lambda: reviews.update_saving_estimate(
                w.review.saving_estimates.first(), by=officer, text="c£250k", max_amount=Decimal(250000),
                recommendations=[w.recommendation],
            )
        ),
        "update_programme": now(lambda: programmes.update_programme(w.programme, by=officer, name="Renamed")),
        "set_programme_phase_plan": now(
            lambda: programmes.set_programme_phase_plan(w.programme, by=officer, plan={w.project: {dt.date(2026, 12, 1): "I"}})
        ),
        "revise_milestone_due": now(
            lambda: programmes.revise_milestone_due(
                w.project.milestones.first(), by=officer, due_on=TODAY + dt.timedelta(days=30), reason="Building delayed"
            )
        ),
        "update_milestone": now(lambda: programmes.update_milestone(w.project.milestones.first(), by=officer, state="completed")),
        "revise_reading": now(lambda: programmes.revise_reading(
            w.indicator.readings.first(), by=officer, value=Decimal(740), reason="The published figure")),
        "update_indicator": now(lambda: programmes.update_indicator(w.indicator, by=officer, target=Decimal(800))),
        "update_budget_line": now(
            lambda: programmes.update_budget_line(w.project.budget_lines.first(), by=officer, spent=Decimal(100))
        ),
        "update_risk": now(lambda: programmes.update_risk(w.project.risks.first(), by=officer, rag="A")),
        "close_risk": now(lambda: programmes.close_risk(w.project.risks.first(), by=officer)),
        # Imports. A note to stage or discard; applying needs a paper with something in it, and each record it
        # creates is audited by its own operation (see OWN_EVENTS).
        "stage_import": now(lambda: imports.stage_import(w.org, by=officer, name="note.txt", data=b"A note.")),
        "apply_import": lambda: (lambda batch: lambda: imports.apply_import(batch, by=officer))(
            imports.stage_import(w.org, by=officer, name="plan.txt", data=PAPER)
        ),
        "discard_import": lambda: (lambda batch: lambda: imports.discard_import(batch, by=officer))(
            imports.stage_import(w.org, by=officer, name="note.txt", data=b"A note.")
        ),
        "choose_destination": lambda: (
            lambda batch: lambda: imports.choose_destination(batch, by=officer, review=w.review)
        )(imports.stage_import(w.org, by=officer, name="plan.txt", data=PAPER)),
        "drop_staged_records": lambda: (
            lambda batch: lambda: imports.drop_staged_records(batch, by=officer, recommendation_indexes=[0])
        )(imports.stage_import(w.org, by=officer, name="plan.txt", data=PAPER)),
        "correct_staged_record": lambda: (
            lambda batch: lambda: imports.correct_staged_record(
                batch, by=officer, part="recommendations", index=0, changes={"text": "Recruit more foster carers"}
            )
        )(imports.stage_import(w.org, by=officer, name="plan.txt", data=PAPER)),
        "map_columns": lambda: (
            lambda batch: lambda: imports.map_columns(
                batch, by=officer, mapping={"No": "number", "Recommendation": "text", "Lead": "ignore"}
            )
        )(imports.stage_import(w.org, by=officer, name="plan.txt", data=PAPER)),
        "confirm_status_levels": lambda: (
            lambda batch: lambda: imports.confirm_status_levels(batch, by=officer, levels={"Actioned": "1"})
        )(imports.stage_import(w.org, by=officer, name="tracker.csv", data=STATUS_PAPER)),
        # Published statistics, shared by every council: one event per file loaded.
        "load_files": now(lambda: benchmarks.load_files([("lac.csv", STATISTICS)], by=officer)),
        # API tokens and webhooks.
        "create_api_token": now(lambda: api.create_api_token(officer, by=officer, name="Power BI")),
        "revoke_api_token": lambda: (lambda token: lambda: api.revoke_api_token(token, by=officer))(
            api.create_api_token(officer, by=officer, name="Power BI")[0]
        ),
        "register_webhook": now(
            lambda: api.register_webhook(w.org, by=officer, url="https://example.org/hook", events=["round.published"])
        ),
        "remove_webhook": lambda: (lambda webhook: lambda: api.remove_webhook(webhook, by=officer))(
            api.register_webhook(w.org, by=officer, url="https://example.org/hook", events=["round.published"])[0]
        ),
        # Background work: a job whose worker died, tried again.
        "retry_job": lambda: (lambda job: lambda: jobs.retry_job(job, by=officer))(_stalled_job(w)),
    }


def _stalled_job(w):
    from cairn.imports.tasks import queue
    from cairn.jobs.models import Job

    job = queue(w.org, by=w.officer, name="plan.txt", data=PAPER)
    job.fail("Stopped.", retryable=True)
    return Job.objects.get(pk=job.pk)


def public_operations() -> set[str]:
    return {
        name
        for module in MODULES
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if fn.__module__ == module.__name__ and not name.startswith("_")
    }


def test_every_operation_is_listed_here():
    from types import SimpleNamespace

    assert set(prepared_calls(SimpleNamespace(officer=None))) == public_operations()


# Operations that work through others: the others' events are theirs, and only the events named here are counted.
OWN_EVENTS = {"apply_import": "import.", "accept_project_update": "project_update.",
              "save_updates_from_workbook": "round.updates_uploaded"}
# Operations that change many rows write one event a row: a recommendation and its step; a round and its update.
EVENTS_PER_CALL = {"add_action_plan": 2, "record_past_round": 2}


@pytest.mark.parametrize("name", sorted(public_operations()))
def test_operation_writes_exactly_one_audit_event(name, council):
    call = prepared_calls(council)[name]()
    events = AuditEvent.objects.filter(action__startswith=OWN_EVENTS[name]) if name in OWN_EVENTS else AuditEvent.objects
    before = events.count()
    call()
    assert events.count() == before + EVENTS_PER_CALL.get(name, 1)
