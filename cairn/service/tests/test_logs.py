"""Logs: a request id on every response and log line, JSON lines when asked, and no one-time tokens."""

import json
import logging

import pytest

from cairn.service.logs import JsonFormatter, RequestIdFilter, request_id

pytestmark = pytest.mark.django_db


def test_every_response_carries_a_request_id_and_a_proxys_is_kept(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/healthz", headers={"x-request-id": "proxy-id-12345"})["X-Request-ID"] == "proxy-id-12345"
    assert client.get("/healthz", headers={"x-request-id": "bad id\nwith a newline"})["X-Request-ID"] != "bad id"


def test_a_request_is_logged_with_its_id_and_without_its_query_string(client, caplog, settings):
    logging.getLogger("cairn.access").setLevel(logging.INFO)
    try:
        with caplog.at_level(logging.INFO, logger="cairn.access"):
            response = client.get("/account/sign-in/?next=/secret-place&password=hunter2")
    finally:
        logging.getLogger("cairn.access").setLevel(logging.WARNING)
    record = next(r for r in caplog.records if r.name == "cairn.access")
    assert record.getMessage().startswith("GET /account/sign-in/ 200 ")
    assert "hunter2" not in record.getMessage() and "secret-place" not in record.getMessage()
    assert record.request_id == response["X-Request-ID"] if hasattr(record, "request_id") else True


def format_json(message: str, *args, **extra) -> dict:
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    RequestIdFilter().filter(record)
    return json.loads(JsonFormatter().format(record))


def test_json_lines_carry_time_level_logger_message_and_request_id():
    request_id.set("abc123def456")
    line = format_json("Internal Server Error: %s", "/reviews/1/", status_code=500)
    assert line["level"] == "ERROR" and line["logger"] == "django.request" and line["status"] == 500
    assert line["message"] == "Internal Server Error: /reviews/1/" and line["request_id"] == "abc123def456"
    assert "time" in line


def test_a_set_password_token_in_an_address_is_never_logged():
    line = format_json("Not Found: %s", "/account/set-password/Mg/cz2x9k-0123456789abcdef0123456789abcdef/")
    assert "0123456789abcdef" not in json.dumps(line)
    assert line["message"] == "Not Found: /account/set-password/Mg/[token]/"


def test_the_request_object_django_attaches_to_errors_is_left_out():
    line = format_json("Internal Server Error: %s", "/x/", request="<WSGIRequest: POST '/account/sign-in/?password=x'>")
    assert "request" not in line and "password" not in json.dumps(line)
