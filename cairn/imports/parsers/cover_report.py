"""The cover report before a paper's table (seed 002): its agenda item, summary, detail paragraphs and contact officer."""

import re

from cairn.lib.text import key

from .cover import agenda_number
from .document import Line, Work, where_span
from .extraction import CoverReport

SECTIONS = {
    "summary": "summary", "purpose of report": "summary", "purpose of the report": "summary",
    "detail": "detail", "details": "detail",
}
# "Name of Contact Officer: Peter Mennear", "Telephone No. 01642 528957": a label, then a colon (or the label's own
# full stop), then the value.
_CONTACT = re.compile(
    r"^(?:(?P<name>name of contact officer|contact officer|contact name)|(?P<post>post title|job title|post)"
    r"|(?P<phone>telephone no\.|telephone number|telephone|tel\.|tel|phone)|(?P<email>e-?mail address|e-?mail))"
    r"\s*(?::|(?<=\.))\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
CONTACT_FIELDS = ("name", "post", "phone", "email")


def read_cover_report(work: Work, agenda: Line | None, *, scan: bool = True) -> CoverReport | None:
    """The cover report, from the paragraphs before the paper's first table (with `scan`), marking the lines it used.

    `agenda` is the "Agenda Item" line the front of the paper had, if any. None when the paper has no cover report.
    """
    cover = CoverReport(agenda_item=agenda_number(agenda.text) if agenda else None)
    used = [agenda] if agenda else []
    mode = None
    for index, line in enumerate(work.lines if scan else []):
        if line.is_row:
            break
        if index in work.used:
            continue
        text = line.text
        contact = _CONTACT.match(text)
        field = next((name for name in CONTACT_FIELDS if contact.group(name)), None) if contact else None
        if key(text) in SECTIONS:
            mode = SECTIONS[key(text)]
        elif field and getattr(cover, f"contact_{field}") is None:
            setattr(cover, f"contact_{field}", contact.group("value").strip())
            mode = "contact"
        elif mode == "summary":
            cover.summary = f"{cover.summary}\n{text}" if cover.summary else text
        elif mode == "detail":
            cover.detail.append(text)
        else:
            continue  # not part of the cover report: the sweep keeps it in a warning
        work.use(index)
        used.append(line)
    if not used:
        return None
    cover.where = where_span(used)
    return cover
