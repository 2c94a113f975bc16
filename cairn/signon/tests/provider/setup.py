"""Prepare the tests' provider: its tables, a signing key, its people and groups, and Cairn as a client.

usage: PROVIDER_DB=... PROVIDER_BASE=... python -m cairn.signon.tests.provider.setup REDIRECT_URI...
Run again to register more redirect URIs (the running provider reads them from its database)."""

import os
import sys

os.environ["DJANGO_SETTINGS_MODULE"] = "cairn.signon.tests.provider.settings"

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from oidc_provider.models import Client, ResponseType, RSAKey  # noqa: E402

from cairn.signon.tests.provider import CLIENT_ID, CLIENT_SECRET, PASSWORD  # noqa: E402
# username, e-mail, first name, last name, groups
PEOPLE = [
    ("officer", "sso.officer@exampleton.gov.uk", "Sana", "Okoye", ["cairn-officers"]),
    ("chief", "chief@exampleton.gov.uk", "Chidi", "Eze", ["cairn-admins", "cairn-officers"]),
    ("nogroup", "plain@exampleton.gov.uk", "Pat", "Plain", []),
    ("outsider", "someone@elsewhere.example.org", "Oli", "Outside", ["cairn-officers"]),
    ("neighbour", "neighbour@otherton.gov.uk", "Nia", "Next", ["cairn-officers"]),
    ("wrongaudience", "wrong.audience@exampleton.gov.uk", "Wes", "Wrong", ["cairn-officers"]),
    ("unverified", "unverified@exampleton.gov.uk", "Una", "Verified", ["cairn-officers"]),
]


def main(redirect_uris: list[str]) -> None:
    call_command("migrate", verbosity=0)
    if not RSAKey.objects.exists():
        call_command("creatersakey", verbosity=0)
    for username, email, first, last, groups in PEOPLE:
        user, _ = User.objects.get_or_create(username=username)
        user.email, user.first_name, user.last_name = email, first, last
        user.set_password(PASSWORD)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in groups])
    client, _ = Client.objects.get_or_create(client_id=CLIENT_ID, defaults={"name": "Cairn"})
    client.client_type = "confidential"
    client.client_secret = CLIENT_SECRET
    client.redirect_uris = sorted(set(client.redirect_uris) | set(redirect_uris))
    client.require_consent = False
    client.reuse_consent = True
    client.save()
    client.response_types.set(ResponseType.objects.filter(value="code"))


if __name__ == "__main__":
    main(sys.argv[1:])
