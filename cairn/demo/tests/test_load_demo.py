"""load-demo builds two complete, separate councils through the operations, once, and with current dates."""

import datetime as dt
import hashlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cairn.accounts.models import Organisation, Role, User
from cairn.accounts.operations import create_organisation, create_user
from cairn.benchmarks.figures import find_la, series
from cairn.benchmarks.shared import dfe_files
from cairn.audit.models import AuditEvent
from cairn.core.models import TenantModel
from cairn.demo.data import COUNCILS, load_council
from cairn.programmes.models import Indicator, Project, ProjectUpdate
from cairn.reviews.models import Action, ProgressUpdate, ReportingRound, Review

EXPECTED_ROLES = {
    "admin": {Role.ADMINISTRATOR},
    "officer": {Role.SCRUTINY_OFFICER},
    "lead": {Role.LEAD_OFFICER},
    "finance": {Role.FINANCE_MANAGER},
    "pm": {Role.PROGRAMME_MANAGER},
    "councillor": {Role.COUNCILLOR},
    "other": {Role.ADMINISTRATOR},
}


def load_demo() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("load_demo", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label != "sessions"
    }


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for the class in demo mode, and rolled back afterwards."""
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.usefixtures("loaded")
class TestLoadedDemo:
    def test_both_councils_are_loaded(self, loaded):
        out, _ = loaded
        assert set(Organisation.objects.values_list("slug", flat=True)) == {"exampleton", "otherton"}
        assert "Exampleton Borough Council: loaded." in out
        assert "Created 2 councils" in out

    def test_users_have_their_roles_and_the_demo_password(self):
        for username, roles in EXPECTED_ROLES.items():
            user = User.objects.get(username=username)
            assert user.roles == roles
            assert user.check_password("demo")
            assert user.email.endswith(".example.org")
        assert User.objects.get(username="other").organisation.slug == "otherton"

    def test_exampleton_has_at_least_three_kinds_of_review(self):
        kinds = set(Review.objects.filter(organisation__slug="exampleton").values_list("kind", flat=True))
        assert len(kinds) >= 3

    def test_a_review_has_two_published_rounds_and_one_collecting(self):
        def rounds(review, state):
            return (
                ReportingRound.objects.filter(updates__recommendation__review=review, state=state)
                .distinct()
                .count()
            )

        assert any(
            rounds(review, ReportingRound.State.PUBLISHED) == 2
            and rounds(review, ReportingRound.State.COLLECTING) == 1
            for review in Review.objects.filter(organisation__slug="exampleton")
        )

    def test_the_collecting_round_has_updates_at_every_stage(self):
        states = set(
            ProgressUpdate.objects.filter(
                organisation__slug="exampleton", round__state=ReportingRound.State.COLLECTING
            ).values_list("state", flat=True)
        )
        assert {
            ProgressUpdate.State.ASKED,
            ProgressUpdate.State.DRAFT,
            ProgressUpdate.State.SUBMITTED,
        } <= states

    def test_the_collecting_review_rounds_are_due_soon_and_some_steps_are_overdue(self):
        today = timezone.localdate()
        collecting = ReportingRound.objects.filter(
            kind=ReportingRound.Kind.REVIEW, state=ReportingRound.State.COLLECTING
        )
        assert collecting.exists()
        for round_ in collecting:
            assert today < round_.deadline_on <= today + dt.timedelta(days=21)
        assert (
            Action.objects.for_organisation(Organisation.objects.get(slug="exampleton"))
            .overdue(today)
            .exists()
        )

    def test_published_rounds_keep_what_was_published_with_its_hash(self):
        published = ReportingRound.objects.filter(state=ReportingRound.State.PUBLISHED)
        assert published.count() >= 3
        for round_ in published:
            encoded = json.dumps(
                round_.published_content, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            assert round_.content_hash == hashlib.sha256(encoded.encode()).hexdigest()

    def test_submitted_and_accepted_updates_meet_the_assessment_rules(self):
        updates = ProgressUpdate.objects.filter(
            state__in=[ProgressUpdate.State.SUBMITTED, ProgressUpdate.State.ACCEPTED]
        ).select_related("level")
        assert updates.count() > 10
        meanings = set()
        for update in updates:
            update.full_clean()
            meanings.add(update.level.meaning)
        assert meanings == {"complete", "on_track", "slipped", "not_achieved"}

    def test_the_lead_officer_has_items_of_their_own(self):
        lead = User.objects.get(username="lead")
        assert lead.led_recommendations.count() >= 3
        assert lead.led_actions.count() >= 3
        assert User.objects.get(username="finance").financed_recommendations.exists()

    def test_the_programme_has_seven_projects_with_plans_measures_and_reports(self):
        this_month = timezone.localdate().replace(day=1)
        projects = Project.objects.filter(organisation__slug="exampleton")
        assert projects.count() == 7
        for project in projects:
            assert project.phase_plan.filter(month=this_month).exists()
            assert project.milestones.exists()
            assert project.indicators.exists()
            assert project.risks.exists()
        rounds = ReportingRound.objects.filter(kind=ReportingRound.Kind.PROGRAMME)
        assert rounds.count() >= 2
        for round_ in rounds:
            assert ProjectUpdate.objects.filter(round=round_).count() == 7
        published = rounds.get(state=ReportingRound.State.PUBLISHED)
        assert len(published.published_content["projects"]) == 7
        assert all(item["rag"] for item in published.published_content["projects"])

    def test_some_milestones_have_slipped_and_their_projects_rag_follows_the_reports(self):
        from cairn.programmes.models import Milestone
        from cairn.programmes.presenters import slippage

        revised = Milestone.objects.filter(organisation__slug="exampleton", revisions__isnull=False).distinct()
        assert revised.count() >= 3
        assert any(slippage(milestone).endswith("revised twice") for milestone in revised)
        assert all(milestone.current_due_on > milestone.due_on for milestone in revised)
        assert Milestone.objects.filter(organisation__slug="exampleton", completed_on__isnull=False).exists()
        published = ReportingRound.objects.get(kind=ReportingRound.Kind.PROGRAMME, state=ReportingRound.State.PUBLISHED)
        for report in published.project_updates.select_related("project"):
            assert report.project.rag == report.rag

    def test_every_project_indicator_has_two_years_of_monthly_readings(self):
        indicators = Indicator.objects.filter(projects__isnull=False).distinct()
        assert indicators.count() >= 7
        for indicator in indicators:
            assert indicator.readings.count() >= 24
            assert indicator.readings.exclude(rag="").count() == indicator.readings.count()

    def test_no_record_points_at_another_councils_records(self):
        for model in apps.get_models():
            if not issubclass(model, TenantModel):
                continue
            for field in model._meta.get_fields():
                related = field.related_model
                if field.name == "organisation" or related is None or not field.concrete:
                    continue
                if not any(f.name == "organisation" for f in related._meta.get_fields()):
                    continue
                for obj in model.objects.all():
                    targets = (
                        getattr(obj, field.name).all() if field.many_to_many else [getattr(obj, field.name)]
                    )
                    for target in targets:
                        assert target is None or target.organisation_id == obj.organisation_id, (
                            model,
                            field.name,
                        )

    def test_the_loader_acts_as_the_system(self):
        assert AuditEvent.objects.exists()
        assert not AuditEvent.objects.filter(actor__isnull=False).exists()

    def test_exampleton_indicators_are_linked_to_dfe_measures_for_a_real_la(self, loaded):
        if not dfe_files():
            pytest.skip("the DfE files are read from ../shared/data/dfe, which is not here")
        assert "DfE statistics:" in loaded[0] and "indicators linked to DfE measures for LA 808" in loaded[0]
        linked = {i.name: (i.benchmark.name, i.benchmark_la)
                  for i in Indicator.objects.filter(benchmark__isnull=False).select_related("benchmark")}
        assert linked["Re-referrals within 12 months (%)"] == ("rereferral_percent", "808")
        assert linked["Assessments completed within 45 working days (%)"] == ("Continue_Assess_Comp", "808")
        indicator = Indicator.objects.get(name="Re-referrals within 12 months (%)")
        latest = series(indicator.benchmark, find_la("808"))["years"][-1]
        assert (latest["year"], latest["la"], latest["england"]) == ("2025", 28.8, 22.6)  # README section 5

    def test_loading_again_creates_nothing(self):
        before = row_counts()
        out, _ = load_demo()
        assert row_counts() == before
        assert "Exampleton Borough Council: already loaded." in out
        assert "Otherton District Council: already loaded." in out


@pytest.mark.django_db
@override_settings(DEMO_MODE=False)
def test_without_demo_mode_users_cannot_sign_in_until_a_password_is_set(tmp_path):
    # Only Otherton is loaded (Exampleton's slug is taken), without the DfE files, which keeps this test fast.
    create_organisation(by=None, name="Exampleton Borough Council", slug="exampleton")
    with override_settings(BASE_DIR=tmp_path / "main"):
        out, err = load_demo()
    assert "Exampleton Borough Council: already loaded." in out
    assert not User.objects.get(username="other").has_usable_password()
    assert "cairn changepassword USER" in err


@pytest.mark.django_db
def test_without_the_dfe_folder_the_demo_says_so_and_links_nothing(tmp_path):
    create_organisation(by=None, name="Exampleton Borough Council", slug="exampleton")
    with override_settings(BASE_DIR=tmp_path / "main"):
        out, _ = load_demo()
    assert f"DfE statistics: not loaded, no files in {tmp_path / 'shared' / 'data' / 'dfe'}" in out
    assert not Indicator.objects.filter(benchmark__isnull=False).exists()


@pytest.mark.django_db
def test_a_username_already_in_use_stops_the_load_before_anything_is_created():
    create_user(None, by=None, username="admin")
    with pytest.raises(CommandError, match="already in use: admin"):
        load_demo()
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_the_demo_loads_on_the_first_day_of_a_financial_year():
    today = dt.date(2027, 4, 1)
    for council in COUNCILS:
        load_council(council, today=today, password=None)
    # Four review rounds and one programme round.
    assert ReportingRound.objects.filter(state=ReportingRound.State.PUBLISHED).count() == 5
    assert ReportingRound.objects.get(title__contains="gateway").deadline_on == dt.date(2027, 4, 15)
