"""API clients: a bearer token per persona, made through the real operation."""

import pytest
from django.test import Client

from cairn.accounts.models import Role
from cairn.api.operations import create_api_token


def bearer(user) -> dict:
    """Headers for a request made with a fresh token of `user`."""
    _, key = create_api_token(user, by=user, name="Tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


class ApiClient:
    """A client that sends one person's token and JSON bodies."""

    def __init__(self, user):
        self.client = Client()
        self.headers = bearer(user)
        self.user = user

    def get(self, path, **query):
        return self.client.get(path, query, **self.headers)

    def send(self, method, path, body=None):
        return getattr(self.client, method)(path, body, content_type="application/json", **self.headers)


@pytest.fixture
def api_as(council):
    """`api_as(Role.LEAD_OFFICER)` (or a user): a client with that person's token."""
    return lambda who: ApiClient(council.users[who] if isinstance(who, str) else who)


@pytest.fixture
def officer_api(council):
    return ApiClient(council.users[Role.SCRUTINY_OFFICER])


@pytest.fixture
def other_api(council, other_council):
    return ApiClient(other_council.users[Role.ADMINISTRATOR])
