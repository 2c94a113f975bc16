"""The real-browser fixtures, shared with the core tests."""

from cairn.core.tests.conftest import browser, page, served_council  # noqa: F401
from cairn.core.tests.test_accessibility import axe_options  # noqa: F401
