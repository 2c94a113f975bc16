"""A published round's fingerprint: the SHA-256 of its frozen content, checked whenever that content is used.

Content rewritten behind Cairn's back (in SQL, from a restored file) is refused, loudly: the person sees that the
round cannot be shown, the log says which round, and `cairn verify` names it too.
"""

import hashlib
import json
import logging

from .models import ReportingRound

logger = logging.getLogger("cairn.integrity")


class TamperedRound(Exception):
    """A published round whose stored content does not match its fingerprint."""

    def __init__(self, round_: ReportingRound):
        self.round = round_
        super().__init__(
            f"Round {round_.pk} “{round_.title}” does not match the fingerprint it was published with: what is "
            "stored is not what was published, so Cairn will not show it or make a paper from it. Tell your "
            "administrator, who can check every round with `cairn verify`."
        )


def fingerprint(content: dict) -> str:
    """SHA-256 of the content as canonical JSON (sorted keys, no spaces, UTF-8), as `publish_round` freezes it."""
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def matches(round_: ReportingRound) -> bool:
    return round_.published_content is not None and bool(round_.content_hash) and (
        fingerprint(round_.published_content) == round_.content_hash
    )


def frozen_content(round_: ReportingRound) -> dict:
    """A published round's content, once its fingerprint has been checked; TamperedRound (logged) if it does not
    match."""
    if not matches(round_):
        logger.error(
            "Published round %s (organisation %s) does not match its fingerprint %s: refused.",
            round_.pk, round_.organisation_id, round_.content_hash or "(none)",
        )
        raise TamperedRound(round_)
    return round_.published_content
