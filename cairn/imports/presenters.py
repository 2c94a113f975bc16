"""Words about uploaded papers for the import pages: what kind of paper a file was read as, and its size."""

# The kind of paper with its article, as a sentence says it; an unknown kind has none.
KINDS = {
    "progress_update": "a progress update",
    "action_plan": "an action plan",
    "highlight_report": "a highlight report",
    "presentation": "a presentation",
}


def count(number: int, singular: str, plural: str | None = None) -> str:
    """ "no warnings", "1 warning", "3 warnings"."""
    plural = plural or f"{singular}s"
    return f"no {plural}" if number == 0 else f"{number} {singular if number == 1 else plural}"


def read_as(name: str, family: str, warnings: int) -> str:
    """What Cairn made of a newly uploaded file: "plan.txt was read as an action plan, with no warnings." """
    kind = KINDS.get(family)
    if kind is None:
        return f"{name} was read, with {count(warnings, 'warning')}, but Cairn could not tell what kind of paper it is."
    return f"{name} was read as {kind}, with {count(warnings, 'warning')}."


def file_size(size: int) -> str:
    """A file's size as a person reads it: "44 bytes", "2.5 KB", "1.3 MB"."""
    if size < 1024:
        return f"{size} byte{'s' * (size != 1)}"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def shortened(text: str, limit: int = 2000) -> str:
    """A long text cut at `limit` characters for a page, saying how much is not shown."""
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()} … ({len(text) - limit:,} more characters not shown)"
