"""Fixtures shared by every app's tests: two councils, and a signed-in client per role."""

import os

import pytest

from cairn.accounts.models import Role
from cairn.core.testing import build_council


def pytest_configure(config):
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def council(db):
    return build_council("exampleton", "Exampleton Borough Council")


@pytest.fixture
def other_council(db):
    return build_council("otherton", "Otherton District Council")


def _client_for(client, user):
    # Each persona gets a browser of its own, so a test can have several people signed in at once.
    from django.test import Client

    own = Client()
    own.force_login(user)
    return own


@pytest.fixture
def officer_client(client, council):
    return _client_for(client, council.users[Role.SCRUTINY_OFFICER])


@pytest.fixture
def lead_client(client, council):
    return _client_for(client, council.users[Role.LEAD_OFFICER])


@pytest.fixture
def finance_client(client, council):
    return _client_for(client, council.users[Role.FINANCE_MANAGER])


@pytest.fixture
def councillor_client(client, council):
    return _client_for(client, council.users[Role.COUNCILLOR])


@pytest.fixture
def admin_client(client, council):
    return _client_for(client, council.users[Role.ADMINISTRATOR])


@pytest.fixture
def other_council_client(client, council, other_council):
    """A signed-in administrator of another council, with that council's own data beside ours."""
    return _client_for(client, other_council.users[Role.ADMINISTRATOR])


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """`with delivered():` runs the block's after-commit work, then the background worker, as production would: the
    e-mails it caused reach Django's test mailbox (mail.outbox) through the outbox and the worker."""
    from contextlib import contextmanager

    from cairn.jobs.testing import run_queued_jobs

    @contextmanager
    def block():
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_queued_jobs()

    return block
