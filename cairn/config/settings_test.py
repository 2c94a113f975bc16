"""Test settings: the same settings, with fast password hashing (the test runner swaps in an in-memory mailbox)."""

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
