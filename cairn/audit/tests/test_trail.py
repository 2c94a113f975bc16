"""The trail records who, what, before and after; on PostgreSQL the database refuses to change it."""

import os

import pytest
from django.db import DatabaseError, connection, transaction

from cairn.audit.models import AuditEvent
from cairn.reviews import operations as reviews


def test_a_change_records_who_before_and_after(council):
    reviews.update_review(council.review, by=council.officer, state="closed")
    event = AuditEvent.objects.for_object(council.review).first()
    assert event.action == "review.updated"
    assert event.actor == council.officer
    assert event.actor_label == council.officer.display_name
    assert event.organisation == council.org
    assert ("state", "monitoring", "closed") in event.changes


def test_the_database_is_postgresql_when_required(db):
    if os.environ.get("CAIRN_REQUIRE_POSTGRES"):
        assert connection.vendor == "postgresql"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the append-only trigger exists on PostgreSQL only")
@pytest.mark.parametrize("statement", ["UPDATE audit_auditevent SET action = 'forged'", "DELETE FROM audit_auditevent"])
def test_postgresql_refuses_to_alter_or_delete_audit_events(statement, council):
    assert AuditEvent.objects.exists()
    with pytest.raises(DatabaseError, match="audit events cannot be changed"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
