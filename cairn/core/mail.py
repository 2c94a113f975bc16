"""Sending Cairn's e-mails through the configured back end, and the absolute links they carry."""

from django.conf import settings
from django.core.mail import EmailMessage, mailers


def absolute(path: str) -> str:
    """A link people can follow from an e-mail: the path under the address Cairn is reached at."""
    return settings.CAIRN_BASE_URL.rstrip("/") + path


def send(messages: list[EmailMessage]) -> int:
    """Send through the configured back end (SMTP, the console in demo mode, or a test mailbox)."""
    messages = [message for message in messages if message.to and all(message.to)]
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0
