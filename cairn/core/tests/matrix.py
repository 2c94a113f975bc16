"""Shared names for the access matrix (see test_tenancy.py)."""

from cairn.accounts.models import Role

ALL_ROLES = set(Role.values)
AUDITORS = {Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER}
OFFICERS = {Role.ADMINISTRATOR, Role.SCRUTINY_OFFICER}
SIGN_IN = "sign-in"  # a redirect to the sign-in page
