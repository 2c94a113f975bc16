"""Item references as councils write them ("1", "1.2", "a)", "(iii)", "R4", "SC18", "Rec 7") and which follows which."""

import re
from dataclasses import dataclass

_ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
# A reference on its own: an optional prefix of letters ("R", "SC", "Rec", "Recommendation"), then numbers joined
# by dots, or a letter or Roman numeral in brackets.
_REFERENCE = re.compile(
    r"""^\(?\s*(?:
        (?P<prefix>(?:recommendation|rec|no|ref|item|action|r|[a-z]{1,4})\.?\s?(?:\(\d{2,4}/\d{2,4}\)\s?)?)?(?P<numbers>\d{1,3}(?:\.\d{1,3}){0,3})[a-z]?
      | (?P<letter>[a-z]|[ivxlc]{1,6})
    )\s*[).:]?$""",
    re.IGNORECASE | re.VERBOSE,
)
# A reference at the start of a paragraph ("1. That the Council...", "R4 - Explore...", "(iii) Ensure...").
_LEADING = re.compile(
    r"""^(?P<ref>
        (?:(?i:recommendation|rec)\.?\s?|[A-Z]{1,3})\d{1,3}(?:\.\d{1,3}){0,3}[a-z]?(?:\)|\.(?!\d)|:|\s[–—-])?
      | \(?(?:\d{1,3}(?:\.\d{1,3}){0,3}|[a-z]|[ivxlc]{1,6})(?:\)|\.(?!\d)|:|\s[–—-])
    )\s+(?=\S)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class Reference:
    """A reference as written, and the parts that order it: ("R", (4,)) or ("(", (3,)) for "(iii)"."""

    written: str
    prefix: str
    numbers: tuple[int, ...]
    kind: str  # "number", "letter" or "roman"

    def follows(self, other: "Reference") -> bool:
        """Whether this reference could be the one after `other` ("2" after "1", "1.3" after "1.2", "2.1" after "1.4",
        "c)" after "b)")."""
        if self.prefix.lower() != other.prefix.lower():
            return False
        if self.kind != other.kind:
            # "i)" after "h)" is a letter, after nothing a Roman one: a single i, v or x may be either.
            mine_as, theirs_as = self._as(other.kind), other._as(self.kind)
            if mine_as is not None:
                return mine_as.follows(other)
            return theirs_as is not None and self.follows(theirs_as)
        mine, theirs = self.numbers, other.numbers
        if len(mine) == len(theirs) and mine[:-1] == theirs[:-1] and mine[-1] == theirs[-1] + 1:
            return True
        # A new section ("2" or "2.1" after "1.4") or a first sub-item ("1.1" after "1").
        if mine[0] == theirs[0] + 1 and all(n <= 1 for n in mine[1:]):
            return True
        return len(mine) == len(theirs) + 1 and mine[:-1] == theirs and mine[-1] <= 1

    def _as(self, kind: str) -> "Reference | None":
        letter = self.written.strip("()").lower()
        if kind == "letter" and self.kind == "roman" and len(letter) == 1:
            return Reference(self.written, "", (ord(letter) - ord("a") + 1,), "letter")
        if kind == "roman" and self.kind == "letter" and len(letter) == 1 and (value := _roman(letter)):
            return Reference(self.written, "", (value,), "roman")
        return None

    @property
    def letters(self) -> str:
        """The prefix's letters ("SR" of "SR (25/26) 01"): references sharing them belong to one list."""
        return re.sub(r"[^a-z]", "", self.prefix.lower())

    def same_list(self, other: "Reference") -> bool:
        """Whether two references are of one kind: both lettered alike ("SC18", "SC23"), or following on."""
        return bool(self.letters) and self.letters == other.letters or self.follows(other)

    @property
    def first(self) -> bool:
        """Whether it could open a list ("1", "a)", "(i)", "R1", "1.1")."""
        return self.numbers[-1] <= 1


def _roman(text: str) -> int | None:
    text = text.lower()
    if not text or not _ROMAN.match(text):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        total += -value if index + 1 < len(text) and values[text[index + 1]] > value else value
    return total


def read_reference(text: str) -> Reference | None:
    """A cell that is only a reference, read; None for anything else."""
    text = " ".join(text.split())
    if not text or len(text) > 20:
        return None
    match = _REFERENCE.match(text)
    if not match:
        return None
    written = text.strip(" .:")
    if match.group("numbers"):
        numbers = tuple(int(n) for n in match.group("numbers").split("."))
        return Reference(written, (match.group("prefix") or "").strip(" ."), numbers, "number")
    letter = match.group("letter")
    bracketed = text.startswith("(") or text.endswith(")")
    if not bracketed and not text.endswith("."):
        return None  # a bare "a" or "I" is a word, not a reference
    roman = _roman(letter)
    if roman is not None and (len(letter) > 1 or letter.lower() == "i" and text.startswith("(")):
        return Reference(written, "", (roman,), "roman")
    if len(letter) == 1:
        return Reference(written, "", (ord(letter.lower()) - ord("a") + 1,), "letter")
    return None


def split_reference(text: str) -> tuple[Reference | None, str]:
    """A paragraph's leading reference ("R4 - Explore ...") apart from its words."""
    match = _LEADING.match(text.strip())
    if not match:
        return None, text
    reference = read_reference(match.group("ref").rstrip("–—- "))
    if reference is None:
        return None, text
    return reference, text.strip()[match.end() :]
