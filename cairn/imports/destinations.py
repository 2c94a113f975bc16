"""Which review or programme a staged paper is about: one with the same title, or one Cairn suggests as close.

Two papers often name one review differently ("ACTION PLAN FOR AGREED RECOMMENDATIONS – EIT GATEWAY REVIEW OF
CHILDREN’S SOCIAL CARE" and "EIT Review of Children's Social Care"). A record with the same title (by `key`) is
joined, as it always was; a close title is only suggested, and nothing is joined until a person chooses it.
"""

import re
from dataclasses import dataclass

from cairn.lib.text import key

# Words that say what kind of paper or review it is, not what it is about.
_PHRASES = re.compile(
    r"\b(?:action plan for (?:the )?agreed recommendations|action plan|progress update|highlight report"
    r"|efficiency improvement and transformation)\b"
)
_SET_ASIDE = frozenset(
    "a an and the of for in on to into at by with from review reviews eit gateway programme programmes project "
    "projects update report".split()
)
CLOSE = 0.75  # the share of their significant words two titles must have in common to be suggested as one


def significant_words(title: str) -> frozenset[str]:
    """The words that say what a title is about: "EIT Review of Children's Social Care" -> children, social, care."""
    words = _PHRASES.sub(" ", key(title)).split()
    # Single letters are the "s" of "Children's" once the apostrophe is set aside; numbers ("Phase 2") matter.
    return frozenset(
        _singular(word) for word in words if word not in _SET_ASIDE and not (len(word) == 1 and word.isalpha())
    )


def _singular(word: str) -> str:
    # "placements" and "placement" are one word; "children", "process" and "bus" stay as they are.
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def closeness(first: str, second: str) -> float:
    """How much two titles are about the same thing: their shared significant words over all of them, 0 to 1."""
    one, other = significant_words(first), significant_words(second)
    if not one or not other:
        return 0.0
    return len(one & other) / len(one | other)


def same_title(first: str, second: str) -> bool:
    """Titles Cairn treats as one without asking: the same words, ignoring case, quotes, dashes and punctuation."""
    return key(first) == key(second)


def close_titles(first: str, second: str) -> bool:
    """Titles close enough to suggest they name one review or programme (a person still decides)."""
    return same_title(first, second) or closeness(first, second) >= CLOSE


@dataclass
class Destination:
    """Where a staged paper's review (or programme) goes: the person's choice, or one held with the paper's title."""

    kind: str  # "review" or "programme"
    title: str  # the paper's own name for it: a new one would be called this
    held: list  # the council's reviews (or programmes) the paper could join
    chosen: object | None  # the one a person chose, saved on the batch
    decided: bool  # whether a person has chosen (a new one, if `chosen` is None)
    exact: object | None  # one held with the same title: joined unless another is chosen
    close: object | None  # one held with a close title: only a suggestion

    @property
    def joins(self):
        """The held record applying adds to; None for a new one."""
        return self.chosen or self.exact

    @property
    def suggested(self):
        """What Cairn thinks the paper is about, for a person to check: the same title, or else a close one."""
        return self.exact or self.close

    @property
    def featured(self):
        """The held record offered first: the one chosen, or else the one suggested."""
        return self.chosen or self.suggested

    @property
    def selected(self):
        """The answer shown as chosen: a person's choice, or else Cairn's suggestion; None for a new one."""
        if self.decided:
            return self.joins
        return self.suggested

    @property
    def pending(self) -> bool:
        """Cairn suggests a held one with a close title that a person has neither confirmed nor turned down."""
        return not self.decided and self.exact is None and self.close is not None

    @property
    def offers_new(self) -> bool:
        """A new record is offered unless one with the paper's title is held (applying would add to that one)."""
        return self.exact is None


def destination(kind: str, title: str, held, *, chosen=None, decided: bool = False) -> Destination:
    """The choice for one staged paper, given the paper's title for its review or programme and those held."""
    held = list(held)
    name = "title" if kind == "review" else "name"
    exact = next((record for record in held if same_title(getattr(record, name), title)), None)
    near = [record for record in held if record is not exact and close_titles(getattr(record, name), title)]
    # The closest title; between equals, the newest.
    close = max(near, key=lambda record: (closeness(getattr(record, name), title), record.pk), default=None)
    return Destination(kind=kind, title=title, held=held, chosen=chosen, decided=decided, exact=exact, close=close)
