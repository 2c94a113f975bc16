"""Status words as councils write them ("Actioned", "Pending", "Green: achieved") and what they mean on a scale.

The meanings are those of an assessment level (`complete`, `on_track`, `slipped`, `not_achieved`); the words stay
as written beside them, and a person confirms the meaning before it is used.
"""

import re

from cairn.lib.text import key

# Words (as matching keys) -> meaning. Longest phrase first wins, so "not achieved" is not "achieved".
MEANINGS: dict[str, str] = {
    # done
    "completed": "complete", "complete": "complete", "achieved": "complete", "fully achieved": "complete",
    "actioned": "complete", "implemented": "complete", "fully implemented": "complete", "done": "complete",
    "closed": "complete", "delivered": "complete", "green achieved": "complete", "blue": "complete",
    "finished": "complete", "resolved": "complete", "met": "complete", "signed off": "complete",
    # under way
    "on track": "on_track", "in progress": "on_track", "ongoing": "on_track", "on going": "on_track",
    "partially achieved": "on_track", "partly achieved": "on_track", "partially implemented": "on_track",
    "partially complete": "on_track", "underway": "on_track", "under way": "on_track", "green": "on_track",
    "started": "on_track", "progressing": "on_track", "amber green": "on_track", "in hand": "on_track",
    "pending": "on_track", "open": "on_track", "not yet due": "on_track", "planned": "on_track",
    # late
    "slipped": "slipped", "delayed": "slipped", "behind schedule": "slipped", "off track": "slipped",
    "amber": "slipped", "overdue": "slipped", "at risk": "slipped", "to be renegotiated": "slipped",
    "red amber": "slipped", "revised timescale": "slipped", "not started": "slipped",
    # will not happen
    "not achieved": "not_achieved", "not implemented": "not_achieved", "red": "not_achieved",
    "rejected": "not_achieved", "not agreed": "not_achieved", "not accepted": "not_achieved",
    "withdrawn": "not_achieved", "cancelled": "not_achieved", "superseded": "not_achieved",
    "no longer applicable": "not_achieved", "unable to proceed": "not_achieved",
}
_LONGEST = sorted(MEANINGS, key=len, reverse=True)


def meaning_of(text: str | None) -> str | None:
    """The meaning of a status as written: its leading words matched against the vocabulary ("Green: achieved" is
    complete, "Amber - some delay" slipped), or None when the words are not a status Cairn knows."""
    if not text:
        return None
    words = key(text)
    for phrase in _LONGEST:
        if words == phrase or words.startswith(phrase + " "):
            return MEANINGS[phrase]
    return None


def is_status(text: str) -> bool:
    """A cell that is a status and little else ("Completed", "In progress - see update"): at most six words."""
    return len(text.split()) <= 6 and meaning_of(text) is not None and not re.search(r"\d{4}", text)
