"""Access expectations for the editing pages (create and edit forms), merged into the matrix in test_tenancy.py."""

EDITING_MATRIX: dict = {}
