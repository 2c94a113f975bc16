"""A paper's cover report (seed 002): agenda item, committee, meeting date, title, summary, numbered detail and the
contact officer, read from a CommitteePaper (the action plan, made live) or a round's frozen content (a progress
update, as it was published)."""

import datetime as dt
from dataclasses import dataclass

from cairn.reviews.models import CommitteePaper


@dataclass(frozen=True)
class CoverReport:
    agenda_item: str
    committee: str
    meeting_on: dt.date | None
    title: str
    summary: str
    detail: list[str]
    contact_name: str
    contact_post: str
    contact_phone: str
    contact_email: str


def cover_from_paper(paper: CommitteePaper) -> CoverReport:
    """The cover report as the paper reads now."""
    return CoverReport(
        agenda_item=paper.agenda_item,
        committee=paper.meeting.committee.name,
        meeting_on=paper.meeting.held_on,
        title=paper.title,
        summary=paper.summary,
        detail=paper.detail_paragraphs,
        contact_name=paper.contact_name,
        contact_post=paper.contact_post,
        contact_phone=paper.contact_phone,
        contact_email=paper.contact_email,
    )


def cover_from_content(content: dict, review_id: int) -> CoverReport | None:
    """A review's progress update cover report from a round's content; None where none was written (or the round was
    frozen before cover reports were kept with it)."""
    cover = next((c for c in content.get("covers", []) if c.get("review_id") == review_id), None)
    if cover is None:
        return None
    meeting_on = cover.get("meeting_on")
    return CoverReport(
        agenda_item=cover.get("agenda_item", ""),
        committee=cover.get("committee", ""),
        meeting_on=dt.date.fromisoformat(meeting_on) if meeting_on else None,
        title=cover.get("title", ""),
        summary=cover.get("summary", ""),
        detail=list(cover.get("detail", [])),
        contact_name=cover.get("contact_name", ""),
        contact_post=cover.get("contact_post", ""),
        contact_phone=cover.get("contact_phone", ""),
        contact_email=cover.get("contact_email", ""),
    )
