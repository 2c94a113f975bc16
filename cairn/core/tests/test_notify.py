"""The GOV.UK Notify back end signs its requests as Notify expects; only the network call is replaced."""

import base64
import hashlib
import hmac
import json

from django.core.mail import EmailMessage

from cairn.core import notify

SERVICE = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
KEY = f"cairn_live-{SERVICE}-{SECRET}"


def test_the_token_is_a_signed_jwt_naming_the_service():
    token = notify.notify_token(KEY, now=1700000000)
    header, claims, signature = token.split(".")
    padded = lambda part: part + "=" * (-len(part) % 4)  # noqa: E731
    assert json.loads(base64.urlsafe_b64decode(padded(claims))) == {"iss": SERVICE, "iat": 1700000000}
    expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    assert base64.urlsafe_b64decode(padded(signature)) == expected


def test_each_recipient_is_one_notify_email(monkeypatch):
    calls = []

    class Response:
        status = 201

        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

    def fake_urlopen(request, timeout):
        calls.append((request.full_url, request.headers, json.loads(request.data)))
        return Response()

    monkeypatch.setattr(notify.urllib.request, "urlopen", fake_urlopen)
    backend = notify.NotifyEmailBackend(api_key=KEY, template_id="template-1")
    sent = backend.send_messages([EmailMessage("Update needed", "Please update.", "x@example.org", ["a@example.org", "b@example.org"])])
    assert sent == 2
    assert [call[2]["email_address"] for call in calls] == ["a@example.org", "b@example.org"]
    assert calls[0][2]["personalisation"] == {"subject": "Update needed", "body": "Please update."}
    assert calls[0][1]["Authorization"].startswith("Bearer ")
    assert calls[0][0] == notify.NOTIFY_URL
