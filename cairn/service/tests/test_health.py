"""GET /healthz: no sign-in, the database and the worker's heartbeat, 503 when the database cannot be reached."""

import datetime as dt

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from cairn.jobs.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_needs_no_sign_in_and_says_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"status": "ok", "database": "ok", "worker": {"last_heartbeat": None, "seconds_ago": None}}


def test_healthz_reports_the_workers_last_heartbeat_and_nothing_else(client):
    beat = timezone.now() - dt.timedelta(seconds=42)
    WorkerHeartbeat.objects.create(worker_id="secret-worker-id", started_at=beat, beat_at=beat)
    body = client.get("/healthz").json()
    assert body["worker"]["last_heartbeat"] == beat.isoformat()
    assert 41 <= body["worker"]["seconds_ago"] <= 60
    assert "secret-worker-id" not in str(body)


def test_healthz_answers_before_the_https_redirect_and_for_any_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", headers={"host": "10.0.0.7"}).status_code == 200


def test_healthz_answers_503_when_the_database_cannot_be_reached(client):
    def unreachable(execute, sql, params, many, context):
        raise OperationalError("could not connect to server: Connection refused")

    with connection.execute_wrapper(unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_postgresql_is_not_there(client):
    """On PostgreSQL, a real connection to a port nothing listens on: refused at once, answered with a 503."""
    if connection.vendor != "postgresql":
        pytest.skip("a real refused connection needs a database server")
    connection.close()
    port = connection.settings_dict["PORT"]
    connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port
    assert response.status_code == 503 and response.json()["database"] == "unreachable"
    assert client.get("/healthz").status_code == 200  # and back once it is
