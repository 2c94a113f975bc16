"""What a PDF paper says, block by block, as plain data for the Typst layout (cairn/reports/typst/paper.typ).

Each paper is a list of blocks (headings, paragraphs, lists, tables, charts), in the order printed. The layout reads
them from a JSON file and shows every string as text: nothing here is ever written into Typst markup. The words are
decided by `presenters`, as for the Word paper, so the two cannot disagree.
"""

import re

from . import charts, presenters
from .data import ActionPlanReport, HighlightReport, ProgressUpdateReport
from .presenters import Table

LOGO_FILE = "logo"  # the masthead logo's file, beside paper.json: "logo.png" or "logo.jpg"
LOGO_SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg"}


def paper(report) -> dict:
    """The whole paper: its properties, the footer, the masthead and the blocks of its body."""
    info = report.info
    body = {ProgressUpdateReport: _progress_update, ActionPlanReport: _action_plan, HighlightReport: _highlight}
    return {
        "title": info.title,
        "author": info.organisation or "Cairn",
        "description": info.status,
        "date": [info.date.year, info.date.month, info.date.day],
        "footer": f"{info.title} · {presenters.uk_date(info.date)}",
        "masthead": _masthead(report.masthead),
        "blocks": body[type(report)](report),
    }


def logo_file(report) -> tuple[str, bytes] | None:
    """The masthead logo's file name and bytes, to be written beside paper.json (None without a logo)."""
    masthead = report.masthead
    if masthead is None or masthead.logo is None:
        return None
    return LOGO_FILE + LOGO_SUFFIXES[masthead.logo.content_type], masthead.logo.data


def _masthead(masthead) -> dict | None:
    if masthead is None:
        return None
    logo = masthead.logo
    return {
        "name": _flat(masthead.name),
        "logo": None if logo is None else {
            "file": LOGO_FILE + LOGO_SUFFIXES[logo.content_type],
            "width_mm": logo.printed_mm[0], "height_mm": logo.printed_mm[1], "alt": masthead.alt,
        },
    }


# Blocks -----------------------------------------------------------------------------------------------------------


def heading(level: int, text: str, *, page_break: bool = False) -> dict:
    return {"kind": "heading", "level": level, "text": _flat(text), "page_break": page_break}


def paragraph(*runs: str | tuple[str, bool], size: float = 10, below: float = 2) -> dict:
    """A paragraph of runs of text, each plain or (text, bold), a space between them; `below` is the space after it in
    millimetres."""
    return {
        "kind": "paragraph", "size": size, "below": below,
        "runs": [_flat(r) if isinstance(r, str) else [_flat(r[0]), r[1]] for r in runs],
    }


def bullets(items: list[str]) -> dict:
    return {"kind": "list", "items": [_flat(item) for item in items]}


def table(t: Table, *, keep: bool = False) -> dict:
    """A presenters.Table: widths in millimetres; a row that is a string is a group heading across the table."""
    rows = []
    for row in t.rows:
        if isinstance(row, str):
            rows.append(_flat(row))
            continue
        cells = [
            {"lines": [_pre_line(line) for line in c.lines], "shading": list(c.shading) if c.shading else None,
             "bold_first": c.bold_first, "centred": c.centred}
            for c in row
        ]
        rows.append({"cells": cells, "long": any(_may_be_tall(c["lines"], w) for c, w in zip(cells, t.widths))})
    return {
        "kind": "table", "caption": _flat(t.caption), "headings": [_flat(h) for h in t.headings],
        "widths": [round(w, 2) for w in t.widths], "rows": rows, "small": t.small, "keep": keep,
    }


def chart_images(pictures: list[tuple[charts.Chart, float]]) -> dict:
    """Charts side by side, each an SVG drawing (its words real text) at a width in millimetres, with alt text."""
    return {
        "kind": "charts",
        "charts": [{"svg": charts.to_svg(chart, width_mm=width), "width_mm": width, "alt": chart.description}
                   for chart, width in pictures],
    }


def group(blocks: list[dict], *, keep: bool = True, page_break: bool = False, above: float = 0) -> dict:
    """Blocks printed together: on one page where `keep`, after a page break where `page_break`."""
    return {"kind": "group", "blocks": blocks, "keep": keep, "page_break": page_break, "above_mm": above}


# Papers -----------------------------------------------------------------------------------------------------------


def _cover(report) -> list[dict]:
    """A cover report (seed 002), for an action plan or a progress update."""
    cover = report.cover
    blocks = []
    if cover.agenda_item:
        blocks.append(paragraph((f"Agenda Item {cover.agenda_item}", True)))
    blocks += [paragraph((cover.committee, True)), paragraph((presenters.long_date(cover.meeting_on), True))]
    blocks.append(heading(1, cover.title))
    if cover.summary:
        blocks += [heading(2, "Summary"), paragraph(cover.summary)]
    if cover.detail:
        blocks += [heading(2, "Detail"), *(paragraph(line) for line in cover.detail)]
    contacts = [paragraph((label, True), value) for label, value in presenters.cover_contacts(report)]
    blocks.append(group(contacts, keep=False, above=6))
    return blocks


def _changes(report) -> list[dict]:
    """What changed since the last committee: only where there was a previous published round to compare with."""
    if report.changes is None:
        return []
    blocks = [heading(2, presenters.CHANGES_HEADING), paragraph(presenters.changes_intro(report))]
    changes = presenters.changes_table(report)
    if changes:
        blocks.append(table(changes))
    return [group(blocks)]


def _progress_update(report: ProgressUpdateReport) -> list[dict]:
    """Seed 000's progress update: the eleven-column table, a key to the scale and a summary of assessments."""
    info = report.info
    if report.cover:
        blocks = [*_cover(report), heading(2, info.title, page_break=True)]
    else:
        blocks = [heading(1, info.title)]
    facts = [info.organisation, report.committee, f"Progress as at {presenters.uk_date(report.as_at)}"]
    blocks.append(paragraph(f"{' · '.join(f for f in facts if f)}. {info.status}.", below=4))
    blocks.append(table(presenters.progress_table(report)))
    key = [heading(2, "Key to the assessment scale")]
    if report.scale_name:
        key.append(paragraph(f"Progress is assessed on the scale “{report.scale_name}”."))
    key.append(table(presenters.scale_key_table(report), keep=True))
    blocks.append(group(key))
    blocks.append(group([
        heading(2, "Summary of assessments"), table(presenters.summary_table(report), keep=True),
        chart_images([(charts.assessment_chart(report.tallies), 130)]),
    ]))
    blocks += _changes(report)
    unchecked = presenters.unchecked_lines(report)
    if unchecked:
        blocks.append(group([heading(2, "Not checked before publication"), *(paragraph(line) for line in unchecked)]))
    figures = presenters.figures_table(report)
    if figures:
        blocks.append(group([heading(2, "Savings figures and the finance check"), table(figures, keep=True)]))
    return blocks


def _action_plan(report: ActionPlanReport) -> list[dict]:
    """Seed 002's action plan: the cover report (agenda item, committee, date, summary, detail, contact), then the plan."""
    if report.cover:
        blocks = [*_cover(report), heading(2, report.table_title, page_break=True)]
    else:
        blocks = [heading(1, report.table_title)]
    return [*blocks, table(presenters.action_plan_table(report))]


def _highlight(report: HighlightReport) -> list[dict]:
    """Seed 003's highlight report: the headline table and phase plan, then a section for each project."""
    facts = [f"Highlight report, {report.period}", report.board, report.info.organisation, report.info.status]
    blocks = [
        heading(1, report.programme),
        paragraph(". ".join(f for f in facts if f) + ".", below=4),
        heading(2, "Headline summary of project position"),
        table(presenters.headline_table(report), keep=True),
        *_changes(report),
    ]
    for project in report.projects:
        blocks.append(group(_project(report, project), keep=False, page_break=True))
    return blocks


def _project(report: HighlightReport, project) -> list[dict]:
    short = presenters.project_short(project)
    blocks = [heading(2, presenters.project_label(project))]
    if project.objective:
        blocks.append(paragraph((project.objective, True)))
    if project.key_elements:
        blocks += [heading(3, "Key elements"), bullets(project.key_elements)]
    blocks += [paragraph((label, True), value) for label, value in presenters.project_facts(project)]
    if project.other_resources:
        blocks += [heading(3, "Other resources"), bullets(project.other_resources)]
    blocks.append(heading(3, f"{short} – Timeline & key milestones"))
    if report.months:
        blocks.append(table(presenters.phase_grid_table(report, project), keep=True))
        blocks.append({
            "kind": "legend", "label": "Key to phases:",
            "phases": [{"letter": _flat(p.letter), "colour": p.colour, "name": _flat(p.name)} for p in report.phases],
        })
    if project.milestones:
        blocks.append(table(presenters.milestones_table(project)))
    blocks += [
        heading(3, f"{short} – Progress & risks"),
        heading(4, "Progress – key points"), bullets(project.progress_points or ["No progress reported."]),
        heading(4, "Risks – issues & barriers"), bullets(project.risks or ["None reported."]),
        heading(3, f"{short} – Impact & evaluation"),
    ]
    if project.indicators:
        blocks.append(table(presenters.indicators_table(project)))
        drawn = [(charts.indicator_chart(i), 84) for i in project.indicators if len(i.readings) >= 2]
        if drawn:
            blocks.append(chart_images(drawn))
    blocks.append(table(presenters.money_table(project), keep=True))
    if project.voice_and_feedback:
        blocks += [heading(4, "Voice & feedback"), paragraph(project.voice_and_feedback)]
    return blocks


def _may_be_tall(lines: list[str], width_mm: float) -> bool:
    """Whether a cell's text might fill most of a page's height (generously: the layout measures those that might)."""
    characters_a_line = max(width_mm / 1.1, 1)  # narrower than Liberation Sans's average letter at 8 pt
    printed = sum(1 + len(line) / characters_a_line + line.count("\n") for line in lines)
    return printed * 3.4 > 100  # 3.4 mm a line; a page has some 175 mm for rows


# Text -------------------------------------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\f\v\r]+")


def _flat(text) -> str:
    """Text outside a table cell: runs of white space, line breaks too, as one space (as a browser prints it)."""
    return " ".join(str(text or "").split())


def _pre_line(text) -> str:
    """Text in a table cell: line breaks typed or pasted in are kept (a numbered list, a pasted table), spaces run
    together."""
    lines = str(text or "").replace("\r\n", "\n").split("\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in lines).strip("\n")
