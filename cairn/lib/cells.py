"""Spreadsheet cells that cannot run: text a spreadsheet would read as a formula is made plain text."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Text that Excel or LibreOffice would treat as a formula (or a DDE command) if opened from CSV."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A value for a CSV cell: text starting like a formula gets a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value
