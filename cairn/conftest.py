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
    """`with delivered():` runs the block's after-commit work (which queues each e-mail's delivery task), then the
    delivery task of every e-mail due, as the worker would: the e-mails reach Django's test mailbox (mail.outbox).

    The task is called here rather than through `cairn db_worker`, which closes its database connections between
    tasks and so would end the test's transaction on PostgreSQL; the worker itself is run in cairn/jobs's tests and
    in test_an_email_the_mail_server_refuses_is_tried_again_and_shown_on_the_round."""
    from contextlib import contextmanager

    from django.db.models import Q
    from django.utils import timezone

    from cairn.core.mail import deliver
    from cairn.core.models import Email

    @contextmanager
    def block():
        before = Email.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        with django_capture_on_commit_callbacks(execute=True):
            yield
        # The e-mails the block kept (and queued for delivery on commit), as far as they are due.
        due = Email.objects.filter(pk__gt=before, state=Email.State.QUEUED).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
        )
        for email_id in due.order_by("pk").values_list("pk", flat=True):
            deliver.call(email_id)

    return block
