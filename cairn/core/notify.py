"""An e-mail back end that sends through GOV.UK Notify, as many councils do.

Set CAIRN_EMAIL_BACKEND=cairn.core.notify.NotifyEmailBackend, CAIRN_NOTIFY_API_KEY (the key Notify gives,
"name-serviceid-secret") and CAIRN_NOTIFY_TEMPLATE_ID: a Notify e-mail template whose subject is ((subject)) and
whose body is ((body)). Each message goes to each recipient as one Notify e-mail.
"""

import base64
import hashlib
import hmac
import json
import time
import urllib.request

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

NOTIFY_URL = "https://api.notifications.service.gov.uk/v2/notifications/email"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def notify_token(api_key: str, now: float | None = None) -> str:
    """The short-lived JSON Web Token (HS256) Notify expects, from the service id and secret inside the API key."""
    service_id, secret = api_key[-73:-37], api_key[-36:]
    header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    claims = _b64(json.dumps({"iss": service_id, "iat": int(now if now is not None else time.time())}).encode())
    signature = hmac.new(secret.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{_b64(signature)}"


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, api_key: str | None = None, template_id: str | None = None, url: str = NOTIFY_URL, **kwargs):
        super().__init__(**kwargs)
        self.api_key = api_key or settings.CAIRN_NOTIFY_API_KEY
        self.template_id = template_id or settings.CAIRN_NOTIFY_TEMPLATE_ID
        self.url = url

    def send_messages(self, email_messages) -> int:
        sent = 0
        for message in email_messages:
            for recipient in message.recipients():
                body = json.dumps({
                    "email_address": recipient,
                    "template_id": self.template_id,
                    "personalisation": {"subject": message.subject, "body": message.body},
                }).encode()
                request = urllib.request.Request(self.url, data=body, method="POST", headers={
                    "Authorization": f"Bearer {notify_token(self.api_key)}",
                    "Content-Type": "application/json",
                    "User-Agent": "cairn",
                })
                try:
                    with urllib.request.urlopen(request, timeout=10) as response:
                        if response.status in (200, 201):
                            sent += 1
                except OSError:
                    if not self.fail_silently:
                        raise
        return sent
