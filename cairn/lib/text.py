"""Text as it comes out of PDFs and Word: look-alike letters, ligatures, odd spaces, and keys for matching words."""

import re
import unicodedata
from functools import lru_cache

# Cyrillic and Greek capitals and small letters that print exactly like Latin ones. PDF and Word conversions swap
# them in ("Р" for P in a phase grid, "Α" for A in a RAG column).
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O",
        "Р": "P", "Ѕ": "S", "Т": "T", "Х": "X", "Ү": "Y", "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j",
        "о": "o", "р": "p", "ѕ": "s", "х": "x", "у": "y", "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w",
        # Greek
        "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
        "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o", "ν": "v",
    }
)
_LOOKALIKE_CHARS = frozenset(chr(code) for code in LOOKALIKES)

LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Spaces that are not spaces, and characters that print as nothing.
SPACES = dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " ")
INVISIBLE = dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", "")
QUOTES = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "″": '"'}
DASHES = {"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-"}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# Half of a UTF-16 pair, which a PDF's character map can give: no character at all, and no database can store it.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Money set in TeX by some converters: "$\pounds - \pounds 0$".
_TEX_POUNDS = re.compile(r"\$([^$\n]*\\pounds[^$\n]*)\$")
_WORD = re.compile(r"\w+")


def _replacer(mapping: dict[str, str]):
    """Replace the mapping's characters; a scan for them costs little when, as usual, there are none."""
    pattern = re.compile("[" + re.escape("".join(mapping)) + "]")
    return lambda text: pattern.sub(lambda match: mapping[match.group()], text)


_fix_print = _replacer(LIGATURES | SPACES | INVISIBLE)
_plain_punctuation = _replacer(QUOTES | DASHES)


def fold_lookalikes(text: str) -> str:
    """Latin letters for Cyrillic or Greek look-alikes, in words that are Latin or are a single letter."""
    if not _LOOKALIKE_CHARS.intersection(text):
        return text

    def fold(match: re.Match) -> str:
        word = match.group()
        letters = [c for c in word if c.isalpha()]
        latin = any("a" <= c.lower() <= "z" for c in letters)
        all_alike = all(c in _LOOKALIKE_CHARS for c in letters)
        return word.translate(LOOKALIKES) if latin or all_alike or len(word) == 1 else word

    return _WORD.sub(fold, text)


def _tex_money(match: re.Match) -> str:
    return match.group(1).replace("\\pounds", "£").strip()


def clean(text: str) -> str:
    """One cell or paragraph tidied as printed: odd spaces, ligatures and look-alikes fixed; line breaks kept."""
    if not text.isascii():
        text = fold_lookalikes(_fix_print(unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", text))))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\\pounds" in text:
        text = _TEX_POUNDS.sub(_tex_money, text).replace("\\pounds", "£")
    text = _CONTROL.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def flatten(text: str) -> str:
    """A cell as one paragraph: wrapped lines joined with spaces."""
    return " ".join(text.split())


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """A form of words for matching headings and names: case, quotes, dashes, '&' and punctuation ignored."""
    text = _plain_punctuation(fold_lookalikes(text)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w%£]+", " ", text).split())


def plain(text: str) -> str:
    """Curly quotes and dashes as their keyboard forms, for parsing (never for storing what was written)."""
    return _plain_punctuation(text)


def shorten(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters at a word, with an ellipsis when anything was cut."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-–") + "…"
