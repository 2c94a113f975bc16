"""The colours documents print with: GOV.UK tag colours (dark text on a light fill) and strong colours for charts."""

# Tag colour name -> (fill, text), as GOV.UK Frontend's tags; each pair meets WCAG AA contrast.
TAGS: dict[str, tuple[str, str]] = {
    "blue": ("#bbd4ea", "#0c2d4a"),
    "green": ("#cce2d8", "#005a30"),
    "yellow": ("#fff7bf", "#594d00"),
    "red": ("#f4cdc6", "#2a0b06"),
    "grey": ("#e5e6e7", "#0b0c0c"),
}

# Tag colour name -> a strong fill for chart bars (outlined in black, so even yellow stands out on white).
BARS: dict[str, str] = {
    "blue": "#1d70b8",
    "green": "#00703c",
    "yellow": "#ffdd00",
    "red": "#d4351c",
    "grey": "#b1b4b6",
}

RAG_COLOURS: dict[str, str] = {"R": "red", "A": "yellow", "G": "green", "B": "blue"}

TEXT = "#0b0c0c"
SECONDARY_TEXT = "#505a5f"
BORDER = "#b1b4b6"
HEADER_FILL = "#f3f2f1"


def tag(colour: str) -> tuple[str, str]:
    """The (fill, text) pair for a tag colour name, grey for anything unknown."""
    return TAGS.get(colour, TAGS["grey"])


def rag_tag(letter: str) -> tuple[str, str]:
    return tag(RAG_COLOURS.get(letter, "grey"))
