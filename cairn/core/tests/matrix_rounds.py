"""Access expectations for the reporting-round pages, merged into the matrix in test_tenancy.py."""

ROUNDS_MATRIX: dict = {}
