"""What was published stays as it was: checked when it is served or a paper is made from it, by `cairn verify`, and
(on PostgreSQL) guarded by the database itself."""

import logging
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from cairn.accounts import operations as accounts
from cairn.audit.models import AuditEvent
from cairn.reviews.fingerprints import fingerprint
from cairn.reviews.models import ReportingRound

pytestmark = pytest.mark.django_db


@contextmanager
def triggers_lifted(table: str):
    """As someone with the owner's rights could, behind Cairn's back (the test's transaction puts it back)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: ALTER TABLE refuses to run with them
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    yield
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def rewrite_in_sql(round_: ReportingRound) -> None:
    content = dict(round_.published_content)
    content["items"] = [dict(item, evidence="Rewritten after publication") for item in content["items"]]
    with triggers_lifted("reviews_reportinground"):
        ReportingRound.objects.filter(pk=round_.pk).update(published_content=content)


@pytest.fixture
def public_council(council):
    accounts.update_organisation(council.org, by=None, public_pages_enabled=True, open_data_consent=True)
    return council


def test_publishing_fingerprints_the_frozen_content(council):
    round_ = council.published_round
    assert round_.content_hash == fingerprint(round_.published_content)


@pytest.mark.parametrize("name", ["public:round", "public:round_csv", "public:round_json"])
def test_public_pages_refuse_a_round_rewritten_behind_cairns_back(client, public_council, name, caplog):
    round_ = public_council.published_round
    url = reverse(name, args=[public_council.org.slug, round_.pk])
    assert client.get(url).status_code == 200
    rewrite_in_sql(round_)
    with caplog.at_level(logging.ERROR, logger="cairn.integrity"):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 500
    assert "This round cannot be shown" in page and "does not match the fingerprint" in page
    assert "Rewritten after publication" not in page
    assert f"Published round {round_.pk}" in caplog.text and round_.content_hash in caplog.text


def test_the_round_page_refuses_a_round_rewritten_behind_cairns_back(officer_client, council):
    url = reverse("rounds:round_detail", args=[council.published_round.pk])
    assert officer_client.get(url).status_code == 200
    rewrite_in_sql(council.published_round)
    response = officer_client.get(url)
    assert response.status_code == 500 and "does not match the fingerprint" in response.content.decode()


def test_no_paper_is_made_from_a_round_rewritten_behind_cairns_back(officer_client, council):
    url = reverse("reports:download", args=["progress-update", council.review.pk])
    query = {"format": "docx", "round": council.published_round.pk}
    assert officer_client.get(url, query).status_code == 200
    rewrite_in_sql(council.published_round)
    response = officer_client.get(url, query)
    assert response.status_code == 400 and "does not match the fingerprint" in response.content.decode()
    with pytest.raises(CommandError, match="does not match the fingerprint"):
        call_command("report", "progress-update", str(council.review.pk), "--format", "docx", "--output", "/tmp/x.docx",
                     "--organisation", council.org.slug, "--round", str(council.published_round.pk))


def test_verify_passes_a_council_as_published(council, capsys):
    call_command("verify")
    out = capsys.readouterr().out
    assert "Checked 1 published round:" in out and "Everything matches." in out
    assert f"Checked {AuditEvent.objects.count()} audit events" in out


def test_verify_names_a_round_whose_content_was_rewritten_and_exits_non_zero(council, capsys):
    rewrite_in_sql(council.published_round)
    with pytest.raises(CommandError, match="1 problem found"):
        call_command("verify")
    err = capsys.readouterr().err
    assert f"round {council.published_round.pk} “{council.published_round.title}”" in err
    assert "does not match its fingerprint" in err


def test_verify_names_an_audit_event_changed_behind_cairns_back(council, capsys):
    event = AuditEvent.objects.filter(action="round.published").get()
    with triggers_lifted("audit_auditevent"):
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="Someone else")
    with pytest.raises(CommandError):
        call_command("verify")
    assert f"audit event {event.pk} (" in capsys.readouterr().err


def test_every_audit_event_is_sealed_under_the_secret_key(council, settings):
    event = AuditEvent.objects.first()
    assert event.seal and event.seal_holds()
    settings.SECRET_KEY = "another-key-entirely-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert not event.seal_holds()
    settings.SECRET_KEY_FALLBACKS = ["cairn-tests-only-secret-key-0123456789abcdefghijklmnop"]
    assert event.seal_holds()  # a key that was replaced still verifies what it sealed


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_to_change_or_delete_a_published_rounds_frozen_content(council):
    round_ = council.published_round
    for sql in [
        "UPDATE reviews_reportinground SET published_content = '{\"forged\": true}' WHERE id = %s",
        "UPDATE reviews_reportinground SET content_hash = repeat('0', 64) WHERE id = %s",
        "UPDATE reviews_reportinground SET state = 'collecting' WHERE id = %s",
        "DELETE FROM reviews_reportinground WHERE id = %s",
    ]:
        with pytest.raises(DatabaseError, match="published round"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [round_.pk])
    # A round still collecting is the officers' to change.
    ReportingRound.objects.filter(pk=council.collecting_round.pk).update(title="Renamed")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_verify_names_a_guard_that_was_disabled(council, capsys):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
    with pytest.raises(CommandError):
        call_command("verify")
    assert "audit_auditevent_append_only on audit_auditevent has been disabled" in capsys.readouterr().err
