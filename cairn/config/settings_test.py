"""Test settings: the same settings, with fast password hashing (the test runner swaps in an in-memory mailbox)."""

import os

# Tests on PostgreSQL run without a deployment's environment: give them a key of their own (settings refuse to
# start on PostgreSQL without one).
os.environ.setdefault("CAIRN_SECRET_KEY", "cairn-tests-only-secret-key-0123456789abcdefghijklmnop")

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Pages in tests (and the browser tests' live server) link static files by their plain names, found in the apps:
# whitenoise's manifest storage needs `collectstatic` first, which `cairn serve` does and its own tests exercise.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Tests run beside others on a shared machine: a file read in a request is given time enough not to be sent to the
# background by a busy moment. Tests of the limits set them themselves.
CAIRN_IMPORT_REQUEST_SECONDS = 60
CAIRN_IMPORT_SECONDS = 120
# Tests change rows behind Cairn's back (fixtures written straight to the database, with no audit event to raise the
# records' version): figures and page content are computed afresh in tests, except in the tests of the caches
# themselves (cairn/home/tests/test_figures_cache.py, cairn/reviews/tests/test_kept_pages.py).
CACHES = {  # noqa: F405
    **CACHES,  # noqa: F405
    "figures": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
